"""Helpers that nbgrader test cells call; each returns the points earned.

A test cell whose last value is a number gets that many points (partial
credit), so a test cell ends with one of these calls::

    \"\"\"Does the reply to Tom Becker meet the empathy rubric? (partial credit)\"\"\"
    from autograder.nbgrade import grade_reply
    grade_reply("double-charge", reply_double_charge, points=4)

Every helper turns bad input into zero points and a clear message on standard
output, never an exception or a line on standard error (either would zero the
cell or hide the reason). During ``nbgrader autograde`` the same scoring is
repeated outside the learner's kernel (:mod:`autograder.preprocessors.recompute`), and that
result is the one recorded.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import warnings
from collections.abc import Callable, Iterable, Sequence
from html import escape
from pathlib import Path

from autograder.rubric.report import result_html, result_text, show

#: A rubric score at or above this earns full points; below it, points are proportional.
#: It is the lower edge of the top band (``min(4, floor(score * 5)) == 4``).
MASTERY = 0.8
#: nbgrader zeroes a test that writes to standard error; a case that does so fails, with this note.
STDERR_MESSAGE = "wrote to standard error (print to standard output instead)"


def _message(text: str) -> None:
    headline, *details = text.split("\n")
    lines = "".join(f"<br>{escape(line)}" for line in details)
    show(f"<p><b>{escape(headline)}</b>{lines}</p>", text)


def earned_points(score: float, points: float) -> float:
    """Points for a rubric score: full at :data:`MASTERY` or above, proportional below."""
    return round(points * min(1.0, max(0.0, score) / MASTERY), 2)


def score_points(scenario: str, reply: str, points: float, only: Iterable[str] | None = None):
    """The rubric's result for ``reply`` and the points it earns, without displaying anything."""
    from autograder import score_reply

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = score_reply(scenario, reply, only=only)
    return result, earned_points(result.score, points)


def grade_reply(
    scenario: str,
    reply: object,
    points: float,
    only: Iterable[str] | None = None,
    title: str = "Rubric feedback",
) -> float:
    """Score a written reply with the rubric and return the points it earns.

    A reply at the rubric's mastery level (:data:`MASTERY`) earns full points;
    below it, points are proportional to the score. Shows the criteria met and
    missed with their advice. ``only`` limits the score to some criteria
    (exercises that practise one skill).
    """
    if not isinstance(reply, str):
        from autograder.rubric.checks import not_text_message

        _message(f"{not_text_message(reply)} 0 points.")
        return 0.0
    result, earned = score_points(scenario, reply, points, only)
    show(result_html(result, title, earned, points), result_text(result, title, earned, points))
    return earned


def plain(value: object) -> dict:
    """``{"value": v}`` with ``v`` as JSON data (tuples become lists), or ``{"error": why}``."""
    try:
        return {"value": json.loads(json.dumps(value, allow_nan=False))}
    except (TypeError, ValueError, RecursionError):
        return {"error": f"returned a {type(value).__name__}, which is not plain data"}


def judge(item: dict, expected: object, tolerance: float | None) -> tuple[bool, str]:
    """Whether one returned value (as :func:`plain` gives it) matches ``expected``; with a note."""
    if "value" not in item:
        return False, str(item.get("error", "no result"))
    actual = item["value"]
    expected = plain(expected).get("value", expected)
    if tolerance is not None and isinstance(expected, (int, float)) and not isinstance(expected, bool):
        ok = (
            isinstance(actual, (int, float))
            and not isinstance(actual, bool)
            and math.isfinite(actual)
            and abs(actual - expected) <= tolerance
        )
    else:
        ok = type(actual) is type(expected) and actual == expected
    return ok, "ok" if ok else f"returned {actual!r}"


def run_cases(
    func: object, cases: Sequence[tuple[object, object]], tolerance: float | None = None
) -> list[tuple[bool, str]]:
    """Call ``func`` on each case's input; a tuple input is spread as arguments.

    Returns ``(passed, note)`` per case; an exception or a wrong type fails that
    case only.
    """
    if not callable(func):
        return [(False, f"expected a function, got {type(func).__name__}")] * len(cases)
    return [
        judge(call_once(func, given if isinstance(given, tuple) else (given,)), expected, tolerance)
        for given, expected in cases
    ]


