"""What each step needs before it runs, checked up front so a mistake gets one clear message.

nbgrader reports these cases deep inside its applications (with a traceback and,
for some, after doing part of the work); these checks name the assignment or learner
that is missing and the command that fixes it.
"""

from __future__ import annotations

from pathlib import Path

from course.instructor.coursedir import Course, CourseError


def _listed(names: list[str], empty: str) -> str:
    if not names:
        return empty
    shown = ", ".join(names[:10])
    return shown + (f" and {len(names) - 10} more" if len(names) > 10 else "")


def learners_with(folder: Path, assignment: str) -> list[str]:
    """Learners with an ``<learner>/<assignment>`` folder in ``folder`` (autograded/, feedback/)."""
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and (p / assignment).is_dir())


def released(course: Course, assignment: str) -> None:
    """The assignment has a release version (``generate`` has run)."""
    if (course.release / assignment).is_dir():
        return
    have = sorted(p.name for p in course.release.iterdir() if p.is_dir()) if course.release.is_dir() else []
    if (course.source / assignment).is_dir():
        fix = f"run `python -m course generate {assignment}` first"
    else:
        fix = f"there is no source/{assignment} either (check the name)"
    raise CourseError(
        f"{assignment!r} has no release version in {course.release}: {fix}. "
        f"Released: {_listed(have, 'none yet')}."
    )


def submissions(course: Course, assignment: str) -> list[str]:
    """The learners with a submission of ``assignment`` in ``submitted/`` (at least one)."""
    found = course.submitted_students(assignment)
    if not found:
        raise CourseError(
            f"no submissions of {assignment!r} in {course.submitted}: run "
            f"`python -m course collect {assignment}` first (learners submit with `nbgrader submit`)"
        )
    return found


def _require(folder: Path, assignment: str, student: str | None, what: str, step: str) -> None:
    """``what`` ("autograded submission from", "feedback for") exists for ``student``, or anyone."""
    have = learners_with(folder, assignment)
    if (student is None and have) or (student is not None and student in have):
        return
    thing, whose = what.rsplit(" ", 1)
    whose = f" {whose} {student!r}" if student else ""
    raise CourseError(
        f"no {thing} of {assignment!r}{whose} in {folder}: run `python -m course {step} {assignment}` "
        f"first. Learners with one: {_listed(have, 'none yet')}."
    )


def autograded(course: Course, assignment: str, student: str | None = None) -> None:
    """Something (or ``student``'s submission) of ``assignment`` is autograded."""
    _require(course.autograded, assignment, student, "autograded submission from", "autograde")


def feedback(course: Course, assignment: str, student: str | None = None) -> None:
    """Feedback of ``assignment`` (for ``student``, or anyone) has been generated."""
    _require(course.feedback, assignment, student, "feedback for", "feedback")
