"""A scratch course with the tiny fixture assignments, generated once per session."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from course.instructor import steps
from course.instructor.coursedir import Course

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "instructor"

# nbgrader runs `alembic` (from this environment) when it creates a gradebook
os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")


def answers(assignment: str, level: int) -> dict[str, str]:
    """grade_id -> answer source at ``level`` (0 strong .. 2 weak) from the fixture answers."""
    data = json.loads((FIXTURES / "answers" / f"{assignment}.json").read_text(encoding="utf-8"))
    return {grade_id: options[level] for grade_id, options in data.items()}


def filled(course: Course, assignment: str, given: dict[str, str]) -> dict[str, nbformat.NotebookNode]:
    """The released notebooks of ``assignment`` with the answer cells in ``given`` replaced."""
    out = {}
    for path in sorted((course.release / assignment).glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            if grade_id in given:
                cell.source = given[grade_id]
        out[path.name] = nb
    return out


def place(course: Course, assignment: str, student: str, notebooks: dict[str, nbformat.NotebookNode]) -> Path:
    """Put a submission straight into submitted/ (as `collect` leaves it)."""
    folder = course.submitted / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    for name, nb in notebooks.items():
        nbformat.write(nb, folder / name)
    (folder / "timestamp.txt").write_text("2026-11-23 09:00:00.000000 UTC")
    return folder


def bigger_cohort(course: Course) -> list[str]:
    """Eight submissions (two of each level, and blanks), so a run lasts long enough to be cut."""
    students = []
    for copy in ("a", "b"):
        for student, level in {"strong": 0, "medium": 1, "weak": 2}.items():
            place(course, "ps1", f"{student}-{copy}", filled(course, "ps1", answers("ps1", level)))
            students.append(f"{student}-{copy}")
        place(course, "ps1", f"blank-{copy}", filled(course, "ps1", {}))
        students.append(f"blank-{copy}")
    return students


def start_autograde(course: Course, workers: int = 2) -> subprocess.Popen:
    command = [sys.executable, "-m", "course", "--course", str(course.root), "autograde", "ps1"]
    return subprocess.Popen(
        [*command, "--workers", str(workers)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


@pytest.fixture(scope="session")
def generated(tmp_path_factory) -> Path:
    """A course directory with ps1 generated (release/ and the gradebook), built once."""
    root = tmp_path_factory.mktemp("template") / "course"
    root.mkdir()
    shutil.copy(REPO / "nbgrader_config.py", root / "nbgrader_config.py")
    shutil.copytree(FIXTURES / "source", root / "source")
    steps.generate(Course(root), "ps1")
    return root


@pytest.fixture
def course(generated: Path, tmp_path: Path) -> Course:
    """A fresh copy of the generated course for one test."""
    root = tmp_path / "course"
    shutil.copytree(generated, root)
    return Course(root)
