"""Drive a real JupyterLab server on loopback with Debian's headless Chromium (Playwright).

Shared by the browser tests (``tests/browser``) and the benchmark ``bench/browser_timings.py``.
The server runs exactly as ``make lab`` runs it (same venv, same lab settings overrides,
same extensions), but on a free loopback port, with a random token, on a temporary
workspace and with temporary Jupyter config, runtime and user-settings folders, so a
developer's own ``workspace/`` and ``~/.jupyter`` are never read nor touched.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import suppress
from pathlib import Path

import nbformat

from harness import descendants

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
CHROMIUM = Path(os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 800}
ARTIFACTS = ROOT / "artifacts" / "browser"
#: The released modules the learner gets (override to try an unreleased build).
RELEASE = Path(os.environ.get("COURSE_BROWSER_RELEASE", ROOT / "release"))
LAB_OVERRIDES = ROOT / "course" / "lab" / "overrides.json"
VENV_OVERRIDES = VENV_BIN.parent / "share" / "jupyter" / "lab" / "settings" / "overrides.json"

#: Generous on 2 shared cores with a cold kernel: milliseconds, Playwright's unit.
STEP_TIMEOUT = 120_000
SHORT_TIMEOUT = 30_000


def free_port() -> int:
    """A TCP port nobody listens on right now, on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LabServer:
    """``jupyter lab`` on ``root_dir``, started in its own process group; use as a context manager.

    ``cwd`` is where the server runs (nbgrader's formgrader reads ``nbgrader_config.py`` there);
    ``state`` holds the isolated Jupyter folders and the server log.
    """

    def __init__(
        self,
        root_dir: Path,
        state: Path,
        cwd: Path | None = None,
        log_name: str = "server.log",
        learner: bool = False,
    ):
        self.learner = learner  # as `make lab` starts it: nbgrader's instructor tools left out
        self.root_dir = Path(root_dir)
        self.state = Path(state)
        self.cwd = Path(cwd or root_dir)
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.log_path = self.state / log_name
        self.proc: subprocess.Popen | None = None
        self.started = self.ready = 0.0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "lab") -> str:
        """The browser address of ``path`` (below the server root), with the token."""
        sep = "&" if "?" in path else "?"
        return f"{self.base_url}/{path.lstrip('/')}{sep}token={self.token}"

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        for name in ("config", "data", "runtime", "user-settings", "workspaces", "ipython", "mpl"):
            (self.state / name).mkdir(parents=True, exist_ok=True)
        env.update(
            # nbgrader (formgrader's gradebook) runs `alembic` from PATH, as in an activated venv
            PATH=f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}",
            JUPYTER_CONFIG_DIR=str(self.state / "config"),
            JUPYTER_DATA_DIR=str(self.state / "data"),
            JUPYTER_RUNTIME_DIR=str(self.state / "runtime"),
            JUPYTERLAB_SETTINGS_DIR=str(self.state / "user-settings"),
            JUPYTERLAB_WORKSPACES_DIR=str(self.state / "workspaces"),
            IPYTHONDIR=str(self.state / "ipython"),
            MPLCONFIGDIR=str(self.state / "mpl"),
            PYTHONUNBUFFERED="1",
        )
        env.pop("JUPYTER_PATH", None)
        env.pop("NBGRADER_EXECUTION", None)
        env.pop("JUPYTER_CONFIG_PATH", None)
        if self.learner:
            from course.learnerlab import learner_env

            env = learner_env(env)
        return env

    def command(self) -> list[str]:
        # CI containers run as root, which jupyter refuses without --allow-root
        root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
        return [
            str(VENV_BIN / "jupyter"),
            "lab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root_dir}",
            *root,
        ]

    def start(self, timeout: float = 120) -> LabServer:
        """Start the server and wait until ``/api/status`` answers."""
        self.state.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("w")
        self.started = time.monotonic()
        self.proc = subprocess.Popen(
            self.command(),
            cwd=self.cwd,
            env=self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        log.close()
        deadline = self.started + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"jupyter lab exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                self.api("status")
                self.ready = time.monotonic()
                return self
            except OSError:
                time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"jupyter lab did not answer within {timeout:.0f} s:\n{self.log_tail()}")

    def api(self, path: str, method: str = "GET", timeout: float = 10) -> object:
        """Call the server's REST API (``/api/<path>``); the decoded JSON answer (or None)."""
        request = urllib.request.Request(
            f"{self.base_url}/api/{path}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            body = answer.read()
        return json.loads(body) if body else None

    def log_tail(self, lines: int = 60) -> str:
        with suppress(OSError):
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        return ""

    def stop(self) -> None:
        """Shut the kernels down, then the server; kill whatever is left. Safe to call twice."""
        if self.proc is None:
            return
        proc, self.proc = self.proc, None
        if proc.poll() is None:
            with suppress(OSError, ValueError):
                for kernel in self.api("kernels", timeout=5) or []:
                    with suppress(OSError):
                        self.api(f"kernels/{kernel['id']}", method="DELETE", timeout=10)
        family = [proc.pid, *descendants(proc.pid)]
        with suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGTERM)
        with suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=15)
        for pid in family:
            with suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        with suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
        with suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=10)

    def __enter__(self) -> LabServer:
        return self.start() if self.proc is None else self

    def __exit__(self, *exc) -> None:
        self.stop()


