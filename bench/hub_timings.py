"""How long a class waits on the course's JupyterHub: hub start, a learner's server, fetch, submit.

Not a timed test: it measures and prints, and writes ``bench/results/hub_timings.json``.
Each round starts a fresh hub with ``python -m course.hub`` (what ``make hub`` runs; as
root, learners are separate Unix users) on a scratch course with 00-welcome generated,
releases the module with ``python -m course release``, and has learners log in and work
in headless Chromium (Debian's ``/usr/bin/chromium``). It records:

- ``hub_start``: the launcher started until the hub answers and the accounts are printed
  (accounts, homes, exchange and the hub with its proxy);
- ``server_ready``: a learner presses *Sign in* until their JupyterLab is shown (the hub
  starts their server on login);
- ``fetch``: *Fetch* pressed in the *Assignments* tab until the module is listed as fetched;
- ``submit``: *Submit* pressed until it is listed as submitted;
- ``learner_rss_mb``: memory (RSS) of one learner's processes (server and kernel) after
  they opened the notebook (separate Unix users only).

    .venv/bin/python bench/hub_timings.py [--rounds 3] [--learners 2]
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

import hubdriver as hd  # noqa: E402
import labdriver as lab  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "hub_timings.json"
MODULE = "00-welcome"
FIGURES = ("hub_start", "server_ready", "fetch", "submit", "learner_rss_mb")


def rss_mb(uid: int) -> float:
    total = 0
    for pid in hd.processes_of(uid):
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def learner_round(playwright, hub: hd.TestHub, name: str, base: Path) -> dict[str, float]:
    context = lab.launch(playwright, base / f"profile-{name}")
    page = context.pages[0] if context.pages else context.new_page()
    out: dict[str, float] = {}
    try:
        page.goto(f"{hub.url}/hub/login")
        page.fill("#username_input", name)
        page.fill("#password_input", hub.passwords[name])
        start = time.monotonic()
        page.click("#login_submit")
        page.wait_for_url(f"**/user/{name}/lab**", timeout=lab.STEP_TIMEOUT * 2)
        page.wait_for_selector("#jp-main-dock-panel", state="visible")
        page.wait_for_selector(".jp-Launcher:visible")
        out["server_ready"] = time.monotonic() - start
        panel = hd.assignments_tab(page)
        fetch = hd.row(panel, "released_assignments_list", MODULE).locator("button", has_text="Fetch")
        fetch.wait_for()
        start = time.monotonic()
        fetch.click()
        hd.row(panel, "fetched_assignments_list", MODULE).wait_for()
        out["fetch"] = time.monotonic() - start
        lab.open_notebook(page, f"{MODULE}/{MODULE}.ipynb")
        if hub.settings.separate_users:
            import pwd

            out["learner_rss_mb"] = rss_mb(pwd.getpwnam(name).pw_uid)
        panel = hd.assignments_tab(page)
        submit = hd.row(panel, "fetched_assignments_list", MODULE).locator("button", has_text="Submit")
        start = time.monotonic()
        submit.click()
        hd.row(panel, "submitted_assignments_list", MODULE).wait_for()
        out["submit"] = time.monotonic() - start
    finally:
        context.close()
    return out


def one_round(playwright, course: Path, base: Path, learners: int) -> list[dict[str, float]]:
    hub = hd.TestHub(course, base / "state", learners=learners)
    try:
        hub.start()
        hub_start = hub.ready - hub.started
        hd.instructor(course, hub.exchange, "release", MODULE, "--force")
        rows = []
        for name in hub.learner_names:
            row = learner_round(playwright, hub, name, base)
            row["hub_start"] = hub_start
            rows.append(row)
        return rows
    finally:
        hub.cleanup()


def median(rows: list[dict[str, float]], key: str) -> float | None:
    values = [row[key] for row in rows if key in row]
    return round(statistics.median(values), 2) if values else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--learners", type=int, default=2, help="learners per round, one after another")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    load_before = os.getloadavg()[0]
    rows: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="hub-bench-") as tmp, sync_playwright() as playwright:
        course = hd.make_course(Path(tmp) / "course", [MODULE])
        for number in range(args.rounds):
            base = Path(tmp) / f"round{number}"
            shutil.rmtree(base, ignore_errors=True)
            for row in one_round(playwright, course, base, args.learners):
                rows.append(row)
                print(f"round {number + 1}: " + ", ".join(f"{k} {v:.2f}" for k, v in sorted(row.items())))
    report = {
        "command": "bench/hub_timings.py " + " ".join(sys.argv[1:]),
        "rounds": args.rounds,
        "learners_per_round": args.learners,
        "median": {key: median(rows, key) for key in FIGURES},
        "rows": rows,
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "load_before": round(load_before, 2),
            "load_after": round(os.getloadavg()[0], 2),
            "separate_users": os.geteuid() == 0,
        },
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=1))
    print("medians (s; MB for memory):", json.dumps(report["median"]))
    print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
