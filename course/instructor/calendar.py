"""Due dates, extensions and late penalties, kept current.

nbgrader computes a submission's late penalty once, while autograding it
(``AssignLatePenalties`` with the configured ``LateSubmissionPlugin``), from the due
date and extension of that moment and the score before manual grading. A due date moved
later, an extension granted afterwards or manual points added leave that penalty stale,
and a plain re-run skips graded submissions. :func:`refresh_late_penalties` recomputes
every penalty of an assignment with nbgrader's own plugin and rule (never below 0, never
above the notebook's score); ``python -m course autograde`` calls it after every run and
names each change.
"""

from __future__ import annotations

from dataclasses import dataclass

from course.instructor.coursedir import Course


@dataclass
class PenaltyChange:
    """A late penalty recomputed.

    Attributes:
        student: the learner id.
        notebook: the notebook name (without ``.ipynb``).
        before: the penalty in points stored by the grading run (0 when none).
        after: the penalty in points under the current due date and extension.
    """

    student: str
    notebook: str
    before: float
    after: float


def refresh_late_penalties(course: Course, assignment: str) -> list[PenaltyChange]:
    """Recompute the late penalty of every submitted notebook of ``assignment``; return the changes."""
    from nbgrader.api import MissingEntry
    from nbgrader.preprocessors import AssignLatePenalties

    assigner = AssignLatePenalties(config=course.config())
    assigner.init_plugin()
    changes = []
    with course.gradebook() as gb:
        try:
            submissions = list(gb.find_assignment(assignment).submissions)
        except MissingEntry:
            return []
        for submission in submissions:
            late = submission.total_seconds_late
            for notebook in submission.notebooks:
                after = None
                if late > 0:
                    after = assigner.plugin_inst.late_submission_penalty(
                        submission.student.id, notebook.score, late
                    )
                    if after is not None:
                        after = assigner._check_late_penalty(notebook, after)
                before = float(notebook.late_submission_penalty or 0.0)
                if float(after or 0.0) != before:
                    student = submission.student.id
                    changes.append(PenaltyChange(student, notebook.name, before, float(after or 0.0)))
                    notebook.late_submission_penalty = after
        gb.db.commit()
    return changes
