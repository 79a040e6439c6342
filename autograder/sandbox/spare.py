"""A spare grading kernel, started in its own sandbox while the current submission grades.

Starting a kernel (bubblewrap, Python, ipykernel, its sockets) is most of the time one
submission takes. A process that grades many submissions (``nbgrader autograde`` of a
class, each worker of ``python -m course autograde``) keeps one spare: a kernel that has
started in a fresh sandbox with an empty ``/submission`` and waits, before its guard rails
and before any learner code, for the word to go on. The next submission adopts it: its
regular files are copied into the spare's empty working folder, the modules to preload are
sent, and a new spare starts. A spare serves one submission only, so nothing is shared
between learners: each has its own processes, sockets and files, as with a fresh start.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from jupyter_client.connect import write_connection_file

from autograder.sandbox import bwrap

#: environment variable telling a kernel to wait on standard input before locking down
SPARE_ENV = "GRADING_SPARE"


@dataclass
class Spare:
    """A started kernel waiting in its sandbox.

    Attributes:
        scratch: its private folder (``ipc/`` with the sockets and connection file, ``work-0/``
            mounted at ``/submission``).
        connection_file: the connection file (ipc transport) it was started with.
        template: the kernel command it runs, with ``{connection_file}`` where the file goes.
        proc: the ``bwrap`` process.
    """

    scratch: Path
    connection_file: Path
    template: tuple[str, ...]
    proc: subprocess.Popen

    @property
    def work(self) -> Path:
        return self.scratch / "work-0"

    def alive(self) -> bool:
        return self.proc.poll() is None

    def go(self, preload: tuple[str, ...] | None) -> None:
        """Let the kernel lock down (preloading ``preload``) and start serving."""
        self.proc.stdin.write((json.dumps({"preload": preload}) + "\n").encode())
        self.proc.stdin.close()

    def discard(self, keep_files: bool = False) -> None:
        """Kill the spare (and its sandbox); remove its folder unless ``keep_files``."""
        with contextlib.suppress(OSError):
            self.proc.kill()
        with contextlib.suppress(Exception):
            self.proc.wait(timeout=10)
        if not keep_files:
            shutil.rmtree(self.scratch, ignore_errors=True)


_spares: dict[str, Spare] = {}


def start(kernel_name: str, template: tuple[str, ...], signature_scheme: str) -> None:
    """Start a spare for ``kernel_name`` running ``template``, unless one is already waiting."""
    old = _spares.pop(kernel_name, None)
    if old is not None:
        if old.template == template and old.alive():
            _spares[kernel_name] = old
            return
        old.discard()
    scratch = Path(tempfile.mkdtemp(prefix="grading-kernel-"))
    ipc = scratch / "ipc"
    ipc.mkdir(mode=0o700)
    (scratch / "work-0").mkdir()
    connection = ipc / "connection.json"
    write_connection_file(
        str(connection),
        transport="ipc",
        ip=str(ipc / "kernel"),
        key=str(uuid.uuid4()).encode(),
        signature_scheme=signature_scheme,
        kernel_name=kernel_name,
    )
    argv = [str(connection) if arg == "{connection_file}" else arg for arg in template]
    command = bwrap.command(argv, scratch / "work-0", writable=[ipc], env=bwrap.environment({SPARE_ENV: "1"}))
    proc = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=scratch,
        start_new_session=True,
    )
    _spares[kernel_name] = Spare(scratch, connection, template, proc)


def take(kernel_name: str) -> Spare | None:
    """The waiting spare for ``kernel_name``, or ``None``."""
    spare = _spares.pop(kernel_name, None)
    if spare is not None and not spare.alive():
        spare.discard()
        return None
    return spare


def wait_for_word() -> None:
    """In a spare kernel: block until adopted, then put the modules to preload in the environment."""
    from autograder.sandbox.kernel import PRELOAD_ENV

    line = b""
    while not line.endswith(b"\n"):
        chunk = os.read(0, 4096)
        if not chunk:  # the grading process ended without adopting this spare
            os._exit(0)
        line += chunk
    preload = json.loads(line).get("preload")
    if preload is not None:
        os.environ[PRELOAD_ENV] = ",".join(preload)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)


@atexit.register
def discard_all() -> None:
    """Kill every waiting spare (at exit; a forked worker, which skips atexit, calls it itself)."""
    for spare in list(_spares.values()):
        spare.discard()
    _spares.clear()
