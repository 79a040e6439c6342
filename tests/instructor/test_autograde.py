"""Parallel autograde: same scores as stock nbgrader, resume after a stop, timeouts."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from course.instructor import state
from course.instructor.autograde import autograde
from course.instructor.coursedir import Course
from tests.harness import descendants, grades, nbgrader
from tests.instructor.conftest import answers, bigger_cohort, filled, place, start_autograde

pytestmark = pytest.mark.slow

LEVELS = {"strong": 0, "medium": 1, "weak": 2}


def cohort(course: Course) -> list[str]:
    """Submissions from strong to blank, placed in submitted/."""
    for student, level in LEVELS.items():
        place(course, "ps1", student, filled(course, "ps1", answers("ps1", level)))
    place(course, "ps1", "blank", filled(course, "ps1", {}))
    return [*LEVELS, "blank"]


def all_grades(course: Course, students: list[str]) -> dict:
    return {s: grades(course.root, "ps1", s) for s in students}


def kill_tree(proc: subprocess.Popen, whole_tree: bool) -> None:
    """SIGKILL the scheduler (and, with ``whole_tree``, every process under it at the same instant)."""
    tree = descendants(proc.pid) if whole_tree else []
    for pid in [proc.pid, *tree]:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 30
    while any(Path(f"/proc/{pid}").exists() for pid in tree) and time.monotonic() < deadline:
        time.sleep(0.1)


def test_parallel_scores_equal_stock_sequential_nbgrader(course, tmp_path, monkeypatch):
    """Does the parallel command give every cell exactly the score stock `nbgrader autograde` gives?

    Both ways of starting workers: forked from the scheduler, and fresh processes.
    """
    students = cohort(course)
    stock = Course(shutil.copytree(course.root, tmp_path / "stock"))
    fresh = Course(shutil.copytree(course.root, tmp_path / "fresh"))
    nbgrader(stock.root, "autograde", "ps1")
    run = autograde(course, "ps1", workers=2, progress=False)
    assert run.ok and run.count("graded") == len(students)
    expected = all_grades(stock, students)
    assert all_grades(course, students) == expected
    monkeypatch.setenv("COURSE_AUTOGRADE_FORK", "0")
    run = autograde(fresh, "ps1", workers=2, progress=False)
    assert run.ok and run.count("graded") == len(students)
    assert all_grades(fresh, students) == expected
    assert expected["strong"]["count-sorry-hidden"] == (2.0, 2.0)
    assert expected["blank"]["count-sorry-hidden"] == (0.0, 2.0)


def held(course: Course, gate: Path) -> dict:
    """A strong ps1 notebook whose last cell waits (up to 30 s) until ``gate`` exists."""
    nb = filled(course, "ps1", answers("ps1", 0))["ps1.ipynb"]
    wait = (
        "import os, time\n"
        "for _ in range(600):\n"
        f"    if os.path.exists({str(gate)!r}):\n"
        "        break\n"
        "    time.sleep(0.05)"
    )
    nb.cells.append(nbformat.v4.new_code_cell(wait))
    return {"ps1.ipynb": nb}


def test_a_stopped_run_resumes_without_regrading(course):
    """Stopped with Ctrl-C during a submission, does the run finish it, start no other, exit 130, and a
    second run grade only the rest?"""
    gate = course.root / "gate"
    place(course, "ps1", "a-first", filled(course, "ps1", answers("ps1", 0)))
    place(course, "ps1", "b-held", held(course, gate))  # graded second, until the test opens the gate
    place(course, "ps1", "c-medium", filled(course, "ps1", answers("ps1", 1)))
    place(course, "ps1", "d-blank", filled(course, "ps1", {}))
    students = ["a-first", "b-held", "c-medium", "d-blank"]
    command = [sys.executable, "-m", "course", "--course", str(course.root), "autograde", "ps1"]
    proc = subprocess.Popen(
        [*command, "--workers", "1", "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        # started with SIGINT ignored, as a background job of a non-interactive shell (CI) is:
        # Python then installs no KeyboardInterrupt handler, and Ctrl-C used to be lost
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )
    record = state.record_path(course, "ps1", "a-first")
    started = course.autograded / "b-held" / "ps1"
    deadline = time.monotonic() + 600
    while not (record.exists() and started.exists()) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert record.exists() and started.exists(), "b-held was never started"
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in the terminal does
    acknowledged = proc.stderr.readline()
    while acknowledged and "stopping after" not in acknowledged:
        acknowledged = proc.stderr.readline()
    assert "stopping after the submissions being graded" in acknowledged
    gate.touch()  # only now can b-held finish: the stop was requested while it was being graded
    out, _ = proc.communicate(timeout=300)
    assert proc.returncode == 130, out
    assert "ps1: 2 graded, 0 already done, 0 failed" in out, out
    assert "stopped (2 not started: c-medium, d-blank): run the same command again" in out, out
    done = sorted(p.stem for p in record.parent.glob("*.json"))
    assert done == ["a-first", "b-held"]

    run = autograde(course, "ps1", workers=2, progress=False)
    assert run.ok
    assert sorted(o.student for o in run.outcomes if o.status == "skipped") == done
    assert sorted(o.student for o in run.outcomes if o.status == "graded") == ["c-medium", "d-blank"]
    assert all(state.is_done(course, "ps1", s) for s in students)

    cells = {"count-sorry-visible", "count-sorry-hidden", "reply-double-charge-rubric", "reflection"}
    for student, got in all_grades(course, students).items():
        assert set(got) == cells, student
    assert all_grades(course, ["b-held"])["b-held"]["count-sorry-hidden"] == (2.0, 2.0)


def test_a_hanging_submission_costs_its_timeout_only(course):
    """Does an infinite loop time out (per cell, and per submission) while the others are graded normally?"""
    strong = answers("ps1", 0)
    place(course, "ps1", "good", filled(course, "ps1", strong))
    looping = {**strong, "reply-double-charge": "while True:\n    pass"}
    place(course, "ps1", "loops", filled(course, "ps1", looping))
    stubborn = {
        **strong,
        "count-sorry": "while True:\n    try:\n        pass\n    except BaseException:\n        pass",
    }
    place(course, "ps1", "stubborn", filled(course, "ps1", stubborn))

    started = time.monotonic()
    run = autograde(course, "ps1", workers=2, timeout=3, submission_timeout=60, progress=False)
    elapsed = time.monotonic() - started
    outcome = {o.student: o for o in run.outcomes}

    assert outcome["good"].status == "graded" and outcome["good"].score >= 3
    assert outcome["loops"].status == "graded"  # the loop was interrupted after 3 s
    cells = grades(course.root, "ps1", "loops")
    assert cells["reply-double-charge-rubric"] == (0.0, 4.0)
    assert cells["count-sorry-visible"] == (1.0, 1.0)
    assert outcome["stubborn"].status in ("graded", "timeout")
    if outcome["stubborn"].status == "graded":
        assert grades(course.root, "ps1", "stubborn")["count-sorry-visible"] == (0.0, 1.0)
    assert elapsed < 150


def test_a_run_killed_at_random_moments_ends_complete_and_consistent(course, tmp_path):
    """Killed (SIGKILL) three times at random moments, does a last run give exactly the stock scores?"""
    students = bigger_cohort(course)
    before = {s: state.fingerprint(course.submitted / s / "ps1") for s in students}
    stock = Course(shutil.copytree(course.root, tmp_path / "stock"))
    nbgrader(stock.root, "autograde", "ps1")
    expected = all_grades(stock, students)

    seed = int(os.environ.get("KILL_SEED", time.time_ns() % 10_000))
    rng = random.Random(seed)
    moments = []
    for round_ in range(3):
        proc = start_autograde(course)
        moments.append(round(rng.uniform(1.0, 8.0), 2))
        time.sleep(moments[-1])
        # first the scheduler alone (its workers must notice and stop), then everything at once
        kill_tree(proc, whole_tree=round_ > 0)
    note = f"seed {seed} (KILL_SEED={seed} repeats it), kills after {moments} s"

    run = autograde(course, "ps1", workers=2, progress=False)
    assert run.ok, note
    assert sorted(o.student for o in run.outcomes) == sorted(students), note
    assert all_grades(course, students) == expected, note
    assert {s: state.fingerprint(course.submitted / s / "ps1") for s in students} == before, note
    with sqlite3.connect(course.root / "gradebook.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",), note
        (count,) = db.execute("SELECT COUNT(*) FROM submitted_assignment").fetchone()
    assert count == len(students), note