# ---------------------------------------------------------------- workspace set-up


def check_lab_settings() -> None:
    """Fail unless the venv carries the course's JupyterLab settings overrides (as ``make setup`` copies)."""
    wanted = json.loads(LAB_OVERRIDES.read_text())
    try:
        have = json.loads(VENV_OVERRIDES.read_text())
    except FileNotFoundError:
        raise AssertionError(f"{VENV_OVERRIDES} is missing: run `make setup`") from None
    assert have == wanted, f"{VENV_OVERRIDES} differs from {LAB_OVERRIDES}: run `make setup`"


def released_modules(release: Path = RELEASE) -> list[str]:
    return sorted(p.name for p in release.glob("[0-9][0-9]-*") if p.is_dir()) if release.is_dir() else []


def module_notebook(module: str, release: Path = RELEASE) -> str | None:
    """The path (relative to a workspace) of ``module``'s main notebook, if it is released."""
    folder = release / module
    notebooks = sorted(folder.glob("*.ipynb")) if folder.is_dir() else []
    if not notebooks:
        return None
    main = folder / f"{module}.ipynb"
    return f"{module}/{(main if main.exists() else notebooks[0]).name}"


def find_module(prefix: str, release: Path = RELEASE) -> str | None:
    """The released module whose folder starts with ``prefix`` (e.g. ``"01-"``)."""
    return next((m for m in released_modules(release) if m.startswith(prefix)), None)


def prepare_workspace(target: Path, release: Path = RELEASE) -> Path:
    """A fresh learner workspace in ``target``, made exactly as ``make lab`` makes one."""
    from course.workspace import prepare

    prepare(target, release=release)
    return target


