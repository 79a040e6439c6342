"""The course's core path, as bench/course_length.py estimates it, fits in five hours, honestly."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "source").glob("*/*.ipynb"))
TIME_LINE = re.compile(r"\*\*Time:\*\* about (\d+) minutes")


def _bench():
    spec = importlib.util.spec_from_file_location("course_length", ROOT / "bench" / "course_length.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BENCH = _bench()


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _md(text: str) -> dict:
    return {"cell_type": "markdown", "source": [text], "metadata": {}}


def test_go_further_section_ends_at_a_heading_of_its_level_or_higher():
    """Does a "### Go further" section end at the next ### or ## heading, but not at a deeper one?"""
    cells = [
        _md("## Core"),
        _md("### Go further (optional, no points): more"),
        _md("#### Still optional"),
        _md("### Back in the core"),
        _md("## Go further (optional, no points): a whole section"),
        _md("### A subsection of it"),
        _md("text in the subsection"),
        _md("## Summary"),
    ]
    expected = [False, True, True, False, True, True, True, False]
    assert [further for _, further in BENCH.sections(cells)] == expected


def test_core_path_is_at_most_five_hours():
    """Is the estimated core path (every module, Go further left out) at most 300 minutes?"""
    assert NOTEBOOKS, "no notebooks in source/"
    minutes = {path.parent.name: BENCH.module_minutes(path)[0] for path in NOTEBOOKS}
    assert sum(minutes.values()) <= 300, f"core path {sum(minutes.values()):.0f} min: {minutes}"


def _nbgrader(cell: dict) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def _defined_names(source: str) -> set[str]:
    return set(re.findall(r"^\s*def (\w+)", source, re.M)) | set(re.findall(r"^(\w+)\s*=", source, re.M))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.parent.name)
def test_no_graded_cell_is_in_go_further(path):
    """Does no cell in a Go further section carry points or grade, and no answer there get graded?"""
    marked = BENCH.sections(_cells(path))
    graded = [
        c.get("id")
        for c, further in marked
        if further and (_nbgrader(c).get("points") or _nbgrader(c).get("grade"))
    ]
    assert graded == [], f"{path.parent.name}: graded cells in Go further sections: {graded}"
    grade_sources = "\n".join("".join(c["source"]) for c, _ in marked if _nbgrader(c).get("grade"))
    for cell, further in marked:
        if further and _nbgrader(cell).get("solution"):
            names = {
                n for n in _defined_names("".join(cell["source"])) if re.search(rf"\b{n}\b", grade_sources)
            }
            assert not names, f"{path.parent.name}: {cell.get('id')} is optional, but grade cells use {names}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.parent.name)
def test_time_line_matches_the_estimate(path):
    """Does the module's "Time: about N minutes" line sit within 5 minutes of the bench's estimate?"""
    first = "".join(_cells(path)[0]["source"])
    stated = TIME_LINE.search(first)
    assert stated, f"{path.parent.name}: no '**Time:** about N minutes' line in the first cell"
    estimate, _ = BENCH.module_minutes(path)
    assert abs(int(stated.group(1)) - estimate) <= 5, (
        f"{path.parent.name}: Time line says {stated.group(1)} min, the estimate is {estimate:.0f} min"
    )


def test_welcome_table_states_each_module_time_line():
    """Does the module table in 00-welcome give each module the time its own Time line states?"""
    welcome_cells = _cells(ROOT / "source" / "00-welcome" / "00-welcome.ipynb")
    welcome = "".join("".join(c["source"]) for c in welcome_cells)
    for path in NOTEBOOKS:
        stated = TIME_LINE.search("".join(_cells(path)[0]["source"])).group(1)
        row = re.search(rf"\| `{re.escape(path.parent.name)}` \|[^\n]*\| (\d+) min \|", welcome)
        assert row, f"00-welcome's table has no row for {path.parent.name}"
        assert row.group(1) == stated, (
            f"{path.parent.name}: the table says {row.group(1)} min, Time: {stated} min"
        )
