"""A new learner's first session, end to end, in JupyterLab in headless Chromium.

The tests of this file run in order on one JupyterLab server and one learner workspace
(made by ``course.workspace.prepare`` from ``release/``, as ``make lab`` makes it), each in a
fresh browser profile: open the lab, do the welcome module, module 01, the role-play of
module 05, then look at the progress view. Screenshots: ``artifacts/browser/learner/``.
"""

from __future__ import annotations

import json

import journey as act
import labdriver as lab
import pytest

pytestmark = pytest.mark.browser

#: What the learner did, for the progress step: {module: "what"}.
TOUCHED: dict[str, str] = {}


@pytest.fixture(scope="module")
def shots():
    return lab.Screenshots("learner")


def open_lab(page, server) -> None:
    """Open JupyterLab; ``reset`` starts from the default layout, not the last step's open tabs."""
    page.goto(server.url("lab?reset"))
    lab.wait_lab_ready(page)


def test_lab_opens_on_the_workspace_without_popups(lab_server, browser_page, shots):
    page = browser_page
    open_lab(page, lab_server)
    listed = page.locator(".jp-DirListing-content .jp-DirListing-itemText").all_inner_texts()
    for module in lab.released_modules():
        assert module in listed, f"{module} is not in the file browser ({listed})"
    assert "progress.ipynb" in listed
    shots(page, "lab-opened")
    # open a notebook: no kernel picker (the notebooks carry a kernelspec), and by then
    # any news or update prompt would have popped up
    lab.open_notebook(page, "progress.ipynb")
    page.wait_for_timeout(1000)
    assert lab.popups(page) == [], f"pop-ups on a fresh start: {lab.popups(page)}"
    assert page.locator(".jp-Notebook-ExecutionIndicator").count()
    shots(page, "no-popups")


def test_welcome_module(lab_server, browser_page, shots):
    notebook = act.require_modules("00-")["00-"]
    page = browser_page
    open_lab(page, lab_server)
    lab.open_notebook(page, notebook)
    shots(page, "welcome-opened")
    assert lab.popups(page) == []

    seconds = lab.run_all(page)
    print(f"welcome: run all took {seconds:.1f} s")
    shots(page, "welcome-run-all")
    assert act.raw_errors(page) == [], "raw errors outside unanswered answer cells"

    quiz = lab.active_notebook(page).locator(".course-quiz").first
    lab.show(page, quiz)
    verdicts = act.answer_quiz(page, quiz)
    assert verdicts and verdicts[-1].startswith("Right."), verdicts
    assert all(v.startswith(("Right.", "Not quite.")) and len(v) > 20 for v in verdicts), verdicts
    shots(page, "welcome-quiz-feedback")

    scenario, feedback = act.write_reply_and_self_check(page, shot=shots)
    assert feedback.startswith("Self-check:"), feedback
    assert "✔" in feedback or "✘" in feedback, feedback
    shots(page, "welcome-self-check")
    act.save(page)
    saved = (lab_server.root_dir / notebook).read_text(encoding="utf-8")
    assert act.reply_for(scenario)[:40] in saved, "the typed reply is not in the saved notebook"
    TOUCHED[notebook.split("/")[0]] = f"self-check of {scenario}"


def test_module_01(lab_server, browser_page, shots):
    notebook = act.require_modules("01-")["01-"]
    page = browser_page
    open_lab(page, lab_server)
    lab.open_notebook(page, notebook)
    assert lab.popups(page) == []
    seconds = lab.run_all(page)
    print(f"module 01: run all took {seconds:.1f} s")
    shots(page, "module01-run-all")
    assert act.raw_errors(page) == [], "raw errors outside unanswered answer cells"

    quizzes = lab.active_notebook(page).locator(".course-quiz")
    assert quizzes.count() >= 1, "module 01 shows no quiz after Run All"
    quiz = quizzes.first
    lab.show(page, quiz)
    verdicts = act.answer_quiz(page, quiz)
    assert verdicts[-1].startswith("Right."), verdicts
    shots(page, "module01-quiz-feedback")

    scenario, feedback = act.write_reply_and_self_check(page)
    assert feedback.startswith("Self-check:"), feedback
    assert "✔" in feedback or "✘" in feedback, feedback
    shots(page, "module01-self-check")
    act.save(page)
    saved = (lab_server.root_dir / notebook).read_text(encoding="utf-8")
    assert act.reply_for(scenario)[:40] in saved, "the typed reply is not in the saved notebook"
    TOUCHED[notebook.split("/")[0]] = f"self-check of {scenario}"


def test_roleplay_in_module_05(lab_server, browser_page, shots):
    notebook = act.require_modules("05-")["05-"]
    page = browser_page
    open_lab(page, lab_server)
    lab.open_notebook(page, notebook)
    lab.run_all(page)
    assert act.raw_errors(page) == [], "raw errors outside unanswered answer cells"
    roleplay = lab.active_notebook(page).locator(".course-roleplay").first
    if not roleplay.count():  # not reached by Run All (an unanswered cell above stops it): run its cell
        cell = lab.cell_by_source(page, "RolePlay(")
        lab.run_cell(page, cell)
    roleplay.wait_for(timeout=lab.STEP_TIMEOUT)
    lab.show(page, roleplay)
    shots(page, "roleplay-start")

    transcript = roleplay.locator(".course-roleplay-transcript")
    ending = roleplay.locator(".course-roleplay-ending")
    lines = []
    for _ in range(12):
        if ending.inner_text().strip():
            break
        choice = roleplay.locator(".course-roleplay-choice").first
        lines.append(choice.get_attribute("title") or "")
        before = transcript.inner_text()
        choice.click()
        page.wait_for_function(
            "([el, before]) => el.innerText !== before",
            arg=[transcript.element_handle(), before],
            timeout=lab.SHORT_TIMEOUT,
        )
        if len(lines) == 1:
            shots(page, "roleplay-first-choice")
    outcome = ending.inner_text()
    assert "Outcome" in outcome and "Debrief" in outcome, outcome
    assert lines and all(line in outcome for line in lines if line), (lines, outcome)
    lab.show(page, roleplay)
    shots(page, "roleplay-ending")
    TOUCHED.setdefault(notebook.split("/")[0], "role-play")


def test_progress_view_shows_the_modules_touched(lab_server, browser_page, shots):
    if not TOUCHED:
        pytest.skip("no module was worked on in this session (the earlier journey steps did not run)")
    page = browser_page
    open_lab(page, lab_server)
    lab.open_notebook(page, "progress.ipynb")
    lab.run_all(page)
    table = lab.active_notebook(page).locator("table.course-progress")
    table.wait_for(timeout=lab.STEP_TIMEOUT)
    lab.show(page, table)
    shots(page, "progress")
    rows = {
        row.locator("td").first.inner_text().strip(): row.locator("td").all_inner_texts()
        for row in table.locator("tbody tr").all()
    }
    recorded = json.loads((lab_server.root_dir / ".course-progress.json").read_text())
    for module, what in TOUCHED.items():
        assert module in rows, f"{module} missing from the progress view: {sorted(rows)}"
        if what.startswith("self-check"):
            assert module in recorded, f"no self-check recorded for {module}: {recorded}"
            answered, checks = rows[module][2], rows[module][3]
            assert not answered.startswith("0 of"), f"{module}: typed reply not counted ({answered})"
            assert "check" in checks, f"{module}: self-check not shown ({checks})"
