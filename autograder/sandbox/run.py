"""Run a learner's code in a separate, resource-limited process and bring back plain data.

Grading never trusts anything learner code can touch. The child process runs the
learner's cells, then either reads one variable or calls one function on given
inputs, and sends back only JSON data (the text of a reply, the values a
function returned). The grading process, which learner code never reaches,
decides the points: it alone knows the expected answers.

The child runs in bubblewrap (:mod:`autograder.sandbox.bwrap`): no network, no other
processes, and a filesystem without the course directory, with a private copy of the
submission's regular files as its only writable folder. Limits on the child: wall-clock
time (the whole process group is killed), CPU time, address space and file size
(``setrlimit``), and a Python audit hook
(:mod:`autograder.sandbox.guardrails`) that refuses new processes and writes outside
its scratch folder; standard input is closed and the environment minimal.
The child confines itself first (:mod:`autograder.sandbox.confine`: bounded in-memory
folders, a task cap, no new namespaces). ``RLIMIT_NPROC`` is set here too, but Linux
does not apply it to root; the seccomp filter and the sandbox's pids cgroup are the guards there.
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

from autograder.sandbox import bwrap
from autograder.sandbox.files import copy_regular_files


@dataclass(frozen=True)
class Limits:
    """Resource limits for sandboxed runs.

    Attributes:
        step_seconds: one step (a learner cell, or reading/calling an answer) is stopped after this.
        total_seconds: all steps of one job together; steps not reached by then fail.
        memory_bytes: address-space limit (``RLIMIT_AS``).
        file_bytes: largest file the child may write (``RLIMIT_FSIZE``).
        processes: ``RLIMIT_NPROC`` (not applied by Linux to root; the audit hook is the guard there).
        result_bytes: most bytes one child may send on its results pipe; learner code shares the
            child's process and can write there (one endless line), so past this the child is
            stopped and the step it was on fails, the grading process never holding more.
    """

    step_seconds: float = 20.0
    total_seconds: float = 120.0
    memory_bytes: int = 2 * 1024**3
    file_bytes: int = 16 * 1024**2
    processes: int = 64
    result_bytes: int = 64 * 1024**2


@dataclass(frozen=True)
class Outcome:
    """What came back from running a job's steps.

    Attributes:
        data: result of each read or call step that finished, by its key.
        problems: why a read or call step has no result (it, or code before it, hung or
            stopped the process), by its key, in words a learner understands.
        cell_errors: errors raised by learner cells, as ``"ExcType: message"``.
    """

    data: dict = field(default_factory=dict)
    problems: dict = field(default_factory=dict)
    cell_errors: tuple[str, ...] = ()


def _limit(limits: Limits):
    def apply() -> None:  # runs in the child between fork and exec
        os.setsid()
        cpu = int(limits.total_seconds) + 5
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
        resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
        resource.setrlimit(resource.RLIMIT_FSIZE, (limits.file_bytes, limits.file_bytes))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_NPROC, (limits.processes, limits.processes))

    return apply


def _environment(scratch: Path) -> dict:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(scratch),
        "TMPDIR": str(scratch),
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONHASHSEED": "0",
        "NBGRADER_EXECUTION": "autograde",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": str(scratch),
    }
    if "COURSE_NLTK_DATA" in os.environ:
        env["COURSE_NLTK_DATA"] = os.environ["COURSE_NLTK_DATA"]
    return env


def run(
    steps: list[dict], workdir: Path | None = None, limits: Limits = Limits(), preload: tuple[str, ...] = ()
) -> Outcome:
    """Run ``steps`` (see :mod:`autograder.sandbox.child`) in limited child processes.

    Raises :class:`autograder.sandbox.bwrap.SandboxUnavailable` when the child could not
    confine itself (a grading failure, never a zero). A step that hangs or kills the child
    costs that step only: the child is
    stopped and a new one runs the learner cells again, skipping the failed step
    and the results already collected. ``workdir``: files to copy into the
    child's scratch folder (e.g. data files beside a notebook); the originals are
    never touched.
    """
    import time

    outcome = Outcome()
    skip: set[int] = set()
    errors: dict[int, str] = {}
    deadline = time.monotonic() + limits.total_seconds
    keys = {i: step["key"] for i, step in enumerate(steps) if "key" in step}
    while True:
        job = {"steps": steps, "skip": sorted(skip), "preload": list(preload)}
        finished, last, why = _run_once(job, workdir, limits, deadline, outcome, errors)
        if finished:
            break
        pending = [i for i in range(last + 1, len(steps)) if i not in skip]
        if not pending:
            break
        failed = pending[0]
        if failed in keys:
            outcome.problems[keys[failed]] = why
        else:
            errors[failed] = f"this cell {why}"
        skip.add(failed)
        skip.update(i for i in keys if keys[i] in outcome.data or keys[i] in outcome.problems)
        if time.monotonic() >= deadline:
            for i in pending[1:]:
                if i in keys and keys[i] not in outcome.data:
                    outcome.problems[keys[i]] = "grading ran out of time before reaching it"
            break
    return Outcome(outcome.data, outcome.problems, tuple(errors[i] for i in sorted(errors)))


def _run_once(job, workdir, limits, deadline, outcome, errors) -> tuple[bool, int, str]:
    """One child process; returns (finished, index of the last step reported, why it stopped)."""
    import selectors
    import time

    scratch = Path(tempfile.mkdtemp(prefix="grade-"))
    last, finished, why, received = -1, False, "", 0
    # without isolation the child does not confine itself, and says nothing about it
    confined = not bwrap.enabled()
    try:
        if workdir is not None and Path(workdir).is_dir():
            copy_regular_files(workdir, scratch, skip_suffixes=(".ipynb",))
        read_end, write_end = os.pipe()
        job = dict(job, result_fd=write_end)
        argv = [sys.executable, "-I", "-m", "autograder.sandbox.child"]
        if bwrap.enabled():
            argv, env = bwrap.command(argv, scratch), None
        else:
            env = _environment(scratch)
        with subprocess.Popen(
            argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=scratch,
            env=env,
            pass_fds=(write_end,),
            preexec_fn=_limit(limits),
        ) as proc:
            os.close(write_end)
            with contextlib.suppress(BrokenPipeError):
                proc.stdin.write(json.dumps(job).encode())
                proc.stdin.close()
            buffer = bytearray()  # the unfinished line: grown in place, split only when a line ends
            step_deadline = time.monotonic() + limits.step_seconds
            with selectors.DefaultSelector() as selector:
                selector.register(read_end, selectors.EVENT_READ)
                while not finished:
                    left = min(step_deadline, deadline) - time.monotonic()
                    if left <= 0:
                        why = f"did not finish within {limits.step_seconds:g} seconds"
                        break
                    if not selector.select(timeout=left):
                        continue
                    chunk = os.read(read_end, 65536)
                    if not chunk:
                        _kill_group(proc)
                        if not confined:
                            raise bwrap.SandboxUnavailable(
                                f"the recompute step ended before confining learner code "
                                f"({_exit_reason(proc.returncode)})"
                            )
                        why = f"stopped the grading process ({_exit_reason(proc.returncode)})"
                        break
                    received += len(chunk)
                    if received > limits.result_bytes:
                        _kill_group(proc)
                        why = f"sent more than {limits.result_bytes // 1024**2} MB of results"
                        break
                    buffer += chunk
                    if b"\n" not in chunk:
                        continue
                    *lines, rest = bytes(buffer).split(b"\n")
                    buffer = bytearray(rest)
                    for line in lines:
                        message = _parse(line)
                        if message is None:
                            continue
                        if not confined:  # the first line, written before any learner code ran
                            confined = message.get("confined") is True
                            if confined:
                                continue
                            why = message.get("unconfined", "no word from the child")
                            raise bwrap.SandboxUnavailable(
                                f"the recompute step could not confine learner code: {why}"
                            )
                        # learner code shares the child's process and can write here too: only
                        # the next step of the protocol, in order and in its own shape, is taken
                        expected = _next_step(job, last)
                        if message.get("done"):
                            if expected is None:
                                finished = True
                                break
                            continue
                        if message.get("i") != expected or type(message["i"]) is not int:
                            continue
                        key = job["steps"][expected].get("key")
                        if key is not None:
                            if message.get("key") != key or "data" not in message:
                                continue
                            outcome.data[key] = message["data"]
                        elif "error" in message:
                            errors[expected] = str(message["error"])[:300]
                        last = expected
                        step_deadline = time.monotonic() + limits.step_seconds
            os.close(read_end)
            _kill_group(proc)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return finished, last, why


def _next_step(job: dict, last: int) -> int | None:
    """The index of the step the child reports next after ``last``; ``None`` when all are reported."""
    skip = set(job["skip"])
    return next((i for i in range(last + 1, len(job["steps"])) if i not in skip), None)


def _parse(line: bytes) -> dict | None:
    try:
        message = json.loads(line.decode())
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    wanted = ("i", "done", "confined", "unconfined")
    return message if isinstance(message, dict) and any(k in message for k in wanted) else None


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
