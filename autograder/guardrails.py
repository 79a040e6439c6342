"""A Python audit hook that keeps learner code from spawning processes or writing outside a folder.

Installed in every process that runs learner code while grading (the sandbox
child and the grading kernel). Audit hooks cannot be removed once added. They
are not a complete sandbox (Python's documentation says so): native code can go
around them, which is why loading native libraries with ``ctypes`` is refused
too and why the resource limits stay in place underneath.
"""

from __future__ import annotations

import os
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
        "os.kill",
        "os.killpg",
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


class GuardrailViolation(PermissionError):
    """Learner code tried something grading does not allow."""


def install(writable: list[str | os.PathLike]) -> None:
    """Refuse process creation and writes outside ``writable`` folders from now on, in this process."""
    roots = tuple(os.path.realpath(p) + os.sep for p in writable)

    def allowed(path) -> bool:
        if isinstance(path, int):
            return True  # an already open descriptor
        try:
            target = os.path.realpath(os.fsdecode(path))
        except (TypeError, ValueError):
            return False
        return target == "/dev/null" or any((target + os.sep).startswith(root) for root in roots)

    def hook(event: str, args: tuple) -> None:
        if event in _SPAWN:
            raise GuardrailViolation(f"grading does not allow {event}")
        if event == "open":
            path, mode, flags = (*args, None, None, 0)[:3]
            writing = (isinstance(mode, str) and any(m in mode for m in "wax+")) or bool(
                (flags or 0) & _WRITE_FLAGS
            )
            if writing and not allowed(path):
                raise GuardrailViolation(f"grading does not allow writing to {path}")
        elif event in _WRITE_EVENTS:
            paths = [a for a in args if isinstance(a, (str, bytes, os.PathLike))]
            if not all(allowed(p) for p in paths):
                raise GuardrailViolation(f"grading does not allow {event} outside the submission")

    sys.addaudithook(hook)
