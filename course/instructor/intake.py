"""What a submission holds, checked before nbgrader grades it, and the cause of a failure in one line.

nbgrader meets an empty file, a notebook in a format it cannot read or a folder with no
notebook deep inside ``autograde`` and reports a traceback ending in "see the above
traceback" (or, for a folder without a notebook, grades nothing and records 0).
:func:`problem` finds these before grading and names the file and the fix;
:func:`failure_cause` turns nbgrader's error output into the line that says what went wrong.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from autograder.sandbox.footprint import folder_problem
from course.instructor.coursedir import Course

#: characters nbgrader's path globbing treats as patterns (it globs the learner's folder, then globs the
#: folder it found again, so escaping cannot make such an id literal)
GLOB_CHARS = ("*", "?", "[", "]")

#: files nbgrader's exchange adds to every submission
BOOKKEEPING = {"timestamp.txt"}

_ERROR_LINE = re.compile(
    r"^(?:[A-Za-z_][\w.]*\.)?([A-Za-z_]\w*(?:Error|Exception|Exit|Interrupt))(?::\s*(.*))?$"
)


def _notebook_problem(path: Path) -> str | None:
    """Why nbgrader cannot read ``path``, or ``None``."""
    import nbformat

    from autograder.sandbox.submission import notebook_file_problem

    name = path.name
    if not stat.S_ISREG(path.lstat().st_mode):  # never read through a link (to a huge or endless file)
        return (
            f"{name} is a symbolic link or special file, not the notebook itself: not graded; "
            "collect the submission again as regular files"
        )
    too_big = notebook_file_problem(path)
    if too_big is not None:
        return too_big
    raw = path.read_bytes()
    if not raw.strip():
        return f"{name} is empty ({len(raw)} bytes): the learner should submit the notebook again"
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        where = f" (line {exc.lineno})" if isinstance(exc, json.JSONDecodeError) else ""
        return f"{name} is not a notebook: not valid JSON{where}; the learner should submit it again"
    if not isinstance(data, dict) or ("cells" not in data and "worksheets" not in data):
        return f"{name} is not a notebook (no cells); the learner should submit it again"
    version = data.get("nbformat")
    if version not in (3, 4):
        return (
            f"{name} has nbformat {version!r}; nbgrader reads nbformat 4: open it in JupyterLab, "
            "save it and submit again"
        )
    try:
        nb = nbformat.reads(raw.decode("utf-8"), as_version=4)
        nbformat.validate(nb)
    except nbformat.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) if getattr(exc, "absolute_path", None) else ""
        at = f" at {where}" if where else ""
        return f"{name} is not a valid notebook{at}: {exc.message}"
    except Exception as exc:  # nbformat's reader raises several kinds
        return f"{name} cannot be read as a notebook: {type(exc).__name__}: {exc}"
    return None


def problem(course: Course, assignment: str, student: str) -> str | None:
    """Why ``student``'s submission of ``assignment`` cannot be graded at all, or ``None``.

    Returns one line naming the file and the fix: a learner id nbgrader would read as a
    file pattern, a folder too big to copy (too many files, nested too deeply, too many
    bytes: :func:`autograder.sandbox.footprint.folder_problem`), no notebook in the folder
    (listing what is there), or a notebook that is a link, empty, not JSON, of an unsupported
    nbformat or invalid (a cell without ``source``).
    """
    if any(char in student for char in GLOB_CHARS):
        return (
            f"the learner id {student!r} contains {' '.join(c for c in GLOB_CHARS if c in student)}, which "
            "nbgrader reads as a file pattern (it would grade another learner's notebook): not graded; "
            "rename the learner (hub user and submitted/ folder) without these characters"
        )
    from autograder.sandbox.submission import notebook_size_problem

    folder = course.submitted / student / assignment
    notebooks = sorted(p for p in folder.glob("*.ipynb") if p.is_file() or p.is_symlink())
    # before anything below reads, walks, hashes or copies the folder; a notebook too large by its
    # size alone is named first, as the more precise fix
    regular = [p for p in notebooks if stat.S_ISREG(p.lstat().st_mode)]
    sizes = (notebook_size_problem(path) for path in regular)
    too_much = next((why for why in sizes if why is not None), None) or folder_problem(folder)
    if too_much is not None:
        return too_much
    if not notebooks:
        others = sorted(
            str(p.relative_to(folder))
            for p in folder.rglob("*")
            if p.is_file() and p.name not in BOOKKEEPING and ".ipynb_checkpoints" not in p.parts
        )
        found = f"only {', '.join(others[:5])}{' ...' if len(others) > 5 else ''}" if others else "nothing"
        return f"no notebook in the submission (it holds {found}); the learner should submit the notebook"
    for path in notebooks:
        found = _notebook_problem(path)
        if found:
            return found
    return None


def failure_cause(text: str) -> str:
    """The line of nbgrader's error output that names what went wrong (not "see the above traceback")."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    for line in reversed(lines):
        match = _ERROR_LINE.match(line)
        if not match or match.group(1) == "NbGraderException":
            continue
        if "database is locked" in line:
            return "the gradebook was busy (locked by another program) for too long; grade it again"
        return line[:300]
    return lines[-1][:300] if lines else "autograde failed"


