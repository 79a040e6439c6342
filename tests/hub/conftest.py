"""Fixtures of the hub tests: the browser fixtures of ``tests/browser`` (reused, not copied)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BROWSER = Path(__file__).resolve().parents[1] / "browser"
sys.path.insert(0, str(BROWSER))
sys.path.insert(0, str(Path(__file__).resolve().parent))

_spec = importlib.util.spec_from_file_location("browser_fixtures", BROWSER / "conftest.py")
_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fixtures)

playwright = _fixtures.playwright
browser_page = _fixtures.browser_page
pytest_runtest_makereport = _fixtures.pytest_runtest_makereport
_fresh_failure_screenshots = _fixtures._fresh_failure_screenshots
