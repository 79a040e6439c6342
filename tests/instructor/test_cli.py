"""Instructor mistakes on the command line get one clear message (course/instructor/cli.py)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

from course.instructor.cli import main
from tests.instructor.conftest import filled, place


def run(course, capsys, *argv: str) -> tuple[int, str]:
    code = main(["--course", str(course.root), *argv])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["generate", "ps9"], "no source assignment 'ps9'"),
        (["autograde", "ps9"], "run `python -m course generate ps9` first"),
        (["release", "ps2"], "'ps2' has no release version in"),
        (["release", "ps9"], "there is no source/ps9 either (check the name). Released: ps1."),
        (["collect", "ps9"], "'ps9' has no release version"),
        (["autograde", "ps1"], "no submissions of 'ps1' in"),
        (["feedback", "ps1", "--student", "zed"], "no autograded submission of 'ps1' from 'zed'"),
        (["release-feedback", "ps1", "--student", "zed"], "no feedback of 'ps1' for 'zed'"),
    ],
)
def test_a_mistake_names_the_thing_and_the_fix(course, capsys, argv, expected):
    """Is an unknown assignment or learner, or a step run too early, reported in one line, exit 2?"""
    code, shown = run(course, capsys, *argv)
    assert code == 2
    assert expected in shown
    assert "Traceback" not in shown
    assert len(shown.strip().splitlines()) == 1


def test_an_unknown_learner_is_named_with_those_who_submitted(course, capsys):
    """Does `autograde --student` with a learner who did not submit list the ones who did?"""
    place(course, "ps1", "alice", filled(course, "ps1", {}))
    code, shown = run(course, capsys, "autograde", "ps1", "--student", "zed")
    assert code == 2 and "no submission of ps1 from: zed (submitted: alice)" in shown


def test_a_folder_that_is_not_a_course_is_named(tmp_path, capsys):
    """Is `--course` pointing at a folder without nbgrader_config.py reported with that folder?"""
    assert main(["--course", str(tmp_path), "export"]) == 2
    assert f"{tmp_path} has no nbgrader_config.py" in capsys.readouterr().err


def test_all_skips_assignments_nothing_was_submitted_for(course, capsys):
    """Does `autograde --all` early in a course skip assignments without submissions instead of failing?"""
    code, shown = run(course, capsys, "autograde", "--all")
    assert code == 0 and "ps1: no submissions yet, skipped" in shown


def test_a_gradebook_held_by_another_program_is_one_line(course):
    """When another program holds the gradebook past the wait, is that one line naming the file, exit 2?"""
    holder = sqlite3.connect(course.root / "gradebook.db")
    holder.execute("BEGIN EXCLUSIVE")  # what formgrader or a sqlite shell mid-write does
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "course", "--course", str(course.root), "export"],
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, "COURSE_GRADEBOOK_WAIT": "1"},
        )
    finally:
        holder.rollback()
        holder.close()
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert proc.stderr.strip().splitlines() == [
        f"error: the gradebook {course.root / 'gradebook.db'} is busy: another program (formgrader, an "
        "nbgrader command, a sqlite shell) has held it for more than 1 s; close or wait for it, then run "
        "the command again"
    ]
