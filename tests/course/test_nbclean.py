"""Tests for course/nbclean.py: notebooks stored with outputs cleared and a kernelspec."""

import nbformat

from course import nbclean


def _dirty() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("print('hi')", execution_count=3)
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="hi\n")]
    cell.metadata["execution"] = {"iopub.status.busy": "2026-01-01"}
    nb.cells = [nbformat.v4.new_markdown_cell("# Title"), cell]
    nb.metadata["widgets"] = {"state": {}}
    return nb


def test_dirty_notebook_problems_are_listed():
    """Are outputs, execution counts, widget state and a missing kernelspec all reported?"""
    problems = nbclean.problems(_dirty())
    assert "kernelspec is missing or not python3" in problems
    assert "saved widget state in metadata" in problems
    assert "cell 1 has outputs or an execution count" in problems
    assert "cell 1 has volatile metadata" in problems


def test_clean_removes_every_problem():
    """Does clean() leave a notebook with no problems and its sources intact?"""
    nb = nbclean.clean(_dirty())
    assert nbclean.problems(nb) == []
    assert nb.metadata.kernelspec.name == "python3"
    assert [c.source for c in nb.cells] == ["# Title", "print('hi')"]


def test_check_mode_fails_and_changes_nothing(tmp_path, capsys):
    """Does --check exit 1 on a dirty notebook without rewriting it, and the fix mode then clean it?"""
    path = tmp_path / "dirty.ipynb"
    nbformat.write(_dirty(), path)
    before = path.read_bytes()
    assert nbclean.main(["--check", str(tmp_path)]) == 1
    assert path.read_bytes() == before
    assert "make nbclean" in capsys.readouterr().out
    assert nbclean.main([str(tmp_path)]) == 0
    assert nbclean.main(["--check", str(tmp_path)]) == 0


def test_unreadable_notebook_is_reported_not_rewritten(tmp_path, capsys):
    """Is a notebook that is not valid JSON reported and left untouched?"""
    path = tmp_path / "broken.ipynb"
    path.write_text("{ not json", encoding="utf-8")
    assert nbclean.main([str(path)]) == 1
    assert path.read_text(encoding="utf-8") == "{ not json"
    assert nbclean.main(["--check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "cannot be read as a notebook" in out and "were not changed" in out
