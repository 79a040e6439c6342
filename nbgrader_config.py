"""nbgrader configuration: the repository root is the course directory."""

import os
from pathlib import Path

c = get_config()  # noqa: F821 - provided by nbgrader/traitlets

ROOT = Path(__file__).resolve().parent

c.CourseDirectory.root = str(ROOT)
c.CourseDirectory.course_id = "empathy-in-customer-service"
c.CourseDirectory.source_directory = "source"
c.CourseDirectory.release_directory = "release"
c.CourseDirectory.submitted_directory = "submitted"
c.CourseDirectory.autograded_directory = "autograded"
c.CourseDirectory.feedback_directory = "feedback"
c.CourseDirectory.db_url = f"sqlite:///{ROOT / 'gradebook.db'}"

# A course-local exchange so everything works on one machine. On JupyterHub (`make hub`,
# deploy/) the hub sets COURSE_EXCHANGE_ROOT to the exchange every user reaches.
c.Exchange.root = os.environ.get("COURSE_EXCHANGE_ROOT") or str(ROOT / "exchange")

# Model answers (e.g. source/06-empathetic-teams/model-answers/) stay with the instructor: nbgrader
# never copies them into release/, the exchange or a learner's fetched assignment.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "model-answers"]

c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.Execute.timeout = 60
# Learner code runs in bubblewrap (autograder/sandbox/, threat model in README.md): the grading
# kernel (autograder/sandbox/kernel.py, started by ResilientExecute's SandboxKernelManager over
# Unix sockets) and the recompute step, each with no network, no course directory, no other
# learners' files, a private copy of the submission's regular files, and resource limits.
c.Execute.kernel_name = "empathy-grading"
# Links and special files in a submission are skipped, never followed (autograder/sandbox/submission.py).
from autograder.sandbox import submission  # noqa: E402

submission.install()

# Grading that holds under hostile or broken submissions (autograder/preprocessors/,
# threat model in README.md): metadata restored before nbgrader checks it, a dying
# kernel costs one cell, and rubric and case tests are recomputed outside the
# learner's kernel. The rest of each chain is nbgrader's default.
c.OverwriteCells.add_missing_cells = True
c.Autograde.sanitize_preprocessors = [
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "autograder.preprocessors.RestoreMetadata",
    "nbgrader.preprocessors.OverwriteCells",
    "nbgrader.preprocessors.CheckCellMetadata",
]
c.Autograde.autograde_preprocessors = [
    "autograder.preprocessors.ResilientExecute",
    "autograder.preprocessors.RecomputeGrades",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]

# Learner-written HTML (markdown answers, displayed outputs) is cleaned in every page nbconvert
# makes from a graded notebook: formgrader's manual-grading view and the feedback pages
# (autograder/preprocessors/sanitize.py). nbgrader's templates render markdown unsanitised.
c.HTMLExporter.preprocessors = ["autograder.preprocessors.SanitizeLearnerHTML"]

# Feedback never shows hidden tests: nbgrader's feedback chain plus a step that removes
# "### BEGIN HIDDEN TESTS" regions and the tracebacks quoting them (course/instructor/feedback.py).
# Applies to `python -m course feedback` and to formgrader's feedback buttons alike.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "course.instructor.feedback.HideHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
