"""nbgrader's ``Autograde`` converter, never following links in a submission.

Stock nbgrader reads and copies a submission with the instructor's rights and
follows symbolic links: a notebook that links to the solution is graded as the
learner's, a data file that links to ``/dev/zero`` is copied forever, and an
assignment folder that links to another learner's folder grades that learner's
work. :class:`SafeAutograde` skips every link and special file in
``submitted/<student>/<assignment>`` (named in the grading log), and leaves out a
student or assignment folder that is itself a link. Before nbgrader copies anything,
it refuses a submission folder too big to copy (:mod:`autograder.sandbox.footprint`)
and a notebook file too big or too deeply nested to read, with one line naming the
learner, the cause and the fix: a failure, never a zero.

``nbgrader_config.py`` calls :func:`install`, which makes ``nbgrader autograde``,
formgrader's autograde button and ``python -m course autograde`` use it.
"""

from __future__ import annotations

import glob
import os
import stat

from nbgrader.converters import Autograde, NbGraderException

from autograder.sandbox import footprint


def unsafe_entries(folder: str) -> list[tuple[str, str]]:
    """``(path, what it is)`` of every symbolic link or special file under ``folder`` (not followed)."""
    found = []
    for dirname, dirnames, filenames in os.walk(folder):
        for name in [*dirnames, *filenames]:
            path = os.path.join(dirname, name)
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode):
                found.append((path, "a symbolic link"))
            elif not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                found.append((path, "a special file"))
    return found


#: the largest notebook file graded (bytes): nbgrader reads a notebook whole, in the grading process
MAX_NOTEBOOK_BYTES = 32 * 1024**2
#: the deepest nesting of lists and objects in a notebook's JSON (nbformat's own is under 10)
MAX_JSON_DEPTH = 64


def notebook_size_problem(path: str | os.PathLike) -> str | None:
    """Why the notebook file at ``path`` is too large to read (by its size alone, never read), or ``None``."""
    name = os.path.basename(path)
    size = os.lstat(path).st_size
    if size > MAX_NOTEBOOK_BYTES:
        return (
            f"{name} is {size / 1024**2:.0f} MB, more than the {MAX_NOTEBOOK_BYTES // 1024**2} MB a "
            "notebook may be (usually saved outputs): the learner should clear all outputs (Edit > Clear "
            "Outputs of All Cells), save and submit again"
        )
    return None


def notebook_file_problem(path: str | os.PathLike) -> str | None:
    """Why the notebook file at ``path`` is not read at all (too large, or nested too deeply), or ``None``.

    One line naming the file and the fix. Checked before nbgrader parses the file, so a
    500 MB notebook or 100,000 nested lists cost the grading process neither memory nor a
    crash. Other problems (not JSON, an invalid notebook) are left to the usual checks.
    """
    import json

    name = os.path.basename(path)
    too_big = notebook_size_problem(path)
    if too_big is not None:
        return too_big
    try:
        with open(path, "rb") as handle:
            data = json.loads(handle.read())
    except RecursionError:
        data = None
    except ValueError:  # not JSON: reported by the usual checks
        return None
    if data is None or _depth(data) > MAX_JSON_DEPTH:
        return (
            f"{name} nests its JSON more than {MAX_JSON_DEPTH} levels deep (edited metadata or outputs): the "
            "learner should copy their answers into a fresh copy of the released notebook and submit again"
        )
    return None


def _depth(data) -> int:
    deepest, stack = 0, [(data, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if level > MAX_JSON_DEPTH:
            break
        if isinstance(item, dict):
            stack.extend((value, level + 1) for value in item.values())
        elif isinstance(item, list):
            stack.extend((value, level + 1) for value in item)
    return deepest


def _is_real_dir(path: str) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


class SafeAutograde(Autograde):
    """``Autograde`` that never follows a link or reads a special file in a submission."""

    def _find_notebooks(self) -> None:
        """nbgrader's ``init_notebooks``, with learner and assignment folders taken literally."""
        self.assignments = {}
        self.notebooks = []
        pattern = self._format_source(self.coursedir.assignment_id, self.coursedir.student_id)
        folders = [pattern] if _is_real_dir(pattern) else sorted(glob.glob(pattern))
        for folder in folders:
            inside = os.path.join(glob.escape(folder), self.coursedir.notebook_id + ".ipynb")
            found = sorted(glob.glob(inside))
            if found:
                self.assignments[folder] = found
            else:
                self.log.warning("No notebooks were found in %s", folder)
        if not self.assignments:
            msg = f"No notebooks were matched by '{pattern}'"
            self.log.error(msg)
            raise NbGraderException(msg)

    def init_notebooks(self) -> None:
        self._find_notebooks()
        kept = {}
        for assignment, notebooks in self.assignments.items():
            student_dir = os.path.dirname(os.path.normpath(assignment))
            if not (_is_real_dir(assignment) and _is_real_dir(student_dir)):
                self.log.warning("%s is a symbolic link, not a folder: not graded", assignment)
                continue
            regular = []
            for notebook in notebooks:
                if stat.S_ISREG(os.lstat(notebook).st_mode):
                    regular.append(notebook)
                else:
                    self.log.warning("%s is a symbolic link or special file: not graded", notebook)
            if regular:
                kept[assignment] = regular
        self.assignments = kept
        if not kept:
            msg = (
                "No notebooks to grade: the submission holds only links or special files "
                "(see the warnings above); collect it again as regular files"
            )
            self.log.error(msg)
            raise NbGraderException(msg)

    def init_assignment(self, assignment_id: str, student_id: str) -> None:
        source = self._format_source(assignment_id, student_id)
        # before nbgrader copies the folder into autograded/ (see autograder/sandbox/footprint.py); a
        # notebook too large by its size alone is named first, as the more precise fix
        sizes = (notebook_size_problem(notebook) for notebook in self.notebooks)
        too_much = next((why for why in sizes if why is not None), None) or footprint.folder_problem(source)
        if too_much is not None:
            message = f"{student_id}: not graded: {too_much}"
            self.log.error(message)
            raise NbGraderException(message)
        for notebook in self.notebooks:  # nbgrader sets them for this submission before calling this
            why = notebook_file_problem(notebook)
            if why is not None:
                message = f"{student_id}: not graded: {why}"
                self.log.error(message)
                raise NbGraderException(message)
        unsafe = unsafe_entries(source)
        for path, what in unsafe:
            self.log.warning("%s is %s: skipped, never followed or copied", path, what)
            if os.path.basename(path) == "timestamp.txt":
                raise NbGraderException(f"{path} is {what}, not a file: collect the submission again")
        saved = list(self.coursedir.ignore)
        # nbgrader matches these globs against each file it copies; escaped, they name exactly these files
        self.coursedir.ignore = saved + sorted({glob.escape(os.path.basename(p)) for p, _ in unsafe})
        try:
            super().init_assignment(assignment_id, student_id)
        finally:
            self.coursedir.ignore = saved


def install() -> None:
    """Make nbgrader's autograde (command line, and the API that formgrader's button and
    ``python -m course autograde`` call) use :class:`SafeAutograde`."""
    from nbgrader.apps import api, autogradeapp

    autogradeapp.Autograde = SafeAutograde
    api.Autograde = SafeAutograde
