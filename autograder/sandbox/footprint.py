"""How much a submission folder holds, measured before anything copies or reads it.

nbgrader copies ``submitted/<learner>/<assignment>`` into ``autograded/`` (and
``python -m course autograde`` hashes it, and may stage a copy) with the
instructor's rights and no limit, before any sandbox exists: 200,000 empty files, a
folder tree thousands of levels deep or a sparse file of 100 GB (a few blocks on
disk, 100 GB when copied or read) would cost the grading machine its disk, its
memory or hours. :func:`folder_problem` walks the folder once, from directory
descriptors, never following a link, reading no file and stopping at the first
limit passed, and says why the submission is refused.

The limits have wide margins over an honest submission: the released files (a
notebook and a data file or two, under 100 KB) plus a few files of the learner's.
"""

from __future__ import annotations

import os
import stat

#: files, folders, links and special files under the submission folder, checkpoints included
MAX_ENTRIES = 1000
#: folders nested inside the submission folder (``a/b/c`` is 3)
MAX_DEPTH = 8
#: the apparent size of all regular files together (bytes): what a copy writes and a read returns
MAX_TOTAL_BYTES = 128 * 1024**2

_FIX = "the learner should remove the extra files and submit again"
_NOTEBOOK_FIX = (
    "the learner should clear all outputs (Edit > Clear Outputs of All Cells), remove any extra files, "
    "save and submit again"
)


def folder_problem(folder: str | os.PathLike) -> str | None:
    """Why the submission folder at ``folder`` is too big to copy, or ``None``.

    Returns one line naming the limit passed and the fix (no learner id: callers add it).
    Sizes are apparent sizes (``st_size``), so a sparse file counts as large as a copy
    of it would be. Links and special files count as entries and are not followed (they
    are skipped later, see :mod:`autograder.sandbox.submission`); a folder that cannot be
    opened is a problem too (nbgrader could not copy it either). Cost: at most
    ``MAX_ENTRIES + 1`` entries are looked at, and two folders are open at once. A missing
    ``folder`` is ``None`` (reported by the usual checks).
    """
    flags = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        top = os.open(folder, flags)
    except FileNotFoundError:
        return None
    except OSError as exc:
        what = (
            "is a symbolic link, not a folder"
            if os.path.islink(folder)
            else f"cannot be opened ({exc.strerror})"
        )
        return f"the submission folder {what}: not graded; collect it again as a folder of regular files"
    entries, total = 0, 0
    stack = [(0, "")]  # (depth, path inside the submission, "" or ending in "/")
    try:
        while stack:
            depth, where = stack.pop()
            try:
                fd = os.open(where.rstrip("/"), flags, dir_fd=top) if where else os.dup(top)
            except OSError as exc:
                return f"the folder {where!r} cannot be opened ({exc.strerror}): {_FIX}"
            try:
                with os.scandir(fd) as listing:
                    for entry in listing:
                        entries += 1
                        if entries > MAX_ENTRIES:
                            return (
                                f"the submission holds more than {MAX_ENTRIES:,} files and folders "
                                f"(a submission holds a few): {_FIX}"
                            )
                        info = entry.stat(follow_symlinks=False)
                        inside = f"{where}{entry.name}"
                        if stat.S_ISREG(info.st_mode):
                            total += info.st_size
                            if total > MAX_TOTAL_BYTES:
                                fix = _NOTEBOOK_FIX if entry.name.endswith(".ipynb") else _FIX
                                return (
                                    "the submission's files add up to more than "
                                    f"{MAX_TOTAL_BYTES // 1024**2} MB "
                                    f"({inside[:80]!r} is {info.st_size / 1024**2:,.0f} MB): {fix}"
                                )
                        elif stat.S_ISDIR(info.st_mode):
                            if depth + 1 > MAX_DEPTH:
                                return (
                                    f"the submission nests folders more than {MAX_DEPTH} levels deep "
                                    f"({inside[:80]!r}...): {_FIX}"
                                )
                            stack.append((depth + 1, f"{inside}/"))
            finally:
                os.close(fd)
    finally:
        os.close(top)
    return None