def solved_copy(workspace: Path, module: str, source: Path = ROOT / "source") -> None:
    """Put the source's solutions into the answer cells of ``module``'s workspace notebooks.

    Only answer cells (nbgrader ``solution`` and not ``grade``) change, so the notebook stays the
    learner's release, as a learner who has answered everything would have it.
    """
    for path in sorted((workspace / module).glob("*.ipynb")):
        src_path = source / module / path.name
        if not src_path.exists():
            continue
        solutions = {}
        for cell in nbformat.read(src_path, as_version=4).cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("solution") and not meta.get("grade"):
                text = re.sub(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n?", "", cell.source, flags=re.M)
                solutions[meta.get("grade_id")] = text
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            if grade_id in solutions:
                cell.source = solutions[grade_id]
        nbformat.write(nb, path)


# ---------------------------------------------------------------- browser


def require_chromium() -> Path:
    if not CHROMIUM.exists():
        raise FileNotFoundError(f"no Chromium at {CHROMIUM}: run `make browser` (Debian's chromium package)")
    return CHROMIUM


def launch(playwright, profile: Path):
    """A fresh headless Chromium (new profile in ``profile``) with one 1280x800 page; the context."""
    shutil.rmtree(profile, ignore_errors=True)
    profile.mkdir(parents=True)
    context = playwright.chromium.launch_persistent_context(
        str(profile),
        executable_path=str(require_chromium()),
        headless=True,
        args=CHROMIUM_ARGS,
        viewport=VIEWPORT,
        device_scale_factor=1,
    )
    context.set_default_timeout(STEP_TIMEOUT)
    return context


class Screenshots:
    """Numbered screenshots of one journey: ``artifacts/browser/<journey>/NN-step.png``."""

    def __init__(self, journey: str, root: Path = ARTIFACTS):
        self.folder = root / journey
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.count = 0

    def __call__(self, page, step: str, full_page: bool = False) -> Path:
        self.count += 1
        path = self.folder / f"{self.count:02d}-{step}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path


# ---------------------------------------------------------------- JupyterLab page helpers

POPUPS = ".jp-Dialog, .Toastify__toast"
NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden)"


def wait_lab_ready(page, timeout: float = STEP_TIMEOUT) -> None:
    """Wait until JupyterLab's shell, file browser and launcher (or a document) are shown."""
    page.wait_for_selector("#jp-main-dock-panel", state="visible", timeout=timeout)
    page.wait_for_selector(".jp-DirListing-content .jp-DirListing-item", timeout=timeout)
    page.wait_for_selector(".jp-Launcher:visible, .jp-NotebookPanel:visible", timeout=timeout)


def popups(page) -> list[str]:
    """The text of every dialog or notification toast on screen (kernel picker, news prompt, ...)."""
    return [text.strip() for text in page.locator(POPUPS).all_inner_texts()]


