"""What a submission holds, checked before nbgrader grades it, and the cause of a failure in one line.

nbgrader meets an empty file, a notebook in a format it cannot read or a folder with no
notebook deep inside ``autograde`` and reports a traceback ending in "see the above
traceback" (or, for a folder without a notebook, grades nothing and records 0).
:func:`problem` finds these before grading and names the file and the fix;
:func:`failure_cause` turns nbgrader's error output into the line that says what went wrong.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

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

    name = path.name
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
    file pattern, no notebook in the folder (listing what is there), or a notebook that
    is empty, not JSON, of an unsupported nbformat or invalid (a cell without ``source``).
    """
    if any(char in student for char in GLOB_CHARS):
        return (
            f"the learner id {student!r} contains {' '.join(c for c in GLOB_CHARS if c in student)}, which "
            "nbgrader reads as a file pattern (it would grade another learner's notebook): not graded; "
            "rename the learner (hub user and submitted/ folder) without these characters"
        )
    folder = course.submitted / student / assignment
    notebooks = sorted(p for p in folder.glob("*.ipynb") if p.is_file())
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
