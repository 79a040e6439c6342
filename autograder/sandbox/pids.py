"""A pids cgroup per sandbox: the cap on the threads (and processes) learner code can make.

The seccomp filter refuses new processes, but threads are tasks too: without a cap, a
notebook can start tens of thousands (with a small stack each, ``RLIMIT_AS`` does not stop
them) and starve the machine. ``RLIMIT_NPROC`` cannot be the cap for a root grader (Linux
exempts the root user, whatever namespace it is in; CI grades as root), so when grading
as root every sandbox joins a cgroup of its own whose ``pids.max`` is :data:`LIMIT`
(the cgroup v1 ``pids`` hierarchy, or cgroup v2 where the ``pids`` controller can be
enabled below this process's cgroup). A grader that is not root is capped by
``RLIMIT_NPROC`` inside the sandbox's own user namespace instead
(:data:`autograder.sandbox.confine.THREADS`; counted per user namespace since Linux 5.14).

Groups live under ``<pids hierarchy>/<this process's cgroup>/empathy-grading/``; one left
empty by a sandbox that ended is removed by the next :func:`new_group` (any grading process),
and at exit.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import itertools
import os
import time
from pathlib import Path

#: the most tasks (threads and processes, bubblewrap's own included) one sandbox may hold
LIMIT = 160
PARENT = "empathy-grading"
#: an empty group younger than this (seconds) may be one whose sandbox has not joined yet
_GRACE = 120.0
_counter = itertools.count()
_made: list[Path] = []


def _mounts() -> list[tuple[str, str, set[str]]]:
    """(mount point, file system type, super options) of each cgroup mount."""
    found = []
    with contextlib.suppress(OSError), open("/proc/self/mountinfo", encoding="utf-8") as lines:
        for line in lines:
            left, _, right = line.partition(" - ")
            fields, rest = left.split(), right.split()
            if len(fields) > 4 and len(rest) > 2 and rest[0] in ("cgroup", "cgroup2"):
                found.append((fields[4], rest[0], set(rest[2].split(","))))
    return found


def _own_paths() -> dict[str, str]:
    """This process's cgroup path by controller list (``""`` for cgroup v2)."""
    out = {}
    with contextlib.suppress(OSError), open("/proc/self/cgroup", encoding="utf-8") as lines:
        for line in lines:
            _, controllers, path = line.rstrip("\n").split(":", 2)
            out[controllers] = path
    return out


@functools.cache
def _base() -> tuple[Path | None, str]:
    """The folder sandbox groups are made in, or ``None`` and why not (found once per process)."""
    if os.geteuid() != 0:
        return None, "not root"
    own = _own_paths()
    reasons = []
    for point, kind, options in _mounts():
        if kind == "cgroup" and "pids" in options:
            path = next((p for c, p in own.items() if "pids" in c.split(",")), "/")
            base = Path(point) / path.lstrip("/") / PARENT
        elif kind == "cgroup2" and "" in own:
            here = Path(point) / own[""].lstrip("/")
            try:
                if "pids" not in (here / "cgroup.controllers").read_text().split():
                    reasons.append(f"{here} has no pids controller")
                    continue
                (here / "cgroup.subtree_control").write_text("+pids")
            except OSError as exc:
                reasons.append(f"cannot enable pids below {here}: {exc.strerror}")
                continue
            base = here / PARENT
        else:
            continue
        try:
            base.mkdir(exist_ok=True)
            if kind == "cgroup2":
                (base / "cgroup.subtree_control").write_text("+pids")
            return base, ""
        except OSError as exc:
            reasons.append(f"cannot make {base}: {exc.strerror}")
    return None, "; ".join(reasons) or "no cgroup pids controller is mounted"


def problem() -> str | None:
    """Why sandboxes cannot get a thread cap here, or ``None`` (always ``None`` when not root)."""
    if os.geteuid() != 0:
        return None
    base, why = _base()
    if base is None:
        return f"cannot cap the threads learner code makes (grading as root needs a pids cgroup: {why})"
    return None


def new_group() -> Path | None:
    """A fresh group with ``pids.max`` = :data:`LIMIT` for one sandbox (``None`` when not root).

    Raises ``OSError`` when grading as root and no group can be made (see :func:`problem`).
    """
    if os.geteuid() != 0:
        return None
    base, why = _base()
    if base is None:
        raise OSError(why)
    sweep(base)
    group = base / f"{os.getpid()}-{next(_counter)}-{time.monotonic_ns()}"
    group.mkdir()
    (group / "pids.max").write_text(str(LIMIT))
    _made.append(group)
    return group


def sweep(base: Path, grace: float = _GRACE) -> None:
    """Remove groups under ``base`` that no task is in any more (and older than ``grace`` seconds)."""
    now = time.time()
    with contextlib.suppress(OSError):
        for group in base.iterdir():
            with contextlib.suppress(OSError):
                old = group.is_dir() and now - group.stat().st_mtime > grace
                if old and not (group / "cgroup.procs").read_text().strip():
                    group.rmdir()


@atexit.register
def _remove_own() -> None:
    for group in _made:
        with contextlib.suppress(OSError):
            group.rmdir()
    _made.clear()
