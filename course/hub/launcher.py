"""``make hub``: prepare accounts and the exchange, start JupyterHub, print how to log in.

``python -m course.hub [--learners N] [--port P] ...``. Ctrl-C (or SIGTERM) stops the hub,
which stops every server it started (``cleanup_servers``) and the proxy.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import stat
import subprocess
import sys
import time
import urllib.request
from contextlib import suppress
from pathlib import Path

from course.hub import accounts
from course.hub.accounts import HubError
from course.hub.config import CONFIG_FILE, write_config_file
from course.hub.settings import (
    DEFAULT_PROXY,
    DEFAULT_STATE,
    HubSettings,
    default_exchange,
    default_learner_env,
    running_as_root,
)

#: Mode of the exchange root: world-writable like nbgrader's /srv/nbgrader/exchange, plus the
#: sticky bit so nobody removes what another user put there.
EXCHANGE_MODE = 0o1777
READY_TIMEOUT = 180


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def course_id(course: Path) -> str:
    from course.instructor.coursedir import Course

    value = Course(course).config().CourseDirectory.get("course_id")
    if not value:
        raise HubError(f"{course / 'nbgrader_config.py'}: set c.CourseDirectory.course_id (learners need it)")
    return str(value)


def check_ready(settings: HubSettings) -> None:
    """Raise :class:`HubError` (naming the fix) if something the hub runs is missing."""
    if not settings.proxy.exists():
        raise HubError(f"no configurable-http-proxy at {settings.proxy}: run `make hub-setup`")
    if not (settings.learner_env / "bin" / "jupyterhub-singleuser").exists():
        raise HubError(f"no learners' environment in {settings.learner_env}: run `make hub-setup`")
    if not (settings.instructor_env / "bin" / "jupyterhub-singleuser").exists():
        raise HubError(f"jupyterhub is not installed in {settings.instructor_env}: run `make setup`")


def prepare_exchange(root: Path) -> Path:
    """Create nbgrader's exchange root with mode 1777 (or fix the mode of an existing one)."""
    root.mkdir(parents=True, exist_ok=True)
    if stat.S_IMODE(root.stat().st_mode) != EXCHANGE_MODE:
        try:
            os.chmod(root, EXCHANGE_MODE)
        except PermissionError:
            raise HubError(f"{root}: cannot make it mode 1777 (not its owner); ask its owner to") from None
    return root


def protect_course(course: Path) -> str | None:
    """As root, make sure no learner can read the course directory (sources, gradebook, submissions)."""
    mode = stat.S_IMODE(course.stat().st_mode)
    if not mode & 0o007:
        return None
    os.chmod(course, mode & ~0o007)
    return f"{course}: removed access for other users (was {oct(mode)}); learners must not read it"


def prepare(settings: HubSettings, reset_homes: bool = False) -> dict[str, str]:
    """Accounts, learners' homes, exchange and config file; returns ``{account: password}``."""
    check_ready(settings)
    accounts.check_names([*settings.graders, *settings.learners])
    both = sorted(set(settings.graders) & set(settings.learners))
    if both:
        raise HubError(f"{', '.join(both)}: both a grader and a learner; choose other names")
    settings.state.mkdir(parents=True, exist_ok=True)
    os.chmod(settings.state, 0o700)
    if settings.separate_users:
        note = protect_course(settings.course)
        if note:
            print(note)
    for learner in settings.learners:
        home = accounts.ensure_unix_user(learner) if settings.separate_users else settings.home_of(learner)
        if reset_homes:
            accounts.empty_home(home, learner if settings.separate_users else None)
        home.mkdir(parents=True, exist_ok=True, mode=0o700)
    prepare_exchange(settings.exchange)
    write_config_file(settings)
    return accounts.passwords(settings.state / "accounts.json", [*settings.graders, *settings.learners])


