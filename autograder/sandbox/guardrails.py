"""A Python audit hook that keeps learner code from spawning processes, writing outside a folder
and reading the course's private files.

Installed in every process that runs learner code while grading (the sandbox
child and the grading kernel). Audit hooks cannot be removed once added. They
are not a complete sandbox (Python's documentation says so): native code can go
around them, which is why loading native libraries with ``ctypes`` is refused
too and why the resource limits stay in place underneath.
"""

from __future__ import annotations

import os
import signal
import sys

_SPAWN = frozenset(
    {
        "os.fork",
        "os.forkpty",
        "os.system",
        "os.exec",
        "os.spawn",
        "os.posix_spawn",
        "os.startfile",
        "subprocess.Popen",
        "pty.spawn",
        "signal.pthread_kill",
        "ctypes.dlopen",
        "ctypes.dlsym",
        "ctypes.call_function",
        "socket.connect",
        "socket.bind",
    }
)
_WRITE_EVENTS = frozenset(
    {
        "os.remove",
        "os.rename",
        "os.rmdir",
        "os.mkdir",
        "os.chmod",
        "os.chown",
        "os.symlink",
        "os.link",
        "os.truncate",
        "os.utime",
        "shutil.rmtree",
        "shutil.move",
        "shutil.copyfile",
        "os.replace",
    }
)
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC
_READ_EVENTS = frozenset({"os.listdir", "os.scandir", "glob.glob", "sqlite3.connect"})
#: nbgrader's folders (and files) in a course directory that hold solutions, hidden tests,
#: grades or other learners' work; the graded notebook's own folder stays readable
PRIVATE = (
    "source",
    "submitted",
    "autograded",
    "feedback",
    "exchange",
    ".instructor",
    "gradebook.db",
    "gradebook.db-journal",
    "gradebook.db-wal",
)


class GuardrailViolation(PermissionError):
    """Learner code tried something grading does not allow."""


def private_paths(workdir: str | os.PathLike) -> list[str]:
    """The course's private files, when ``workdir`` is an ``autograded/<student>/<assignment>`` folder.

    Elsewhere (``nbgrader validate`` on ``source/``, a learner's own copy) there is nothing to hide.
    """
    folder = os.path.realpath(workdir)
    step = os.path.dirname(os.path.dirname(folder))
    if os.path.basename(step) != "autograded":
        return []
    course = os.path.dirname(step)
    return [os.path.join(course, name) for name in PRIVATE]


def install(writable: list[str | os.PathLike], unreadable: list[str | os.PathLike] = ()) -> None:
    """From now on, in this process: refuse process creation, writes outside ``writable``
    folders, and reads under ``unreadable`` ones (except inside a ``writable`` folder)."""
    roots = tuple(os.path.realpath(p) + os.sep for p in writable)
    hidden = tuple(os.path.realpath(p) + os.sep for p in unreadable)

    def resolved(path) -> str | None:
        try:
            return os.path.realpath(os.fsdecode(path)) + os.sep
        except (TypeError, ValueError):
            return None

    def allowed(path) -> bool:
        if isinstance(path, int):
            return True  # an already open descriptor
        target = resolved(path)
        return target is not None and (target == "/dev/null" + os.sep or target.startswith(roots))

    def readable(path) -> bool:
        if isinstance(path, int) or not hidden:
            return True
        target = resolved(path)
        if target is None:
            return False
        return target.startswith(roots) or not target.startswith(hidden)

    def hook(event: str, args: tuple) -> None:
        if event in ("os.kill", "os.killpg"):
            # ipykernel answers an interrupt request by sending SIGINT to itself; nothing else
            own = os.getpid() if event == "os.kill" else os.getpgid(0)
            if tuple(args[:2]) != (own, signal.SIGINT):
                raise GuardrailViolation(f"grading does not allow {event}")
            return
        if event in _SPAWN:
            raise GuardrailViolation(f"grading does not allow {event}")
        if event == "open":
            path, mode, flags = (*args, None, None, 0)[:3]
            writing = (isinstance(mode, str) and any(m in mode for m in "wax+")) or bool(
                (flags or 0) & _WRITE_FLAGS
            )
            if writing and not allowed(path):
                raise GuardrailViolation(f"grading does not allow writing to {path}")
            if path is not None and not readable(path):
                raise GuardrailViolation(f"grading does not allow reading {path}")
        elif event in _WRITE_EVENTS:
            paths = [a for a in args if isinstance(a, (str, bytes, os.PathLike))]
            if not all(allowed(p) for p in paths):
                raise GuardrailViolation(f"grading does not allow {event} outside the submission")
        elif event in _READ_EVENTS and args:
            path = args[0]
            if isinstance(path, (str, bytes, os.PathLike)) and not readable(path):
                raise GuardrailViolation(f"grading does not allow reading {path}")

    sys.addaudithook(hook)
