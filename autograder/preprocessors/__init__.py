"""nbgrader preprocessors that make autograding hold under hostile or broken submissions.

Configured in ``nbgrader_config.py`` (``Autograde.sanitize_preprocessors`` and
``Autograde.autograde_preprocessors``):

* :class:`RestoreMetadata`: puts back the instructor's nbgrader metadata on every
  known cell and strips it from cells it does not know, before nbgrader's
  ``OverwriteCells`` (which would otherwise reject the whole submission).
* :class:`ResilientExecute`: nbgrader's ``Execute``, but a kernel that dies
  (``os._exit``, a crash) costs the cell it died in; a new kernel runs the rest.
* :class:`RecomputeGrades`: rubric and case tests recomputed outside the kernel.

And ``HTMLExporter.preprocessors`` (pages made from graded notebooks):

* :class:`SanitizeLearnerHTML`: learner markdown and outputs rendered without anything
  that runs script, frames, submits or overlays (formgrader, feedback).
"""

from autograder.preprocessors.execute import ResilientExecute
from autograder.preprocessors.recompute import RecomputeGrades
from autograder.preprocessors.restoremetadata import RestoreMetadata
from autograder.preprocessors.sanitize import SanitizeLearnerHTML

__all__ = ["RecomputeGrades", "ResilientExecute", "RestoreMetadata", "SanitizeLearnerHTML"]
