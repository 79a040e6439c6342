"""A new learner's first session, end to end, in JupyterLab in headless Chromium.

The tests of this file run in order on one JupyterLab server and one learner workspace
(made by ``course.workspace.prepare`` from ``release/``, as ``make lab`` makes it), each in a
fresh browser profile: open the lab, do the welcome module, module 01, the role-play of
module 05, then look at the progress view. Screenshots: ``artifacts/browser/learner/``.
"""

from __future__ import annotations

import json

import journey as act
import labdriver as lab
import pytest

pytestmark = pytest.mark.browser

#: What the learner did, for the progress step: {module: "what"}.
TOUCHED: dict[str, str] = {}


@pytest.fixture(scope="module")
def shots():
    return lab.Screenshots("learner")


def open_lab(page, server) -> None:
    """Open JupyterLab; ``reset`` starts from the default layout, not the last step's open tabs."""
    page.goto(server.url("lab?reset"))
    lab.wait_lab_ready(page)


def test_lab_opens_on_the_workspace_without_popups(lab_server, browser_page, shots):
    page = browser_page
    open_lab(page, lab_server)
    listed = page.locator(".jp-DirListing-content .jp-DirListing-itemText").all_inner_texts()
    for module in lab.released_modules():
        assert module in listed, f"{module} is not in the file browser ({listed})"
    assert "progress.ipynb" in listed
    shots(page, "lab-opened")
    # open a notebook: no kernel picker (the notebooks carry a kernelspec), and by then
    # any news or update prompt would have popped up
    lab.open_notebook(page, "progress.ipynb")
    page.wait_for_timeout(1000)
    assert lab.popups(page) == [], f"pop-ups on a fresh start: {lab.popups(page)}"
    assert page.locator(".jp-Notebook-ExecutionIndicator").count()
    shots(page, "no-popups")


def test_welcome_module(lab_server, browser_page, shots):
    notebook = act.require_modules("00-")["00-"]
    page = browser_page
    open_lab(page, lab_server)
    lab.open_notebook(page, notebook)
    shots(page, "welcome-opened")
    assert lab.popups(page) == []

    seconds = lab.run_all(page)
    print(f"welcome: run all took {seconds:.1f} s")
    shots(page, "welcome-run-all")
    assert act.raw_errors(page) == [], "raw errors outside unanswered answer cells"

    quiz = lab.active_notebook(page).locator(".course-quiz").first
    lab.show(page, quiz)
    verdicts = act.answer_quiz(page, quiz)
    assert verdicts and verdicts[-1].startswith("Right."), verdicts
    assert all(v.startswith(("Right.", "Not quite.")) and len(v) > 20 for v in verdicts), verdicts
    shots(page, "welcome-quiz-feedback")

    scenario, feedback = act.write_reply_and_self_check(page, shot=shots)
    assert feedback.startswith("Self-check:"), feedback
    assert "✔" in feedback or "✘" in feedback, feedback
    shots(page, "welcome-self-check")
    act.save(page)
    saved = (lab_server.root_dir / notebook).read_text(encoding="utf-8")
    assert act.reply_for(scenario)[:40] in saved, "the typed reply is not in the saved notebook"
    TOUCHED[notebook.split("/")[0]] = f"self-check of {scenario}"


def test_module_01(lab_server, browser_page, shots):
    notebook = act.require_modules("01-")["01-"]
    page = browser_page
    open_lab(page, lab_server)
    lab.open_notebook(page, notebook)
    assert lab.popups(page) == []
    seconds = lab.run_all(page)
    print(f"module 01: run all took {seconds:.1f} s")
    shots(page, "module01-run-all")
    assert act.raw_errors(page) == [], "raw errors outside unanswered answer cells"

    quizzes = lab.active_notebook(page).locator(".course-quiz")
    assert quizzes.count() >= 1, "module 01 shows no quiz after Run All"
    quiz = quizzes.first
    lab.show(page, quiz)
    verdicts = act.answer_quiz(page, quiz)
    assert verdicts[-1].startswith("Right."), verdicts
    shots(page, "module01-quiz-feedback")

    scenario, feedback = act.write_reply_and_self_check(page)
    assert feedback.startswith("Self-check:"), feedback
    assert "✔" in feedback or "✘" in feedback, feedback
    shots(page, "module01-self-check")
    act.save(page)
    saved = (lab_server.root_dir / notebook).read_text(encoding="utf-8")
    assert act.reply_for(scenario)[:40] in saved, "the typed reply is not in the saved notebook"
    TOUCHED[notebook.split("/")[0]] = f"self-check of {scenario}"


