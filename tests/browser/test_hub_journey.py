"""A class on the course's JupyterHub, end to end, in headless Chromium.

``python -m course.hub`` (what ``make hub`` runs) serves a scratch course with module
00-welcome generated, an instructor and two learners, on loopback. The instructor opens
formgrader on the course directory and releases the module; each learner logs in, fetches
it in the *Assignments* tab, answers (one writes a reply and runs its self-check, the other
only runs the notebook), saves and submits; the instructor collects, autogrades and
releases feedback with ``python -m course`` (the course's ``nbgrader_config.py``); each
learner fetches feedback in the *Assignments* tab and sees their own score. A learner
asking for the other's files through the hub is refused, and (as root) cannot read the
other's home. Ctrl-C stops the hub and every server it started.

The tests of this file run in order on one hub. Screenshots: ``artifacts/browser/hub/``.
The learners' environment comes from ``make hub-setup`` (``make test`` builds it first).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import hubdriver as hd
import journey as act
import labdriver as lab
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MODULE = "00-welcome"
NOTEBOOK = f"{MODULE}/{MODULE}.ipynb"
#: What each learner did, for the checks after grading: {learner: scenario id or None}.
ANSWERED: dict[str, str | None] = {}
SUBMITTED: dict[str, str] = {}


@pytest.fixture(scope="module")
def shots():
    return lab.Screenshots("hub")


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    """The course's hub on a scratch course with 00-welcome generated; stopped with Ctrl-C."""
    env = hd.default_learner_env()
    if not (env / "bin" / "jupyterhub-singleuser").exists():
        message = f"no learners' environment in {env}: run `make hub-setup`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    if not (lab.RELEASE / MODULE).is_dir():
        pytest.skip(f"{MODULE} is not released")
    base = tmp_path_factory.mktemp("hub")
    course = hd.make_course(base / "course", [MODULE])
    server = hd.TestHub(course, base / "state", learners=2, tas=1)
    try:
        server.start()
        yield server
    finally:
        server.cleanup()
        keep = lab.ARTIFACTS / "logs"
        keep.mkdir(parents=True, exist_ok=True)
        for name in ("launcher.log", "jupyterhub.log"):
            if (server.state / name).exists():
                shutil.copy(server.state / name, keep / f"hub-{name}")


def test_instructor_opens_formgrader_and_releases(hub, browser_page, shots):
    page = browser_page
    hd.log_in(page, hub, hub.settings.instructor)
    listed = page.locator(".jp-DirListing-content .jp-DirListing-itemText").all_inner_texts()
    assert "source" in listed and "nbgrader_config.py" in listed, f"not the course directory: {listed}"
    lab.run_menu(page, "Nbgrader", "nbgrader:open-formgrader")
    page.wait_for_selector('#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current >> text="Formgrader"')
    frame = None
    for _ in range(480):
        frame = next((f for f in page.frames if "/formgrader" in f.url), None)
        if frame is not None:
            break
        page.wait_for_timeout(250)
    assert frame is not None, [f.url for f in page.frames]
    frame.locator("table tbody tr", has_text=MODULE).first.wait_for()
    shots(page, "instructor-formgrader")

    out = hd.instructor(hub.course, hub.exchange, "release", MODULE)
    assert "released" in out, out
    released = hub.exchange / hub.settings.course_id / "outbound" / MODULE / f"{MODULE}.ipynb"
    assert released.exists(), f"nothing in the exchange at {released}"
    assert oct(hub.exchange.stat().st_mode & 0o7777) == oct(0o1777)


def test_a_ta_grades_the_same_course(hub, browser_page, shots):
    """Does a TA's server open on the same course directory, and is the TA no hub admin?"""
    page = browser_page
    (ta,) = hub.settings.tas
    hd.log_in(page, hub, ta)
    listed = page.locator(".jp-DirListing-content .jp-DirListing-itemText").all_inner_texts()
    assert "source" in listed and "gradebook.db" in listed, f"not the course directory: {listed}"
    shots(page, f"{ta}-course-directory")
    answer = page.request.get(f"{hub.url}/hub/api/users")
    assert answer.status in (403, 404), f"a TA listed the hub's users: HTTP {answer.status}"


@pytest.mark.parametrize("learner_index", [0, 1])
def test_learner_fetches_answers_and_submits(hub, browser_page, shots, learner_index):
    name = hub.learner_names[learner_index]
    page = browser_page
    hd.log_in(page, hub, name)
    shots(page, f"{name}-lab")
    panel = hd.assignments_tab(page)
    fetch = hd.row(panel, "released_assignments_list", MODULE).locator("button", has_text="Fetch")
    fetch.wait_for()
    shots(page, f"{name}-assignments-released")
    fetch.click()
    hd.row(panel, "fetched_assignments_list", MODULE).wait_for()
    home = hub.settings.home_of(name)
    assert (home / NOTEBOOK).exists(), f"fetch did not put {NOTEBOOK} in {home}"

    lab.open_notebook(page, NOTEBOOK)
    lab.run_all(page)
    assert act.raw_errors(page) == [], "errors outside unanswered answer cells"
    if learner_index == 0:
        scenario, feedback = act.write_reply_and_self_check(page)
        assert feedback.startswith("Self-check:"), feedback
        ANSWERED[name] = scenario
    else:
        ANSWERED[name] = None  # answers nothing: the stubs stay
    shots(page, f"{name}-answered")
    act.save(page)
    if ANSWERED[name]:
        assert act.reply_for(ANSWERED[name])[:40] in (home / NOTEBOOK).read_text(encoding="utf-8")

    panel = hd.assignments_tab(page)
    submit = hd.row(panel, "fetched_assignments_list", MODULE).locator("button", has_text="Submit")
    submit.click()
    submitted = hd.row(panel, "submitted_assignments_list", MODULE)
    submitted.wait_for()
    shots(page, f"{name}-submitted")
    inbound = hub.exchange / hub.settings.course_id / "inbound"
    mine = [p.name for p in inbound.iterdir() if p.name.startswith(f"{name}+{MODULE}+")]
    assert len(mine) == 1, f"submissions of {name} in the exchange: {mine}"
    SUBMITTED[name] = mine[0]


