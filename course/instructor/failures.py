"""Submissions that could not be graded, and why: a failure is never a zero.

When ``python -m course autograde`` cannot grade a submission (nbgrader failed, the
submission timed out, it holds no readable notebook), it records the cause in
``.instructor/failures/<assignment>/<learner>.json``; grading it later removes the
record. Exports and the class report read these records: the score of such a
submission is empty (never 0), its cause is named, and it is left out of every mean.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from course.instructor.coursedir import Course


def _path(course: Course, assignment: str, student: str) -> Path:
    return course.state / "failures" / assignment / f"{student}.json"


def record(course: Course, assignment: str, student: str, cause: str) -> None:
    """Remember that ``student``'s submission of ``assignment`` was not graded, because ``cause``."""
    path = _path(course, assignment, student)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    data = {"assignment": assignment, "student": student, "cause": cause}
    tmp.write_text(json.dumps(data), encoding="utf-8")
    os.replace(tmp, path)


def clear(course: Course, assignment: str, student: str) -> None:
    _path(course, assignment, student).unlink(missing_ok=True)


def load(course: Course) -> dict[tuple[str, str], str]:
    """``(assignment, student) -> cause`` of every submission that is not graded because of a failure."""
    root = course.state / "failures"
    found: dict[tuple[str, str], str] = {}
    if not root.is_dir():
        return found
    for folder in root.iterdir():
        if not folder.is_dir():
            continue
        for path in folder.iterdir():
            if path.suffix != ".json" or path.name.startswith("."):
                continue
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError):
                continue
            found[(folder.name, path.stem)] = str(data.get("cause") or "not graded")
    return found


def ensure_student(course: Course, student: str) -> None:
    """Put ``student`` in the gradebook (as ``nbgrader autograde`` would), so exports list them."""
    with course.gradebook() as gb:
        gb.update_or_create_student(student)
