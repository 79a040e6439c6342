"""Red team: learner-written HTML and JavaScript reaching people's browsers.

One learner's submission to the red-team fixture carries markup in every place a learner
controls: the manually graded markdown answer, an extra markdown cell, the written reply
(which the rubric quotes back as evidence), and outputs its code displays (HTML, JavaScript,
markdown, a widget view). The class is graded with stock ``nbgrader autograde``; then each
page that renders it is made as the course makes it: formgrader's manual-grading view
(nbgrader's own ``FormgradeExtension`` configuration and ``HTMLExporter``), the feedback
page (stock ``nbgrader generate_feedback`` and ``python -m course feedback``), and the
class report. Every payload is tagged ``XSS``; no page may keep a tagged payload in a form
that runs, frames, submits or overlays.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_markdown_cell

import harness

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "redteam"
ASSIGNMENT = "redteam"
NAME = f"{ASSIGNMENT}.ipynb"
CONFIG = "c.Execute.timeout = 15\nc.RecomputeGrades.step_seconds = 5.0\n"
GOOD_REPLY = (
    "Tom, I'm so sorry: we charged you twice for the same order, and that's our mistake. I know that $89 was "
    "meant for your rent this week, so I've refunded the duplicate charge today; it will reach you in 3-5 "
    "business days and a confirmation email is on its way. Would you like me to check your other orders too?"
)

MARKDOWN = "\n\n".join(
    [
        "My reflection.",
        "<script>alert('XSS-script')</script>",
        "<img src=x onerror=\"alert('XSS-img')\">",
        "<iframe src=\"javascript:alert('XSS-iframe')\"></iframe>",
        "[my notes](javascript:alert('XSS-link'))",
        "<a href=\"javascript:alert('XSS-a')\">more</a>",
        "<svg onload=\"alert('XSS-svg')\"></svg>",
        "<style>.score { display: none } /* XSS-style */</style>",
        '<div style="position:fixed;top:0;left:0;width:100%;height:100%">XSS-overlay</div>',
        '<form action="/formgrader/api/grade"><input name="score" value="XSS-form"></form>',
        '<span class="score" id="reflection">XSS-clobber</span>',
        '"><img src=x onerror="alert(\'XSS-attr\')">',
    ]
)
# closes an HTML attribute or element of whatever page quotes the reply
REPLY = GOOD_REPLY + " \"'><script>alert('XSS-reply')</script><img src=x onerror=alert('XSS-reply-img')>"
DISPLAYS = (
    "from IPython.display import HTML, Javascript, Markdown, display\n"
    "display(HTML(\"<script>alert('XSS-html-output')</script>\"\n"
    '             "<b onmouseover=\\"alert(\'XSS-b\')\\">hi</b>"))\n'
    "display(Javascript(\"alert('XSS-js-output')\"))\n"
    "display(Markdown(\"[click](javascript:alert('XSS-md-output'))\"))\n"
    "display({'application/vnd.jupyter.widget-view+json': {'model_id': 'XSS-widget'},\n"
    "         'text/html': '<iframe srcdoc=\"XSS-srcdoc\"></iframe>'}, raw=True)\n"
)
EXTRA_CELL = "<script>fetch('/formgrader/api/grade', {method: 'PUT', body: 'XSS-extra'})</script>"

#: elements that run, frame, submit or restyle a page
ACTIVE_TAGS = frozenset("script iframe frame object embed form input style link meta base svg".split())


class _Active(HTMLParser):
    """Collects every tagged payload that survives in a form a browser would act on."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.text: list[str] = []
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = " ".join(f"{k}={v}" for k, v in attrs)
        if tag in ACTIVE_TAGS and "XSS" in values:
            self.found.append(f"<{tag} {values}>")
        for key, value in attrs:
            value = value or ""
            if key.startswith("on") and "XSS" in value:
                self.found.append(f"<{tag} {key}={value}>")
            if key in {"href", "src", "action", "formaction", "data", "srcdoc"} and (
                "javascript:" in value.replace(" ", "").lower() or "XSS" in value
            ):
                self.found.append(f"<{tag} {key}={value}>")
            if key == "style" and "position" in value.replace(" ", ""):
                self.found.append(f"<{tag} style={value}>")
            # learner elements posing as formgrader's own score field (found by class and id)
            posing = (key == "class" and "score" in value.split()) or (key == "id" and value == "reflection")
            if posing and tag != "input":
                self.found.append(f"<{tag} {key}={value}>")
        self._open.append(tag)

    def handle_endtag(self, tag):
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data):
        if "XSS" in data and self._open and self._open[-1] in ACTIVE_TAGS:
            self.found.append(f"<{self._open[-1]}>{data[:80]}")
        self.text.append(data)


def active_payloads(page: str) -> tuple[list[str], str]:
    """The tagged payloads a browser would act on, and the page's visible text."""
    parser = _Active()
    parser.feed(page)
    return parser.found, "".join(parser.text)