def test_roleplay_in_module_05(lab_server, browser_page, shots):
    notebook = act.require_modules("05-")["05-"]
    page = browser_page
    open_lab(page, lab_server)
    lab.open_notebook(page, notebook)
    lab.run_all(page)
    assert act.raw_errors(page) == [], "raw errors outside unanswered answer cells"
    roleplay = lab.active_notebook(page).locator(".course-roleplay").first
    if not roleplay.count():  # not reached by Run All (an unanswered cell above stops it): run its cell
        cell = lab.cell_by_source(page, "RolePlay(")
        lab.run_cell(page, cell)
    roleplay.wait_for(timeout=lab.STEP_TIMEOUT)
    lab.show(page, roleplay)
    shots(page, "roleplay-start")

    transcript = roleplay.locator(".course-roleplay-transcript")
    ending = roleplay.locator(".course-roleplay-ending")
    lines = []
    for _ in range(12):
        if ending.inner_text().strip():
            break
        choice = roleplay.locator(".course-roleplay-choice").first
        lines.append(choice.get_attribute("title") or "")
        before = transcript.inner_text()
        choice.click()
        page.wait_for_function(
            "([el, before]) => el.innerText !== before",
            arg=[transcript.element_handle(), before],
            timeout=lab.SHORT_TIMEOUT,
        )
        if len(lines) == 1:
            shots(page, "roleplay-first-choice")
    outcome = ending.inner_text()
    assert "Outcome" in outcome and "Debrief" in outcome, outcome
    assert lines and all(line in outcome for line in lines if line), (lines, outcome)
    lab.show(page, roleplay)
    shots(page, "roleplay-ending")
    TOUCHED.setdefault(notebook.split("/")[0], "role-play")


def test_progress_view_shows_the_modules_touched(lab_server, browser_page, shots):
    if not TOUCHED:
        pytest.skip("no module was worked on in this session (the earlier journey steps did not run)")
    page = browser_page
    open_lab(page, lab_server)
    lab.open_notebook(page, "progress.ipynb")
    lab.run_all(page)
    table = lab.active_notebook(page).locator("table.course-progress")
    table.wait_for(timeout=lab.STEP_TIMEOUT)
    lab.show(page, table)
    shots(page, "progress")
    rows = {
        row.locator("td").first.inner_text().strip(): row.locator("td").all_inner_texts()
        for row in table.locator("tbody tr").all()
    }
    recorded = json.loads((lab_server.root_dir / ".course-progress.json").read_text())
    for module, what in TOUCHED.items():
        assert module in rows, f"{module} missing from the progress view: {sorted(rows)}"
        if what.startswith("self-check"):
            assert module in recorded, f"no self-check recorded for {module}: {recorded}"
            answered, checks = rows[module][2], rows[module][3]
            assert not answered.startswith("0 of"), f"{module}: typed reply not counted ({answered})"
            assert "check" in checks, f"{module}: self-check not shown ({checks})"


#: nbgrader's instructor-only lab plugins, which `make lab` leaves out (course.learnerlab).
INSTRUCTOR_ONLY = ("Create Assignment", "Formgrader", "Course List", "Validate")
LONG_REPLY = (
    "Keisha, I am so sorry: we took the $215 deposit for your sofa twice, and that was our payment "
    "error, not anything you did. I can see how much a $35 overdraft fee hurts on a student budget, "
    "and I would be upset too. I have refunded the duplicate $215 today and added the $35 fee to the "
    "same refund; it takes 3-5 business days to reach your account, and I will email you a written "
    "confirmation you can show your bank. Would you like a copy sent anywhere else?"
)


