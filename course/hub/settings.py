"""Where one hub keeps its things, and which ports it uses: :class:`HubSettings`.

The launcher writes the settings to ``<state>/settings.json``; JupyterHub's configuration
file (generated beside it) reads them back with :func:`load`, so the hub process and the
launcher agree on every path.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
#: The hub's own runtime state (database, cookie secret, logs, passwords), git-ignored.
DEFAULT_STATE = REPO / "hub" / "state"
#: configurable-http-proxy, installed from npm by ``make hub-setup``.
DEFAULT_PROXY = REPO / "hub" / "node_modules" / ".bin" / "configurable-http-proxy"
#: nbgrader's own default exchange: where the learners' servers (other Unix users) reach it.
SHARED_EXCHANGE = Path("/srv/nbgrader/exchange")
#: The learners' environment when learners are separate Unix users: outside the course
#: directory (which learners must not read) and outside /root.
SHARED_LEARNER_ENV = Path("/opt/empathy-course/singleuser")


def running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def default_exchange() -> Path:
    return SHARED_EXCHANGE if running_as_root() else REPO / "hub" / "exchange"


def default_learner_env() -> Path:
    return SHARED_LEARNER_ENV if running_as_root() else REPO / "hub" / "singleuser"


@dataclass
class HubSettings:
    """One hub's accounts, paths and ports.

    Fields:
        course: the nbgrader course directory (holds ``nbgrader_config.py``); the
            instructor's server opens there.
        course_id: nbgrader's course id (from the course's config); learners' *Assignments*
            tab lists this course.
        state: the hub's runtime folder (``jupyterhub.sqlite``, cookie secret, passwords, logs).
        exchange: nbgrader's exchange root shared by every server (mode 1777).
        learner_env: the environment learners' servers run from (``bin/jupyterhub-singleuser``).
        instructor_env: the environment of the instructor's server (the project's ``.venv``).
        proxy: the ``configurable-http-proxy`` executable.
        instructor: the instructor's account name (a hub admin).
        tas: teaching assistants' account names: graders like the instructor (their servers
            open on the course directory with formgrader), not hub admins.
        learners: the learners' account names (their nbgrader student ids).
        separate_users: whether learners run as their own Unix users (the hub runs as root).
        homes: learners' homes when they are not separate Unix users (``<state>/homes``).
        ip, port: where the hub listens (the public proxy port).
        hub_port, proxy_api_port: internal ports of the hub and the proxy's REST API.
    """

    course: Path
    course_id: str
    state: Path
    exchange: Path
    learner_env: Path
    instructor_env: Path
    proxy: Path
    instructor: str = "instructor"
    tas: list[str] = field(default_factory=list)
    learners: list[str] = field(default_factory=list)
    separate_users: bool = False
    homes: Path | None = None
    ip: str = "127.0.0.1"
    port: int = 8000
    hub_port: int = 8081
    proxy_api_port: int = 8001

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, str) and f.type in ("Path", "Path | None"):
                setattr(self, f.name, Path(value))
        if self.homes is None:
            self.homes = self.state / "homes"

    @property
    def graders(self) -> list[str]:
        """The instructor and the TAs: every account whose server opens on the course directory."""
        return [self.instructor, *self.tas]

    @property
    def url(self) -> str:
        return f"http://{self.ip}:{self.port}"

    @property
    def path(self) -> Path:
        return self.state / "settings.json"

    def home_of(self, learner: str) -> Path:
        """A learner's home folder: their Unix home (separate users) or ``<homes>/<name>``."""
        if self.separate_users:
            import pwd

            return Path(pwd.getpwnam(learner).pw_dir)
        return self.homes / learner

    def save(self) -> Path:
        data = {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(self).items()}
        self.state.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        return self.path


def load(path: str | Path) -> HubSettings:
    """The :class:`HubSettings` saved at ``path`` by :meth:`HubSettings.save`."""
    return HubSettings(**json.loads(Path(path).read_text(encoding="utf-8")))