def test_instructor_collects_autogrades_and_releases_feedback(hub):
    assert len(SUBMITTED) == 2, f"both learners must have submitted first: {SUBMITTED}"
    hd.instructor(hub.course, hub.exchange, "collect", MODULE)
    for name in hub.learner_names:
        assert (hub.course / "submitted" / name / MODULE / f"{MODULE}.ipynb").exists()
    hd.instructor(hub.course, hub.exchange, "autograde", MODULE, "--quiet")
    hd.instructor(hub.course, hub.exchange, "feedback", MODULE, "--release")
    feedback = hub.exchange / hub.settings.course_id / "feedback"
    assert len(list(feedback.glob("*.html"))) == 2, list(feedback.iterdir())


def gradebook_score(hub, name: str) -> tuple[float, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{hub.course / 'gradebook.db'}") as gb:
        sub = gb.find_submission(MODULE, name)
        return sub.score, sub.max_score


@pytest.mark.parametrize("learner_index", [0, 1])
def test_learner_fetches_own_feedback(hub, browser_page, shots, learner_index):
    name = hub.learner_names[learner_index]
    page = browser_page
    hd.log_in(page, hub, name)
    panel = hd.assignments_tab(page)
    button = hd.row(panel, "submitted_assignments_list", MODULE).locator("button", has_text="Fetch Feedback")
    button.click()
    home = hub.settings.home_of(name)
    feedback = home / MODULE / "feedback"
    hd.wait_until(lambda: any(feedback.glob(f"*/{MODULE}.html")), f"{name}'s feedback in {feedback}")
    panel.locator("#submitted_assignments_list button:enabled", has_text="Fetch Feedback").first.wait_for()
    pages = sorted(feedback.glob(f"*/{MODULE}.html"))
    assert len(pages) == 1, f"feedback in {home}: {pages}"
    shots(page, f"{name}-feedback-fetched")

    relative = pages[0].relative_to(home).as_posix()
    page.goto(f"{hub.url}/user/{name}/files/{relative}")
    page.wait_for_selector("text=/Score:/")
    text = page.locator("body").inner_text()
    shots(page, f"{name}-feedback-page")
    score, max_score = gradebook_score(hub, name)
    shown = re.search(r"Score:\s*([\d.]+)\s*/\s*([\d.]+)", text)
    assert shown, f"no score on {name}'s feedback page:\n{text[:500]}"
    assert (float(shown[1]), float(shown[2])) == pytest.approx((score, max_score), abs=0.01)
    if learner_index == 1:
        first = gradebook_score(hub, hub.learner_names[0])[0]
        assert score < first, f"the learner who answered nothing scores {score}, not below {first}"


def test_a_learner_cannot_reach_another_learners_files(hub, browser_page, shots):
    me, other = hub.learner_names
    page = browser_page
    hd.log_in(page, hub, me)
    own = page.request.get(f"{hub.url}/user/{me}/api/contents/{NOTEBOOK}")
    assert own.status == 200, f"{me} cannot read their own notebook ({own.status})"
    for url in (
        f"{hub.url}/user/{other}/api/contents/{NOTEBOOK}",
        f"{hub.url}/user/{other}/files/{NOTEBOOK}",
        f"{hub.url}/hub/api/users/{other}",
    ):
        answer = page.request.get(url)
        assert answer.status in (403, 404), f"{me} asked for {url}: HTTP {answer.status}"
    page.goto(f"{hub.url}/user/{other}/lab/tree/{NOTEBOOK}")
    page.wait_for_load_state()
    body = page.locator("body").inner_text()
    assert re.search(r"\b(403|404)\b", body), f"{me} opened {other}'s lab:\n{body[:300]}"
    assert "Forbidden" in body or "not" in body.lower()
    shots(page, f"{me}-refused-{other}")

    if hub.settings.separate_users:
        other_home = hub.settings.home_of(other)
        assert oct(other_home.stat().st_mode & 0o777) == oct(0o700)
        runuser = shutil.which("runuser") or "/usr/sbin/runuser"
        read = subprocess.run(
            [runuser, "-u", me, "--", "cat", str(other_home / NOTEBOOK)], capture_output=True
        )
        assert read.returncode != 0 and b"Permission denied" in read.stderr, read
        course = subprocess.run([runuser, "-u", me, "--", "ls", str(hub.course)], capture_output=True)
        assert course.returncode != 0, "a learner can list the course directory"


def test_ctrl_c_stops_the_hub_and_every_server(hub):
    import pwd

    uids = [pwd.getpwnam(n).pw_uid for n in hub.learner_names] if hub.settings.separate_users else []
    family = hub.processes()
    assert len(family) > 3, "the hub, the proxy and the user servers should be running"
    code = hub.stop()
    assert code == 0, f"the launcher exited with {code}:\n{hub.log()[-2000:]}"
    assert hd.alive(family) == [], f"left running after Ctrl-C: {hd.alive(family)}"
    for uid in uids:
        assert hd.processes_of(uid) == [], f"processes of uid {uid} left running"
    assert "Hub stopped." in hub.log()
