"""A rough estimate of each module's core path, to keep the course near five hours.

Counts the markdown words outside "Go further" sections (read at 180 words a minute) and
adds 7 minutes per written reply, 8 per function to write, 12 per reflection and 1 per quiz.
A model of a learner, not a measurement: check it against real learners' times.

A "Go further" section is a markdown heading (any level) whose first line contains "Go further",
and every cell after it up to the next heading of the same or a higher level: so a
``### Go further`` section ends at the next ``###``, ``##`` or ``#`` heading.

    .venv/bin/python bench/course_length.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WPM, REPLY, FUNCTION, REFLECTION, QUIZ = 180, 7, 8, 12, 1
HEADING = re.compile(r"(#{1,6}) ")


def sections(cells: list[dict]) -> list[tuple[dict, bool]]:
    """Each cell with True when it lies in a "Go further" section (optional, no points)."""
    marked, level = [], None
    for cell in cells:
        text = "".join(cell["source"])
        heading = HEADING.match(text) if cell["cell_type"] == "markdown" else None
        if heading:
            depth = len(heading.group(1))
            if level is not None and depth <= level:
                level = None
            if level is None and "Go further" in text.splitlines()[0]:
                level = depth
        marked.append((cell, level is not None))
    return marked


def module_minutes(path: Path) -> tuple[float, dict[str, int]]:
    """Estimated core minutes of one source notebook, and the counts behind it."""
    counts = dict(words=0, replies=0, functions=0, quizzes=0, reflections=0)
    for cell, further in sections(json.loads(path.read_text(encoding="utf-8"))["cells"]):
        text = "".join(cell["source"])
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if further:
            continue
        if cell["cell_type"] == "markdown":
            key = "reflections" if meta.get("solution") else "words"
            counts[key] += 1 if meta.get("solution") else len(text.split())
        elif text.lstrip().startswith("Quiz("):
            counts["quizzes"] += 1
        elif meta.get("solution"):
            functions = len(re.findall(r"^\s*def ", text, re.M))
            counts["functions" if functions else "replies"] += functions or 1
    minutes = (
        counts["words"] / WPM
        + counts["replies"] * REPLY
        + counts["functions"] * FUNCTION
        + counts["reflections"] * REFLECTION
        + counts["quizzes"] * QUIZ
    )
    return minutes, counts


def main() -> None:
    total = 0.0
    for path in sorted((ROOT / "source").glob("*/*.ipynb")):
        minutes, c = module_minutes(path)
        total += minutes
        print(
            f"{path.parent.name:30} ~{minutes:3.0f} min  ({c['words']} words, {c['replies']} replies, "
            f"{c['functions']} functions, {c['reflections']} reflections, {c['quizzes']} quizzes)"
        )
    print(f"core path ~{total:.0f} min ({total / 60:.1f} h)")


if __name__ == "__main__":
    main()
