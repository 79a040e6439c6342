"""The learner workspace: a private copy of the released modules that ``make lab`` opens.

The first run copies every module from ``release/`` into ``workspace/`` (git-ignored)
and adds a progress notebook; later runs add modules that are new and never touch
a file the learner already has.

``python -m course.workspace [--workspace DIR]`` prepares it and prints its path.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import nbformat

from course.nbclean import clean
from course.progress import MARKER

ROOT = Path(__file__).resolve().parent.parent
RELEASE = ROOT / "release"
DEFAULT_WORKSPACE = ROOT / "workspace"
PROGRESS_NOTEBOOK = "progress.ipynb"


def _progress_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(
            "# Your progress\n\nRun the cell below to see, for each module, how many exercises you have "
            "answered and your latest self-check scores. Run it again whenever you like."
        ),
        nbformat.v4.new_code_cell("from course.progress import show_progress\n\nshow_progress()"),
    ]
    return clean(nb)


def prepare(workspace: Path = DEFAULT_WORKSPACE, release: Path = RELEASE) -> list[Path]:
    """Copy released modules into ``workspace`` without overwriting anything; return what was added."""
    if not release.is_dir() or not any(release.iterdir()):
        raise SystemExit(f"error: {release} has no released modules; run `make release` first.")
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / MARKER).touch()
    added = []
    for module in sorted(p for p in release.iterdir() if p.is_dir()):
        for item in sorted(module.rglob("*")):
            if item.is_dir() or ".ipynb_checkpoints" in item.parts:
                continue
            target = workspace / item.relative_to(release)
            if target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(item, target)
            added.append(target)
    progress = workspace / PROGRESS_NOTEBOOK
    if not progress.exists():
        nbformat.write(_progress_notebook(), progress)
        added.append(progress)
    return added


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course.workspace", description=__doc__.splitlines()[0])
    parser.add_argument("--workspace", type=Path, default=DEFAULT_WORKSPACE, help="where to put it")
    args = parser.parse_args(argv)
    added = prepare(args.workspace)
    kept = "" if added else " (nothing new: your work is kept as it is)"
    print(f"Learner workspace: {args.workspace}{kept}")
    for path in added:
        print(f"  added {path.relative_to(args.workspace)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
