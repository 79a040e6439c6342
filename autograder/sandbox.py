"""Run a learner's code in a separate, resource-limited process and bring back plain data.

Grading never trusts anything learner code can touch. The child process runs the
learner's cells, then either reads one variable or calls one function on given
inputs, and sends back only JSON data (the text of a reply, the values a
function returned). The grading process, which learner code never reaches,
decides the points: it alone knows the expected answers.

Limits on the child: wall-clock time (the whole process group is killed), CPU
time, address space and file size (``setrlimit``), and a Python audit hook
(:mod:`autograder.guardrails`) that refuses new processes and writes outside
its scratch folder; standard input is closed and the environment minimal.
``RLIMIT_NPROC`` is set too, but Linux does not apply it to root, which is why
the audit hook is the guard that counts there.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Limits:
    """Resource limits for one sandboxed run.

    Attributes:
        wall_seconds: the whole run, learner cells included, is killed after this.
        cpu_seconds: CPU time limit (``RLIMIT_CPU``).
        memory_bytes: address-space limit (``RLIMIT_AS``).
        file_bytes: largest file the child may write (``RLIMIT_FSIZE``).
        processes: ``RLIMIT_NPROC`` for the child's user (no fork bombs).
    """

    wall_seconds: float = 30.0
    cpu_seconds: int = 20
    memory_bytes: int = 2 * 1024**3
    file_bytes: int = 16 * 1024**2
    processes: int = 64


@dataclass(frozen=True)
class SandboxResult:
    """What came back from the child.

    Attributes:
        ok: the child ran to the end and returned data.
        data: the JSON data it returned (``None`` when not ``ok``).
        problem: why it failed, in words a learner understands ("" when ``ok``).
        cell_errors: errors raised by learner cells, as ``"ExcType: message"``.
    """

    ok: bool
    data: object = None
    problem: str = ""
    cell_errors: tuple[str, ...] = field(default=())


def _limit(limits: Limits):
    def apply() -> None:  # runs in the child between fork and exec
        os.setsid()
        resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds))
        resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
        resource.setrlimit(resource.RLIMIT_FSIZE, (limits.file_bytes, limits.file_bytes))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_NPROC, (limits.processes, limits.processes))

    return apply


def run(job: dict, workdir: Path | None = None, limits: Limits = Limits()) -> SandboxResult:
    """Run ``job`` (see :mod:`autograder.sandbox_child`) in a limited child process.

    ``workdir``: files to copy into the child's scratch folder (e.g. the data files
    beside a notebook); the originals are never touched.
    """
    scratch = Path(tempfile.mkdtemp(prefix="grade-"))
    try:
        if workdir is not None and Path(workdir).is_dir():
            for item in Path(workdir).iterdir():
                if item.is_file() and item.suffix != ".ipynb":
                    shutil.copy(item, scratch / item.name)
        read_end, write_end = os.pipe()
        job = dict(job, result_fd=write_end)
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(scratch),
            "LANG": "C.UTF-8",
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONHASHSEED": "0",
            "NBGRADER_EXECUTION": "autograde",
            "MPLBACKEND": "Agg",
        }
        for name in ("COURSE_NLTK_DATA",):
            if name in os.environ:
                env[name] = os.environ[name]
        with subprocess.Popen(
            [sys.executable, "-m", "autograder.sandbox_child"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=scratch,
            env=env,
            pass_fds=(write_end,),
            preexec_fn=_limit(limits),
        ) as proc:
            os.close(write_end)
            try:
                proc.stdin.write(json.dumps(job).encode())
                proc.stdin.close()
            except BrokenPipeError:
                pass
            chunks = []
            try:
                chunks = _read_all(read_end, proc, limits.wall_seconds)
            finally:
                os.close(read_end)
                _kill_group(proc)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if chunks is None:
        return SandboxResult(False, problem=f"it did not finish within {limits.wall_seconds:g} seconds")
    raw = b"".join(chunks)
    try:
        message = json.loads(raw.decode())
    except (UnicodeDecodeError, json.JSONDecodeError):
        reason = _exit_reason(proc.returncode)
        return SandboxResult(False, problem=f"it stopped before grading could finish ({reason})")
    if not isinstance(message, dict) or "data" not in message:
        return SandboxResult(False, problem="it stopped before grading could finish")
    errors = tuple(str(e) for e in message.get("cell_errors", []))
    return SandboxResult(True, data=message["data"], cell_errors=errors)


def _read_all(fd: int, proc: subprocess.Popen, wall: float) -> list[bytes] | None:
    import selectors
    import time

    deadline = time.monotonic() + wall
    chunks: list[bytes] = []
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            if not selector.select(timeout=left):
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                return chunks
            chunks.append(chunk)
            if sum(map(len, chunks)) > 64 * 1024**2:
                return chunks


def _kill_group(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:  # pragma: no cover - SIGKILL is not ignorable
        proc.kill()


def _exit_reason(code: int | None) -> str:
    if code is None:
        return "still running"
    if code < 0:
        names = {signal.SIGXCPU: "CPU time limit", signal.SIGKILL: "killed", signal.SIGSEGV: "crashed"}
        return names.get(-code, f"signal {-code}")
    return f"exit code {code}"
