"""Progressive hints: one level per call, every coded exercise covered, and no hint is the solution."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from course import hints

ROOT = Path(__file__).resolve().parents[2]
SOLUTION = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.S)
DEF = re.compile(r"^def (\w+)\(", re.M)


def _solutions() -> dict[str, list[str]]:
    """Each coded exercise's function name -> the solution lines of the cell that defines it."""
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "source").glob("*/*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            blocks = SOLUTION.findall(cell.source)
            if cell.cell_type != "code" or not blocks:
                continue
            lines = [line.strip() for block in blocks for line in block.splitlines()]
            for name in DEF.findall(cell.source):
                found[name] = [
                    line for line in lines if len(line) >= 12 and not line.startswith(("#", '"""'))
                ]
    return found


def test_every_coded_exercise_has_hints():
    """Does every function a learner writes in source/ have at least two hint levels?"""
    solutions = _solutions()
    assert solutions, "no coded exercises found in source/"
    table = hints.load_hints()
    missing = sorted(name for name in solutions if len(table.get(name, ())) < 2)
    assert not missing, f"add hints for {missing} to course/hints.yaml"


def test_no_hint_contains_solution_code():
    """Does no hint contain a line of any exercise's solution code?"""
    table = hints.load_hints()
    squash = lambda text: re.sub(r"\s+", "", text)  # noqa: E731
    leaks = [
        (name, line)
        for name, lines in _solutions().items()
        for line in lines
        for hint_text in table.get(name, ())
        if squash(line) in squash(hint_text)
    ]
    assert not leaks, f"hints give away solution lines: {leaks[:3]}"


def test_hint_shows_one_more_level_per_call(capsys, monkeypatch):
    """Does each call show the next level, stop at the last, and never print it all at once?"""
    monkeypatch.setattr(hints, "_shown", {})
    levels = hints.load_hints()["classify_phrase"]
    for number in range(1, len(levels) + 2):
        hints.hint("classify_phrase")
        out = capsys.readouterr().out
        shown = min(number, len(levels))
        assert f"Hint {shown} of {len(levels)}" in out
        assert levels[shown - 1] in out
        assert sum(level in out for level in levels) == 1


def test_unknown_exercise_names_the_known_ones(capsys):
    """Does a misspelt exercise name get a one-line message listing the exercises with hints?"""
    hints.hint("clasify_phrase")
    out = capsys.readouterr().out
    assert "No hints for 'clasify_phrase'" in out and "classify_phrase" in out


def test_no_hint_while_nbgrader_grades(capsys, monkeypatch):
    """Does hint() stay silent while nbgrader executes the notebook?"""
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    hints.hint("count_words")
    assert capsys.readouterr().out == ""


def test_malformed_hints_file_is_named(tmp_path):
    """Does a hints file with an empty list raise an error naming the file and the exercise?"""
    bad = tmp_path / "hints.yaml"
    bad.write_text("count_words: []\n", encoding="utf-8")
    with pytest.raises(hints.HintError) as err:
        hints.load_hints(bad)
    assert "hints.yaml" in str(err.value) and "count_words" in str(err.value)
