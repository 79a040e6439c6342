"""Grading package for the empathy in customer service course.

``score_reply(scenario, reply)`` scores a written reply against the rubric;
see :mod:`autograder.rubric` for the criteria and their weights.
"""

from autograder.result import CriterionResult, ReplyResult
from autograder.rubric import WEIGHTS, score_reply

__all__ = ["WEIGHTS", "CriterionResult", "ReplyResult", "score_reply"]
