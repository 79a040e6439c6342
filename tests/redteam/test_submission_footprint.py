"""Red team: submission folders too big to copy, refused before anything copies them.

nbgrader copies ``submitted/<learner>/<assignment>`` into ``autograded/`` outside the
sandbox, and ``python -m course autograde`` hashes it first. Each attacker below has
honest, full-mark answers in a real notebook, plus a folder that no honest learner
submits: 200,000 empty files, folders nested 200 deep, a few sparse files of 40 GB
each (a few blocks on disk, 120 GB when copied). Graded by stock ``nbgrader autograde``
and by ``python -m course autograde`` (each in its own copy of the course), each must
be a named failure (not graded, never a zero, one line naming learner, cause and fix),
nothing of it may reach ``autograded/``, and the rest of the class is graded as usual.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import redteamkit as kit

import harness
from autograder.sandbox import footprint

ASSIGNMENT, CORRECT, FIXTURE, CONFIG = kit.ASSIGNMENT, kit.CORRECT, kit.FIXTURE, kit.CONFIG
NAME = f"{ASSIGNMENT}.ipynb"
HONEST = {"reply-tom": kit.reply_cell(kit.GOOD_REPLY), "count-words": CORRECT}
# learner -> words of the cause its one line must give
ATTACKERS = {
    "many-tiny-files": "files and folders",
    "deep-folder-tree": "levels deep",
    "sparse-huge-files": "MB",
}


def _plant(folder: Path, student: str) -> None:
    if student == "many-tiny-files":
        (folder / "junk").mkdir()
        for i in range(200_000):
            os.close(os.open(folder / "junk" / f"{i}", os.O_WRONLY | os.O_CREAT, 0o644))
    elif student == "deep-folder-tree":
        path = folder
        for _ in range(200):
            path = path / "d"
        path.mkdir(parents=True)
        (path / "note.txt").write_text("deep")
    elif student == "sparse-huge-files":
        for name in ("cases.csv", "data.bin", "notes.txt"):
            with open(folder / name, "wb") as handle:
                handle.truncate(40 * 1024**3)
    else:  # an honest learner's extras: checkpoints, a scratch file, a small data file
        (folder / ".ipynb_checkpoints").mkdir()
        (folder / ".ipynb_checkpoints" / f"{ASSIGNMENT}-checkpoint.ipynb").write_text("{}")
        (folder / "scratch.py").write_text("print('trying things')\n")
        (folder / "my-notes.csv").write_text("a,b\n" + "1,2\n" * 50_000)


def _state(folder: Path) -> dict[str, tuple]:
    """Every entry's kind, size and (small files only) content hash, read without following links."""
    out = {}
    for dirname, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirname, name)
            info = path.lstat()
            small = path.is_file() and info.st_size < 1024**2 and not path.is_symlink()
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if small else ""
            out[str(path.relative_to(folder))] = (info.st_mode, info.st_size, digest)
    return out


def _bounded_files() -> None:
    """Should a sparse file be copied after all, the copy fails at 1 GB instead of filling the disk."""
    import resource

    resource.setrlimit(resource.RLIMIT_FSIZE, (1024**3, 1024**3))


def _grade(course: Path, tool: str, students: list[str] | None = None) -> subprocess.CompletedProcess:
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    env.pop("EMPATHY_ISOLATION", None)
    if tool == "nbgrader":
        args = [str(bin_dir / "nbgrader"), "autograde", ASSIGNMENT, "--create"]
        args += ["--student", students[0]] if students else []
    else:
        args = [sys.executable, "-m", "course", "autograde", ASSIGNMENT, "--quiet", "--workers", "2"]
        args += [arg for s in students or [] for arg in ("--student", s)]
    return subprocess.run(
        args, cwd=course, capture_output=True, text=True, timeout=1500, env=env, preexec_fn=_bounded_files
    )


@pytest.fixture(scope="module", params=["nbgrader", "course"])
def graded(request, tmp_path_factory):
    course = tmp_path_factory.mktemp(f"footprint-{request.param}") / "course"
    harness.scratch_course(course, [ASSIGNMENT], FIXTURE, CONFIG)
    harness.nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    (release,) = harness.release_notebooks(course, ASSIGNMENT).values()
    for student in ["victim", "honest-extras", *ATTACKERS]:
        folder = harness.submit(course, ASSIGNMENT, student, {NAME: harness.fill_answers(release, HONEST)})
        _plant(folder, student)
    first = _grade(course, request.param, ["victim"])
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    before = {
        "submitted": _state(course / "submitted"),
        "source": _state(course / "source"),
        "victim": harness.grades(course, ASSIGNMENT, "victim"),
    }
    proc = _grade(course, request.param)
    return {"course": course, "tool": request.param, "proc": proc, "before": before}


def _grades_or_none(course: Path, student: str):
    try:
        return harness.grades(course, ASSIGNMENT, student)
    except Exception:  # no submission row: nothing was graded for this learner
        return None


def test_an_honest_submission_fits_well_inside_the_limits():
    """Do the limits leave a wide margin over the released files plus a learner's few extra files?"""
    release = harness.ROOT / "release"
    for module in (p for p in release.iterdir() if p.is_dir()):
        files = list(module.rglob("*"))
        assert len(files) * 20 < footprint.MAX_ENTRIES, module
        assert sum(p.stat().st_size for p in files if p.is_file()) * 100 < footprint.MAX_TOTAL_BYTES, module


@pytest.mark.slow
@pytest.mark.parametrize("student", sorted(ATTACKERS))
def test_a_folder_too_big_to_copy_is_a_named_failure(graded, student):
    """Is each oversized folder left ungraded (never a zero), with one line naming learner, cause and fix?"""
    course = graded["course"]
    assert _grades_or_none(course, student) is None
    log = graded["proc"].stdout + graded["proc"].stderr
    lines = [line for line in log.splitlines() if student in line and "submit again" in line]
    assert lines and ATTACKERS[student] in lines[0], log[-3000:]
    if graded["tool"] == "course":
        record = course / ".instructor" / "failures" / ASSIGNMENT / f"{student}.json"
        assert ATTACKERS[student] in json.loads(record.read_text())["cause"]


@pytest.mark.slow
def test_nothing_of_an_oversized_folder_was_copied(graded):
    """Did no file of an oversized submission reach autograded/ (or a staged copy)?"""
    course = graded["course"]
    for student in ATTACKERS:
        copied = course / "autograded" / student
        assert not copied.exists() or sum(1 for _ in copied.rglob("*")) < 10, student
    staged = course / ".instructor" / "staged"
    assert not staged.exists() or not any(staged.rglob("*"))


@pytest.mark.slow
def test_the_rest_of_the_class_is_graded_and_nothing_else_changed(graded):
    """Is the honest learner with extra files graded in full, and are submitted/, source/ and the
    victim's gradebook rows unchanged?"""
    course, before = graded["course"], graded["before"]
    cells = _grades_or_none(course, "honest-extras")
    assert cells is not None, graded["proc"].stdout[-3000:] + graded["proc"].stderr[-3000:]
    assert cells == before["victim"]
    assert cells["count-words-hidden"][0] == 2.0
    assert _state(course / "submitted") == before["submitted"]
    assert _state(course / "source") == before["source"]
    assert harness.grades(course, ASSIGNMENT, "victim") == before["victim"]
