"""How long a learner waits in JupyterLab: server start to a usable notebook, and module 01's Run All.

Not a timed test: it measures and prints, and writes ``bench/results/browser_timings.json``.
Each round starts a fresh ``jupyter lab`` (as ``make lab`` does, on a temporary workspace)
and a fresh headless Chromium (Debian's ``/usr/bin/chromium``), then records:

- ``server``: process start until ``/api/status`` answers;
- ``lab_ui``: process start until JupyterLab's shell and file browser are shown;
- ``notebook``: process start until module 01 is open with an idle kernel (the learner can work);
- ``run_all_fresh``: Run > Run All Cells on the learner's fresh copy of module 01 (Run All
  stops at the first unanswered exercise, as it does for a new learner);
- ``run_all_answered``: Run All on a copy with every exercise answered (runs to the end).

    .venv/bin/python bench/browser_timings.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

import labdriver as lab  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "browser_timings.json"
FIGURES = ("server", "lab_ui", "notebook", "run_all_fresh", "run_all_answered")


def one_round(playwright, base: Path, module: str, notebook: str) -> dict[str, float]:
    root = base / "root"
    lab.prepare_workspace(root / "fresh")
    lab.prepare_workspace(root / "answered")
    lab.solved_copy(root / "answered", module)
    server = lab.LabServer(root, base / "state")
    figures = {}
    with server:
        figures["server"] = server.ready - server.started
        context = lab.launch(playwright, base / "profile")
        try:
            page = context.pages[0] if context.pages else context.new_page()
            page.goto(server.url("lab"))
            lab.wait_lab_ready(page)
            figures["lab_ui"] = time.monotonic() - server.started
            lab.open_notebook(page, f"fresh/{notebook}")
            figures["notebook"] = time.monotonic() - server.started
            figures["run_all_fresh"] = lab.run_all(page)
            lab.open_notebook(page, f"answered/{notebook}")
            figures["run_all_answered"] = lab.run_all(page)
        finally:
            context.close()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="fresh server + browser rounds (default 3)")
    args = parser.parse_args(argv)
    lab.require_chromium()
    module = lab.find_module("01-")
    notebook = lab.module_notebook(module) if module else None
    if notebook is None:
        raise SystemExit(f"module 01 is not released in {lab.RELEASE}: run `make release` first")
    lab.check_lab_settings()
    from playwright.sync_api import sync_playwright

    load_before = os.getloadavg()[0]
    rounds = []
    with sync_playwright() as playwright:
        for i in range(args.rounds):
            base = Path(tempfile.mkdtemp(prefix="browser-bench-"))
            try:
                figures = one_round(playwright, base, module, notebook)
            finally:
                shutil.rmtree(base, ignore_errors=True)
            rounds.append(figures)
            print(f"round {i + 1}: " + ", ".join(f"{k} {v:.1f} s" for k, v in figures.items()), flush=True)
    summary = {
        key: {"median": statistics.median(r[key] for r in rounds), "max": max(r[key] for r in rounds)}
        for key in FIGURES
    }
    report = {
        "module": module,
        "rounds": rounds,
        "summary": summary,
        "machine": {
            "cpus": os.cpu_count(),
            "load_before": round(load_before, 2),
            "python": platform.python_version(),
            "chromium": str(lab.CHROMIUM),
        },
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=1))
    print(f"\n{'figure (seconds)':42} {'median':>8} {'max':>8}")
    labels = {
        "server": "jupyter lab start -> /api/status",
        "lab_ui": "start -> JupyterLab shown in Chromium",
        "notebook": "start -> module 01 open, kernel idle",
        "run_all_fresh": "module 01 Run All (fresh copy)",
        "run_all_answered": "module 01 Run All (all answered)",
    }
    for key in FIGURES:
        print(f"{labels[key]:42} {summary[key]['median']:8.1f} {summary[key]['max']:8.1f}")
    print(f"\n{len(rounds)} round(s) on {os.cpu_count()} CPU(s); written to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
