"""Tests for course/workspace.py: the learner's own copy of the released modules."""

import nbformat
import pytest

from course import workspace
from course.progress import MARKER


@pytest.fixture
def release(tmp_path):
    folder = tmp_path / "release"
    module = folder / "01-demo"
    module.mkdir(parents=True)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1")]
    nbformat.write(nb, module / "01-demo.ipynb")
    (module / "data.csv").write_text("a,b\n1,2\n")
    return folder


def test_first_run_copies_modules_and_adds_progress(tmp_path, release):
    """Does the first run copy every released file, mark the workspace and add the progress notebook?"""
    target = tmp_path / "ws"
    added = workspace.prepare(target, release)
    names = sorted(p.relative_to(target).as_posix() for p in added)
    assert names == ["01-demo/01-demo.ipynb", "01-demo/data.csv", "progress.ipynb"]
    assert (target / MARKER).is_file()
    progress = nbformat.read(target / "progress.ipynb", as_version=4)
    assert "show_progress()" in progress.cells[1].source


def test_later_runs_keep_learner_work(tmp_path, release):
    """Does a second run leave the learner's edited notebook exactly as it is, adding only new modules?"""
    target = tmp_path / "ws"
    workspace.prepare(target, release)
    mine = target / "01-demo" / "01-demo.ipynb"
    mine.write_text(mine.read_text().replace("x = 1", "x = 'my answer'"))
    edited = mine.read_bytes()
    new_module = release / "02-more"
    new_module.mkdir()
    nbformat.write(nbformat.v4.new_notebook(), new_module / "02-more.ipynb")
    added = workspace.prepare(target, release)
    assert [p.relative_to(target).as_posix() for p in added] == ["02-more/02-more.ipynb"]
    assert mine.read_bytes() == edited


def test_missing_release_is_a_clear_error(tmp_path):
    """Is an empty release folder reported with the command that fixes it?"""
    with pytest.raises(SystemExit, match="make release"):
        workspace.prepare(tmp_path / "ws", tmp_path / "nothing")
