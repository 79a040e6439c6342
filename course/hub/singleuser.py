"""Build the learners' environment: what each learner's server on the hub runs from.

``make hub-setup`` runs ``python -m course.hub.singleuser --python PY --prefix DIR``. It is
the local twin of the Kubernetes single-user image (``deploy/Dockerfile``): a virtual
environment with the course's pinned requirements (``requirements.txt``), the course
packages installed as a copy (not the course directory, which learners must not read),
the lab settings overrides, the learners' nbgrader config, the offline NLTK data, and
nbgrader's instructor-only extensions (formgrader, create assignment) turned off.

When the hub runs as root, learners are other Unix users, so the interpreter and the
environment must be readable by everyone: the default prefix is
``/opt/empathy-course/singleuser`` and the interpreter Debian's ``/usr/bin/python3`` (a
Python under ``/root`` cannot be run by anyone else).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from course.hub.settings import REPO, default_learner_env

LEARNER_CONFIG = Path(__file__).with_name("learner_nbgrader_config.py")
LAB_OVERRIDES = REPO / "course" / "lab" / "overrides.json"
#: nbgrader parts only instructors use (nbgrader's docs: disable them for students).
INSTRUCTOR_SERVER_EXTENSIONS = ["nbgrader.server_extensions.formgrader"]
INSTRUCTOR_LAB_PLUGINS = ["@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment"]


def run(*command: str, env: dict | None = None, cwd: Path | None = None) -> None:
    print("+", " ".join(command), flush=True)
    subprocess.run(command, check=True, env=env, cwd=cwd)


def build(prefix: Path, python: str) -> Path:
    """Create (or update) the environment at ``prefix`` with ``python``; return the prefix."""
    prefix = prefix.resolve()
    if not (prefix / "bin" / "python").exists():
        run(python, "-m", "venv", str(prefix))
    py = str(prefix / "bin" / "python")
    quiet = ["--quiet", "--disable-pip-version-check"]
    run(py, "-m", "pip", "install", *quiet, "-r", str(REPO / "requirements.txt"))
    # a copy of the course packages, built from a clean copy of the sources (no build/ left in the repo)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        for name in ("pyproject.toml", "README.md"):
            shutil.copy(REPO / name, src / name)
        for package in ("autograder", "course"):
            shutil.copytree(REPO / package, src / package, ignore=shutil.ignore_patterns("__pycache__"))
        run(py, "-m", "pip", "install", *quiet, "--no-deps", "--force-reinstall", str(src))
    settings = prefix / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    shutil.copy(LAB_OVERRIDES, settings / "overrides.json")
    etc = prefix / "etc" / "jupyter"
    etc.mkdir(parents=True, exist_ok=True)
    shutil.copy(LEARNER_CONFIG, etc / "nbgrader_config.py")
    env = {k: v for k, v in os.environ.items() if k not in ("COURSE_NLTK_DATA", "VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = f"{prefix / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    # outside the repository, so that the installed copy (not ./autograder) builds into its own folder
    run(py, "-m", "autograder.nltkdata", env=env, cwd=prefix)
    jupyter = str(prefix / "bin" / "jupyter")
    for extension in INSTRUCTOR_SERVER_EXTENSIONS:
        run(jupyter, "server", "extension", "disable", "--sys-prefix", extension, env=env)
    for plugin in INSTRUCTOR_LAB_PLUGINS:
        run(jupyter, "labextension", "disable", "--level=sys_prefix", plugin, env=env)
        # locked, so the plugin manager cannot turn them back on
        run(jupyter, "labextension", "lock", "--level=sys_prefix", plugin, env=env)
    # readable and runnable by every learner, writable by no learner
    run("chmod", "-R", "a+rX,go-w", str(prefix))
    return prefix


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m course.hub.singleuser", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--prefix", type=Path, default=default_learner_env(), help="where (default: %(default)s)"
    )
    parser.add_argument("--python", default=sys.executable, help="interpreter for the environment")
    args = parser.parse_args(argv)
    build(args.prefix, args.python)
    print(f"learners' environment ready in {args.prefix}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
