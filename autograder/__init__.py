"""Grading package for the empathy in customer service course.

``score_reply(scenario, reply)`` scores a written reply against the rubric;
see :mod:`autograder.rubric.scoring` for the criteria and their weights. Names are
loaded on first use, so light modules (the sandbox child, the guard rails)
start without NLTK.
"""

from __future__ import annotations

from importlib import import_module

from autograder import lazyimports

lazyimports.defer()  # before anything imports nbformat (see the module)

__all__ = ["WEIGHTS", "CriterionResult", "ReplyResult", "score_reply"]

_HOMES = {
    "WEIGHTS": "autograder.rubric.scoring",
    "score_reply": "autograder.rubric.scoring",
    "CriterionResult": "autograder.rubric.result",
    "ReplyResult": "autograder.rubric.result",
}


def __getattr__(name: str):
    if name in _HOMES:
        return getattr(import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'autograder' has no attribute {name!r}")