def _submission(release: nbformat.NotebookNode) -> nbformat.NotebookNode:
    nb = harness.fill_answers(
        release,
        {
            "reply-tom": DISPLAYS + f"reply_tom = {REPLY!r}\n",
            "count-words": "def count_words(text):\n    return len(text.split())\n",
            "reflection": MARKDOWN,
        },
    )
    nb.cells.append(new_markdown_cell(EXTRA_CELL))
    return nb


def _formgrader_page(course: Path, student: str) -> str:
    """The manual-grading page formgrader serves for ``student``: its own app, config and exporter."""
    from nbconvert.exporters import HTMLExporter
    from nbgrader.server_extensions.formgrader.formgrader import FormgradeExtension

    app = FormgradeExtension()
    app.root_dir = str(course.parent)
    app.initialize([], root=str(course))
    exporter = HTMLExporter(config=app.config)
    resources = {
        "assignment_id": ASSIGNMENT,
        "notebook_id": ASSIGNMENT,
        "submission_id": "s1",
        "index": 0,
        "total": 1,
        "base_url": "/",
        "student": student,
        "last_name": None,
        "first_name": None,
        "notebook_path": f"autograded/{student}/{ASSIGNMENT}/{NAME}",
    }
    path = course / "autograded" / student / ASSIGNMENT / NAME
    html, _ = exporter.from_filename(str(path), resources=resources)
    return html


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    from course.instructor import feedback, report
    from course.instructor.coursedir import Course

    course = harness.scratch_course(tmp_path_factory.mktemp("xss") / "course", [ASSIGNMENT], FIXTURE, CONFIG)
    harness.nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    (release,) = harness.release_notebooks(course, ASSIGNMENT).values()
    harness.submit(course, ASSIGNMENT, "mallory", {NAME: _submission(release)})
    submitted = (course / "submitted" / "mallory" / ASSIGNMENT / NAME).read_bytes()
    harness.nbgrader(course, "autograde", ASSIGNMENT, "--force", "--create")
    harness.nbgrader(course, "generate_feedback", ASSIGNMENT, "--force")
    stock = (course / "feedback" / "mallory" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text(encoding="utf-8")
    (course / "feedback").rename(course / "feedback-stock")
    feedback.generate(Course(course), ASSIGNMENT)
    ours = (course / "feedback" / "mallory" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text(encoding="utf-8")
    return {
        "course": course,
        "submitted": submitted,
        "formgrader": _formgrader_page(course, "mallory"),
        "feedback (nbgrader generate_feedback)": stock,
        "feedback (python -m course feedback)": ours,
        "class report": report.build(Course(course)),
        "grades": harness.grades(course, ASSIGNMENT, "mallory"),
    }


PAGES = [
    "formgrader",
    "feedback (nbgrader generate_feedback)",
    "feedback (python -m course feedback)",
    "class report",
]


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_no_learner_markup_runs_in_the_page(pages, page):
    """Does every page made from a hostile submission keep its payloads only as inert text?"""
    found, _ = active_payloads(pages[page])
    assert found == [], f"{page} keeps active learner markup: {found}"


@pytest.mark.slow
@pytest.mark.parametrize("page", ["formgrader", "feedback (python -m course feedback)"])
def test_learner_text_is_still_shown_to_the_grader(pages, page):
    """Does the grader still read what the learner wrote (their markup shown as text), not a blank?"""
    _, text = active_payloads(pages[page])
    for shown in ("My reflection.", "<script>alert('XSS-script')</script>", "XSS-overlay", "my notes"):
        assert shown in text, f"{page} lost the learner's text {shown!r}"


@pytest.mark.slow
def test_reply_with_markup_is_graded_as_text_and_files_are_untouched(pages):
    """Is the reply graded on its words (not its markup), and is the submitted notebook unchanged?"""
    from autograder import score_reply
    from autograder.nbgrade import earned_points

    assert pages["grades"]["reply-tom-rubric"][0] == pytest.approx(
        earned_points(score_reply("double-charge", REPLY).score, 4), abs=0.011
    )
    assert pages["grades"]["reflection"][0] is None  # still waits for a person
    submitted = pages["course"] / "submitted" / "mallory" / ASSIGNMENT / NAME
    assert submitted.read_bytes() == pages["submitted"]
    graded = json.loads((pages["course"] / "autograded" / "mallory" / ASSIGNMENT / NAME).read_text())
    assert any("XSS-script" in "".join(c["source"]) for c in graded["cells"])  # the answer is kept as written


def test_detector_sees_each_kind_of_active_markup():
    """Does the page check itself catch scripts, handlers, javascript: links, frames and overlays?"""
    for html in (
        "<script>alert('XSS')</script>",
        "<img src=x onerror=\"alert('XSS')\">",
        "<a href=\"javascript:alert('XSS')\">x</a>",
        "<iframe srcdoc='XSS'></iframe>",
        '<div style="position: fixed">XSS</div>',
    ):
        assert active_payloads(html)[0], html
    assert active_payloads("<p>&lt;script&gt;alert('XSS')&lt;/script&gt;</p>")[0] == []