def call_once(func: Callable, args: Sequence[object]) -> dict:
    """``func(*args)`` as :func:`plain` data, or ``{"error": why}`` if it raised or wrote to stderr."""
    errors = io.StringIO()
    try:
        with warnings.catch_warnings(), contextlib.redirect_stderr(errors):
            warnings.simplefilter("ignore")
            item = plain(func(*args))
    except Exception as exc:  # learner code: any failure costs this case only
        item = {"error": f"raised {type(exc).__name__}: {exc}"}
    if errors.getvalue() and "value" in item:
        item = {"error": STDERR_MESSAGE}
    return item


def _short(value: object, limit: int = 70) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def case_points(
    outcomes: list[tuple[bool, str]],
    points: float,
    what: str,
    explain: tuple[str, Sequence[tuple[object, object]]] | None = None,
) -> tuple[float, str]:
    """Points in proportion to the passed cases, and the message that explains them.

    ``explain`` is ``(function name, cases)`` for cases the learner may see: the
    message then lists the first few that failed, with what was expected.
    """
    passed = sum(ok for ok, _ in outcomes)
    earned = round(points * passed / len(outcomes), 2) if outcomes else 0.0
    errors = sum(note.startswith("raised") for _, note in outcomes)
    detail = f" ({errors} raised an error)" if errors else ""
    message = f"{passed} of {len(outcomes)} {what} correct{detail}: {earned:g} / {points:g} points."
    if explain:
        name, cases = explain
        failed = [
            f"  {name}({_short(given)[1:-1] if isinstance(given, tuple) else _short(given)}) {note}; "
            f"expected {_short(expected)}"
            for (ok, note), (given, expected) in zip(outcomes, cases, strict=False)
            if not ok
        ]
        message += "".join(f"\n{line}" for line in failed[:3])
        if len(failed) > 3:
            message += f"\n  ...and {len(failed) - 3} more."
    return earned, message


def grade_cases(
    func: Callable | object,
    cases: Sequence[tuple[object, object]],
    points: float,
    tolerance: float | None = None,
    what: str = "hidden examples",
    explain: bool = False,
) -> float:
    """Points in proportion to the cases ``func`` gets right.

    The cases themselves are shown only with ``explain=True`` (visible examples):
    the message then names the first cases that failed.
    """
    name = getattr(func, "__name__", "your function")
    earned, message = case_points(
        run_cases(func, cases, tolerance), points, what, (name, cases) if explain else None
    )
    _message(message)
    return earned


def grade_agreement(
    func: Callable | object,
    rows: Sequence,
    points: float,
    floor: float = 0.6,
    full: float = 0.85,
    what: str = "labelled replies",
) -> float:
    """Points for how well ``func`` (reply -> score from 0 to 1) orders labelled replies.

    ``rows`` are ``(label, reply)`` pairs or CSV rows with ``label`` and ``reply``
    columns. See :func:`autograder.agreement.agreement_points` for the scale.
    """
    from autograder.agreement import agreement_points, labelled_pairs

    pairs = labelled_pairs(rows)
    if not callable(func):
        items = [{"error": f"is a {type(func).__name__}, not a function"}]
    else:
        items = []
        for _, reply in pairs:
            items.append(call_once(func, (reply,)))
            if "value" not in items[-1]:
                break  # one unusable score already costs all the points
    result = agreement_points(items, [label for label, _ in pairs], points, floor, full, what)
    _message(result.message)
    return result.points


def data_file(name: str) -> object:
    """A data file shipped beside the notebook: JSON as data, CSV as a list of row dicts.

    Test cells use it for cases kept in files. During ``nbgrader autograde`` the
    file is read from the instructor's source folder instead (the learner's copy
    could have been changed), so the cases are the instructor's.
    """
    return read_data_file(Path(name))


def read_data_file(path: Path) -> object:
    """The contents of a ``.json`` or ``.csv`` data file (see :func:`data_file`)."""
    import csv

    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    if path.suffix == ".csv":
        with path.open(newline="", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))
    raise ValueError(f"data_file reads .json or .csv files, not {path.name!r}")