@dataclass
class Choice:
    """Which file of a submission is graded as which expected notebook.

    Attributes:
        renames: submitted file name -> expected notebook name, for each notebook graded
            under another name (a renamed notebook, or a copy holding the work).
        notes: one line per rename, for the autograde summary.
    """

    renames: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _work(path: Path, released: set[str]) -> int:
    """How many cells of the notebook at ``path`` hold text that is not in the released version."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError, AttributeError):
        return 0
    texts = ("".join(c.get("source", "")) if isinstance(c, dict) else "" for c in cells)
    return sum(1 for text in texts if text.strip() and text.strip() not in released)


def choose(course: Course, assignment: str, student: str) -> Choice:
    """Match the submitted notebooks to the released ones when the names differ.

    - The expected notebook is missing and exactly one notebook with another name is
      there: it is graded as the expected one (a rename).
    - Copies (``ps1-Copy1.ipynb``, ``Copy of ps1.ipynb``, ``ps1 (1).ipynb``: a name containing
      the expected one) next to an expected notebook that holds no work: the copy holding the
      most work is graded as the expected one.
    Otherwise nothing changes (nbgrader grades the expected names, as always).
    """
    folder = course.submitted / student / assignment
    release = course.release / assignment
    expected = sorted(p.name for p in release.glob("*.ipynb"))
    present = sorted(p.name for p in folder.glob("*.ipynb") if p.is_file())
    others = [name for name in present if name not in expected]
    choice = Choice()
    if not expected or not others:
        return choice
    missing = [name for name in expected if name not in present]
    if len(missing) == 1 and len(others) == 1 and len(expected) == 1:
        choice.renames[others[0]] = missing[0]
        choice.notes.append(f"graded {others[0]} as {missing[0]} (the notebook was renamed)")
        return choice
    for name in expected:
        stem = name[: -len(".ipynb")]
        copies = [other for other in others if stem in other and other not in choice.renames]
        if not copies:
            continue
        released = {
            "".join(c.get("source", "")).strip()
            for c in json.loads((release / name).read_text(encoding="utf-8")).get("cells", [])
        }
        original = _work(folder / name, released) if name in present else 0
        best = max(copies, key=lambda other: (_work(folder / other, released), other))
        if original == 0 and _work(folder / best, released) > 0:
            choice.renames[best] = name
            why = "holds no work" if name in present else "is missing"
            choice.notes.append(f"graded {best} as {name} ({name} {why})")
    return choice


@contextlib.contextmanager
def graded_view(course: Course, coursedir, assignment: str, student: str) -> Iterator[Choice]:
    """Point nbgrader's ``coursedir`` at a copy of the submission with the notebooks :func:`choose` renames.

    The learner's submitted files are never changed: when something is renamed, the
    submission is copied to ``.instructor/staged/<pid>/<learner>/<assignment>/`` with the
    chosen notebook under its expected name (and without the file it replaces), and
    ``coursedir.submitted_directory`` points there while nbgrader grades it.
    """
    choice = choose(course, assignment, student)
    if not choice.renames:
        yield choice
        return
    staged_root = course.state / "staged" / str(os.getpid())
    shutil.rmtree(staged_root, ignore_errors=True)
    target = staged_root / student / assignment
    shutil.copytree(course.submitted / student / assignment, target, symlinks=True)
    for old, new in choice.renames.items():
        (target / new).unlink(missing_ok=True)
        (target / old).rename(target / new)
    previous = coursedir.submitted_directory
    coursedir.submitted_directory = str(staged_root.relative_to(course.root))
    try:
        yield choice
    finally:
        coursedir.submitted_directory = previous
        shutil.rmtree(staged_root, ignore_errors=True)
