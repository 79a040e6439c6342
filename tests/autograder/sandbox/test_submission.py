"""Notebook files refused before nbgrader parses them (autograder.sandbox.submission)."""

from __future__ import annotations

import json

import nbformat

from autograder.sandbox.submission import MAX_NOTEBOOK_BYTES, notebook_file_problem


def test_an_ordinary_notebook_or_one_that_is_not_json_is_left_to_the_usual_checks(tmp_path):
    """Is a normal notebook accepted, and a file that is not JSON left to the later checks (None)?"""
    good = tmp_path / "ps1.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")]), good)
    broken = tmp_path / "broken.ipynb"
    broken.write_text("{ not json")
    assert notebook_file_problem(good) is None and notebook_file_problem(broken) is None


def test_a_huge_notebook_is_refused_by_its_size_alone(tmp_path):
    """Is a 500 MB notebook refused with one line naming the file and the fix, without being read?"""
    path = tmp_path / "ps1.ipynb"
    with open(path, "wb") as out:
        out.truncate(500 * 1024**2)  # sparse: reading it would take 500 MB
    why = notebook_file_problem(path)
    assert why is not None and why.startswith("ps1.ipynb is 500 MB") and "clear all outputs" in why
    assert MAX_NOTEBOOK_BYTES < 500 * 1024**2


def test_deeply_nested_json_is_refused(tmp_path):
    """Is a notebook whose metadata nests 100,000 lists (or just 200) refused, with the file named?"""
    nb = nbformat.v4.new_notebook()
    nb.metadata["deep"] = "DEEP"
    for depth in (100_000, 200):
        path = tmp_path / f"deep{depth}.ipynb"
        path.write_text(json.dumps(nb).replace('"DEEP"', "[" * depth + "]" * depth))
        why = notebook_file_problem(path)
        assert why is not None and why.startswith(f"deep{depth}.ipynb nests its JSON"), why
