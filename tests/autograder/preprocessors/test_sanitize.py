"""Learner-written HTML made inert before rendering (autograder/preprocessors/sanitize.py)."""

from __future__ import annotations

import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from autograder.preprocessors.sanitize import SanitizeLearnerHTML, clean, clean_markdown


@pytest.mark.parametrize(
    "markdown",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[notes](javascript:alert(1))",
        "[notes](JaVaScRiPt:alert(1))",
        '<a href="data:text/html,<script>alert(1)</script>">x</a>',
        "<iframe src=//example.com></iframe>",
        '<div style="position:fixed;top:0;margin-top:-900px;display:none">x</div>',
        "<style>.score{display:none}</style>",
        '<span class="score" id="reflection">x</span>',
    ],
)
def test_markup_that_runs_frames_or_overlays_does_not_survive(markdown):
    """Does cleaned markdown keep no script, handler, javascript: link, frame, position or borrowed id?"""
    tags = _tags(clean_markdown(markdown))
    assert not {tag for tag, _ in tags} & {"script", "img", "iframe", "style", "svg"}, tags
    for _, attrs in tags:
        assert not any(name.startswith("on") or name == "id" for name in attrs), tags
        assert not attrs.get("href", "").startswith(("javascript", "data")), tags
        assert "position" not in attrs.get("style", "") and "display" not in attrs.get("style", ""), tags
        assert "score" not in attrs.get("class", "").split(), tags


def _tags(html: str) -> list[tuple[str, dict[str, str]]]:
    from html.parser import HTMLParser

    found = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, {k: (v or "").lower() for k, v in attrs}))

    Tags().feed(html)
    return found


def test_ordinary_formatting_is_kept():
    """Do headings, emphasis, lists, tables, code and https links still render?"""
    source = "# Title\n\n**bold** [link](https://example.com)\n\n- a\n\n| x |\n|---|\n| 1 |\n\n`a < b`"
    html = clean_markdown(source)
    for kept in ("<h1>", "<strong>bold</strong>", '<a href="https://example.com">', "<li>", "<td>", "&lt;"):
        assert kept in html, html


def test_course_feedback_keeps_its_class_and_look():
    """Does the rubric's own feedback block keep its class and harmless styles?"""
    styled = '<div class="course-feedback mathjax_ignore" style="color:#a40000; position:absolute">x</div>'
    html = clean(styled)
    assert 'class="course-feedback mathjax_ignore"' in html and "color:#a40000" in html
    assert "position" not in html


def test_outputs_keep_only_inert_kinds():
    """Are JavaScript, widget and SVG outputs dropped, HTML and markdown outputs cleaned, text kept?"""
    cell = new_code_cell(
        "x",
        outputs=[
            new_output("display_data", data={"application/javascript": "alert(1)"}),
            new_output("display_data", data={"text/markdown": "[x](javascript:alert(1))", "text/plain": "x"}),
            new_output(
                "execute_result", data={"text/html": "<b onclick=alert(1)>b</b>", "image/svg+xml": "<svg/>"}
            ),
            new_output("stream", name="stdout", text="<script>printed</script>"),
        ],
    )
    nb = new_notebook(cells=[new_markdown_cell("<script>alert(1)</script>"), cell], metadata={"widgets": {}})
    nb, _ = SanitizeLearnerHTML().preprocess(nb, {})
    js, md, html, stream = nb.cells[1].outputs
    assert set(js["data"]) == {"text/plain"} and "removed" in js["data"]["text/plain"]
    assert "javascript:" not in md["data"]["text/html"] and md["data"]["text/plain"] == "x"
    assert html["data"] == {"text/html": "<b>b</b>"}
    assert stream["text"] == "<script>printed</script>"  # every template escapes stream text
    assert "&lt;script&gt;" in nb.cells[0].source and "widgets" not in nb.metadata
