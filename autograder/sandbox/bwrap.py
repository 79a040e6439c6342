"""The bubblewrap profile every piece of learner code runs in while grading.

:func:`command` wraps a command line in ``bwrap`` so that it runs with

* new PID, network, IPC, UTS, cgroup (and, where possible, user) namespaces, no
  capabilities, its own session, and death with its parent;
* no new processes: a seccomp filter (:func:`autograder.sandbox.seccomp.seccomp_filter`)
  refuses ``fork``, ``vfork`` and every ``clone`` that does not make a thread, so learner code that
  gets past the audit hook (``_posixsubprocess.fork_exec``, a native library) still
  cannot start a daemon, a fork bomb or a program without the guard rails.
  ``RLIMIT_NPROC`` cannot do this: Linux does not apply it to root, and CI grades
  as root;
* at most :data:`autograder.sandbox.pids.LIMIT` tasks, threads included, when grading as
  root: the sandbox joins a ``pids`` cgroup of its own (:mod:`autograder.sandbox.pids`);
* an empty environment for bubblewrap's own processes (``env -i``: its PID 1 inside the
  sandbox, whose ``/proc/1/environ`` learner code could read otherwise) and a minimal one,
  :func:`environment`, for the command;
* a filesystem built from an empty root: the system folders, the Python
  installation, the virtual environment and the course's own packages
  (``autograder/``, ``course/``, the NLTK data) read-only; a private writable
  folder mounted at :data:`WORKDIR`; folders named in ``writable`` (the
  kernel's Unix sockets) at their own paths; an empty ``/tmp`` of at most
  :data:`TMP_BYTES` (a tmpfs lives in the machine's memory, so an unbounded one
  would let one learner's files take the memory other learners' grading needs),
  a ``/dev`` with the usual devices, read-only, and a ``/dev/shm`` of at most
  :data:`SHM_BYTES`. The course
  directory (solutions, submissions, gradebook, exchange) and the instructor's
  home do not exist there. The process that runs learner code then mounts its own bounded
  in-memory ``/submission``, ``/tmp`` and ``/dev/shm`` over these and refuses itself new
  namespaces (:mod:`autograder.sandbox.confine`).

Isolation can be turned off for one run with the environment variable
:data:`SWITCH` set to ``off`` (``python -m course autograde --no-isolation``
does this and records it); :func:`enabled` tells which is in force.
"""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# imported first: its exit handler (removing the sandboxes' cgroups) then runs after spare kernels end
from autograder.sandbox import pids
from autograder.sandbox.seccomp import seccomp_filter

#: environment variable that turns isolation off (value ``off``)
SWITCH = "EMPATHY_ISOLATION"
#: where the private copy of the submission appears inside the sandbox
WORKDIR = "/submission"
FIX = (
    "install bubblewrap and allow it to create namespaces (as root: `make setup`, or "
    "`apt-get install bubblewrap`), or grade without isolation: `python -m course autograde --no-isolation`"
)
# run with an empty environment (``env -i``): bubblewrap's own processes (its PID 1 inside the sandbox,
# whose /proc/1/environ learner code can read) hold nothing of the grader's environment. $0: the pids
# cgroup to join, or ""; $1: the seccomp filter file, or ""; then bwrap and its arguments
_WRAPPER = (
    'if [ -n "$0" ]; then echo $$ > "$0/cgroup.procs" || exit 125; fi; bpf=$1; shift; '
    'if [ -n "$bpf" ]; then exec {fd}<"$bpf" && exec "$1" --seccomp "$fd" "${@:2}"; fi; exec "$@"'
)
#: the most the sandbox's in-memory ``/tmp`` may hold (bytes)
TMP_BYTES = 256 * 1024**2
#: the most the sandbox's ``/dev/shm`` may hold (bytes); ``/dev`` itself is read-only
SHM_BYTES = 64 * 1024**2
# the pieces of /etc that Python, NLTK and the C library read
_ETC = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "nsswitch.conf", "passwd", "group", "hosts")


class SandboxUnavailable(RuntimeError):
    """bubblewrap is missing or cannot create namespaces here."""


def enabled() -> bool:
    """Whether learner code is to run in bubblewrap (``$EMPATHY_ISOLATION`` is not ``off``)."""
    return os.environ.get(SWITCH, "").strip().lower() != "off"


