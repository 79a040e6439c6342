"""Exports while a grading run is in progress (course/instructor/export.py)."""

from __future__ import annotations

import csv
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from course.instructor import export
from tests.instructor.conftest import bigger_cohort, start_autograde

pytestmark = pytest.mark.slow


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def instructor_exports(course_root: Path, out: Path, grading: subprocess.Popen, log: list) -> None:
    """One instructor exporting again and again until the grading run ends (and once after)."""
    number = 0
    while True:
        running = grading.poll() is None
        folder = out / f"{number:03d}"
        proc = subprocess.run(
            [sys.executable, "-m", "course", "--course", str(course_root), "export", "--out", str(folder)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        log.append((folder, proc, running and grading.poll() is None))
        number += 1
        if not running:
            return


def test_two_instructors_exporting_during_a_grading_run_see_consistent_data(course, tmp_path):
    """While autograde runs, do two instructors' exports all succeed, each learner either final or empty?"""
    students = bigger_cohort(course)
    grading = start_autograde(course)
    logs: dict[str, list] = {"ana": [], "ben": []}
    threads = [
        threading.Thread(target=instructor_exports, args=(course.root, tmp_path / name, grading, log))
        for name, log in logs.items()
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=900)
    assert grading.wait(timeout=60) == 0

    final = export.export_all(course, tmp_path / "final")
    assert final.grading == []
    final_scores = {row["student_id"]: row["ps1"] for row in read_csv(final.paths[0])}
    assert sorted(final_scores) == sorted(students) and all(final_scores.values())
    final_replies = {(r["student_id"], r["grade_id"]): r for r in read_csv(final.paths[3])}

    during = 0
    for name, log in logs.items():
        assert len(log) >= 2, f"{name} exported only {len(log)} time(s)"
        for folder, proc, while_grading in log:
            assert proc.returncode == 0, f"{name}'s export {folder.name} failed:\n{proc.stdout}{proc.stderr}"
            assert "locked" not in proc.stdout + proc.stderr
            rows = read_csv(folder / "grades.csv")
            for row in rows:
                assert row["ps1"] in ("", final_scores[row["student_id"]]), (name, folder.name, row)
                assert float(row["total"]) == float(row["ps1"] or 0), (name, folder.name, row)
            long_rows = read_csv(folder / "grades-long.csv")
            for row in long_rows:
                assert row["score"] in ("",) or float(row["score"]) == float(final_scores[row["student_id"]])
            for reply in read_csv(folder / "replies.csv"):
                assert reply == final_replies[(reply["student_id"], reply["grade_id"])], (name, folder.name)
            graded_now = sum(bool(row["ps1"]) for row in rows)
            during += while_grading and graded_now < len(students)
    assert during >= 1, "no export happened while submissions were still being graded"
