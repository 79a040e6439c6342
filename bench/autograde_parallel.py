"""Benchmark: autograde time per submission, plain stock nbgrader against this course's grading.

On the same class (10 learners by default, the fixture assignment ps1, built with the
real exchange by ``python -m course demo --setup-only``), in one run, each in its own
copy of the course:

1. plain: stock ``nbgrader autograde ps1`` as an instructor installs it: a course
   directory whose ``nbgrader_config.py`` sets nothing (default preprocessors, the
   notebooks' ``python3`` kernel, no sandbox);
2. course config: stock ``nbgrader autograde ps1`` with this course's
   ``nbgrader_config.py`` (kernel and recompute step in bubblewrap);
3. course tool: ``python -m course autograde ps1`` (isolated, ``--workers`` workers);

then prints the time per submission of each (wall clock, and CPU seconds of the
command and everything it started), by phase where the course's
preprocessors record it (``$AUTOGRADE_TIMINGS``: sandbox and kernel start, execution,
recompute; the rest is nbgrader's own work and the database), the ratio to plain
stock nbgrader, and whether honest submissions got identical scores everywhere.

    .venv/bin/python bench/autograde_parallel.py [--learners 10] [--workers 2]

Not a test: the figures depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PHASES = ("kernel start", "execution", "recompute")
PLAIN_CONFIG = '"""nbgrader\'s defaults, as an instructor starts."""\n\nc = get_config()  # noqa: F821\n'


def scores(course: Path, assignment: str) -> dict[tuple[str, str], tuple[float | None, float]]:
    from nbgrader.api import Gradebook

    out = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for submission in gb.assignment_submissions(assignment):
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    out[(submission.student.id, grade.name)] = (grade.auto_score, grade.max_score)
    return out


def timed(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float]:
    """Run ``command``; return its wall-clock seconds and the CPU seconds of it and its children.

    CPU time counts the processes that were waited for (the command, its workers and
    kernels); it moves much less than wall time when other jobs share the machine.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env)
    seconds = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu


def phases(path: Path) -> dict[str, float]:
    """Total seconds per phase recorded in ``path`` (JSON lines from autograder.sandbox.timing)."""
    totals: dict[str, float] = defaultdict(float)
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            totals[item["phase"]] += item["seconds"]
    return dict(totals)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--learners", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    os.environ["PATH"] = f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"
    os.environ.pop("EMPATHY_ISOLATION", None)
    cores = len(os.sched_getaffinity(0))
    rows = []
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "cohort"
        print(f"building a class of {args.learners} learners ...", flush=True)
        setup = [str(BIN / "python"), "-m", "course", "demo", "--dir", str(base), "--setup-only"]
        setup += ["--learners", str(args.learners), "--fixtures", "ps1"]
        timed(setup, REPO)
        timed([str(BIN / "python"), "-m", "course", "collect", "ps1"], base)
        count = len(list((base / "submitted").glob("*/ps1")))
        nbgrader = [str(BIN / "nbgrader"), "autograde", "ps1"]
        course_tool = [str(BIN / "python"), "-m", "course", "autograde", "ps1", "--quiet"]
        course_tool += ["--workers", str(args.workers)]
        plan = [
            ("plain stock nbgrader (default config, python3 kernel)", "plain", nbgrader),
            ("stock nbgrader, this course's config (bubblewrap)", "config", nbgrader),
            (f"python -m course autograde, {args.workers} workers (bubblewrap)", "tool", course_tool),
        ]
        results = {}
        for label, name, command in plan:
            course = Path(tmp) / name
            shutil.copytree(base, course)
            if name == "plain":
                (course / "nbgrader_config.py").write_text(PLAIN_CONFIG, encoding="utf-8")
            log = Path(tmp) / f"{name}.timings"
            env = dict(os.environ, AUTOGRADE_TIMINGS=str(log))
            print(f"{label} ...", flush=True)
            seconds, cpu = timed(command, course, env)
            results[name] = scores(course, "ps1")
            rows.append((label, seconds, phases(log), cpu))

    honest = {k: v for k, v in results["plain"].items()}
    same = all(results[name] == honest for name in results) and len(honest) > 0
    plain_seconds = rows[0][1]
    print()
    load = os.getloadavg()
    start, end = (" ".join(f"{v:.1f}" for v in values) for values in (load_before, load))
    print(
        f"class: {count} submissions of ps1, {cores} cores, load average (1, 5, 15 min) "
        f"{start} at the start, {end} at the end"
    )
    header = f"{'how it was graded':58} {'per subm.':>9} {'vs plain':>9} {'CPU/subm.':>9}  " + "  ".join(
        f"{p:>12}" for p in (*PHASES, "nbgrader+db")
    )
    print(header)
    for label, seconds, spent, cpu in rows:
        per = seconds / count
        parts = [spent.get(p) for p in PHASES]
        workers = args.workers if label.startswith("python -m course") else 1
        # phases are summed over workers; per submission of wall time they divide by both
        shown = [f"{(v / count / workers):12.2f}" if v is not None else f"{'-':>12}" for v in parts]
        rest = per - sum(v for v in parts if v is not None) / count / workers
        shown.append(f"{rest:12.2f}" if any(v is not None for v in parts) else f"{'-':>12}")
        line = f"{label:58} {per:8.2f}s {plain_seconds / seconds:8.2f}x {cpu / count:8.2f}s  "
        print(line + "  ".join(shown))
    print(f"identical scores: {'yes' if same else 'NO'} ({len(honest)} cell scores compared per row)")
    if not same:
        for name, got in results.items():
            for key in sorted(set(honest) | set(got)):
                if honest.get(key) != got.get(key):
                    print(f"  {name} {key}: plain {honest.get(key)} here {got.get(key)}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
