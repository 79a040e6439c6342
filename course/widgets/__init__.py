"""Interactive practice widgets (ipywidgets). Answers here are for practice, never graded."""

from course.widgets.quiz import Quiz

__all__ = ["Quiz"]
