"""Helpers that nbgrader test cells call; each returns the points earned.

A test cell whose last value is a number gets that many points (partial
credit), so a test cell ends with one of these calls::

    \"\"\"Does the reply to Tom Becker meet the empathy rubric? (partial credit)\"\"\"
    from autograder.nbgrade import grade_reply
    grade_reply("double-charge", reply_double_charge, points=4)

Every helper turns bad input into zero points and a clear message on standard
output, never an exception or a line on standard error (either would zero the
cell or hide the reason).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Iterable, Sequence
from html import escape

from autograder.report import result_html, result_text, show

#: A rubric score at or above this earns full points; below it, points are proportional.
#: It is the lower edge of the top band (``min(4, floor(score * 5)) == 4``).
MASTERY = 0.8


def _message(text: str) -> None:
    show(f"<p><b>{escape(text)}</b></p>", text)


def grade_reply(
    scenario: str,
    reply: object,
    points: float,
    only: Iterable[str] | None = None,
    title: str = "Rubric feedback",
) -> float:
    """Score a written reply with the rubric and return the points it earns.

    A reply at the rubric's mastery level (:data:`MASTERY`) earns full points;
    below it, points are proportional to the score.

    Shows the criteria met and missed with their advice. ``only`` limits the
    score to some criteria (exercises that practise one skill).
    """
    from autograder import score_reply

    if not isinstance(reply, str):
        kind = type(reply).__name__
        _message(f"Your answer must be text (a Python string in quotes), not {kind}: 0 points.")
        return 0.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = score_reply(scenario, reply, only=only)
    earned = earned_points(result.score, points)
    show(result_html(result, title, earned, points), result_text(result, title, earned, points))
    return earned


def earned_points(score: float, points: float) -> float:
    """Points for a rubric score: full at :data:`MASTERY` or above, proportional below."""
    return round(points * min(1.0, max(0.0, score) / MASTERY), 2)


def _matches(actual: object, expected: object, tolerance: float | None) -> bool:
    if tolerance is not None and isinstance(expected, (int, float)) and not isinstance(expected, bool):
        if isinstance(actual, bool) or not isinstance(actual, (int, float)):
            return False
        return math.isfinite(actual) and abs(actual - expected) <= tolerance
    return type(actual) is type(expected) and actual == expected


def run_cases(
    func: object, cases: Sequence[tuple[object, object]], tolerance: float | None = None
) -> list[tuple[bool, str]]:
    """Call ``func`` on each case's input; a tuple input is spread as arguments.

    Returns ``(passed, note)`` per case; an exception or a wrong type fails that
    case only.
    """
    if not callable(func):
        return [(False, f"expected a function, got {type(func).__name__}")] * len(cases)
    outcomes = []
    for given, expected in cases:
        args = given if isinstance(given, tuple) else (given,)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                actual = func(*args)
        except Exception as exc:  # learner code: any failure costs this case only
            outcomes.append((False, f"raised {type(exc).__name__}: {exc}"))
            continue
        if _matches(actual, expected, tolerance):
            outcomes.append((True, "ok"))
        else:
            outcomes.append((False, f"returned {actual!r}"))
    return outcomes


def grade_cases(
    func: Callable | object,
    cases: Sequence[tuple[object, object]],
    points: float,
    tolerance: float | None = None,
    what: str = "hidden examples",
) -> float:
    """Points in proportion to the cases ``func`` gets right (cases stay hidden)."""
    outcomes = run_cases(func, cases, tolerance)
    passed = sum(ok for ok, _ in outcomes)
    earned = round(points * passed / len(cases), 2) if cases else 0.0
    errors = sum(note.startswith("raised") for _, note in outcomes)
    detail = f" ({errors} raised an error)" if errors else ""
    _message(f"{passed} of {len(cases)} {what} correct{detail}: {earned:g} / {points:g} points.")
    return earned