def test_learner_lab_has_no_instructor_tools(lab_server, browser_page, shots):
    """Does the learner's lab hide the instructor tools (Create Assignment, Formgrader, Validate)?"""
    page = browser_page
    open_lab(page, lab_server)
    config = page.evaluate("() => JSON.parse(document.getElementById('jupyter-config-data').textContent)")
    disabled = config.get("disabledExtensions", [])
    assert "@jupyter/nbgrader:formgrader" in disabled, f"formgrader plugin not disabled: {disabled}"
    lab.open_notebook(page, act.require_modules("00-")["00-"])
    page.locator(".lm-MenuBar-item", has_text="Nbgrader").first.click()
    entries = page.locator(".lm-Menu-content .lm-Menu-itemLabel").all_inner_texts()
    page.keyboard.press("Escape")
    assert "Assignment List" in entries, f"the learner's Assignments entry is missing: {entries}"
    instructor = [e for e in entries if e in INSTRUCTOR_ONLY]
    assert not instructor, f"instructor entries in the Nbgrader menu: {entries}"
    tabs = page.locator(".jp-SideBar .lm-TabBar-tab").evaluate_all(
        "tabs => tabs.map(t => (t.getAttribute('title') || '') + ' ' + t.innerText)"
    )
    assert not [t for t in tabs if "Create Assignment" in t], f"Create Assignment panel shown: {tabs}"
    assert page.locator("#nbgrader-create_assignemnt").count() == 0
    toolbar = lab.active_notebook(page).locator(".jp-NotebookPanel-toolbar").inner_text()
    assert "Validate" not in toolbar and page.locator(".validate-button").count() == 0, toolbar
    assert lab_server.api("status")  # the server answers; the formgrader page must not
    status = page.request.get(lab_server.url("formgrader")).status
    assert status == 404, f"/formgrader answered {status} in the learner's lab"
    shots(page, "learner-lab-no-instructor-tools")


def test_long_reply_wraps_and_each_tip_shows_once(lab_server, browser_page, shots):
    """Is a long one-line reply readable while typed (wrapped)? Is each self-check tip shown once?"""
    notebook = act.require_modules("05-")["05-"]
    page = browser_page
    open_lab(page, lab_server)
    lab.open_notebook(page, notebook)
    lab.run_cell(page, lab.cell_by_source(page, "from course import"))  # the set-up cell
    cell = lab.cell_by_source(page, "reply_keisha = ")
    lab.show(page, cell)
    lab.replace_cell_text(page, cell, f'reply_keisha = "{LONG_REPLY}"')
    lab.show(page, cell)
    shots(page, "long-reply-typed")
    editor = cell.locator(".cm-editor").first
    found = editor.evaluate(
        """ed => {
            const content = ed.querySelector('.cm-content'), scroller = ed.querySelector('.cm-scroller');
            const box = ed.getBoundingClientRect();
            const lines = [...ed.querySelectorAll('.cm-line')];
            const reply = lines.find(l => l.textContent.includes('reply_keisha'));
            const range = document.createRange();
            range.selectNodeContents(reply);
            const rows = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
            const last = [...range.getClientRects()].pop();
            return {wrapping: content.classList.contains('cm-lineWrapping'),
                    sideways: scroller.scrollWidth - scroller.clientWidth,
                    rows: rows.size, lastRight: last.right, boxRight: box.right};
        }"""
    )
    assert found["wrapping"], "code cells do not wrap long lines (course/lab/overrides.json codeCellConfig)"
    assert found["sideways"] <= 2, f"the reply scrolls sideways by {found['sideways']} px"
    assert found["rows"] >= 3, f"a {len(LONG_REPLY)}-character reply shows on {found['rows']} row(s)"
    assert found["lastRight"] <= found["boxRight"] + 2, "the end of the reply is outside the cell"

    lab.run_cell(page, cell)
    check = lab.cell_by_source(page, 'check_reply("duplicate-payment-overdraft"')
    lab.show(page, check)
    lab.replace_cell_text(page, cell, 'reply_keisha = "Sorry about that, the refund is done."')
    lab.run_cell(page, cell)
    lab.run_cell(page, check)
    feedback = check.locator(".course-feedback")
    feedback.wait_for(timeout=lab.STEP_TIMEOUT)
    lab.show(page, feedback)
    shots(page, "self-check-tips")
    lines = [line.strip() for line in feedback.inner_text().splitlines() if len(line.strip()) > 25]
    repeated = sorted({line for line in lines if lines.count(line) > 1})
    assert lines, "the self-check shows no tips for a weak reply"
    assert not repeated, f"tips shown more than once: {repeated}"
