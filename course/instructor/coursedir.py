"""Find the course directory and build nbgrader's own objects from its ``nbgrader_config.py``.

Every subcommand works on one course directory: the folder holding ``nbgrader_config.py``
(this repository's root by default, or ``--course DIR``). Paths in that config are made
absolute before nbgrader sees them, so commands work from any working directory.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CONFIG_NAME = "nbgrader_config.py"
#: Grading state of the instructor tools (resume records, logs, locks), inside the course root.
STATE_DIR = ".instructor"


class CourseError(Exception):
    """A problem the instructor can fix (missing config, unknown assignment, ...)."""


def find_root(start: str | Path | None = None) -> Path:
    """The nearest folder at or above ``start`` (default: the working directory) with a config."""
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise CourseError(f"no {CONFIG_NAME} in {here} or above; pass --course DIR")


@contextlib.contextmanager
def chdir(path: Path) -> Iterator[None]:
    """Work inside ``path`` for a while (nbgrader resolves some paths against the cwd)."""
    old = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


@dataclass
class Course:
    """A course directory and nbgrader's configuration for it."""

    root: Path

    def __post_init__(self) -> None:
        self.root = Path(self.root).resolve()
        if not (self.root / CONFIG_NAME).is_file():
            raise CourseError(f"{self.root} has no {CONFIG_NAME}")
        self._cached = None

    def _settings(self):
        """The course's configuration, read once (for paths and names; :meth:`config` for nbgrader)."""
        if self._cached is None:
            self._cached = self.config()
        return self._cached

    # -- configuration ---------------------------------------------------------------------------
    def config(self, **overrides: object):
        """nbgrader's traitlets ``Config`` from the course's ``nbgrader_config.py``.

        ``overrides`` are dotted settings, e.g. ``{"Execute.timeout": 5}``.
        """
        from traitlets.config.loader import PyFileConfigLoader

        with chdir(self.root):
            config = PyFileConfigLoader(CONFIG_NAME, path=str(self.root)).load_config()
        config.CourseDirectory.root = str(self.root)
        if "db_url" not in config.CourseDirectory:
            config.CourseDirectory.db_url = f"sqlite:///{self.root / 'gradebook.db'}"
        for dotted, value in overrides.items():
            section, _, name = dotted.rpartition(".")
            setattr(config[section], name, value)
        return config

    def coursedir(self, config=None):
        from nbgrader.coursedir import CourseDirectory

        return CourseDirectory(config=config or self.config())

    def api(self, config=None, log_level: int = logging.WARNING):
        """nbgrader's :class:`~nbgrader.apps.api.NbGraderAPI` on this course."""
        from nbgrader.apps.api import NbGraderAPI

        config = config or self.config()
        config.NbGraderAPI.log_level = log_level
        with chdir(self.root):
            return NbGraderAPI(coursedir=self.coursedir(config), config=config)

    # -- places ----------------------------------------------------------------------------------
    def _dir(self, name: str) -> Path:
        value = self._settings().CourseDirectory.get(f"{name}_directory") or name
        return self.root / str(value)

    @property
    def db_url(self) -> str:
        return str(self._settings().CourseDirectory.db_url)

    @property
    def course_id(self) -> str:
        return str(self._settings().CourseDirectory.get("course_id", "") or "")

    @property
    def exchange_root(self) -> Path | None:
        value = self._settings().Exchange.get("root")
        return Path(value) if value else None

    @property
    def source(self) -> Path:
        return self._dir("source")

    @property
    def release(self) -> Path:
        return self._dir("release")

    @property
    def submitted(self) -> Path:
        return self._dir("submitted")

    @property
    def autograded(self) -> Path:
        return self._dir("autograded")

    @property
    def feedback(self) -> Path:
        return self._dir("feedback")

    @property
    def state(self) -> Path:
        return self.root / STATE_DIR

    def gradebook(self):
        """nbgrader's :class:`~nbgrader.api.Gradebook` (use it as a context manager)."""
        from nbgrader.api import Gradebook

        return Gradebook(self.db_url, self.course_id or "default_course")

    # -- listings --------------------------------------------------------------------------------
    def source_assignments(self) -> list[str]:
        if not self.source.is_dir():
            return []
        return sorted(p.name for p in self.source.iterdir() if p.is_dir() and any(p.glob("*.ipynb")))

    def submitted_students(self, assignment: str) -> list[str]:
        """Learners with a submission of ``assignment`` in ``submitted/``."""
        if not self.submitted.is_dir():
            return []
        return sorted(p.name for p in self.submitted.iterdir() if p.is_dir() and (p / assignment).is_dir())
