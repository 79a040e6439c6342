"""Grading refuses to run learner code unisolated unless the instructor says so."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import harness


def _course_tool(course: Path, *args: str, path: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PATH=path)
    env.pop("EMPATHY_ISOLATION", None)
    command = [sys.executable, "-m", "course", "autograde", "ps1", "--quiet", *args]
    return subprocess.run(command, cwd=course, capture_output=True, text=True, timeout=300, env=env)


def test_without_bubblewrap_autograde_refuses_in_one_line_naming_the_fix(tmp_path):
    """Where bwrap cannot run, does `python -m course autograde` refuse with one line naming the fix?"""
    course = harness.scratch_course(tmp_path / "course", [])
    proc = _course_tool(course, path=str(Path(sys.executable).parent))  # no /usr/bin: no bwrap
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "bubblewrap" in lines[0] and "make setup" in lines[0] and "--no-isolation" in lines[0]


def test_no_isolation_flag_is_warned_about(tmp_path):
    """Does --no-isolation go ahead only with a warning that grading is not isolated?"""
    course = harness.scratch_course(tmp_path / "course", [])
    proc = _course_tool(course, "--no-isolation", path=str(Path(sys.executable).parent))
    assert "WITHOUT isolation" in proc.stderr
    assert "bubblewrap (bwrap) is not installed" not in proc.stderr


def test_learners_graded_without_isolation_are_recorded_until_graded_again(tmp_path):
    """Are learners graded with --no-isolation recorded for the class report, until graded isolated?"""
    from course.instructor import state
    from course.instructor.coursedir import Course

    course = Course(harness.scratch_course(tmp_path / "course", []))
    state.note_isolation(course, "ps1", ["ana", "ben"], isolated=False)
    assert state.graded_without_isolation(course, "ps1") == ["ana", "ben"]
    state.note_isolation(course, "ps1", ["ana"], isolated=True)
    assert state.graded_without_isolation(course, "ps1") == ["ben"]
    state.note_isolation(course, "ps1", ["ben"], isolated=True)
    assert state.graded_without_isolation(course, "ps1") == []
    assert not state.isolation_path(course, "ps1").exists()


def test_class_report_warns_about_grades_made_without_isolation(tmp_path):
    """Does the class report name the learners whose grades came from a --no-isolation run?"""
    from course.instructor import report, state
    from course.instructor.coursedir import Course

    course = Course(harness.scratch_course(tmp_path / "course", []))
    with course.gradebook() as gb:
        gb.update_or_create_assignment("ps1")
        gb.update_or_create_student("ben")
    assert "WITHOUT isolation" not in report.build(course)
    state.note_isolation(course, "ps1", ["ben"], isolated=False)
    html = report.build(course)
    assert "WITHOUT isolation" in html and "ps1: ben" in html
