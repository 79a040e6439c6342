"""JupyterLab as a learner sees it: nbgrader's instructor tools are left out.

``python -m course.learnerlab [jupyter lab options]`` (what ``make lab`` runs) starts
JupyterLab with ``course/lab/learner/`` first on the Jupyter config path. That folder holds
a ``labconfig/page_config.json`` that disables nbgrader's instructor lab plugins (the
*Create Assignment* panel, *Formgrader*, the *Validate* button and the course list) and a
``jupyter_server_config.json`` that turns off their server extensions. The learner's own
*Assignments* list stays. ``make instructor`` does not use this and keeps everything.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

#: The learner-only Jupyter config folder (labconfig and server config).
LEARNER_CONFIG_DIR = Path(__file__).resolve().parent / "lab" / "learner"
#: nbgrader's lab plugins that only instructors use.
INSTRUCTOR_PLUGINS = (
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:validate-assignment",
    "@jupyter/nbgrader:course-list",
)


def learner_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """``env`` (default: this process's) with the learner config folder first on JUPYTER_CONFIG_PATH."""
    env = dict(os.environ if env is None else env)
    rest = env.get("JUPYTER_CONFIG_PATH", "")
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(p for p in (str(LEARNER_CONFIG_DIR), rest) if p)
    return env


def main(argv: list[str]) -> None:
    """Replace this process with ``jupyter lab argv...`` in the learner's configuration."""
    jupyter = Path(sys.executable).with_name("jupyter")
    os.execve(jupyter, [str(jupyter), "lab", *argv], learner_env())


if __name__ == "__main__":  # pragma: no cover - exec replaces the process
    main(sys.argv[1:])
