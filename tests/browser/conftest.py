"""Fixtures of the browser tests: a real JupyterLab server on loopback and headless Chromium.

Chromium is Debian's (``make browser`` installs it); Playwright only drives it. Without it
the tests are skipped with a message, except in CI (``CI`` set), where they fail.
Screenshots go to ``artifacts/browser/<journey>/`` (git-ignored); a failing test also
leaves ``failure.png`` and the server log there.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import labdriver as lab

pytestmark = pytest.mark.browser


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def _failed(request) -> bool:
    node = request.node
    return any(getattr(getattr(node, f"report_{when}", None), "failed", False) for when in ("setup", "call"))


@pytest.fixture(scope="session", autouse=True)
def _fresh_failure_screenshots():
    """Failure screenshots of an earlier run would mislead: start with none."""
    shutil.rmtree(lab.ARTIFACTS / "failures", ignore_errors=True)


@pytest.fixture(scope="session")
def playwright():
    """Playwright (sync API), once per session; skips (or fails in CI) without Chromium."""
    if not lab.CHROMIUM.exists():
        message = f"no Chromium at {lab.CHROMIUM}: run `make browser` (installs Debian's chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory, request):
    """JupyterLab on a fresh learner workspace made from ``release/``, as ``make lab`` starts it."""
    if not lab.released_modules():
        pytest.skip(f"no released modules in {lab.RELEASE} (run `make release`)")
    lab.check_lab_settings()
    base = tmp_path_factory.mktemp(request.module.__name__.rsplit(".", 1)[-1])
    workspace = lab.prepare_workspace(base / "workspace")
    solve = getattr(request.module, "SOLVED_MODULES", ())
    for module in lab.released_modules():
        if module in solve or "*" in solve:
            lab.solved_copy(workspace, module)
    server = lab.LabServer(workspace, base / "state", learner=True)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        keep = lab.ARTIFACTS / "logs"
        keep.mkdir(parents=True, exist_ok=True)
        if server.log_path.exists():
            shutil.copy(server.log_path, keep / f"{base.name}-server.log")


@pytest.fixture
def browser_page(playwright, tmp_path, request):
    """A page in a fresh headless Chromium profile at 1280x800; ``failure.png`` when the test fails."""
    context = lab.launch(playwright, tmp_path / "chromium-profile")
    page = context.pages[0] if context.pages else context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.page_errors = errors
    try:
        yield page
    finally:
        if _failed(request):
            folder = lab.ARTIFACTS / "failures"
            folder.mkdir(parents=True, exist_ok=True)
            try:
                page.screenshot(path=str(folder / f"{request.node.name}.png"))
            except Exception as exc:  # the page may be gone; the report has the real error
                print(f"no failure screenshot: {exc}")
        context.close()
