"""Resume records: which submissions are autograded, and from which submitted content.

A record ``.instructor/autograde/<assignment>/<student>.json`` is written (atomically)
only after nbgrader has autograded the submission and committed its grades. A re-run
skips a submission whose record matches the submitted files' fingerprint and whose
autograded folder exists; anything else (no record, a changed or re-collected
submission, a run killed half-way) is graded again from scratch with nbgrader's
``force``, which removes any half-written output first.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from course.instructor.coursedir import Course


def fingerprint(folder: Path) -> str:
    """A hash of every regular file in a submitted folder (names and contents; links are not followed)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
        if ".ipynb_checkpoints" in path.parts:
            continue
        digest.update(str(path.relative_to(folder)).encode() + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def record_path(course: Course, assignment: str, student: str) -> Path:
    return course.state / "autograde" / assignment / f"{student}.json"


def lock_path(course: Course, assignment: str, student: str) -> Path:
    return course.state / "autograde" / assignment / f"{student}.lock"


def read_record(course: Course, assignment: str, student: str) -> dict | None:
    try:
        return json.loads(record_path(course, assignment, student).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def is_done(course: Course, assignment: str, student: str) -> bool:
    """Whether the current submission is already autograded (so a re-run can skip it)."""
    record = read_record(course, assignment, student)
    submitted = course.submitted / student / assignment
    if record is None or not submitted.is_dir():
        return False
    if not (course.autograded / student / assignment).is_dir():
        return False
    return record.get("fingerprint") == fingerprint(submitted)


def write_record(course: Course, assignment: str, student: str, **fields: object) -> None:
    path = record_path(course, assignment, student)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"assignment": assignment, "student": student, **fields}
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def clear_record(course: Course, assignment: str, student: str) -> None:
    record_path(course, assignment, student).unlink(missing_ok=True)


def grading_now(course: Course) -> set[tuple[str, str]]:
    """``(assignment, student)`` of every submission an autograde worker is grading right now."""
    from course.instructor.dblock import held_elsewhere

    root = course.state / "autograde"
    if not root.is_dir():
        return set()
    # a worker holds lock_path(...) from before nbgrader's first gradebook write until its record is written
    return {(lock.parent.name, lock.stem) for lock in root.glob("*/*.lock") if held_elsewhere(lock)}


def isolation_path(course: Course, assignment: str) -> Path:
    return course.state / "autograde" / assignment / "graded-without-isolation.json"


def graded_without_isolation(course: Course, assignment: str) -> list[str]:
    """Learners whose current grades of ``assignment`` came from a run with ``--no-isolation``
    (the class report warns about them)."""
    try:
        data = json.loads(isolation_path(course, assignment).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return []
    return sorted(data.get("students", []))


def note_isolation(course: Course, assignment: str, students: list[str], isolated: bool) -> None:
    """Record that ``students`` were just graded with (or without) isolation."""
    current = set(graded_without_isolation(course, assignment))
    changed = current - set(students) if isolated else current | set(students)
    path = isolation_path(course, assignment)
    if not changed:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    data = {"assignment": assignment, "students": sorted(changed)}
    tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
    os.replace(tmp, path)