class Hub:
    """A running JupyterHub (``jupyterhub -f <state>/jupyterhub_config.py``) in its own process group."""

    def __init__(self, settings: HubSettings):
        self.settings = settings
        self.proc: subprocess.Popen | None = None
        self.log_path = settings.state / "jupyterhub.log"

    def start(self, timeout: float = READY_TIMEOUT) -> Hub:
        s = self.settings
        env = dict(os.environ)
        env["PATH"] = os.pathsep.join(
            [str(s.instructor_env / "bin"), str(s.proxy.parent), env.get("PATH", "")]
        )
        env["PYTHONUNBUFFERED"] = "1"
        with self.log_path.open("w") as log:
            self.proc = subprocess.Popen(
                [str(s.instructor_env / "bin" / "jupyterhub"), "-f", str(s.state / CONFIG_FILE)],
                cwd=s.state,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise HubError(f"jupyterhub exited with {self.proc.returncode}:\n{self.log_tail()}")
            if self.healthy():
                return self
            time.sleep(0.25)
        self.stop()
        raise HubError(f"the hub did not answer within {timeout:.0f} s:\n{self.log_tail()}")

    def healthy(self) -> bool:
        url = f"{self.settings.url}/hub/health"
        with suppress(OSError), urllib.request.urlopen(url, timeout=5) as answer:
            return answer.status == 200
        return False

    def log_tail(self, lines: int = 40) -> str:
        with suppress(OSError):
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        return ""

    def stop(self, timeout: float = 90) -> int | None:
        """SIGTERM (JupyterHub stops its servers and proxy), then SIGKILL what is left."""
        proc, self.proc = self.proc, None
        if proc is None:
            return None
        if proc.poll() is None:
            with suppress(ProcessLookupError):
                proc.send_signal(signal.SIGTERM)
        try:
            return proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            return proc.wait(timeout=10)


def banner(settings: HubSettings, passwords: dict[str, str]) -> str:
    lines = [
        "",
        f"JupyterHub for the course is running: {settings.url}/",
        f"Accounts (a local or test class: one password each, kept in {settings.state / 'accounts.json'}):",
        f"  {settings.instructor:<14} {passwords[settings.instructor]}   instructor, hub admin: "
        f"opens on {settings.course}",
    ]
    lines += [f"  {name:<14} {passwords[name]}   TA (grader): opens on the course" for name in settings.tas]
    lines += [f"  {name:<14} {passwords[name]}   learner" for name in settings.learners]
    who = (
        "separate Unix users, homes 0700" if settings.separate_users else "NOT separate Unix users (not root)"
    )
    lines += [
        f"Learners: {who}. Exchange: {settings.exchange}. Course id: {settings.course_id}.",
        f"Hub log: {settings.state / 'jupyterhub.log'}. Stop with Ctrl-C.",
        "",
    ]
    return "\n".join(lines)


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m course.hub", description="Start the course's JupyterHub.")
    p.add_argument(
        "--course", type=Path, help="course directory (default: the one holding nbgrader_config.py)"
    )
    p.add_argument(
        "--learners", type=int, default=3, help="number of learner accounts (default: %(default)s)"
    )
    p.add_argument(
        "--learner-prefix", default="learner", help="learner names: PREFIX1..N (default: %(default)s)"
    )
    p.add_argument("--instructor", default="instructor", help="instructor's account (default: %(default)s)")
    p.add_argument("--tas", type=int, default=0, help="teaching assistants' accounts ta1..N (default: 0)")
    p.add_argument("--ip", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    p.add_argument("--port", type=int, default=8000, help="port (default: %(default)s)")
    p.add_argument(
        "--state", type=Path, default=DEFAULT_STATE, help="hub state folder (default: %(default)s)"
    )
    p.add_argument(
        "--exchange", type=Path, default=None, help=f"exchange root (default: {default_exchange()})"
    )
    p.add_argument("--learner-env", type=Path, default=None, help=f"(default: {default_learner_env()})")
    p.add_argument("--proxy", type=Path, default=DEFAULT_PROXY, help="configurable-http-proxy executable")
    p.add_argument("--reset-homes", action="store_true", help="empty the learners' homes first (a new class)")
    return p.parse_args(argv)


def settings_from(args: argparse.Namespace) -> HubSettings:
    from course.instructor.coursedir import CourseError, find_root

    try:
        course = (args.course or find_root()).resolve()
    except CourseError as exc:
        raise HubError(str(exc)) from None
    state = args.state.resolve()
    return HubSettings(
        course=course,
        course_id=course_id(course),
        state=state,
        exchange=(args.exchange or default_exchange()).resolve(),
        learner_env=(args.learner_env or default_learner_env()).absolute(),
        instructor_env=Path(sys.prefix),
        proxy=args.proxy.absolute(),
        instructor=args.instructor,
        tas=[f"ta{i}" for i in range(1, args.tas + 1)],
        learners=accounts.learner_names(args.learners, args.learner_prefix),
        separate_users=running_as_root(),
        homes=state / "homes",
        ip=args.ip,
        port=args.port,
        hub_port=free_port(),
        proxy_api_port=free_port(),
    )


def _interrupt(*_signal) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    try:
        settings = settings_from(args)
        passwords = prepare(settings, reset_homes=args.reset_homes)
        hub = Hub(settings)
        # Ctrl-C and SIGTERM both end in a clean stop below
        signal.signal(signal.SIGTERM, _interrupt)
        print(f"Starting JupyterHub on {settings.url} ...", flush=True)
        hub.start()
    except HubError as exc:
        print(f"make hub: {exc}", file=sys.stderr)
        return 1
    print(banner(settings, passwords), flush=True)
    try:
        code = hub.proc.wait()
        print(f"jupyterhub exited with {code}; its log: {hub.log_path}", file=sys.stderr)
        return code or 1
    except KeyboardInterrupt:
        print("\nStopping the hub and every server it started ...", flush=True)
        code = hub.stop()
        print("Hub stopped." if code == 0 else f"Hub stopped (exit {code}); log: {hub.log_path}", flush=True)
        return 0
