"""Interactive practice widgets (ipywidgets). Answers here are for practice, never graded."""

from course.widgets.quiz import Quiz
from course.widgets.roleplay import RolePlay

__all__ = ["Quiz", "RolePlay"]
