"""The kernel manager nbgrader grades with: each kernel starts inside bubblewrap.

``nbgrader_config.py`` sets ``Execute.kernel_manager_class`` to
:class:`SandboxKernelManager`, so ``nbgrader autograde``, formgrader's autograde
button and ``python -m course autograde`` all start the grading kernel this way:

* the kernel talks to nbgrader over jupyter_client's ``ipc`` transport: Unix
  sockets in a private folder, the only one besides the submission's copy that is
  bind-mounted into the sandbox, so the sandbox's network stays empty;
* its working directory is a private copy of the notebook's folder holding only
  regular files (:mod:`autograder.sandbox.files`); links and special files are
  skipped and named in the grading log, and nothing written there flows back;
* every launch (including a restart after a crash or a cell that ignores
  interrupts) gets a fresh copy; the private folder is removed when the kernel ends.

The client side refuses messages larger than :data:`MAX_MESSAGE_BYTES`, so one
huge output cannot fill the grading process's memory.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from subprocess import DEVNULL

import zmq
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from traitlets import default

from autograder.sandbox import bwrap, spare
from autograder.sandbox.files import copy_regular_files, replace_file
from autograder.sandbox.kernel import PRELOAD_ENV

#: the largest message the grading process accepts from a kernel (bytes)
MAX_MESSAGE_BYTES = 32 * 1024**2


class BoundedClient(AsyncKernelClient):
    """A kernel client whose sockets drop any message over :data:`MAX_MESSAGE_BYTES`."""

    def _create_connected_socket(self, channel: str, identity: bytes | None = None):
        url = self._make_url(channel)
        sock = self.context.socket(_SOCKET_TYPES[channel])
        sock.linger = 1000
        sock.setsockopt(zmq.MAXMSGSIZE, MAX_MESSAGE_BYTES)
        if identity:
            sock.identity = identity
        sock.connect(url)
        return sock


_SOCKET_TYPES = {
    "hb": zmq.REQ,
    "shell": zmq.DEALER,
    "iopub": zmq.SUB,
    "stdin": zmq.DEALER,
    "control": zmq.DEALER,
}


class SandboxKernelManager(AsyncKernelManager):
    """An ``AsyncKernelManager`` that starts its kernel in bubblewrap (see the module docstring)."""

    _scratch_dir: Path | None = None
    _launches = 0
    _spare: spare.Spare | None = None
    #: keep a spare kernel started for the next submission (see :mod:`autograder.sandbox.spare`)
    prestart = True
    #: modules the kernel imports before its guard rails (``None``: the kernel's default list)
    preload: tuple[str, ...] | None = None

    @default("transport")
    def _transport_default(self) -> str:
        return "ipc"

    @default("ip")
    def _ip_default(self) -> str:
        return str(self._ipc_dir() / "kernel")

    @default("client_factory")
    def _client_factory_default(self):
        return BoundedClient

    def _scratch(self) -> Path:
        if self._scratch_dir is None:
            self._scratch_dir = Path(tempfile.mkdtemp(prefix="grading-kernel-"))
        return self._scratch_dir

    def _ipc_dir(self) -> Path:
        folder = self._scratch() / "ipc"
        folder.mkdir(mode=0o700, exist_ok=True)
        return folder

    async def _async_pre_start_kernel(self, **kw):
        if self.prestart and bwrap.enabled() and not self._launches:
            waiting = spare.take(self.kernel_name)
            if waiting is not None:  # take over its sockets and key before nbgrader's client connects
                self._spare = waiting
                self._scratch_dir = waiting.scratch
                self.connection_file = str(waiting.connection_file)
                self.load_connection_file()
                self._connection_file_written = True
        return await super()._async_pre_start_kernel(**kw)

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
        if not bwrap.enabled():
            return await super()._async_launch_kernel(kernel_cmd, **kw)
        bwrap.require()
        template = tuple("{connection_file}" if arg == self.connection_file else arg for arg in kernel_cmd)
        waiting, self._spare = self._spare, None
        if waiting is not None and waiting.template == template and waiting.alive():
            self._adopt(waiting, kw.get("cwd") or os.getcwd())
        else:
            if waiting is not None:
                waiting.discard(keep_files=True)
            kernel_cmd, kw = self._sandboxed(kernel_cmd, kw)
            await super()._async_launch_kernel(kernel_cmd, **kw)
        if self.prestart:
            spare.start(self.kernel_name, template, self.session.signature_scheme)

    def _adopt(self, waiting: spare.Spare, source: str) -> None:
        """Run this submission in the spare kernel: its files, then the word to go on."""
        self._launches += 1
        report = copy_regular_files(source, waiting.work, skip_suffixes=(".ipynb",))
        if report.skipped:
            self.log.warning("%s: %s", source, report.describe())
        waiting.go(self.preload)
        provisioner = self.provisioner
        provisioner.process = waiting.proc
        provisioner.pid = waiting.proc.pid
        provisioner.pgid = os.getpgid(waiting.proc.pid)
        provisioner.cwd = str(waiting.scratch)
        self._reconcile_connection_info(provisioner.connection_info)

    def _sandboxed(self, kernel_cmd: list[str], kw: dict) -> tuple[list[str], dict]:
        if self.transport != "ipc":
            raise bwrap.SandboxUnavailable(
                "the grading kernel needs jupyter_client's ipc transport (KernelManager.transport = 'ipc')"
            )
        source = kw.get("cwd") or os.getcwd()
        self._launches += 1
        for old in self._scratch().glob("work-*"):
            shutil.rmtree(old, ignore_errors=True)
        work = self._scratch() / f"work-{self._launches}"
        report = copy_regular_files(source, work, skip_suffixes=(".ipynb",))
        if report.skipped:
            self.log.warning("%s: %s", source, report.describe())
        inside = self._ipc_dir() / "connection.json"
        # learner code can write in the ipc folder (a link to the gradebook in place of this file):
        # written afresh from memory at every launch, never through a link
        info = dict(self.get_connection_info(session=False), key=self.session.key.decode())
        replace_file(inside, json.dumps(info, default=str).encode())
        kernel_cmd = [str(inside) if arg == self.connection_file else arg for arg in kernel_cmd]
        extra = {} if self.preload is None else {PRELOAD_ENV: ",".join(self.preload)}
        command = bwrap.command(kernel_cmd, work, writable=[self._ipc_dir()], env=bwrap.environment(extra))
        # the kernel's own stdout/stderr (fd 1 and 2, outside the Jupyter protocol) go nowhere:
        # learner code must not be able to flood the grading log through them
        kw = dict(kw, cwd=str(self._scratch()), env=bwrap.environment(), stdout=DEVNULL, stderr=DEVNULL)
        return command, kw

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart and self._scratch_dir is not None:
            shutil.rmtree(self._scratch_dir, ignore_errors=True)
            self._scratch_dir = None
