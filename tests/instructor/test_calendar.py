"""Due dates, late penalties, extensions and learner ids through the real exchange and commands."""

from __future__ import annotations

import csv
import datetime
import time

import pytest

from course.instructor import exchange, steps
from course.instructor.cli import main
from course.instructor.coursedir import Course
from tests.instructor.conftest import answers, filled

pytestmark = pytest.mark.slow


def read_csv(path):
    with path.open(newline="", encoding="utf-8") as handle:
        return {row["student_id"]: row for row in csv.DictReader(handle)}


def utc_now() -> datetime.datetime:
    """Now, as the naive UTC time nbgrader stores due dates in."""
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None)


def run(course: Course, capsys, *argv: str) -> tuple[int, str]:
    status = main(["--course", str(course.root), *argv])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def test_due_dates_penalties_extensions_and_case_ids(course, capsys, tmp_path):
    """Does collect --before-duedate keep an on-time submission, do both grade files apply the late
    penalty, does a later extension reach a plain re-run, and are `Carol` and `carol` one row?"""
    with (course.root / "nbgrader_config.py").open("a", encoding="utf-8") as handle:
        handle.write('\nc.LateSubmissionPlugin.penalty_method = "zero"  # a late submission scores 0\n')
    course = Course(course.root)
    steps.release(course, "ps1")
    due = utc_now() + datetime.timedelta(seconds=6)
    with course.gradebook() as gb:
        gb.update_or_create_assignment("ps1", duedate=due)
        gb.update_or_create_student("Carol", first_name="Carol", last_name="Diaz", email="carol@example.org")
    strong, blank = filled(course, "ps1", answers("ps1", 0)), filled(course, "ps1", {})
    exchange.submit_as(course, "ada", "ps1", strong)
    exchange.submit_as(course, "carol", "ps1", strong)  # the hub user name, lower case
    while utc_now() <= due + datetime.timedelta(seconds=1):
        time.sleep(0.2)
    exchange.submit_as(course, "ada", "ps1", blank)  # a blank resubmission after the due date
    exchange.submit_as(course, "bob", "ps1", strong)  # only late

    status, shown = run(course, capsys, "collect", "ps1", "--before-duedate")
    assert status == 0, shown
    assert "learner ids 'Carol', 'carol' differ only in case (carol submitted ps1; roster: Carol)" in shown

    status, shown = run(course, capsys, "autograde", "ps1", "--workers", "2", "--quiet")
    assert status == 0 and "3 graded" in shown, shown

    out = tmp_path / "first"
    assert run(course, capsys, "export", "--out", str(out))[0] == 0
    rows, long_rows = read_csv(out / "grades.csv"), read_csv(out / "grades-long.csv")
    strong_score = float(rows["ada"]["ps1"])
    assert strong_score > 5  # the on-time strong submission, not the late blank one
    assert float(long_rows["bob"]["raw_score"]) == strong_score
    assert float(long_rows["bob"]["late_submission_penalty"]) == strong_score
    assert float(rows["bob"]["ps1"]) == float(long_rows["bob"]["score"]) == 0  # one rule in both files
    assert "carol" not in rows
    assert rows["Carol"]["email"] == "carol@example.org" and float(rows["Carol"]["ps1"]) == strong_score
    assert "matched hub user 'carol' to roster id 'Carol'" in rows["Carol"]["notes"]

    with course.gradebook() as gb:
        gb.grant_extension("ps1", "bob", days=1)
    status, shown = run(course, capsys, "autograde", "ps1", "--quiet")
    assert status == 0 and "0 graded, 3 already done" in shown, shown
    assert (
        f"bob: late penalty of ps1 recomputed for the current due date and extension: {strong_score:g} -> 0"
        in shown
    )

    out = tmp_path / "second"
    assert run(course, capsys, "export", "--out", str(out))[0] == 0
    rows, long_rows = read_csv(out / "grades.csv"), read_csv(out / "grades-long.csv")
    assert float(rows["bob"]["ps1"]) == float(long_rows["bob"]["score"]) == strong_score
