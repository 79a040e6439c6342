"""The kernel nbgrader runs submissions in: ipykernel with resource limits and guard rails.

``nbgrader_config.py`` sets ``Execute.kernel_name = "empathy-grading"``, so
``nbgrader autograde`` and ``nbgrader validate`` start this kernel instead of the
plain ``python3`` one. Before any learner code runs it

* limits the address space and the size of files the kernel may write,
* refuses new processes, writes outside the notebook's folder and a private
  temporary folder, and reads of the course's private files (solutions, the
  gradebook, other learners' work; :mod:`autograder.sandbox.guardrails`),
* turns off IPython's history database (a file outside those folders).

``python -m autograder.sandbox.kernel --install`` installs the kernel spec into
the current environment (``make setup`` does this).
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import sys
import tempfile
from pathlib import Path

KERNEL_NAME = "empathy-grading"
MEMORY_BYTES = 4 * 1024**3
FILE_BYTES = 64 * 1024**2
PRELOAD = ("nltk", "nltk.tokenize", "nltk.stem", "nltk.util", "nltk.probability", "nltk.sentiment")
#: environment variable through which the grading process names the modules to preload
PRELOAD_ENV = "GRADING_PRELOAD"


def preload_for(sources: list[str], candidates: tuple[str, ...] = PRELOAD) -> tuple[str, ...]:
    """The ``candidates`` a notebook whose code cells are ``sources`` may need preloaded.

    Importing them before the guard rails costs time (NLTK: about a second), so a
    notebook that imports only the standard library gets only the candidates it names;
    one that imports any other package (``course``, ``autograder``: they import NLTK in
    turn) gets them all, as before. A source that does not parse counts as importing
    nothing; it fails in the kernel as it would anyway.
    """
    import ast

    used: set[str] = set()
    for source in sources:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                used.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                used.add(node.module.split(".")[0])
    if used - set(sys.stdlib_module_names):
        return tuple(candidates)
    return tuple(m for m in candidates if m.split(".")[0] in used)


def spec() -> dict:
    """The kernel.json of the grading kernel."""
    return {
        # -I: the notebook's folder is not on the import path, so learner files cannot shadow modules
        "argv": ["python", "-I", "-m", "autograder.sandbox.kernel", "-f", "{connection_file}"],
        "display_name": "Course grading (used by nbgrader)",
        "language": "python",
        # interrupts come as messages: in its own session inside bubblewrap, signals cannot reach it
        "interrupt_mode": "message",
        "metadata": {"debugger": False},
    }


def install(prefix: str = sys.prefix) -> Path:
    """Install the kernel spec under ``prefix`` (default: this environment); return its folder."""
    from jupyter_client.kernelspec import KernelSpecManager

    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "kernel.json").write_text(json.dumps(spec(), indent=1))
        folder = KernelSpecManager().install_kernel_spec(tmp, KERNEL_NAME, prefix=prefix)
    return Path(folder)


def lock_down(workdir: str) -> str:
    """Apply the limits and guard rails to this process; return the private temporary folder."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_BYTES, FILE_BYTES))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    private = tempfile.mkdtemp(prefix="grading-kernel-")
    os.environ["TMPDIR"] = private
    tempfile.tempdir = private
    os.environ.setdefault("MPLBACKEND", "Agg")
    os.environ["MPLCONFIGDIR"] = private
    named = os.environ.get(PRELOAD_ENV)
    wanted = PRELOAD if named is None else [m for m in named.split(",") if m in PRELOAD]
    for module in wanted:
        with contextlib.suppress(ImportError):
            __import__(module)
    from autograder.sandbox import guardrails

    guardrails.install([workdir, private], guardrails.private_paths(workdir))
    return private


def main(argv: list[str]) -> None:
    from autograder.sandbox import confine

    # first, while this process is one thread: its own bounded /submission, /tmp and /dev/shm
    inbox = confine.enter() if confine.wanted() else None
    from ipykernel.kernelapp import IPKernelApp

    app = IPKernelApp.instance()
    app.initialize([*argv, "--HistoryManager.enabled=False"])
    workdir = os.getcwd()
    # ipykernel puts the working folder first on sys.path; learner files there must never shadow a
    # module, so it goes last (a learner's own helper module with a new name still imports)
    sys.path[:] = [p for p in sys.path if p not in ("", ".", workdir)]
    from autograder.sandbox import spare

    if os.environ.get(spare.SPARE_ENV):  # started ahead of its submission: wait to be adopted
        spare.wait_for_word()
    if inbox is not None:
        # the sockets exist now: their folder (on the grading machine's disk) becomes read-only
        confine.seal(inbox, read_only=(os.path.dirname(os.path.abspath(app.abs_connection_file)),))
    lock_down(workdir)
    sys.path.append(workdir)
    app.start()


if __name__ == "__main__":
    if sys.argv[1:] == ["--install"]:
        print(f"Installed the grading kernel in {install()}")
    else:
        main(sys.argv[1:])
