"""Run real nbgrader on one module in a scratch course directory.

Used by the test suite, and by authors to check a module before committing::

    .venv/bin/python tests/harness.py 01-empathy-vs-sympathy

prints the points the solution, the unmodified release and the weak
submission (``tests/fixtures/submissions/<module>/weak.json``) earn per grade cell.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from contextlib import suppress
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
FIXTURES = ROOT / "tests" / "fixtures" / "submissions"


def nbgrader(course: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run an nbgrader command in ``course``; raise with its output on failure."""
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    proc = subprocess.run(
        [str(BIN / "nbgrader"), *args], cwd=course, capture_output=True, text=True, timeout=900, env=env
    )
    if check and proc.returncode != 0:
        raise RuntimeError(f"nbgrader {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc


def scratch_course(
    target: Path, modules: list[str], source: Path = ROOT / "source", config: str = ""
) -> Path:
    """A new course directory at ``target`` with this repo's config (plus ``config`` lines) and modules."""
    target.mkdir(parents=True, exist_ok=True)
    settings = (ROOT / "nbgrader_config.py").read_text(encoding="utf-8")
    (target / "nbgrader_config.py").write_text(settings + "\n" + config, encoding="utf-8")
    for module in modules:
        shutil.copytree(source / module, target / "source" / module, dirs_exist_ok=True)
    return target


def release_notebooks(course: Path, module: str) -> dict[str, nbformat.NotebookNode]:
    """The generated student notebooks of ``module``, by file name."""
    folder = course / "release" / module
    return {p.name: nbformat.read(p, as_version=4) for p in sorted(folder.glob("*.ipynb"))}


def source_notebooks(module: str) -> dict[str, nbformat.NotebookNode]:
    """The instructor (solution) notebooks of ``module``, by file name."""
    folder = ROOT / "source" / module
    return {p.name: nbformat.read(p, as_version=4) for p in sorted(folder.glob("*.ipynb"))}


def fill_answers(nb: nbformat.NotebookNode, answers: dict[str, str]) -> nbformat.NotebookNode:
    """A copy of ``nb`` with the answer cells named in ``answers`` (grade_id -> source) replaced."""
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    return nb


def submit(course: Path, module: str, student: str, notebooks: dict[str, nbformat.NotebookNode]) -> Path:
    """Place a submission as ``nbgrader collect`` would, with the release's data files."""
    folder = course / "submitted" / student / module
    folder.mkdir(parents=True, exist_ok=True)
    for item in (course / "release" / module).iterdir():
        if item.is_file() and item.suffix != ".ipynb":
            shutil.copy(item, folder / item.name)
    for name, nb in notebooks.items():
        nbformat.write(nb, folder / name)
    (folder / "timestamp.txt").write_text("2026-11-23 09:00:00.000000 UTC")
    return folder


def grades(course: Path, module: str, student: str) -> dict[str, tuple[float, float]]:
    """``grade_id -> (score, max_score)`` of every graded cell; score is ``None`` while awaiting a person."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        submission = gb.find_submission(module, student)
        out = {}
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                score = None if grade.needs_manual_grade else grade.score
                out[grade.name] = (score, grade.max_score)
        return out


def descendants(pid: int) -> list[int]:
    """Every live process below ``pid``, from /proc (kernels run in their own session, so
    killing a process group alone misses them)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def weak_answers(module: str) -> dict[str, str]:
    """The weak-but-honest answers for ``module`` (grade_id -> cell source)."""
    path = FIXTURES / module / "weak.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def grade_three_ways(module: str, workdir: Path) -> dict[str, dict[str, tuple[float, float]]]:
    """Autograde the solution, the unmodified release and the weak submission of ``module``."""
    course = scratch_course(workdir, [module])
    nbgrader(course, "generate_assignment", module, "--force")
    nbgrader(course, "db", "student", "add", "solution")
    release = release_notebooks(course, module)
    submit(course, module, "solution", source_notebooks(module))
    submit(course, module, "unchanged", release)
    weak = weak_answers(module)
    submit(course, module, "weak", {name: fill_answers(nb, weak) for name, nb in release.items()})
    nbgrader(course, "autograde", module, "--force", "--create")
    return {student: grades(course, module, student) for student in ("solution", "unchanged", "weak")}


def main(argv: list[str]) -> int:
    import tempfile

    for module in argv or sorted(p.name for p in (ROOT / "source").iterdir() if p.is_dir()):
        with tempfile.TemporaryDirectory() as tmp:
            result = grade_three_ways(module, Path(tmp) / "course")
        print(f"== {module}")
        for student, cells in result.items():
            auto = [(s, m) for s, m in cells.values() if s is not None]
            total = sum(s for s, _ in auto)
            out_of = sum(m for _, m in auto)
            manual = sum(m for s, m in cells.values() if s is None)
            note = f" autograded (+{manual:g} graded by hand)" if manual else ""
            print(f"  {student:10} {total:6.2f} / {out_of:g}{note}")
            for grade_id, (score, max_score) in sorted(cells.items()):
                print(f"      {grade_id:40} {score if score is not None else 'manual'} / {max_score:g}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
