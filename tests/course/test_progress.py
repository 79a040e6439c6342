"""Tests for course/progress.py: self-check records and the per-module progress view."""

import json

import nbformat

from course import progress


def _module(workspace, name, answers):
    folder = workspace / name
    folder.mkdir(parents=True)
    nb = nbformat.v4.new_notebook()
    for i, source in enumerate(answers):
        cell = nbformat.v4.new_code_cell(source)
        cell.metadata["nbgrader"] = {"solution": True, "grade": False, "grade_id": f"a{i}", "locked": False}
        nb.cells.append(cell)
    nb.cells.append(nbformat.v4.new_code_cell("check()"))
    nbformat.write(nb, folder / f"{name}.ipynb")
    return folder


def test_record_writes_inside_a_workspace(tmp_path, monkeypatch):
    """Is a self-check score recorded under the module it was run from?"""
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    (tmp_path / progress.MARKER).touch()
    folder = _module(tmp_path, "01-demo", [])
    assert (
        progress.record("reply:double-charge", 0.8123456, start=folder) == tmp_path / progress.PROGRESS_FILE
    )
    data = json.loads((tmp_path / progress.PROGRESS_FILE).read_text())
    assert data["01-demo"]["reply:double-charge"]["score"] == 0.8123


def test_record_writes_nothing_outside_a_workspace_or_while_grading(tmp_path, monkeypatch):
    """Does recording stay silent outside a workspace and while nbgrader grades?"""
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    assert progress.record("x", 1.0, start=tmp_path) is None
    (tmp_path / progress.MARKER).touch()
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert progress.record("x", 1.0, start=tmp_path) is None
    assert not (tmp_path / progress.PROGRESS_FILE).exists()


def test_summary_counts_answered_cells_and_checks(tmp_path, monkeypatch):
    """Does the summary count answered exercises per module and carry the self-check scores?"""
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    (tmp_path / progress.MARKER).touch()
    first = _module(
        tmp_path, "01-demo", ["reply = 'Tom, ...'", "# YOUR CODE HERE\nraise NotImplementedError()"]
    )
    _module(tmp_path, "02-next", ["# YOUR CODE HERE\nraise NotImplementedError()"])
    progress.record("reply:double-charge", 0.5, start=first)
    modules = progress.summarise(tmp_path)
    assert [(m.module, m.answered, m.exercises) for m in modules] == [("01-demo", 1, 2), ("02-next", 0, 1)]
    assert modules[0].complete == 0.5
    assert modules[0].checks["reply:double-charge"]["score"] == 0.5
    text = progress.progress_text(modules)
    assert "01-demo" in text and "50% of 1" in text
    assert "<table class='course-progress'>" in progress.progress_html(modules)


def test_corrupt_progress_file_is_ignored(tmp_path):
    """Does a damaged progress file read as empty rather than crash the view?"""
    (tmp_path / progress.PROGRESS_FILE).write_text("{oops")
    assert progress.load(tmp_path) == {}
