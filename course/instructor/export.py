"""Grades out of the gradebook, as CSV files a learning management system can import.

- ``grades.csv``: one row per learner (every learner in the gradebook), a column per
  assignment with its score (manual grades and late penalties included, as nbgrader
  computes them; empty when nothing was submitted), the total and the maximum.
- ``grades-long.csv``: nbgrader's own export (``nbgrader export``, one row per learner and
  assignment, with timestamps and lateness).
- ``criteria.csv``: learner x rubric criterion: the share of the learner's graded written
  replies that meet each criterion (see :mod:`course.instructor.criteria` for how they are
  recomputed); empty when the learner has no reply scored on that criterion.
- ``replies.csv``: one row per graded written reply (the raw material of ``criteria.csv``).

Exporting while ``python -m course autograde`` runs is safe: the export holds the
gradebook lock while it reads (:func:`course.instructor.dblock.snapshot`), so all
four files come from one moment, and a submission a worker is grading at that moment
is left out (empty score cells, no replies), never exported half graded.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from course.instructor import criteria, dblock, similar, state
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


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def grade_table(
    course: Course, grading: set[tuple[str, str]] = frozenset()
) -> tuple[list[str], list[dict[str, object]]]:
    """Assignment names and one row per learner: id, names, email, scores, total, max.

    Submissions in ``grading`` (being autograded) get an empty score.
    """
    from nbgrader.api import MissingEntry

    with course.gradebook() as gb:
        assignments = sorted(gb.assignments, key=lambda a: (a.duedate is None, a.duedate, a.name))
        names = [a.name for a in assignments]
        max_total = sum(a.max_score for a in assignments)
        rows = []
        for student in sorted(gb.students, key=lambda s: s.id):
            row: dict[str, object] = {
                "student_id": student.id,
                "last_name": student.last_name or "",
                "first_name": student.first_name or "",
                "email": student.email or "",
            }
            total = 0.0
            for assignment in assignments:
                try:
                    score = float(gb.find_submission(assignment.name, student.id).score)
                except MissingEntry:
                    score = None
                if (assignment.name, student.id) in grading:
                    score = None
                row[assignment.name] = score
                total += score or 0.0
            row["total"] = round(total, 2)
            row["max_total"] = max_total
            rows.append(row)
    return names, rows


def write_grades(course: Course, path: Path, grading: set[tuple[str, str]] = frozenset()) -> Path:
    names, rows = grade_table(course, grading)
    header = ["student_id", "last_name", "first_name", "email", *names, "total", "max_total"]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow(
                [_number(v) if isinstance(v, float) or v is None else v for v in (row[h] for h in header)]
            )
    return path


def write_grades_long(course: Course, path: Path, grading: set[tuple[str, str]] = frozenset()) -> Path:
    """nbgrader's own CSV export plugin (what ``nbgrader export`` writes); scores of
    submissions in ``grading`` are emptied."""
    from nbgrader.plugins import CsvExportPlugin

    path.parent.mkdir(parents=True, exist_ok=True)
    with course.gradebook() as gb:
        CsvExportPlugin(to=str(path)).export(gb)
    if grading:
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        fields = list(rows[0]) if rows else []
        for row in rows:
            if (row.get("assignment"), row.get("student_id")) in grading:
                row.update(raw_score="", late_submission_penalty="", score="")
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
            writer.writerow([student, *(_number(per.get(n)) if n in per else "" for n in names)])
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
                    c.student,
                    c.assignment,
                    c.notebook,
                    c.grade_id,
                    c.scenario,
                    int(c.resolved),
                    _number(c.score),
                    _number(c.confidence),
                    " ".join(c.flags),
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
