"""Learner progress: self-check scores and how many exercises each module has answered.

Self-check results are recorded in ``.course-progress.json`` at the root of a
learner workspace (a folder holding a ``.course-workspace`` marker, made by
``make lab``). Outside a workspace, and always while nbgrader grades, nothing
is written.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

MARKER = ".course-workspace"
PROGRESS_FILE = ".course-progress.json"
STUB = "raise NotImplementedError"


def find_workspace(start: Path | None = None) -> Path | None:
    """The workspace folder containing ``start`` (default: the current folder), if any."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / MARKER).is_file():
            return folder
    return None


def _grading() -> bool:
    return bool(os.environ.get("NBGRADER_EXECUTION"))


def load(workspace: Path) -> dict:
    """Recorded self-check results: ``{module: {exercise: {"score": float, "time": float}}}``."""
    try:
        data = json.loads((workspace / PROGRESS_FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def record(exercise: str, score: float, start: Path | None = None) -> Path | None:
    """Remember the latest self-check score of ``exercise`` for the current module."""
    if _grading():
        return None
    here = (start or Path.cwd()).resolve()
    workspace = find_workspace(here)
    if workspace is None:
        return None
    module = here.relative_to(workspace).parts[0] if here != workspace else "(workspace)"
    data = load(workspace)
    data.setdefault(module, {})[exercise] = {"score": round(float(score), 4), "time": time.time()}
    target = workspace / PROGRESS_FILE
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
    tmp.replace(target)
    return target


@dataclass(frozen=True)
class ModuleProgress:
    """One module's progress.

    Attributes:
        module: folder name, e.g. ``01-empathy-vs-sympathy``.
        answered: answer cells the learner has filled in.
        exercises: answer cells in the module's notebooks.
        checks: latest self-check score per exercise, in [0, 1].
    """

    module: str
    answered: int
    exercises: int
    checks: dict

    @property
    def complete(self) -> float:
        """Share of exercises answered, in [0, 1]."""
        return self.answered / self.exercises if self.exercises else 0.0


def _count_answers(notebook: Path) -> tuple[int, int]:
    try:
        nb = nbformat.read(notebook, as_version=4)
    except Exception:
        return 0, 0
    answered = total = 0
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if not meta.get("solution"):
            continue
        total += 1
        source = cell.source.strip()
        if cell.cell_type == "code":
            answered += bool(source) and STUB not in source
        else:
            answered += bool(source) and source != "YOUR ANSWER HERE"
    return answered, total


def summarise(workspace: Path) -> list[ModuleProgress]:
    """Progress of every module folder in ``workspace``, in course order."""
    checks = load(workspace)
    modules = []
    for folder in sorted(p for p in workspace.iterdir() if p.is_dir() and p.name[:2].isdigit()):
        answered = total = 0
        for notebook in sorted(folder.glob("*.ipynb")):
            got, out_of = _count_answers(notebook)
            answered += got
            total += out_of
        modules.append(ModuleProgress(folder.name, answered, total, dict(checks.get(folder.name, {}))))
    return modules


def progress_text(modules: list[ModuleProgress]) -> str:
    """A plain-text table of :func:`summarise`'s result."""
    lines = [f"{'module':30} {'answered':>10} {'self-check (mean)':>18}"]
    for m in modules:
        scores = [c["score"] for c in m.checks.values()]
        mean = f"{sum(scores) / len(scores):.0%} of {len(scores)}" if scores else "-"
        lines.append(f"{m.module:30} {m.answered:>4} of {m.exercises:<4} {mean:>18}")
    return "\n".join(lines)


def progress_html(modules: list[ModuleProgress]) -> str:
    """An HTML table of :func:`summarise`'s result, with a bar per module."""
    rows = []
    for m in modules:
        scores = [c["score"] for c in m.checks.values()]
        mean = f"{sum(scores) / len(scores):.0%} over {len(scores)} check(s)" if scores else "not yet"
        bar = (
            f"<div style='background:#e5e5e5;width:160px;height:10px;border-radius:5px'>"
            f"<div style='background:#2e7d32;width:{m.complete * 160:.0f}px;height:10px;border-radius:5px'>"
            "</div></div>"
        )
        rows.append(
            f"<tr><td>{m.module}</td><td>{bar}</td><td>{m.answered} of {m.exercises}</td><td>{mean}</td></tr>"
        )
    return (
        "<table class='course-progress'><thead><tr><th>Module</th><th>Progress</th><th>Answered</th>"
        "<th>Self-check</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def show_progress(workspace: Path | None = None) -> None:
    """Display the progress table of the current workspace (for the progress notebook)."""
    from autograder.rubric.report import show

    workspace = workspace or find_workspace()
    if workspace is None:
        print("This folder is not a learner workspace: open the course with `make lab`.")
        return
    modules = summarise(workspace)
    show(progress_html(modules), progress_text(modules))