def open_in_file_browser(page, *names: str, attempts: int = 6) -> None:
    """Double-click through the file browser from the workspace root: folders, then the file,
    as a learner does.

    The listing re-renders while it refreshes (an item can be replaced under the pointer),
    so each double-click is retried on a fresh lookup. JupyterLab can also move the browser
    back into the folder of a tab that was closing after :func:`go_home` returned, so when
    the first name is not in the listing the browser is sent home again before the retry.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for depth, name in enumerate(names):
        text = page.locator(".jp-DirListing-itemText", has_text=re.compile(rf"^\s*{re.escape(name)}\s*$"))
        item = page.locator(".jp-DirListing-content .jp-DirListing-item", has=text).first
        for attempt in range(attempts):
            try:
                item.wait_for(state="visible", timeout=SHORT_TIMEOUT // 2)
                item.dblclick(timeout=SHORT_TIMEOUT)
                break
            except PlaywrightTimeout:
                if attempt == attempts - 1:
                    raise
                if depth == 0:
                    go_home(page)
        if name.endswith(".ipynb"):
            break
        page.wait_for_selector(f'.jp-BreadCrumbs >> text="{name}"')


def go_home(page, attempts: int = 4) -> None:
    """Show the workspace root in the file browser (the breadcrumbs' home icon).

    A click made while JupyterLab is still closing tabs can be swallowed, so the root listing
    is checked and the click repeated until the listing shows no parent folder in the breadcrumbs.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(attempts):
        page.locator(".jp-BreadCrumbs-home").click()
        try:
            page.wait_for_function(
                """() => {
                    const crumbs = document.querySelector('.jp-BreadCrumbs');
                    return crumbs && !crumbs.querySelector('.jp-BreadCrumbs-item')
                        && document.querySelector('.jp-DirListing-content .jp-DirListing-item');
                }""",
                timeout=SHORT_TIMEOUT // 3,
            )
            return
        except PlaywrightTimeout:
            if attempt == attempts - 1:
                raise


def active_notebook(page):
    return page.locator(NOTEBOOK).last


def wait_kernel_idle(page, timeout: float = STEP_TIMEOUT) -> None:
    """Wait until the notebook's kernel is connected and idle, and no cell waits to run."""
    page.wait_for_function(
        """(sel) => {
            const nb = [...document.querySelectorAll(sel)].pop();
            if (!nb) return false;
            const kernel = nb.querySelector('.jp-Toolbar-kernelName');
            if (!kernel || /no kernel/i.test(kernel.textContent)) return false;
            const ind = nb.querySelector('.jp-Notebook-ExecutionIndicator');
            if (!ind || ind.dataset.status !== 'idle') return false;
            return ![...nb.querySelectorAll('.jp-InputPrompt')].some(p => p.textContent.includes('*'));
        }""",
        arg=NOTEBOOK,
        timeout=timeout,
    )


def open_notebook(page, path: str, timeout: float = STEP_TIMEOUT) -> None:
    """Open ``path`` (relative to the workspace) from the file browser and wait for an idle kernel."""
    go_home(page)
    open_in_file_browser(page, *path.split("/"))
    name = path.split("/")[-1]
    tab = f'#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current >> text="{name}"'
    page.wait_for_selector(tab, timeout=timeout)
    active_notebook(page).locator(".jp-Cell").first.wait_for(timeout=timeout)
    wait_kernel_idle(page, timeout)


def run_menu(page, menu: str, command: str) -> None:
    """Click a main-menu entry, e.g. ``run_menu(page, "Run", "runmenu:run-all")``."""
    page.locator(".lm-MenuBar-item", has_text=menu).first.click()
    page.locator(f'.lm-Menu-item[data-command="{command}"]').first.click()


def run_all(page, timeout: float = STEP_TIMEOUT) -> float:
    """Run > Run All Cells, wait for the kernel to finish; the seconds it took."""
    active_notebook(page).locator(".jp-Notebook").click(position={"x": 5, "y": 5})
    start = time.monotonic()
    run_menu(page, "Run", "runmenu:run-all")
    page.wait_for_timeout(200)  # let the first cells get scheduled before waiting for idle
    wait_kernel_idle(page, timeout)
    return time.monotonic() - start


def show(page, locator, tries: int = 6) -> None:
    """Scroll ``locator`` into view and wait until it is painted in the viewport.

    Cells off screen are laid out lazily (CSS content-visibility), so the first scroll can
    land short once their real heights are known: scroll again until it stays in view.
    """
    for _ in range(tries):
        locator.scroll_into_view_if_needed()
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        in_view = locator.evaluate(
            """el => { const r = el.getBoundingClientRect();
                      return r.height > 0 && r.top < innerHeight && r.bottom > 0; }"""
        )
        if in_view:
            return
        page.wait_for_timeout(100)


def cell_by_source(page, needle: str):
    """The notebook cell whose input contains ``needle`` (first match)."""
    return active_notebook(page).locator(".jp-Cell", has=page.locator(".jp-InputArea", has_text=needle)).first


def run_cell(page, cell, timeout: float = STEP_TIMEOUT) -> None:
    """Select ``cell`` and run it with Shift+Enter; wait for the kernel."""
    cell.locator(".jp-InputArea-editor").click()
    page.keyboard.press("Escape")
    page.keyboard.press("Shift+Enter")
    page.wait_for_timeout(200)
    wait_kernel_idle(page, timeout)


def replace_cell_text(page, cell, text: str) -> None:
    """Click into ``cell``'s editor, select everything, and type ``text`` as a learner would."""
    editor = cell.locator(".cm-content").first
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.insert_text(text)
