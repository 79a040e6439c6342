"""Per-learner HTML feedback: nbgrader's ``generate_feedback`` with hidden tests removed.

The autograded notebook holds the instructor's version of every test cell, hidden tests
included (nbgrader restores them before grading), and nbgrader's feedback template
renders it as it is. :class:`HideHiddenTests` runs inside ``GenerateFeedback`` (after
``GetGrades``) and removes every ``### BEGIN HIDDEN TESTS`` ... ``### END HIDDEN TESTS``
region from the cells, and the code frames of error tracebacks from those cells (which
would quote the hidden lines), keeping the error's name and message.

What learners see for a written reply is the output of ``grade_reply``: the rubric's
criteria met and missed with advice (``<div class="course-feedback">``), under the
points of the cell.

Learner-written HTML (markdown answers, outputs) is cleaned by
:class:`autograder.preprocessors.sanitize.SanitizeLearnerHTML`, an ``HTMLExporter`` preprocessor.

``nbgrader_config.py`` installs the same preprocessor (``c.GenerateFeedback.preprocessors``),
so feedback generated from formgrader hides the tests as well.
"""

from __future__ import annotations

import glob
from pathlib import Path

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import ClearHiddenTests, GetGrades, NbGraderPreprocessor
from nbgrader.utils import is_grade

from autograder.preprocessors.sanitize import SanitizeLearnerHTML
from course.instructor import checks, steps
from course.instructor.coursedir import Course

HIDDEN_NOTE = "# (hidden tests run here; they are not shown)"


class HideHiddenTests(NbGraderPreprocessor):
    """Remove hidden test regions from grade cells, and the tracebacks that quote them."""

    def preprocess_cell(self, cell: NotebookNode, resources: dict, index: int):
        if cell.cell_type != "code" or not is_grade(cell):
            return cell, resources
        clearer = ClearHiddenTests(config=self.config)
        clearer.enforce_metadata = False
        begin = clearer.begin_test_delimeter
        if begin not in cell.source:
            return cell, resources
        lines, hidden = [], False
        for line in cell.source.split("\n"):
            if begin in line:
                hidden = True
                lines.append(line[: len(line) - len(line.lstrip())] + HIDDEN_NOTE)
            elif clearer.end_test_delimeter in line:
                hidden = False
            elif not hidden:
                lines.append(line)
        cell.source = "\n".join(lines)
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                output["traceback"] = [f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"]
        return cell, resources


FEEDBACK_PREPROCESSORS = [GetGrades, HideHiddenTests, CSSHTMLHeaderPreprocessor]


def generate(course: Course, assignment: str, student: str | None = None) -> str:
    """``nbgrader generate_feedback`` for one assignment (all learners, or one).

    Afterwards each learner's feedback folder keeps only what the instructor released:
    the HTML page of each notebook and the files of ``release/<assignment>/`` (and
    nbgrader's ``timestamp.txt`` and ``submission_secret.txt``, which ``release_feedback``
    reads and does not release). nbgrader
    copies every file of the autograded folder, so files the learner's code wrote while
    it was graded would reach the learner (or, on a shared exchange, anyone).
    """
    checks.autograded(course, assignment, student)
    config = course.config()
    config.GenerateFeedback.preprocessors = FEEDBACK_PREPROCESSORS
    # learner markup is cleaned even where a course's own config forgot (nbgrader_config.py sets it too)
    config.HTMLExporter.preprocessors = [SanitizeLearnerHTML]
    who = None if student is None else glob.escape(student)  # nbgrader globs the id
    log = steps._check(
        course.api(config).generate_feedback(assignment, who, force=True), f"feedback {assignment}"
    )
    for learner in [student] if student else checks.learners_with(course.feedback, assignment):
        prune(course, assignment, learner)
    return log


def prune(course: Course, assignment: str, student: str) -> list[Path]:
    """Remove from ``feedback/<student>/<assignment>/`` what the instructor did not release; return it."""
    folder = course.feedback / student / assignment
    release = course.release / assignment
    released = (
        {p.relative_to(release) for p in release.rglob("*") if p.is_file()} if release.is_dir() else set()
    )
    pages = {Path(p.with_suffix(".html").name) for p in release.glob("*.ipynb")}
    pages |= {Path("timestamp.txt"), Path("submission_secret.txt")}  # release_feedback reads them
    removed = []
    for path in sorted(folder.rglob("*"), reverse=True):
        relative = path.relative_to(folder)
        if path.is_symlink() or path.is_file():
            if relative not in pages and (relative not in released or relative.suffix == ".ipynb"):
                path.unlink()
                removed.append(relative)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return removed
