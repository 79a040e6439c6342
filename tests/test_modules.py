"""The course modules as nbgrader assignments: they run, validate and grade as intended."""

from __future__ import annotations

import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

import harness
from course import releasegen

ROOT = Path(__file__).resolve().parent.parent
MODULES = releasegen.modules()
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S)
SOLUTION = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.S)

pytestmark = pytest.mark.slow


def _notebooks(module: str) -> list[Path]:
    return sorted((ROOT / "source" / module).glob("*.ipynb"))


def _execute(nb: nbformat.NotebookNode, cwd: Path, allow_errors: bool = False) -> nbformat.NotebookNode:
    client = NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        allow_errors=allow_errors,
        resources={"metadata": {"path": str(cwd)}},
    )
    client.execute()
    return nb


def _output_text(nb: nbformat.NotebookNode) -> str:
    chunks = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            chunks.append(output.get("text", ""))
            for value in output.get("data", {}).values():
                chunks.append(value if isinstance(value, str) else str(value))
            chunks.extend(output.get("traceback", []))
    return "\n".join(chunks)


@cache
def _graded(module: str, workdir: str) -> dict:
    return harness.grade_three_ways(module, Path(workdir) / module)


@pytest.fixture(scope="session")
def grading_dir(tmp_path_factory):
    return str(tmp_path_factory.mktemp("grading"))


def test_every_module_has_one_main_notebook():
    """Does every module folder hold exactly one notebook named after it?"""
    assert MODULES, "no modules in source/"
    for module in MODULES:
        assert [p.name for p in _notebooks(module)] == [f"{module}.ipynb"], module


@pytest.mark.parametrize("module", MODULES)
def test_source_notebook_executes(module):
    """Does the instructor version run top to bottom on a fresh kernel without errors or stderr?"""
    for path in _notebooks(module):
        nb = _execute(nbformat.read(path, as_version=4), path.parent)
        stderr = [
            (i, o.get("text", "")[:200])
            for i, cell in enumerate(nb.cells)
            for o in cell.get("outputs", [])
            if o.get("output_type") == "stream" and o.get("name") == "stderr"
        ]
        assert not stderr, f"{path.name} wrote to stderr: {stderr}"


@pytest.mark.parametrize("module", MODULES)
def test_nbgrader_validate_passes_on_source(module):
    """Does `nbgrader validate` accept the source notebook (all tests pass with the solutions)?"""
    for path in _notebooks(module):
        proc = subprocess.run(
            [str(Path(sys.executable).parent / "nbgrader"), "validate", path.name],
            cwd=path.parent,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert "Success! Your notebook passes all the tests." in proc.stdout, proc.stdout


@pytest.mark.parametrize("module", MODULES)
def test_every_test_cell_is_recomputed_outside_the_kernel(module):
    """Is every autograded test cell's grade re-computed outside the learner's kernel?"""
    from autograder.preprocessors.recompute import grading_problems

    for path in _notebooks(module):
        problems = grading_problems(nbformat.read(path, as_version=4), path.parent)
        assert problems == [], f"{path.name}: " + "; ".join(problems)


@pytest.mark.parametrize("module", MODULES)
def test_solution_earns_full_marks(module, grading_dir):
    """Does the solution version score full marks on every autograded cell through `nbgrader autograde`?"""
    cells = _graded(module, grading_dir)["solution"]
    autograded = {k: v for k, v in cells.items() if v[0] is not None}
    assert autograded, f"{module} has no autograded cells"
    short = {k: v for k, v in autograded.items() if v[0] != v[1]}
    assert not short, f"solution lost points in {module}: {short}"


@pytest.mark.parametrize("module", MODULES)
def test_unchanged_release_earns_nothing(module, grading_dir):
    """Does the unmodified student version score zero on every autograded item (no free points)?"""
    cells = _graded(module, grading_dir)["unchanged"]
    free = {k: v for k, v in cells.items() if v[0]}
    assert not free, f"free points in {module}: {free}"


@pytest.mark.parametrize("module", MODULES)
def test_weak_submission_earns_partial_credit(module, grading_dir):
    """Does a weak but honest submission earn some, but not all, of the autograded points?"""
    assert harness.weak_answers(module), f"tests/fixtures/submissions/{module}/weak.json is missing"
    cells = _graded(module, grading_dir)["weak"]
    earned = sum(score for score, _ in cells.values() if score is not None)
    possible = sum(out_of for score, out_of in cells.values() if score is not None)
    assert 0 < earned < possible, f"weak submission of {module} earned {earned} of {possible}"


@pytest.mark.parametrize("module", MODULES)
def test_self_check_reveals_no_hidden_test_or_solution(module):
    """Does running the student version with honest answers never show hidden tests or model answers?"""
    for path in _notebooks(module):
        source = nbformat.read(path, as_version=4)
        secrets = []
        for cell in source.cells:
            for block in HIDDEN.findall(cell.source) + SOLUTION.findall(cell.source):
                secrets += [line.strip() for line in block.splitlines() if len(line.strip()) >= 30]
        release = nbformat.read(ROOT / "release" / module / path.name, as_version=4)
        weak = harness.fill_answers(release, harness.weak_answers(module))
        shown = _output_text(_execute(weak, ROOT / "release" / module, allow_errors=True))
        leaked = [s for s in secrets if s in shown]
        assert not leaked, f"{module} shows hidden material: {leaked[:3]}"


def test_release_is_up_to_date():
    """Is release/ exactly what `nbgrader generate_assignment` makes from source/ (run `make release`)?"""
    proc = subprocess.run(
        [sys.executable, "-m", "course.releasegen", "--check"], capture_output=True, text=True, timeout=900
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