@functools.cache
def problem() -> str | None:
    """Why bubblewrap cannot isolate learner code here, or ``None`` when it can (tried once per process)."""
    executable = shutil.which("bwrap")
    if executable is None:
        return "bubblewrap (bwrap) is not installed"
    why = pids.problem()
    if why is not None:
        return why
    # what every grading process does first inside: its own bounded folders, no further namespaces
    argv = [sys.executable, "-I", "-m", "autograder.sandbox.confine", "-c", "pass"]
    try:
        proc = subprocess.run(command(argv, None), capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"bwrap did not run: {exc}"
    if proc.returncode != 0:
        lines = (proc.stderr or "").strip().splitlines()
        return f"bwrap cannot create namespaces here ({lines[-1] if lines else f'exit {proc.returncode}'})"
    return None


def require() -> None:
    """Raise :class:`SandboxUnavailable` (one line naming the fix) unless bubblewrap works here."""
    why = problem()
    if why is not None:
        raise SandboxUnavailable(f"{why}: {FIX}")


def _package_dirs() -> list[Path]:
    """The course's own Python packages and generated data, wherever they are installed."""
    import autograder
    from autograder import nltkdata

    folders = [Path(autograder.__file__).resolve().parent]
    try:
        import course

        folders.append(Path(course.__file__).resolve().parent)
    except ImportError:  # pragma: no cover - the autograder package alone
        pass
    data = nltkdata.data_dir()
    if data.is_dir():
        folders.append(data)
    return folders


def _python_dirs() -> list[Path]:
    """The Python installation and the virtual environment (not the folders that contain them)."""
    found = {Path(sys.base_prefix), Path(sys.prefix), Path(sys.executable).resolve().parent}
    found = {p.resolve() for p in found}
    return sorted(p for p in found if not _under_system(p))


def _under_system(path: Path) -> bool:
    return path.parts[:2] == ("/", "usr")


def _system_binds() -> list[str]:
    args = ["--ro-bind", "/usr", "/usr"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        path = Path("/") / name
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            args += ["--ro-bind", str(path), str(path)]
    for name in _ETC:
        path = Path("/etc") / name
        if path.exists():
            args += ["--ro-bind", str(path), str(path)]
    return args


@functools.cache
def _seccomp_file() -> str | None:
    """A private file holding :func:`seccomp_filter`, written once per process (``None``: no filter)."""
    program = seccomp_filter()
    if program is None:
        return None
    folder = tempfile.mkdtemp(prefix="grading-seccomp-")
    atexit.register(shutil.rmtree, folder, True)
    path = os.path.join(folder, "no-new-processes.bpf")
    with open(path, "wb") as out:
        out.write(program)
    return path


def command(
    argv: list[str],
    workdir: str | os.PathLike | None,
    writable: list[str | os.PathLike] = (),
    env: dict[str, str] | None = None,
) -> list[str]:
    """``argv`` wrapped in bubblewrap (see the module docstring).

    ``workdir``: a folder outside the sandbox mounted writable at :data:`WORKDIR`,
    which is the working directory inside (``None``: an empty one). ``writable``:
    further folders mounted writable at their own path. ``env``: the whole
    environment inside (default: a minimal one).
    """
    args = [
        shutil.which("bwrap") or "bwrap",
        "--unshare-all",
        "--die-with-parent",
        "--new-session",
        "--cap-drop",
        "ALL",
    ]
    if os.geteuid() == 0:
        # a root grader's process must map its uid 0 into the user namespace it makes first thing
        # (autograder.sandbox.confine), which Linux allows only with CAP_SETFCAP; that namespace then
        # holds every capability the process has, and confine.seal gives them all up before learner code
        args += ["--cap-add", "CAP_SETFCAP"]
    args += ["--size", str(1024**2), "--tmpfs", "/", *_system_binds(), "--proc", "/proc", "--dev", "/dev"]
    # bwrap's /dev is an unbounded tmpfs too: a small /dev/shm, and no new files in /dev itself
    args += ["--size", str(SHM_BYTES), "--tmpfs", "/dev/shm", "--remount-ro", "/dev"]
    args += ["--size", str(TMP_BYTES), "--tmpfs", "/tmp"]
    for folder in [*_python_dirs(), *_package_dirs()]:
        args += ["--ro-bind", str(folder), str(folder)]
    for folder in writable:
        args += ["--bind", str(folder), str(folder)]
    if workdir is not None:
        args += ["--bind", str(workdir), WORKDIR]
    else:
        args += ["--dir", WORKDIR]
    args += ["--chdir", WORKDIR, "--clearenv"]
    for key, value in (env if env is not None else environment()).items():
        args += ["--setenv", key, value]
    group = pids.new_group()
    # bwrap reads the filter from a file descriptor: bash opens it on a free one (never a descriptor
    # the caller passes on, such as the recompute step's result pipe) and becomes bwrap
    wrapper = ["/usr/bin/env", "-i", "/bin/bash", "-c", _WRAPPER, str(group or ""), _seccomp_file() or ""]
    return [*wrapper, *args, "--", *argv]


def environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The minimal environment learner code gets inside the sandbox."""
    from autograder import nltkdata
    from autograder.sandbox import confine

    env = {
        "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
        "HOME": WORKDIR,
        "TMPDIR": "/tmp",
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "NBGRADER_EXECUTION": "autograde",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": "/tmp",
        # IPython and Jupyter settings from an empty folder, never from the learner's files
        "IPYTHONDIR": "/tmp/.ipython",
        "JUPYTER_CONFIG_DIR": "/tmp/.jupyter",
        "JUPYTER_DATA_DIR": "/tmp/.jupyter-data",
        nltkdata.DATA_ENV: str(nltkdata.data_dir()),
        confine.ENV: "1",
    }
    return {**env, **(extra or {})}
