"""Benchmark: stock sequential ``nbgrader autograde`` versus ``python -m course autograde``.

On the same demo cohort (30 learners, the fixture assignment ps1, built with the real
exchange by ``python -m course demo --setup-only``), in one run:

1. stock: ``nbgrader autograde ps1`` in a copy of the course (one process, one
   submission after the other);
2. parallel: ``python -m course autograde ps1`` (one worker per core) in another copy;

then prints the wall time of each, the ratio, and whether every cell's score matches.

    .venv/bin/python bench/autograde_parallel.py [--learners 30] [--workers N]

Not a test: the figures depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def scores(course: Path, assignment: str) -> dict[tuple[str, str], tuple[float | None, float]]:
    from nbgrader.api import Gradebook

    out = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for submission in gb.assignment_submissions(assignment):
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    out[(submission.student.id, grade.name)] = (grade.auto_score, grade.max_score)
    return out


def timed(command: list[str], cwd: Path) -> float:
    started = time.monotonic()
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    seconds = time.monotonic() - started
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--workers", type=int, default=None, help="default: number of cores")
    args = parser.parse_args()
    os.environ["PATH"] = f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"
    cores = len(os.sched_getaffinity(0))
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "cohort"
        print(f"building a demo cohort of {args.learners} learners ...", flush=True)
        setup = [str(BIN / "python"), "-m", "course", "demo", "--dir", str(base), "--setup-only"]
        setup += ["--learners", str(args.learners), "--fixtures", "ps1"]
        timed(setup, REPO)
        timed([str(BIN / "python"), "-m", "course", "collect", "ps1"], base)
        stock, parallel = Path(tmp) / "stock", Path(tmp) / "parallel"
        shutil.copytree(base, stock)
        shutil.copytree(base, parallel)
        count = len(list((base / "submitted").glob("*/ps1")))

        print(f"stock: nbgrader autograde ps1 ({count} submissions, sequential) ...", flush=True)
        t_stock = timed([str(BIN / "nbgrader"), "autograde", "ps1"], stock)
        command = [str(BIN / "python"), "-m", "course", "autograde", "ps1", "--quiet"]
        if args.workers:
            command += ["--workers", str(args.workers)]
        print(f"parallel: python -m course autograde ps1 ({args.workers or cores} workers) ...", flush=True)
        t_parallel = timed(command, parallel)

        a, b = scores(stock, "ps1"), scores(parallel, "ps1")
        same = a == b and len(a) > 0
        load = os.getloadavg()[0]
        print()
        print(
            f"submissions         {count} (ps1, {len(a) // max(count, 1)} graded cells each), {cores} cores"
        )
        print(f"stock sequential    {t_stock:7.1f} s  ({t_stock / count:.2f} s per submission)")
        print(f"parallel            {t_parallel:7.1f} s  ({t_parallel / count:.2f} s per submission)")
        print(f"ratio               {t_stock / t_parallel:7.2f} x faster")
        print(f"scores identical    {'yes' if same else 'NO'} ({len(a)} cell scores compared)")
        print(f"load average (1 m)  {load:.1f} at the end")
        if not same:
            for key in sorted(set(a) | set(b)):
                if a.get(key) != b.get(key):
                    print(f"  {key}: stock {a.get(key)} parallel {b.get(key)}")
        return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
