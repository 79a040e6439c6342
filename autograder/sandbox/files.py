"""Copy a submission's files without following links: regular files only.

Learners control what is in their submission folder, including symlinks (to the
solution notebook, to ``/dev/zero``, to another learner's folder) and special
files (FIFOs, devices). Grading copies only regular files and folders, opened
with ``O_NOFOLLOW`` relative to a folder descriptor, so nothing is ever read
through a link; everything else is skipped and named.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

#: the most a private copy may hold in all (bytes); larger files are skipped and named
MAX_BYTES = 256 * 1024**2
#: the deepest folder copied (levels below the submission folder); deeper ones are skipped and named
MAX_DEPTH = 16
#: the most entries (files and folders) a private copy may hold; the rest are skipped and named
MAX_ENTRIES = 5_000
_CHUNK = 1024 * 1024


@dataclass
class CopyReport:
    """What :func:`copy_regular_files` did.

    Attributes:
        copied: relative paths of the regular files copied.
        skipped: ``(relative path, why)`` of everything not copied (links, special files, too big).
    """

    copied: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def describe(self) -> str:
        """One line naming every skipped entry, or an empty string."""
        if not self.skipped:
            return ""
        return "not copied into the sandbox: " + "; ".join(f"{name} ({why})" for name, why in self.skipped)


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def copy_regular_files(
    source: str | os.PathLike | int, dest: str | os.PathLike, skip_suffixes: tuple[str, ...] = ()
) -> CopyReport:
    """Copy the regular files and folders under ``source`` into ``dest`` (created if needed).

    ``source``: a path, or an open folder descriptor (left open). Never follows a symbolic
    link, ``source`` itself included (a linked folder copies nothing). At most
    :data:`MAX_BYTES` and :data:`MAX_ENTRIES` in all. Files whose names end in one of
    ``skip_suffixes`` are left out silently.
    """
    report = CopyReport()
    Path(dest).mkdir(parents=True, exist_ok=True)
    try:
        if isinstance(source, int):
            top = os.dup(source)
        else:
            top = os.open(source, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError as exc:
        report.skipped.append((str(source), f"not a folder: {exc.strerror}"))
        return report
    budget = [MAX_BYTES, MAX_ENTRIES]
    try:
        _copy_dir(top, Path(dest), "", report, skip_suffixes, budget)
    finally:
        os.close(top)
    return report


def _copy_dir(fd: int, dest: Path, prefix: str, report: CopyReport, skip: tuple[str, ...], budget) -> None:
    for name in sorted(os.listdir(fd)):
        rel = f"{prefix}{name}"
        try:
            _copy_entry(fd, name, dest, rel, report, skip, budget)
        except OSError as exc:  # a name too long for the copy's path, a file that vanished, ...
            report.skipped.append((rel, f"could not be copied: {exc.strerror or exc}"))


def _copy_entry(fd: int, name: str, dest: Path, rel: str, report: CopyReport, skip, budget) -> None:
    if budget[1] <= 0:
        if budget[1] == 0:
            report.skipped.append(
                (rel, f"and every entry after it: more than {MAX_ENTRIES} files and folders")
            )
            budget[1] = -1
        return
    budget[1] -= 1
    info = os.stat(name, dir_fd=fd, follow_symlinks=False)
    if stat.S_ISDIR(info.st_mode):
        if rel.count("/") >= MAX_DEPTH:
            report.skipped.append((rel, f"a folder more than {MAX_DEPTH} levels deep"))
            return
        sub = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
        try:
            (dest / name).mkdir(exist_ok=True)
            _copy_dir(sub, dest / name, f"{rel}/", report, skip, budget)
        finally:
            os.close(sub)
    elif not stat.S_ISREG(info.st_mode):
        report.skipped.append((rel, _kind(info.st_mode)))
    elif name.endswith(skip):
        return
    elif info.st_size > budget[0]:
        report.skipped.append((rel, f"larger than the {MAX_BYTES // 1024**2} MB a submission may hold"))
    else:
        _copy_file(fd, name, dest / name, budget)
        report.copied.append(rel)


def _copy_file(fd: int, name: str, target: Path, budget) -> None:
    src = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=fd)
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW
        with os.fdopen(os.open(target, flags, 0o644), "wb") as out:
            while budget[0] > 0:
                chunk = os.read(src, min(_CHUNK, budget[0]))
                if not chunk:
                    break
                out.write(chunk)
                budget[0] -= len(chunk)
    finally:
        os.close(src)


def replace_file(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` in a folder learner code can write to, never through a link.

    Whatever is at ``path`` (a link the learner planted, a folder) is removed first, and the
    new file is created with ``O_EXCL | O_NOFOLLOW``: should something reappear there in
    between, this raises ``OSError`` instead of writing elsewhere with the grader's rights.
    """
    try:
        if stat.S_ISDIR(os.lstat(path).st_mode):
            import shutil

            shutil.rmtree(path)
        else:
            os.unlink(path)
    except FileNotFoundError:
        pass
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
