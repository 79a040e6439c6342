"""Grades out of the gradebook, as CSV files a learning management system can import.

- ``grades.csv``: one row per learner (in the gradebook or with a submission), a column
  per assignment with its score (manual grades included, minus the late penalty, never
  below 0: the rule ``nbgrader export`` applies), the total, the maximum and ``notes``.
  A score is empty when there is no grade: nothing submitted, or a submission that was
  not graded (autograde failed, not autograded yet, being autograded), whose reason is
  in ``notes``. A failure is never a zero.
- ``grades-long.csv``: nbgrader's own export (``nbgrader export``, one row per learner and
  assignment, with timestamps and lateness), with the same empty scores for submissions
  not graded and a ``notes`` column.
- ``criteria.csv``: learner x rubric criterion: the share of the learner's graded written
  replies that meet each criterion (see :mod:`course.instructor.criteria` for how they are
  recomputed); empty when the learner has no reply scored on that criterion.
- ``replies.csv``: one row per graded written reply (the raw material of ``criteria.csv``).

Text cells are formula-safe (:func:`course.instructor.ids.formula_safe`): an id such as
``=HYPERLINK(...)`` is written as ``'=HYPERLINK(...)``. Ids differing only in case are
joined in ``grades.csv`` when unambiguous (:func:`course.instructor.ids.merge_case_variants`).

Exporting while ``python -m course autograde`` runs is safe: the export holds the
gradebook lock while it reads (:func:`course.instructor.dblock.snapshot`), so all
four files come from one moment, and a submission a worker is grading at that moment
is left out (empty score cells, no replies), never exported half graded.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from course.instructor import criteria, dblock, failures, ids, similar, state
from course.instructor.coursedir import Course


@dataclass
class Exported:
    """What :func:`export_all` wrote.

    Attributes:
        paths: the CSV files written.
        grading: ``(assignment, student)`` pairs being autograded at that moment; their
            scores are empty and their replies left out (export again when grading ends).
    """

    paths: list[Path]
    grading: list[tuple[str, str]] = field(default_factory=list)


NUMERIC_LONG = {"raw_score", "late_submission_penalty", "score", "max_score"}


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def not_graded(course: Course, grading: set[tuple[str, str]] = frozenset()) -> dict[tuple[str, str], str]:
    """``(assignment, student) -> reason`` for every submission without a grade to export.

    A failed autograde (its cause), a submission collected but not autograded yet, one
    being autograded right now. None of these is a zero.
    """
    reasons = {key: f"not graded: {cause}" for key, cause in failures.load(course).items()}
    for key in grading:
        reasons[key] = "being autograded right now: export again when the run ends"
    with course.gradebook() as gb:
        names = [a.name for a in gb.assignments]
    for assignment in names:
        for student in course.submitted_students(assignment):
            folder = course.autograded / student / assignment
            reasons.setdefault(
                (assignment, student),
                "" if folder.is_dir() else "submitted, not autograded yet: run `python -m course autograde`",
            )
    return {key: why for key, why in reasons.items() if why}


def grade_table(
    course: Course, grading: set[tuple[str, str]] = frozenset()
) -> tuple[list[str], list[dict[str, object]]]:
    """Assignment names and one row per learner: id, names, email, scores, total, max, notes.

    A score is nbgrader's: the raw score minus the late penalty, never below 0 (what
    ``nbgrader export`` writes). It is ``None`` (empty) when there is no grade: nothing
    submitted, or a submission not graded (failed, not autograded yet, being autograded
    now), whose reason is in ``row["_not_graded"][assignment]`` and in ``row["notes"]``.
    Learners whose ids differ only in case are joined when unambiguous
    (:func:`course.instructor.ids.merge_case_variants`).
    """
    from nbgrader.api import MissingEntry

    reasons = not_graded(course, grading)
    with course.gradebook() as gb:
        assignments = sorted(gb.assignments, key=lambda a: (a.duedate is None, a.duedate, a.name))
        names = [a.name for a in assignments]
        max_total = sum(a.max_score for a in assignments)
        known = {s.id: s for s in gb.students}
        rows = []
        for student_id in sorted({*known, *(s for _, s in reasons)}):
            student = known.get(student_id)
            row: dict[str, object] = {
                "student_id": student_id,
                "last_name": (student.last_name if student else "") or "",
                "first_name": (student.first_name if student else "") or "",
                "email": (student.email if student else "") or "",
                "_not_graded": {},
            }
            for assignment in assignments:
                key = (assignment.name, student_id)
                score = None
                if key in reasons:
                    row["_not_graded"][assignment.name] = reasons[key]
                elif student is not None:
                    try:
                        submission = gb.find_submission(assignment.name, student_id)
                        penalty = float(submission.late_submission_penalty or 0)
                        score = max(0.0, float(submission.score) - penalty)
                    except MissingEntry:
                        score = None
                row[assignment.name] = score
            rows.append(row)
    notes: dict[str, list[str]] = {}
    rows = ids.merge_case_variants(rows, names, notes)
    for row in rows:
        row["total"] = round(sum(row[n] or 0.0 for n in names), 2)
        row["max_total"] = max_total
        why = [f"{a}: {r}" for a, r in row["_not_graded"].items()]
        row["notes"] = "; ".join([*why, *notes.get(str(row["student_id"]), [])])
    return names, rows


def _cell(value: object) -> object:
    if isinstance(value, float) or value is None:
        return _number(value)
    return ids.formula_safe(value)


def write_grades(course: Course, path: Path, grading: set[tuple[str, str]] = frozenset()) -> Path:
    names, rows = grade_table(course, grading)
    header = ["student_id", "last_name", "first_name", "email", *names, "total", "max_total", "notes"]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow([_cell(row[h]) for h in header])
    return path


def write_grades_long(course: Course, path: Path, grading: set[tuple[str, str]] = frozenset()) -> Path:
    """nbgrader's own CSV export plugin (what ``nbgrader export`` writes), plus a ``notes`` column.

    Submissions without a grade (failed, not autograded yet, being autograded) get empty
    scores and their reason in ``notes``, never nbgrader's 0; text is made formula-safe.
    """
    from nbgrader.plugins import CsvExportPlugin

    path.parent.mkdir(parents=True, exist_ok=True)
    with course.gradebook() as gb:
        CsvExportPlugin(to=str(path)).export(gb)
    reasons = not_graded(course, grading)
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    fields = [*(list(rows[0]) if rows else []), "notes"]
    for row in rows:
        row["notes"] = reasons.get((row.get("assignment"), row.get("student_id")), "")
        if row["notes"]:
            row.update(raw_score="", late_submission_penalty="", score="")
        for key, value in row.items():
            row[key] = ids.formula_safe(value) if key not in NUMERIC_LONG else value
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return path


def criterion_table(checks: list[criteria.ReplyCheck]) -> tuple[list[str], dict[str, dict[str, float]]]:
    """Criterion names (first-seen order) and, per learner, the share of replies meeting each."""
    names: list[str] = []
    tallies: dict[str, dict[str, list[int]]] = {}
    for check in checks:
        if not check.resolved:
            continue
        for name, met in check.criteria.items():
            if name not in names:
                names.append(name)
            tally = tallies.setdefault(check.student, {}).setdefault(name, [0, 0])
            tally[0] += int(met)
            tally[1] += 1
    shares = {
        student: {name: met / seen for name, (met, seen) in per.items()} for student, per in tallies.items()
    }
    return names, shares


def write_criteria(course: Course, path: Path, checks: list[criteria.ReplyCheck] | None = None) -> Path:
    checks = criteria.class_replies(course) if checks is None else checks
    names, shares = criterion_table(checks)
    with course.gradebook() as gb:
        students = sorted(s.id for s in gb.students)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student_id", *names])
        for student in students:
            per = shares.get(student, {})
            scores = [_number(per.get(n)) if n in per else "" for n in names]
            writer.writerow([ids.formula_safe(student), *scores])
    return path


def write_replies(course: Course, path: Path, checks: list[criteria.ReplyCheck] | None = None) -> Path:
    checks = criteria.class_replies(course) if checks is None else checks
    names: list[str] = []
    for check in checks:
        names.extend(n for n in check.criteria if n not in names)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        head = ["student_id", "assignment", "notebook", "grade_id", "scenario", "resolved", "rubric_score"]
        writer.writerow([*head, "confidence", "flags", *names])
        for c in checks:
            writer.writerow(
                [
                    *map(ids.formula_safe, (c.student, c.assignment, c.notebook, c.grade_id, c.scenario)),
                    int(c.resolved),
                    _number(c.score),
                    _number(c.confidence),
                    ids.formula_safe(" ".join(c.flags)),
                    *(int(c.criteria[n]) if n in c.criteria else "" for n in names),
                ]
            )
    return path


def export_all(course: Course, out: Path) -> Exported:
    """Write every CSV into ``out``, all from one consistent moment of the gradebook."""
    with dblock.snapshot(course.db_url):
        grading = state.grading_now(course)
        checks = criteria.class_replies(course, skip=grading)
        paths = [
            write_grades(course, out / "grades.csv", grading),
            write_grades_long(course, out / "grades-long.csv", grading),
            write_criteria(course, out / "criteria.csv", checks),
            write_replies(course, out / "replies.csv", checks),
            similar.write_csv(out / "similar-replies.csv", similar.groups(checks)),
        ]
    return Exported(paths, sorted(grading))
