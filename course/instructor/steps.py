"""The plain steps of the cycle, each a call into nbgrader's ``NbGraderAPI`` or validator."""

from __future__ import annotations

import glob
import logging
from dataclasses import dataclass, field
from pathlib import Path

from course.instructor import checks, exchange
from course.instructor.coursedir import Course, CourseError


class StepFailed(CourseError):
    """An nbgrader step reported failure; the message carries its log."""


def _check(result: dict | None, what: str) -> str:
    if result is None:
        raise StepFailed(f"{what}: not supported on this platform")
    log = (result.get("log") or "").strip()
    if not result.get("success"):
        # nbgrader's error is a traceback; its last line is the message
        error = (result.get("error") or "").strip().splitlines()
        raise StepFailed(f"{what} failed\n{log}\n{error[-1] if error else ''}".strip())
    return log


def generate(course: Course, assignment: str, force: bool = True) -> str:
    """``nbgrader generate_assignment``: release version in ``release/``, assignment in the gradebook."""
    if not (course.source / assignment).is_dir():
        raise CourseError(f"no source assignment {assignment!r} in {course.source}")
    return _check(course.api().generate_assignment(assignment, force=force), f"generate {assignment}")


def release(course: Course, assignment: str, force: bool = False) -> str:
    """``nbgrader release_assignment``: copy the release version to the exchange."""
    checks.released(course, assignment)
    exchange.ensure_root(course)
    config = course.config()
    config.ExchangeReleaseAssignment.force = force
    return _check(course.api(config).release_assignment(assignment), f"release {assignment}")


def collect(course: Course, assignment: str, before_duedate: bool = False) -> str:
    """``nbgrader collect --update``: copy the newest submissions from the exchange to ``submitted/``.

    With ``before_duedate`` (nbgrader's ``collect --before-duedate``), each learner's newest
    submission made by the due date is taken instead, when there is one (a late
    resubmission does not replace an on-time one); learners who submitted only late get
    their newest.
    """
    checks.released(course, assignment)
    exchange.ensure_root(course)
    config = course.config()
    config.ExchangeCollect.before_duedate = before_duedate
    return _check(course.api(config).collect(assignment, update=True), f"collect {assignment}")


def release_feedback(course: Course, assignment: str, student: str | None = None) -> str:
    """``nbgrader release_feedback``: put the feedback HTML in the exchange for learners to fetch."""
    checks.feedback(course, assignment, student)
    exchange.ensure_root(course)
    who = None if student is None else glob.escape(student)  # nbgrader globs the id
    return _check(course.api().release_feedback(assignment, who), f"release feedback {assignment}")


@dataclass
class Problem:
    notebook: Path
    message: str


@dataclass
class Validation:
    checked: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def validate(course: Course, assignments: list[str] | None = None, execute: bool = True) -> Validation:
    """Check the source notebooks: cell metadata (nbgrader's checks) and, with ``execute``,
    that every test passes on the solution (nbgrader's :class:`~nbgrader.validator.Validator`)."""
    import nbformat
    from nbgrader.preprocessors import CheckCellMetadata, DeduplicateIds
    from nbgrader.validator import Validator

    from autograder.preprocessors.recompute import grading_problems

    names = assignments or course.source_assignments()
    outcome = Validation()
    config = course.config()
    for name in names:
        folder = course.source / name
        if not folder.is_dir():
            raise CourseError(f"no source assignment {name!r} in {course.source}")
        for path in sorted(folder.glob("*.ipynb")):
            outcome.checked.append(path)
            nb = nbformat.read(path, as_version=4)
            try:
                CheckCellMetadata(config=config).preprocess(nb, {})
                DeduplicateIds(config=config).preprocess(nb, {})
            except Exception as exc:
                outcome.problems.append(Problem(path, f"cell metadata: {exc}"))
                continue
            ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]
            named = [i for i in ids if i]
            if len(named) != len(set(named)):
                dupes = sorted({i for i in named if named.count(i) > 1})
                outcome.problems.append(Problem(path, f"duplicate grade ids: {', '.join(dupes)}"))
            for message in grading_problems(nb, folder):
                outcome.problems.append(Problem(path, message))
            if not execute:
                continue
            validator = Validator(config=config)
            validator.log.setLevel(logging.ERROR)
            result = validator.validate(str(path))
            for cell in result.get("failed", []):
                first = (cell.get("source") or "").strip().splitlines()[:1]
                outcome.problems.append(Problem(path, f"a test fails on the solution: {' '.join(first)}"))
            for cell in result.get("type_changed", []):
                outcome.problems.append(Problem(path, f"a cell changed type: {cell}"))
    return outcome
