"""Tests for course/instructor/similar.py: near-identical replies between learners, per exercise."""

import csv

from course.instructor import similar
from course.instructor.criteria import ReplyCheck

SHARED = "Tom, I'm so sorry, we charged you twice and that's on us. I'm refunding the $89 today for you."


def _check(student: str, reply: str | None, grade_id: str = "reply-tom") -> ReplyCheck:
    return ReplyCheck(student, "ps1", "ps1", grade_id, "double-charge", "reply", 4.0, reply)


def test_groups_are_per_exercise_and_leave_out_unreadable_replies(tmp_path):
    """Are near-identical replies grouped only within one exercise, with unreadable replies left out?"""
    checks = [
        _check("ada", SHARED),
        _check("bob", SHARED.replace("for you", "for you!")),
        _check("cy", "Hi Tom, that double charge is our billing error; the refund goes out today."),
        _check("dee", None),
        _check("eli", SHARED, grade_id="reply-linda"),
    ]
    found = similar.groups(checks)
    assert [(g.assignment, g.grade_id, g.students) for g in found] == [("ps1", "reply-tom", ("ada", "bob"))]
    assert "Near-identical replies" in similar.html(found) and "ada, bob" in similar.html(found)
    rows = list(csv.DictReader(similar.write_csv(tmp_path / "similar-replies.csv", found).open()))
    listed = [(r["group"], r["student_id"], r["group_size"]) for r in rows]
    assert listed == [("1", "ada", "2"), ("1", "bob", "2")]


def test_no_groups_says_none_found():
    """With nothing shared, does the report section say so instead of showing an empty table?"""
    assert "None found" in similar.html(similar.groups([_check("ada", SHARED)]))
