"""The whole instructor cycle on a two-learner class, with real nbgrader."""

from __future__ import annotations

import csv
import io
from contextlib import redirect_stdout

import pytest

from autograder.nbgrade import grade_reply
from course.instructor import exchange, export, feedback, report, steps
from course.instructor.autograde import autograde
from tests.harness import grades
from tests.instructor.conftest import answers, filled

pytestmark = pytest.mark.slow


def reply_points(text_source: str, points: float) -> float:
    """What grade_reply gives the reply assigned in ``text_source`` (computed here, not by nbgrader)."""
    namespace: dict = {}
    exec(text_source, namespace)  # the fixture's own answer text, not learner code
    reply = next(v for k, v in namespace.items() if k.startswith("reply_"))
    with redirect_stdout(io.StringIO()):
        return grade_reply("double-charge", reply, points=points)


def test_release_submit_collect_autograde_feedback_export(course):
    """Do two learners who submit through the exchange get exactly the expected grades, feedback and CSVs?"""
    steps.release(course, "ps1")
    strong, weak = answers("ps1", 0), answers("ps1", 2)
    exchange.submit_as(course, "ada", "ps1", filled(course, "ps1", strong))
    exchange.submit_as(course, "bob", "ps1", filled(course, "ps1", weak))
    steps.collect(course, "ps1")
    assert course.submitted_students("ps1") == ["ada", "bob"]

    run = autograde(course, "ps1", workers=2, progress=False)
    assert run.ok and run.count("graded") == 2

    expected = {
        "ada": {
            "count-sorry-visible": (1.0, 1.0),
            "count-sorry-hidden": (2.0, 2.0),
            "reply-double-charge-rubric": (reply_points(strong["reply-double-charge"], 4), 4.0),
            "reflection": (None, 2.0),  # awaiting a person: graded by hand in formgrader
        },
        "bob": {
            "count-sorry-visible": (0.0, 1.0),  # returns 0 for everything
            "count-sorry-hidden": (0.5, 2.0),  # right only on "no apology"
            "reply-double-charge-rubric": (reply_points(weak["reply-double-charge"], 4), 4.0),
            "reflection": (None, 2.0),
        },
    }
    for student, cells in expected.items():
        assert grades(course.root, "ps1", student) == cells, student
    with course.gradebook() as gb:
        assert gb.find_grade("reflection", "ps1", "ps1", "ada").needs_manual_grade

    feedback.generate(course, "ps1")
    steps.release_feedback(course, "ps1")
    for student in ("ada", "bob"):
        html = (course.feedback / student / "ps1" / "ps1.html").read_text(encoding="utf-8")
        assert 'class="course-feedback' in html  # the rubric's criteria met and missed
        assert "HIDDEN TESTS" not in html and "sorry sorry sorry" not in html
    released = list(course.exchange_root.glob("*/feedback/*.html"))
    assert len(released) == 2

    paths = export.export_all(course, course.root / "out").paths
    rows = {r["student_id"]: r for r in csv.DictReader(paths[0].open(encoding="utf-8"))}
    for student, cells in expected.items():
        total = round(sum(score or 0 for score, _ in cells.values()), 2)
        assert float(rows[student]["ps1"]) == pytest.approx(total)
        assert float(rows[student]["total"]) == pytest.approx(total)
        assert rows[student]["max_total"] == "9"
    criteria_rows = list(csv.DictReader(paths[2].open(encoding="utf-8")))
    assert [r["student_id"] for r in criteria_rows] == ["ada", "bob"]
    assert len(criteria_rows[0]) > 1  # one column per rubric criterion
    for row in criteria_rows:
        assert all(0 <= float(v) <= 1 for k, v in row.items() if k != "student_id")

    page = report.build(course)
    assert page.count("data:image/png;base64,") >= 2
    assert "ada" in page and "bob" in page
