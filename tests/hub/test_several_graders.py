"""Two graders on one course at the same time: nbgrader's group-shared course directory.

An instructor and a TA grade the same course (``c.CourseDirectory.groupshared = True``, as
nbgrader documents for several graders): both start ``python -m course autograde`` on the
same submissions at the same moment, then both give the manually graded reflection points
at the same moment, each from its own process, as two formgrader sessions do. The gradebook
must come out whole: SQLite's integrity check passes, every submission is graded once,
every cell's score equals a run by one grader alone, every manual grade is there, and what
grading wrote is group-writable so the other grader can change it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from course.instructor import steps
from course.instructor.coursedir import Course
from tests.harness import grades
from tests.instructor.conftest import FIXTURES, REPO, answers, filled, place

pytestmark = pytest.mark.slow

LEVELS = {"strong": 0, "medium": 1, "weak": 2, "weak-b": 2}
GRADERS = ("instructor", "ta")
#: Each grader's manual grading session: reflection points for every learner, one commit per
#: learner, as formgrader's grade API (``GradeHandler.put``) saves each score as it is typed.
MANUAL = textwrap.dedent(
    """
    import sys
    from nbgrader.api import Gradebook
    db, points, *students = sys.argv[1:]
    for student in students:
        with Gradebook(db) as gb:
            grade = gb.find_grade("reflection", "ps1", "ps1", student)
            grade.manual_score = float(points)
            grade.extra_credit = None
            grade.needs_manual_grade = False
            gb.db.commit()
    """
)


def group_shared_course(root: Path) -> Course:
    root.mkdir(parents=True)
    config = (REPO / "nbgrader_config.py").read_text(encoding="utf-8")
    (root / "nbgrader_config.py").write_text(config + "\nc.CourseDirectory.groupshared = True\n")
    shutil.copytree(FIXTURES / "source", root / "source")
    # the graders' group owns the course directory, setgid, so everything below inherits the group
    os.chmod(root, 0o2775)
    course = Course(root)
    steps.generate(course, "ps1")
    for student, level in LEVELS.items():
        place(course, "ps1", student, filled(course, "ps1", answers("ps1", level)))
    return course


def autograde_command(course: Course) -> list[str]:
    return [sys.executable, "-m", "course", "--course", str(course.root), "autograde", "ps1", "--quiet"]


def all_grades(course: Course) -> dict:
    return {student: grades(course.root, "ps1", student) for student in LEVELS}


def test_two_graders_at_once_leave_a_whole_gradebook(tmp_path):
    """Do two graders autograding and grading by hand at once leave every grade right?"""
    course = group_shared_course(tmp_path / "course")
    alone = Course(shutil.copytree(course.root, tmp_path / "alone"))
    subprocess.run(autograde_command(alone), check=True, capture_output=True, timeout=900)

    # umask 002: the graders' servers on the hub run so (course/hub/spawner.py), as group-shared
    # folders need; nbgrader itself leaves the per-learner folders it makes to the umask
    graders = [
        subprocess.Popen(
            autograde_command(course),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            preexec_fn=lambda: os.umask(0o002),
        )
        for _ in GRADERS
    ]
    outputs = [proc.communicate(timeout=900)[0] for proc in graders]
    for who, proc, output in zip(GRADERS, graders, outputs, strict=True):
        assert proc.returncode == 0, f"{who}'s autograde failed:\n{output}"
    assert "database is locked" not in "".join(outputs)

    db = f"sqlite:///{course.root / 'gradebook.db'}"
    students = list(LEVELS)
    manual = [
        subprocess.Popen(
            [sys.executable, "-c", MANUAL, db, str(points), *order],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for points, order in ((1.0, students), (1.0, students[::-1]))
    ]
    for proc in manual:
        output = proc.communicate(timeout=300)[0]
        assert proc.returncode == 0, f"manual grading failed:\n{output}"

    with sqlite3.connect(course.root / "gradebook.db") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = connection.execute(
            "SELECT student.id, count(*) FROM submitted_assignment "
            "JOIN student ON student.id = submitted_assignment.student_id GROUP BY student.id"
        ).fetchall()
    assert sorted(rows) == sorted((s, 1) for s in students), rows

    together, by_one = all_grades(course), all_grades(alone)
    for student in students:
        reflection = together[student].pop("reflection")
        by_one[student].pop("reflection")
        assert together[student] == by_one[student], f"{student}: {together[student]} != {by_one[student]}"
        assert reflection == (1.0, reflection[1]), f"{student}'s manual grade: {reflection}"

    for path in (course.root / "autograded").rglob("*"):
        mode = path.stat().st_mode
        assert mode & stat.S_IWGRP, f"{path} is not group-writable: {oct(mode)}"
        if path.is_dir():
            assert mode & stat.S_ISGID, f"{path} lacks the setgid bit: {oct(mode)}"
