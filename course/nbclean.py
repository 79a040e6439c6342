"""Keep notebooks clean: outputs cleared, execution counts reset, kernelspec set.

``python -m course.nbclean PATH...`` cleans notebooks in place;
``python -m course.nbclean --check PATH...`` lists dirty ones and exits 1 (CI).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
LANGUAGE_INFO = {"name": "python"}
_VOLATILE_METADATA = ("widgets", "execution", "collapsed", "scrolled")


def notebooks(paths: list[str | Path]) -> list[Path]:
    """Every ``.ipynb`` under ``paths``, skipping checkpoints."""
    found = []
    for path in map(Path, paths):
        candidates = [path] if path.suffix == ".ipynb" else sorted(path.rglob("*.ipynb"))
        found += [p for p in candidates if ".ipynb_checkpoints" not in p.parts]
    return found


def problems(nb: nbformat.NotebookNode) -> list[str]:
    """What makes ``nb`` unclean, as readable strings (empty when clean)."""
    issues = []
    if nb.metadata.get("kernelspec", {}).get("name") != KERNELSPEC["name"]:
        issues.append("kernelspec is missing or not python3")
    if "widgets" in nb.metadata:
        issues.append("saved widget state in metadata")
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count")):
            issues.append(f"cell {index} has outputs or an execution count")
        if any(key in cell.metadata for key in _VOLATILE_METADATA):
            issues.append(f"cell {index} has volatile metadata")
    return issues


def clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Clean ``nb`` in place and return it."""
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = dict(LANGUAGE_INFO)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for key in _VOLATILE_METADATA:
            cell.metadata.pop(key, None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return nb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course.nbclean", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="notebooks or folders")
    parser.add_argument("--check", action="store_true", help="report dirty notebooks, change nothing")
    args = parser.parse_args(argv)
    dirty = unreadable = 0
    for path in notebooks(args.paths):
        try:
            nb = nbformat.read(path, as_version=4)
        except Exception as exc:  # an unreadable notebook is reported, never rewritten
            print(f"{path}: cannot be read as a notebook ({exc})")
            unreadable += 1
            continue
        issues = problems(nb)
        if not issues:
            continue
        dirty += 1
        if args.check:
            print(f"{path}: " + "; ".join(issues))
        else:
            nbformat.write(clean(nb), path)
            print(f"cleaned {path}")
    if args.check and dirty:
        print(f"{dirty} notebook(s) not clean: run `make nbclean`.")
    if unreadable:
        print(f"{unreadable} notebook(s) could not be read; fix them by hand (they were not changed).")
    return 1 if unreadable or (args.check and dirty) else 0


if __name__ == "__main__":
    sys.exit(main())
