"""Run ``python -m course.hub`` (what ``make hub`` runs) for a test, and drive it.

A :class:`TestHub` starts the launcher exactly as ``make hub`` does, but on a free loopback
port, on a scratch course directory, with its own state folder and exchange, and with
learner accounts named ``hubtest1..N`` whose homes are emptied first. The exchange lives in
a fresh folder under ``/tmp`` that every user can reach (learners' servers run as other Unix
users when the tests run as root). Used by ``tests/browser/test_hub_journey.py`` and ``bench/hub_timings.py``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import suppress
from pathlib import Path

import labdriver

from course.hub.settings import HubSettings, default_learner_env, load
from harness import descendants, scratch_course

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
LEARNER_PREFIX = "hubtest"


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def make_course(target: Path, modules: list[str]) -> Path:
    """A scratch course directory with the repository's config and ``modules`` generated."""
    scratch_course(target, modules)
    for module in modules:
        instructor(target, None, "generate", module)
    return target


def instructor_env(exchange: Path | None, jupyter_state: Path | None = None) -> dict[str, str]:
    """The environment of the instructor's server on the hub (the launcher's user + the exchange).

    With ``jupyter_state``, Jupyter's config, data, runtime and lab settings folders are fresh
    ones there (as the lab tests use), never the developer's own ``~/.jupyter``.
    """
    if jupyter_state is not None:
        env = labdriver.LabServer(jupyter_state, jupyter_state).env()
    else:
        env = dict(os.environ, PATH=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    if exchange is not None:
        env["COURSE_EXCHANGE_ROOT"] = str(exchange)
    return env


def instructor(course: Path, exchange: Path | None, *args: str, timeout: float = 900) -> str:
    """Run ``python -m course --course COURSE ARGS`` as the instructor's terminal on the hub does."""
    proc = subprocess.run(
        [str(VENV_BIN / "python"), "-m", "course", "--course", str(course), *args],
        env=instructor_env(exchange),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if proc.returncode != 0:
        raise AssertionError(f"python -m course {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc.stdout


class TestHub:
    """``python -m course.hub`` on a scratch course; :meth:`stop` is Ctrl-C (SIGINT)."""

    __test__ = False

    def __init__(
        self, course: Path, state: Path, learners: int = 2, learner_env: Path | None = None, tas: int = 0
    ):
        self.course = course
        self.tas = tas
        self.state = state
        self.learners = learners
        self.port = free_port()
        self.learner_env = learner_env or default_learner_env()
        # reachable by every Unix user (pytest's tmp folders are 0700 under root)
        self.shared = Path(tempfile.mkdtemp(prefix="empathy-hubtest-"))
        os.chmod(self.shared, 0o755)
        self.exchange = self.shared / "exchange"
        self.log_path = state / "launcher.log"
        self.proc: subprocess.Popen | None = None
        self.started = self.ready = 0.0
        self.settings: HubSettings | None = None
        self.passwords: dict[str, str] = {}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def learner_names(self) -> list[str]:
        return [f"{LEARNER_PREFIX}{i}" for i in range(1, self.learners + 1)]

    def command(self) -> list[str]:
        return [
            str(VENV_BIN / "python"),
            "-m",
            "course.hub",
            "--course",
            str(self.course),
            "--learners",
            str(self.learners),
            "--learner-prefix",
            LEARNER_PREFIX,
            "--port",
            str(self.port),
            "--state",
            str(self.state),
            "--exchange",
            str(self.exchange),
            "--learner-env",
            str(self.learner_env),
            "--tas",
            str(self.tas),
            "--reset-homes",
        ]

    def start(self, timeout: float = 240) -> TestHub:
        """Start the launcher; wait for its banner (hub healthy, accounts printed)."""
        self.state.mkdir(parents=True, exist_ok=True)
        self.started = time.monotonic()
        with self.log_path.open("w") as log:
            self.proc = subprocess.Popen(
                self.command(),
                env=instructor_env(None, self.state / "instructor-jupyter"),
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        deadline = self.started + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"make hub exited with {self.proc.returncode}:\n{self.log()}")
            if "is running:" in self.log():
                self.ready = time.monotonic()
                self.settings = load(self.state / "settings.json")
                self.passwords = json.loads((self.state / "accounts.json").read_text())
                return self
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"the hub did not start within {timeout:.0f} s:\n{self.log()}")

    def log(self) -> str:
        with suppress(OSError):
            return self.log_path.read_text(errors="replace")
        return ""

    def hub_log(self) -> str:
        with suppress(OSError):
            return (self.state / "jupyterhub.log").read_text(errors="replace")
        return ""

    def processes(self) -> list[int]:
        return [self.proc.pid, *descendants(self.proc.pid)] if self.proc else []

    def stop(self, timeout: float = 120) -> int | None:
        """Ctrl-C: SIGINT to the launcher, which stops the hub and every server; the exit status."""
        proc, self.proc = self.proc, None
        if proc is None:
            return None
        family = [proc.pid, *descendants(proc.pid)]
        with suppress(ProcessLookupError):
            proc.send_signal(signal.SIGINT)
        try:
            code = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            code = None
        for pid in family:  # whatever the clean stop missed (the test checks there was nothing)
            with suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        return code

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.shared, ignore_errors=True)


def alive(pids: list[int]) -> list[int]:
    """Those of ``pids`` still running (zombies count as gone)."""
    left = []
    for pid in pids:
        with suppress(OSError):
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            if state != "Z":
                left.append(pid)
    return left


def processes_of(uid: int) -> list[int]:
    """Live processes owned by ``uid``."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        with suppress(OSError):
            for line in status.read_text().splitlines():
                if line.startswith("Uid:") and int(line.split()[1]) == uid:
                    found.append(int(status.parent.name))
    return alive(found)


def wait_until(condition, what: str, timeout: float = 120) -> None:
    """Poll ``condition()`` until it is true; fail naming ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.25)


def get(url: str, timeout: float = 10) -> int:
    """The HTTP status of a GET (no redirects followed, no cookies)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=timeout) as answer:
            return answer.status
    except urllib.error.HTTPError as exc:
        return exc.code


# ---------------------------------------------------------------- the hub in the browser


def log_in(page, hub, name: str) -> None:
    """Log in on the hub's page and wait for the user's JupyterLab (the server is started on login)."""
    page.goto(f"{hub.url}/hub/login")
    page.fill("#username_input", name)
    page.fill("#password_input", hub.passwords[name])
    page.click("#login_submit")
    page.wait_for_url(re.compile(rf"/user/{re.escape(name)}/lab"), timeout=labdriver.STEP_TIMEOUT * 2)
    page.goto(f"{hub.url}/user/{name}/lab?reset")  # the default layout, not the last session's tabs
    page.wait_for_selector("#jp-main-dock-panel", state="visible")
    page.wait_for_selector(".jp-DirListing-content")
    page.wait_for_selector(".jp-Launcher:visible, .jp-NotebookPanel:visible")


def assignments_tab(page):
    """Nbgrader > Assignment List: the learner's *Assignments* tab, once its lists are loaded."""
    labdriver.run_menu(page, "Nbgrader", "nbgrader:open-assignment-list")
    panel = page.locator("#jp-main-dock-panel .lm-Widget:has(#released_assignments_list)").last
    panel.locator("#released_assignments_list").wait_for()
    return panel


def row(panel, listing: str, text: str):
    """The row of assignment ``text`` in one of the tab's lists (``released_assignments_list``, ...)."""
    return panel.locator(f"#{listing} .list_item", has_text=text).first
