"""Start the instructor's and the learners' single-user servers (JupyterHub's local processes).

* The instructor's (and each TA's) server runs as the Unix user who started the hub, on the course
  directory, from the project's ``.venv``, with that user's environment: nbgrader and
  ``python -m course`` there read the course's ``nbgrader_config.py``, grading included.
* A learner's server runs from the learners' environment in the learner's home, with a
  minimal environment. When the hub runs as root, it runs as the learner's own Unix user
  (JupyterHub's ``LocalProcessSpawner``); otherwise as the hub's user, in
  ``<homes>/<name>`` (like JupyterHub's ``SimpleLocalProcessSpawner``).

Every server gets ``COURSE_EXCHANGE_ROOT`` and ``COURSE_ID``, which the course's config and
the learners' config (``course/hub/learner_nbgrader_config.py``) read.
"""

from __future__ import annotations

import os
import pwd
import re
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner
from traitlets import Bool, List, Unicode

#: Extra Jupyter config of the instructor's server: JupyterHub forbids framing user servers
#: (``frame-ancestors 'none'``), but JupyterLab shows nbgrader's formgrader in a same-origin frame.
INSTRUCTOR_CONFIG = Path(__file__).with_name("instructor_config")
#: Variables of the hub's environment never passed to the instructor's server.
SECRET = re.compile(r"TOKEN|SECRET|PASSWORD|^JUPYTERHUB_|^JPY_|^CONFIGPROXY_")


class CourseSpawner(LocalProcessSpawner):
    """The course's spawner; configured by :func:`course.hub.config.configure`."""

    graders = List(Unicode(), ["instructor"], config=True, help="The instructor's and TAs' accounts.")
    course_dir = Unicode(config=True, help="The course directory: the instructor's server root.")
    instructor_env = Unicode(config=True, help="Environment (prefix) of the instructor's server.")
    learner_env = Unicode(config=True, help="Environment (prefix) of the learners' servers.")
    exchange_root = Unicode(config=True, help="nbgrader's exchange root, the same for every server.")
    course_id = Unicode(config=True, help="nbgrader's course id.")
    separate_users = Bool(False, config=True, help="Run learners as their own Unix users (needs root).")
    homes = Unicode(config=True, help="Learners' homes when they are not separate Unix users.")

    @property
    def is_instructor(self) -> bool:
        """The instructor or a TA: a grader, whose server opens on the course directory."""
        return self.user.name in self.graders

    @property
    def runs_as_hub_user(self) -> bool:
        return self.is_instructor or not self.separate_users

    def home(self) -> str:
        if self.is_instructor:
            return os.environ.get("HOME") or pwd.getpwuid(os.geteuid()).pw_dir
        if self.separate_users:
            return pwd.getpwnam(self.user.name).pw_dir
        return str(Path(self.homes) / self.user.name)

    # -- what to run, where ----------------------------------------------------------------
    async def start(self):
        env_prefix = self.instructor_env if self.is_instructor else self.learner_env
        self.cmd = [str(Path(env_prefix) / "bin" / "jupyterhub-singleuser")]
        self.notebook_dir = self.course_dir if self.is_instructor else self.home()
        as_root = self.runs_as_hub_user and os.geteuid() == 0
        self.args = [*self.args, "--allow-root"] if as_root and "--allow-root" not in self.args else self.args
        if not self.is_instructor and not self.separate_users:
            Path(self.home()).mkdir(parents=True, exist_ok=True, mode=0o700)
        return await super().start()

    def make_preexec_fn(self, name):
        if not self.runs_as_hub_user:
            return super().make_preexec_fn(name)
        folder = self.notebook_dir
        # graders share the course directory through a Unix group (nbgrader's groupshared):
        # what they create must be group-writable, or another grader cannot re-grade it
        umask = 0o002 if self.is_instructor else 0o077

        def preexec():
            os.umask(umask)
            os.chdir(folder)

        return preexec

    def user_env(self, env):
        if not self.runs_as_hub_user:
            return super().user_env(env)
        env["USER"] = pwd.getpwuid(os.geteuid()).pw_name if self.is_instructor else self.user.name
        env["HOME"] = self.home()
        env["SHELL"] = "/bin/bash"
        return env

    def get_env(self):
        env = super().get_env()
        if self.is_instructor:
            # the instructor is the person who started the hub: their own environment
            # (Jupyter config folders included), the project's .venv first on PATH
            own = {k: v for k, v in os.environ.items() if not SECRET.search(k)}
            env = {**own, **env}
            env["PATH"] = os.pathsep.join(
                [str(Path(self.instructor_env) / "bin"), os.environ.get("PATH", "")]
            )
            extra = [str(INSTRUCTOR_CONFIG), *filter(None, [os.environ.get("JUPYTER_CONFIG_PATH")])]
            env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(extra)
        else:
            paths = [
                str(Path(self.learner_env) / "bin"),
                "/usr/local/bin",
                "/usr/bin",
                "/bin",
            ]
            env["PATH"] = os.pathsep.join(paths)
            for name in (
                "VIRTUAL_ENV",
                "PYTHONPATH",
                "JUPYTER_PATH",
                "JUPYTER_CONFIG_DIR",
                "JUPYTER_DATA_DIR",
            ):
                env.pop(name, None)
        env["COURSE_EXCHANGE_ROOT"] = self.exchange_root
        env["COURSE_ID"] = self.course_id
        return env
