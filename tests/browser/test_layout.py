"""Do the learner-facing pages look right at 1280x800, not only load?

Every released module is opened in JupyterLab with every answer cell filled in (the
source's solutions, so Run All reaches the end and every output, widget and feedback
block is shown), then run. Checked: readable headings, no raw tracebacks or stderr, no
widget-rendering errors, no output or widget wider than its output area (nor clipped).
Screenshots: ``artifacts/browser/layout/``.
"""

from __future__ import annotations

import journey as act
import labdriver as lab
import pytest

pytestmark = pytest.mark.browser

#: The layout workspace gets the solutions in every answer cell (see conftest.lab_server).
SOLVED_MODULES = ("*",)
TOLERANCE = 2  # px, rounding
PAGES = [lab.module_notebook(m) for m in lab.released_modules()] or ["(no released module)"]

MEASURE = """
([sel, tol]) => {
    const nb = [...document.querySelectorAll(sel)].pop();
    const name = el => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
        ? '.' + el.className.trim().split(/\\s+/).slice(0, 3).join('.') : '');
    const overflow = [];
    const outputs = [...nb.querySelectorAll('.jp-OutputArea-output')];
    outputs.forEach((out, i) => {
        const box = out.getBoundingClientRect();
        if (out.scrollWidth > out.clientWidth + tol)
            overflow.push(`output ${i} scrolls sideways (${out.scrollWidth} > ${out.clientWidth} px)`);
        for (const el of out.querySelectorAll('*')) {
            if (el.closest('.jp-OutputArea-output') !== out) continue;
            const style = getComputedStyle(el);
            let scroller = el.parentElement, inScroller = false;
            while (scroller && scroller !== out) {
                const ox = getComputedStyle(scroller).overflowX;
                if (ox === 'auto' || ox === 'scroll') { inScroller = true; break; }
                scroller = scroller.parentElement;
            }
            if (inScroller || style.display === 'none' || style.visibility === 'hidden') continue;
            const r = el.getBoundingClientRect();
            if (r.width > 0 && r.right > box.right + tol) {
                overflow.push(`output ${i}: ${name(el)} sticks out by ${Math.round(r.right - box.right)} px`);
                break;
            }
            if (style.overflowX === 'hidden' && el.scrollWidth > el.clientWidth + tol
                    && el.matches('.jupyter-widgets, .widget-box, .widget-html, .widget-html-content')) {
                // clipped only if something drawn inside (not just a margin) passes the inner edge
                const inner = r.left + el.clientLeft + el.clientWidth;
                const cut = [...el.querySelectorAll('*')].find(d => {
                    const dr = d.getBoundingClientRect();
                    return dr.width > 0 && dr.right > inner + tol;
                });
                if (cut) {
                    const px = Math.round(cut.getBoundingClientRect().right - inner);
                    overflow.push(`output ${i}: ${name(el)} cuts off ${px} px of ${name(cut)}`);
                    break;
                }
            }
        }
    });
    const texts = outputs.map(o => o.textContent);
    const bad = /Error displaying widget|Loading widget\\.\\.\\.|Model not found|\\[object Object\\]/;
    const broken = texts.filter(t => bad.test(t)).map(t => t.slice(0, 200));
    const rgb = c => (c.match(/[\\d.]+/g) || [0, 0, 0]).slice(0, 3).map(Number);
    const lum = c => {
        const [r, g, b] = rgb(c).map(v => {
            v /= 255;
            return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const background = el => {
        for (let e = el; e; e = e.parentElement) {
            const c = getComputedStyle(e).backgroundColor;
            if (c && !/rgba\\(.*,\\s*0\\)$/.test(c) && c !== 'transparent') return c;
        }
        return 'rgb(255, 255, 255)';
    };
    const titles = nb.querySelectorAll('.jp-MarkdownCell .jp-RenderedMarkdown :is(h1, h2, h3)');
    const headings = [...titles].map(h => {
        const s = getComputedStyle(h);
        const [l1, l2] = [lum(s.color), lum(background(h))].sort((a, b) => b - a);
        return {tag: h.tagName.toLowerCase(), text: h.textContent.trim().slice(0, 80),
                size: parseFloat(s.fontSize), contrast: (l1 + 0.05) / (l2 + 0.05),
                clipped: h.scrollWidth > h.clientWidth + tol};
    });
    return {overflow, broken, headings, outputs: outputs.length};
}
"""


@pytest.fixture(scope="module")
def layout_page(playwright, lab_server, tmp_path_factory):
    context = lab.launch(playwright, tmp_path_factory.mktemp("layout") / "chromium-profile")
    page = context.pages[0] if context.pages else context.new_page()
    page.goto(lab_server.url("lab?reset"))
    lab.wait_lab_ready(page)
    yield page
    context.close()


@pytest.fixture(scope="module")
def shots():
    return lab.Screenshots("layout")


@pytest.mark.parametrize("notebook", [*PAGES, "progress.ipynb"])
def test_page_looks_right(notebook, layout_page, shots):
    if notebook.startswith("("):
        pytest.skip(f"no released modules in {lab.RELEASE} (run `make release`)")
    page = layout_page
    stem = notebook.split("/")[0].removesuffix(".ipynb")
    if page.locator(lab.NOTEBOOK).count():
        act.close_all_tabs(page)
    lab.open_notebook(page, notebook)
    assert lab.popups(page) == [], f"pop-up on opening {notebook}: {lab.popups(page)}"
    lab.show(page, lab.active_notebook(page).locator(".jp-Cell").first)
    shots(page, f"{stem}-top")
    lab.run_all(page)

    unanswered = [c["lines"][:80] for c in act.code_cells(page) if act.is_stub(c)]
    assert not unanswered, f"answer cells without a solution to fill in: {unanswered}"
    errors = act.raw_errors(page, allow_stubs=False)
    assert errors == [], "raw tracebacks / stderr shown to the learner:\n" + "\n".join(errors)
    prompts = [c["prompt"] for c in act.code_cells(page)]
    assert all(any(ch.isdigit() for ch in p) for p in prompts), f"cells that did not run: {prompts}"

    found = page.evaluate(MEASURE, [lab.NOTEBOOK, TOLERANCE])
    assert found["broken"] == [], f"widgets that failed to render: {found['broken']}"
    assert found["overflow"] == [], "outputs wider than the notebook at 1280x800:\n" + "\n".join(
        found["overflow"]
    )
    headings = found["headings"]
    assert headings and headings[0]["tag"] == "h1", (
        f"{notebook} does not open with a H1 title: {headings[:1]}"
    )
    for h in headings:
        minimum = {"h1": 20, "h2": 17, "h3": 15}[h["tag"]]
        assert h["size"] >= minimum, f"{h['tag']} {h['text']!r} is {h['size']} px (< {minimum})"
        assert h["contrast"] >= 4.5, f"{h['tag']} {h['text']!r} has contrast {h['contrast']:.1f} (< 4.5)"
        assert not h["clipped"], f"{h['tag']} {h['text']!r} is cut off"

    for selector in (".course-quiz", ".course-roleplay", ".course-feedback", "table.course-progress"):
        widget = lab.active_notebook(page).locator(selector).first
        if widget.count():
            lab.show(page, widget)
            shots(page, f"{stem}-{selector.split('.')[-1]}")
