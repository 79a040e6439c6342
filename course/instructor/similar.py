"""Near-identical written replies between learners of one assignment, for the instructor to look at.

Replies to the same exercise (one assignment, one graded cell) are compared with the rubric's
shingle overlap (:func:`autograder.rubric.copied.similar_groups`); groups of two or more learners
whose replies are near-identical are listed in the class report (``python -m course report``) and in
``similar-replies.csv`` of the export. Near-identical is not proof of copying (a short reply built
from the scenario's own offers can match by chance), so the list is for a person to judge.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from html import escape
from pathlib import Path

from autograder.rubric.copied import similar_groups
from course.instructor.criteria import ReplyCheck


@dataclass(frozen=True)
class SimilarGroup:
    """Learners whose replies to one exercise are near-identical.

    Attributes:
        assignment: the assignment name.
        grade_id: the test cell that graded the reply.
        scenario: the scenario the reply answers.
        students: the learners' ids, in the order they were read.
        sample: the first learner's reply (for the instructor to see what is shared).
    """

    assignment: str
    grade_id: str
    scenario: str
    students: tuple[str, ...]
    sample: str


def groups(checks: list[ReplyCheck]) -> list[SimilarGroup]:
    """Every group of near-identical replies, per assignment and graded cell, largest first."""
    by_cell: dict[tuple[str, str], list[ReplyCheck]] = {}
    for check in checks:
        if check.reply:
            by_cell.setdefault((check.assignment, check.grade_id), []).append(check)
    out = []
    for (assignment, grade_id), cell in sorted(by_cell.items()):
        texts = {c.student: c.reply for c in cell}
        for keys in similar_groups(texts):
            first = next(c for c in cell if c.student == keys[0])
            out.append(SimilarGroup(assignment, grade_id, first.scenario, tuple(keys), first.reply or ""))
    return sorted(out, key=lambda g: (-len(g.students), g.assignment, g.grade_id))


def html(found: list[SimilarGroup]) -> str:
    """The class report's section listing the groups."""
    parts = [
        "<h2>Near-identical replies</h2>",
        "<p>Learners whose written replies to the same exercise are nearly word for word the same. "
        "This is not proof of copying; open the submissions to judge.</p>",
    ]
    if not found:
        parts.append("<p class='muted'>None found.</p>")
        return "\n".join(parts)
    parts.append("<table><tr><th>assignment / cell</th><th>learners</th><th>one of the replies</th></tr>")
    for g in found:
        parts.append(
            f"<tr><td>{escape(g.assignment)} / {escape(g.grade_id)}</td>"
            f"<td>{escape(', '.join(g.students))}</td><td class='reply'>{escape(g.sample[:400])}</td></tr>"
        )
    parts.append("</table>")
    return "\n".join(parts)


def write_csv(path: Path, found: list[SimilarGroup]) -> Path:
    """``similar-replies.csv``: one row per learner in a group (group number, assignment, cell, learner)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["group", "assignment", "grade_id", "scenario", "student_id", "group_size"])
        for number, g in enumerate(found, start=1):
            for student in g.students:
                writer.writerow([number, g.assignment, g.grade_id, g.scenario, student, len(g.students)])
    return path
