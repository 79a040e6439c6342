"""Serialise gradebook sessions across processes (parallel autograde on SQLite).

nbgrader opens a short :class:`~nbgrader.api.Gradebook` session (``with Gradebook(...)``)
around every database step of autograding, never around kernel execution. :func:`install`
makes each session hold an exclusive ``flock`` on ``<gradebook.db>.lock`` from
``Gradebook.__init__`` to ``Gradebook.close``, so parallel workers take turns at the
database (no "database is locked", no lost writes) while their kernels run side by side.
SQLite connections also get a generous busy timeout, for tools that do not take the lock
(formgrader open during a run).

Readers (export, class report) hold the same lock for their whole read with
:func:`snapshot`, so they never see a submission's grades half written, and
:func:`held_elsewhere` tells them which submissions a worker is grading right now.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

#: How long a SQLite connection waits for a gradebook another program holds (milliseconds);
#: ``COURSE_GRADEBOOK_WAIT`` (seconds) overrides it.
BUSY_TIMEOUT_MS = int(float(os.environ.get("COURSE_GRADEBOOK_WAIT", "120")) * 1000)

BUSY_MESSAGE = (
    "the gradebook {path} is busy: another program (formgrader, an nbgrader command, a sqlite "
    "shell) has held it for more than {seconds:g} s; close or wait for it, then run the command again"
)


def is_busy_error(exc: BaseException) -> bool:
    """Whether ``exc`` is SQLite's "database is locked" (after the busy timeout ran out)."""
    return "database is locked" in str(exc) or "database is busy" in str(exc)


def sqlite_path(db_url: str) -> Path | None:
    """The database file of a ``sqlite:///`` URL, or ``None`` for other databases."""
    prefix = "sqlite:///"
    if not db_url.startswith(prefix):
        return None
    path = unquote(db_url[len(prefix) :].split("?", 1)[0])
    return Path(path) if path and path != ":memory:" else None


class FileLock:
    """A re-entrant (per process) exclusive ``flock`` on a file."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._mutex = threading.RLock()
        self._depth = 0
        self._fd: int | None = None

    def acquire(self) -> None:
        self._mutex.acquire()
        if self._depth == 0:
            fd = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o666)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
            except BaseException:
                os.close(fd)
                self._mutex.release()
                raise
            self._fd = fd
        self._depth += 1

    def release(self) -> None:
        self._depth -= 1
        if self._depth == 0 and self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
        self._mutex.release()

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


_installed: FileLock | None = None


def _busy_timeout(dbapi_connection, _record) -> None:
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.close()


def install(db_url: str) -> FileLock | None:
    """Make every ``Gradebook`` session in this process hold the lock of ``db_url``'s file."""
    global _installed
    path = sqlite_path(db_url)
    if path is None or _installed is not None:
        return _installed
    from nbgrader.api import Gradebook
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    lock = FileLock(path.with_name(path.name + ".lock"))
    original_init, original_close = Gradebook.__init__, Gradebook.close

    def __init__(self, *args, **kwargs):
        lock.acquire()
        self._course_lock = lock
        try:
            original_init(self, *args, **kwargs)
        except BaseException:
            self._course_lock = None
            lock.release()
            raise

    def close(self):
        try:
            original_close(self)
        finally:
            held, self._course_lock = getattr(self, "_course_lock", None), None
            if held is not None:
                held.release()

    Gradebook.__init__ = __init__
    Gradebook.close = close
    if not event.contains(Engine, "connect", _busy_timeout):
        event.listen(Engine, "connect", _busy_timeout)
    _installed = lock
    return lock


@contextlib.contextmanager
def snapshot(db_url: str) -> Iterator[None]:
    """Hold the gradebook lock of ``db_url`` (if SQLite) for a consistent multi-query read."""
    lock = install(db_url)
    if lock is None:
        yield
        return
    with lock:
        yield


def held_elsewhere(path: Path) -> bool:
    """Whether another process holds an exclusive ``flock`` on ``path`` right now."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)
