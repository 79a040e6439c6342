"""Progressive hints for the coded exercises, one level per call, never the solution.

In a notebook::

    from course import hint
    hint("classify_phrase")      # first nudge
    hint("classify_phrase")      # the next, closer one

Hints live in ``course/hints.yaml``, keyed by the name of the function the learner writes.
Levels already shown are remembered for the session; ``hint(name, level=1)`` shows one level
again. While nbgrader grades (``NBGRADER_EXECUTION`` is set) it shows nothing.
"""

from __future__ import annotations

import os
from functools import cache
from html import escape
from pathlib import Path

from autograder.rubric.report import show
from autograder.yamlfile import CourseFileError, read_yaml

HINTS_FILE = Path(__file__).resolve().parent / "hints.yaml"
_shown: dict[str, int] = {}


class HintError(CourseFileError):
    """The hints file is missing, unreadable or malformed."""


@cache
def load_hints(path: str | Path = HINTS_FILE) -> dict[str, tuple[str, ...]]:
    """``exercise -> hint levels`` from the YAML file at ``path`` (validated)."""
    path = Path(path)
    data = read_yaml(path, HintError, "hints")
    if not isinstance(data, dict):
        raise HintError(path, "must map each exercise name to a list of hints")
    hints = {}
    for name, levels in data.items():
        if (
            not isinstance(levels, list)
            or not levels
            or not all(isinstance(h, str) and h.strip() for h in levels)
        ):
            raise HintError(path, "must be a non-empty list of text hints", str(name))
        hints[str(name)] = tuple(" ".join(h.split()) for h in levels)
    return hints


def hint(exercise: str, level: int | None = None) -> None:
    """Show the next hint for ``exercise`` (or hint number ``level``, counting from 1)."""
    if os.environ.get("NBGRADER_EXECUTION"):
        return
    hints = load_hints()
    if exercise not in hints:
        known = ", ".join(sorted(hints))
        show(
            f"<p>No hints for <code>{escape(str(exercise))}</code>. Hints exist for: {escape(known)}.</p>",
            f"No hints for {exercise!r}. Hints exist for: {known}.",
        )
        return
    levels = hints[exercise]
    number = level if level is not None else min(_shown.get(exercise, 0) + 1, len(levels))
    number = max(1, min(number, len(levels)))
    _shown[exercise] = max(_shown.get(exercise, 0), number)
    more = (
        f'Run hint("{exercise}") again for the next hint.'
        if number < len(levels)
        else "That was the last hint. Compare your code with the instructions step by step, "
        "then run the self-check."
    )
    title = f"Hint {number} of {len(levels)} for {exercise}"
    show(
        f"<div class='course-hint' style='border-left:3px solid #2a7ab0; padding:4px 10px; margin:4px 0'>"
        f"<b>{escape(title)}</b><br>{escape(levels[number - 1])}<br><i>{escape(more)}</i></div>",
        f"{title}\n  {levels[number - 1]}\n  {more}",
    )
