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


def _learners_with(folder: Path, assignment: str) -> list[str]:
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


def autograded(course: Course, assignment: str, student: str | None = None) -> None:
    """Something (or ``student``'s submission) of ``assignment`` is autograded."""
    have = _learners_with(course.autograded, assignment)
    if student is None and have:
        return
    if student is not None and student in have:
        return
    whose = f" from {student!r}" if student else ""
    raise CourseError(
        f"no autograded submission of {assignment!r}{whose} in {course.autograded}: run "
        f"`python -m course autograde {assignment}` first. "
        f"Autograded learners: {_listed(have, 'none yet')}."
    )


def feedback(course: Course, assignment: str, student: str | None = None) -> None:
    """Feedback of ``assignment`` (for ``student``, or anyone) has been generated."""
    have = _learners_with(course.feedback, assignment)
    if (student is None and have) or (student is not None and student in have):
        return
    whose = f" for {student!r}" if student else ""
    raise CourseError(
        f"no feedback of {assignment!r}{whose} in {course.feedback}: run "
        f"`python -m course feedback {assignment}` first. "
        f"Learners with feedback: {_listed(have, 'none yet')}."
    )
