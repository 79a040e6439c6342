"""Parallel, resumable autograde on top of nbgrader.

Each worker is a long-lived process (:mod:`course.instructor.worker`) that grades one
submission at a time with nbgrader's own ``NbGraderAPI.autograde``, so the scores are
those of ``nbgrader autograde ASSIGNMENT --student S``. Workers are forked from the
scheduler once it has imported nbgrader and the grading code (:func:`worker.warm`), so
those imports are paid once per run, not once per worker; where forking is not safe
(another thread running, or ``COURSE_AUTOGRADE_FORK=0``) each worker is a fresh
``python -m course.instructor.worker``. Learner code never runs in a worker: it runs in a
fresh sandboxed kernel per submission, so nothing is shared between learners either way.

- Gradebook: sessions are serialised across workers with a file lock
  (:mod:`course.instructor.dblock`); kernels run in parallel, database writes take turns.
- Timeouts: ``timeout`` is nbgrader's per-cell ``Execute.timeout`` (a hanging cell is
  interrupted and scores zero, the rest of the notebook runs on); ``submission_timeout``
  is a wall-clock limit per submission, after which its worker is killed and replaced.
- Resume: see :mod:`course.instructor.state`; a stopped run (Ctrl-C, kill) started again
  grades only what is not done.
- Isolation: learner code runs in bubblewrap (:mod:`autograder.sandbox`); where bubblewrap
  cannot run, the run refuses unless ``isolation=False`` (``--no-isolation``), which is
  warned about and recorded per learner (:func:`state.graded_without_isolation`).
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import selectors
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from course.instructor import checks, dblock, failures, state
from course.instructor.coursedir import Course, CourseError
from course.instructor.progress import Progress

DEFAULT_SUBMISSION_TIMEOUT = 900.0


@dataclass
class Outcome:
    """What happened to one submission."""

    student: str
    status: str  # graded | skipped | failed | timeout
    seconds: float = 0.0
    score: float | None = None
    max_score: float | None = None
    error: str = ""


@dataclass
class Run:
    """The outcome of one ``autograde`` run of one assignment."""

    assignment: str
    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0
    interrupted: bool = False
    not_started: list[str] = field(default_factory=list)  # left in the queue by a stop
    notes: dict[str, list[str]] = field(default_factory=dict)  # learner -> what intake noticed

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    @property
    def ok(self) -> bool:
        return not self.interrupted and all(o.status in ("graded", "skipped") for o in self.outcomes)


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


class _Forked:
    """A worker forked from the scheduler, with the parts of ``subprocess.Popen`` the pool uses."""

    def __init__(self, course: Course, timeout: int | None, log: Path, inherited: list[int]):
        task_read, task_write = os.pipe()
        answer_read, answer_write = os.pipe()
        log_fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        sys.stdout.flush()
        sys.stderr.flush()
        gc.collect()  # no unreachable object left to close a descriptor number the worker reuses
        pid = os.fork()
        if pid == 0:  # the worker: never returns
            code = 1
            try:
                os.setsid()  # its own process group: killed as a whole on timeout
                os.chdir(course.root)
                for sig in (signal.SIGINT, signal.SIGTERM):
                    signal.signal(sig, signal.SIG_DFL)
                os.dup2(task_read, 0)
                os.dup2(log_fd, 1)  # stray prints must not corrupt the channel
                os.dup2(log_fd, 2)
                # other workers' pipes: a worker must see EOF when the scheduler closes its stdin.
                # Only these: closing descriptors the scheduler's objects still name (log
                # handlers, a database) would let a new file take their number and be written over.
                for fd in (*inherited, task_write, answer_read):  # and the scheduler's ends of its own
                    with contextlib.suppress(OSError):
                        os.close(fd)
                for fd in (task_read, log_fd):
                    if fd > 2:
                        os.close(fd)
                from course.instructor import worker

                sys.stdin = os.fdopen(0, "r")
                sys.stdout = sys.stderr = os.fdopen(2, "w", buffering=1)
                code = worker.serve(
                    str(course.root), timeout, sys.stdin, os.fdopen(answer_write, "w", buffering=1)
                )
            except BaseException:
                import traceback

                with contextlib.suppress(Exception):
                    traceback.print_exc()
            finally:
                with contextlib.suppress(Exception):
                    from autograder.sandbox import spare

                    spare.discard_all()
                os._exit(code)
        for fd in (task_read, answer_write, log_fd):
            os.close(fd)
        self.pid = pid
        self.stdin = os.fdopen(task_write, "wb")
        self.stdout = os.fdopen(answer_read, "rb", buffering=0)
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            with contextlib.suppress(ChildProcessError):
                pid, status = os.waitpid(self.pid, os.WNOHANG)
                if pid:
                    self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(f"worker {self.pid}", timeout)
            time.sleep(0.02)
        return self.returncode


def _can_fork() -> bool:
    """Fork workers from this process when it is safe: POSIX, and no other thread that could hold a lock."""
    import threading

    return hasattr(os, "fork") and threading.active_count() == 1 and os.environ.get(FORK_ENV) != "0"


#: set to ``0`` to start each worker as a fresh ``python -m course.instructor.worker`` instead
FORK_ENV = "COURSE_AUTOGRADE_FORK"


class _Worker:
    def __init__(
        self, course: Course, timeout: int | None, number: int, fork: bool = False, inherited: list[int] = ()
    ):
        log = course.state / "logs" / f"worker-{number}.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        self.buffer = b""
        self.ready = False
        self.task: dict | None = None
        self.deadline = float("inf")
        if fork:
            self.proc = _Forked(course, timeout, log, list(inherited))
            return
        command = [sys.executable, "-m", "course.instructor.worker", "--course", str(course.root)]
        if timeout is not None:
            command += ["--timeout", str(timeout)]
        with open(log, "ab") as stderr:
            self.proc = subprocess.Popen(
                command,
                cwd=course.root,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
                start_new_session=True,  # its own process group: killed as a whole on timeout
            )

    def send(self, task: dict, limit: float) -> None:
        self.task = task
        self.deadline = time.monotonic() + limit
        self.proc.stdin.write((json.dumps(task) + "\n").encode())
        self.proc.stdin.flush()

    def lines(self) -> list[dict] | None:
        """Complete messages read so far; ``None`` when the worker has exited."""
        chunk = os.read(self.proc.stdout.fileno(), 65536)
        if not chunk:
            return None
        self.buffer += chunk
        *complete, self.buffer = self.buffer.split(b"\n")
        return [json.loads(line) for line in complete if line.strip()]

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        with contextlib.suppress(Exception):
            self.proc.wait(timeout=10)
        for stream in (self.proc.stdin, self.proc.stdout):
            with contextlib.suppress(Exception):
                stream.close()

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()
        with contextlib.suppress(Exception):
            self.proc.stdout.close()


class _Interrupted(Exception):
    pass


def _raise_interrupted(signum, _frame):
    raise _Interrupted(signal.Signals(signum).name)


class StopRequest:
    """Ctrl-C (SIGINT) stops the run after the submissions being graded; a second one, or SIGTERM, at once.

    The handler is installed explicitly: a process started with SIGINT ignored (a
    background job of a non-interactive shell, as CI runs it) keeps it ignored, since
    Python installs its KeyboardInterrupt handler only when SIGINT is at its default.
    """

    def __init__(self) -> None:
        self.requested = False

    def handlers(self) -> dict:
        return {signal.SIGINT: self._on_sigint, signal.SIGTERM: _raise_interrupted}

    def _on_sigint(self, signum, frame) -> None:
        if self.requested:
            _raise_interrupted(signum, frame)
        self.requested = True
        sys.stderr.write("\nstopping after the submissions being graded (Ctrl-C again to stop now)\n")
        sys.stderr.flush()


def _intake(course: Course, assignment: str, todo: list[str], run: Run, bar: Progress) -> list[str]:
    """Fail, with their cause, submissions nbgrader cannot grade (no notebook, unreadable); keep the rest."""
    from course.instructor import intake

    kept = []
    for student in todo:
        cause = intake.problem(course, assignment, student)
        if cause is None:
            kept.append(student)
            notes = intake.choose(course, assignment, student).notes
            if notes:
                run.notes[student] = notes
            continue
        failures.ensure_student(course, student)
        outcome = Outcome(student, "failed", error=cause)
        run.outcomes.append(outcome)
        _remember(course, assignment, outcome)
        bar.step("failed", f"{student}: failed {cause}")
    return kept


def _remember(course: Course, assignment: str, outcome: Outcome) -> None:
    """Keep the cause of a failure for export and report (never a zero); forget it once graded."""
    if outcome.status in ("failed", "timeout"):
        failures.record(course, assignment, outcome.student, f"{outcome.status}: {outcome.error}")
    elif outcome.status == "graded":
        failures.clear(course, assignment, outcome.student)


def check_assignment(course: Course, assignment: str) -> None:
    """Fail clearly when the assignment was never generated (nbgrader needs it in the gradebook)."""
    from nbgrader.api import MissingEntry

    with course.gradebook() as gb:
        try:
            gb.find_assignment(assignment)
        except MissingEntry:
            raise CourseError(
                f"assignment {assignment!r} is not in the gradebook; run `python -m course generate "
                f"{assignment}` first"
            ) from None


def autograde(
    course: Course,
    assignment: str,
    students: list[str] | None = None,
    workers: int | None = None,
    timeout: int | None = None,
    submission_timeout: float | None = None,
    force: bool = False,
    progress: bool = True,
    isolation: bool = True,
) -> Run:
    """Autograde the submissions of ``assignment`` in parallel; see the module docstring.

    ``isolation=False`` grades without bubblewrap (learner code then reaches the machine as the
    grading user, held back only by the audit hook and resource limits): it is printed as a
    warning and recorded per submission (:func:`state.graded_without_isolation`).
    Raises :class:`CourseError` when isolation is asked for and bubblewrap cannot run here.
    """
    started = time.monotonic()
    _set_isolation(isolation)
    config = course.config()
    dblock.install(str(config.CourseDirectory.db_url))
    check_assignment(course, assignment)
    available = checks.submissions(course, assignment)
    if students:
        missing = sorted(set(students) - set(available))
        if missing:
            raise CourseError(
                f"no submission of {assignment} from: {', '.join(missing)} "
                f"(submitted: {', '.join(available[:10])}{' ...' if len(available) > 10 else ''})"
            )
        available = [s for s in available if s in set(students)]
    run = Run(assignment)
    bar = Progress(len(available), label=f"autograde {assignment} ")
    bar.enabled = progress
    todo = []
    for student in available:
        if not force and state.is_done(course, assignment, student):
            run.outcomes.append(Outcome(student, "skipped"))
            bar.step("skipped")
        else:
            todo.append(student)
    todo = _intake(course, assignment, todo, run, bar)
    if todo:
        limit = submission_timeout or DEFAULT_SUBMISSION_TIMEOUT
        count = max(1, min(workers or default_workers(), len(todo)))
        stop = StopRequest()
        previous = {sig: signal.signal(sig, handler) for sig, handler in stop.handlers().items()}
        try:
            _schedule(course, assignment, todo, count, timeout, limit, force, run, bar, stop)
        except (KeyboardInterrupt, _Interrupted):
            run.interrupted = True
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        run.interrupted = run.interrupted or stop.requested
        run.not_started = [s for s in todo if s not in {o.student for o in run.outcomes}]
    bar.close()
    graded = [o.student for o in run.outcomes if o.status == "graded"]
    state.note_isolation(course, assignment, graded, isolated=isolation)
    run.seconds = round(time.monotonic() - started, 2)
    return run


def _set_isolation(isolation: bool) -> None:
    """Check bubblewrap (or warn that it is off) and tell the workers through their environment."""
    from autograder.sandbox import bwrap

    if isolation:
        os.environ.pop(bwrap.SWITCH, None)
        try:
            bwrap.require()
        except bwrap.SandboxUnavailable as exc:
            raise CourseError(f"cannot isolate learner code: {exc}") from None
    else:
        os.environ[bwrap.SWITCH] = "off"
        print(
            "WARNING: grading WITHOUT isolation (--no-isolation): learner code runs outside bubblewrap "
            "and can reach this machine's files and network; the class report will say so",
            file=sys.stderr,
        )


def _schedule(course, assignment, todo, count, timeout, limit, force, run, bar, stop=None) -> None:
    queue = list(todo)
    pool: list[_Worker] = []
    fork = _can_fork()
    if fork:  # the workers start from this process with everything they need imported
        from course.instructor import worker as worker_module

        worker_module.warm()
    selector = selectors.DefaultSelector()
    spawned = 0

    def spawn() -> None:
        nonlocal spawned
        spawned += 1
        inherited = [f.fileno() for w in pool for f in (w.proc.stdin, w.proc.stdout) if not f.closed]
        worker = _Worker(course, timeout, spawned, fork=fork, inherited=inherited)
        pool.append(worker)
        selector.register(worker.proc.stdout, selectors.EVENT_READ, worker)

    def retire(worker: _Worker, kill: bool) -> None:
        selector.unregister(worker.proc.stdout)
        pool.remove(worker)
        worker.kill() if kill else worker.stop()

    def feed(worker: _Worker) -> None:
        if stop is not None and stop.requested:
            queue.clear()  # Ctrl-C: finish what is being graded, start nothing new
        if queue:
            worker.send({"assignment": assignment, "student": queue.pop(0), "force": force}, limit)
        else:
            worker.task = None
            worker.deadline = float("inf")

    def finish(outcome: Outcome) -> None:
        run.outcomes.append(outcome)
        _remember(course, assignment, outcome)
        note = ""
        if outcome.status in ("failed", "timeout"):
            note = f"{outcome.student}: {outcome.status} {outcome.error}".strip()
        bar.step(outcome.status, note)

    try:
        for _ in range(count):
            spawn()
        while queue or any(w.task for w in pool) or not all(w.ready for w in pool):
            if stop is not None and stop.requested:
                queue.clear()
            now = time.monotonic()
            for worker in list(pool):
                if worker.task and now > worker.deadline:
                    student = worker.task["student"]
                    retire(worker, kill=True)
                    _discard_partial(course, assignment, student)
                    finish(Outcome(student, "timeout", limit, error=f"stopped after {limit:g} s"))
                    if queue:
                        spawn()
            if not queue and not any(w.task for w in pool):
                break
            wake = min((w.deadline for w in pool), default=now + 1.0)
            for key, _ in selector.select(timeout=max(0.05, min(1.0, wake - now))):
                worker: _Worker = key.data
                messages = worker.lines()
                if messages is None:  # the worker died
                    task = worker.task
                    retire(worker, kill=True)
                    if task:
                        _discard_partial(course, assignment, task["student"])
                        finish(Outcome(task["student"], "failed", error="worker process died"))
                    if queue:
                        spawn()
                    continue
                for message in messages:
                    if "ready" in message:
                        worker.ready = True
                        feed(worker)
                        continue
                    finish(
                        Outcome(
                            message["student"],
                            message["status"],
                            message.get("seconds", 0.0),
                            message.get("score"),
                            message.get("max_score"),
                            message.get("error", ""),
                        )
                    )
                    feed(worker)
    finally:
        for worker in list(pool):
            retire(worker, kill=bool(worker.task))
        selector.close()


def _discard_partial(course: Course, assignment: str, student: str) -> None:
    """Remove a half-written autograded folder, as nbgrader does for a failed submission."""
    state.clear_record(course, assignment, student)
    folder = course.autograded / student / assignment
    if folder.is_dir():
        shutil.rmtree(folder, ignore_errors=True)


def summary(run: Run) -> str:
    lines = [
        f"{run.assignment}: {run.count('graded')} graded, {run.count('skipped')} already done, "
        f"{run.count('failed') + run.count('timeout')} failed in {run.seconds:g} s"
    ]
    for outcome in run.outcomes:
        if outcome.status in ("failed", "timeout"):
            lines.append(f"  {outcome.student}: {outcome.status}: {outcome.error}")
    for student, notes in run.notes.items():
        lines.extend(f"  {student}: {note}" for note in notes)
    if run.interrupted:
        left = f" ({len(run.not_started)} not started: {', '.join(run.not_started[:10])}" + (
            " ...)" if len(run.not_started) > 10 else ")"
        )
        left = left if run.not_started else ""
        lines.append(f"stopped{left}: run the same command again to grade the rest")
    return "\n".join(lines)


def student_logs(course: Course, assignment: str) -> Path:
    return course.state / "logs" / assignment
