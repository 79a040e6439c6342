"""The exchange: where released assignments, submissions and feedback meet.

Out of the box the exchange is a folder inside the course (``Exchange.root`` in
``nbgrader_config.py``, ``./exchange``), so the whole cycle runs on one machine. On a
shared JupyterHub, point ``c.Exchange.root`` at a folder every user can reach (see
``docs/instructor.md``). :func:`ensure_root` creates the folder with the permissions
nbgrader's default exchange expects (world-writable, like ``/srv/nbgrader/exchange``).

:func:`submit_as` plays a learner (fetch, answer, submit through the real exchange) for
the demo cohort and the tests.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import nbformat

from course.instructor.coursedir import Course, CourseError, chdir


def ensure_root(course: Course) -> Path:
    """Create the exchange folder if needed; return it."""
    root = course.exchange_root
    if root is None:
        raise CourseError("c.Exchange.root is not set in nbgrader_config.py")
    if not root.exists():
        root.mkdir(parents=True)
        os.chmod(root, 0o777)
    return root


@contextlib.contextmanager
def _as_learner(learner: str) -> Iterator[None]:
    """nbgrader's exchange takes the learner id from the Unix user; pretend to be ``learner``."""
    from nbgrader.exchange.default import submit

    original = submit.get_username
    submit.get_username = lambda: learner
    try:
        yield
    finally:
        submit.get_username = original


def learner_home(course: Course, learner: str) -> Path:
    return course.state / "learners" / learner


def fetch_as(course: Course, learner: str, assignment: str) -> Path:
    """Fetch the released ``assignment`` into the learner's home folder; return its folder."""
    from nbgrader.auth import Authenticator
    from nbgrader.exchange.default import ExchangeFetchAssignment

    home = learner_home(course, learner)
    home.mkdir(parents=True, exist_ok=True)
    config = course.config()
    config.Exchange.assignment_dir = str(home)
    coursedir = course.coursedir(config)
    coursedir.assignment_id = assignment
    with chdir(home):
        app = ExchangeFetchAssignment(
            coursedir=coursedir, authenticator=Authenticator(config=config), config=config
        )
        app.replace_missing_files = True
        app.start()
    return home / assignment


def submit_as(
    course: Course, learner: str, assignment: str, notebooks: dict[str, nbformat.NotebookNode] | None = None
) -> None:
    """Fetch ``assignment`` as ``learner``, save ``notebooks`` (name -> notebook) over it, submit."""
    from nbgrader.auth import Authenticator
    from nbgrader.exchange.default import ExchangeSubmit

    folder = fetch_as(course, learner, assignment)
    for name, nb in (notebooks or {}).items():
        nbformat.write(nb, folder / name)
    home = folder.parent
    config = course.config()
    config.Exchange.assignment_dir = str(home)
    config.Exchange.cache = str(course.state / "cache" / learner)
    coursedir = course.coursedir(config)
    coursedir.assignment_id = assignment
    with chdir(home), _as_learner(learner):
        app = ExchangeSubmit(coursedir=coursedir, authenticator=Authenticator(config=config), config=config)
        app.start()


def remove_learner_homes(course: Course) -> None:
    shutil.rmtree(course.state / "learners", ignore_errors=True)
