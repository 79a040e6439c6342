"""The instructor's grading session: nbgrader's formgrader inside JupyterLab, in headless Chromium.

A demo class (``python -m course demo``: generate, release, learners submit, collect,
autograde, feedback) is built in a temporary course directory; JupyterLab runs there as
``make instructor`` runs it. The instructor opens Nbgrader > Formgrader, sees the
course's assignments, opens an autograded submission and grades its manually graded
reflection (points and a comment), which must reach the gradebook. Screenshots:
``artifacts/browser/instructor/``.
"""

from __future__ import annotations

import re
import subprocess

import labdriver as lab
import pytest

pytestmark = pytest.mark.browser

LEARNERS = 3
REFLECTION_POINTS = 1.5
COMMENT = "Thoughtful reflection: you name what the customer felt. Next time, say what you would change."


def manual_cells(course) -> list[tuple[str, str, str]]:
    """``(assignment, notebook, grade_id)`` of every manually graded answer in the demo's sources."""
    import nbformat

    found = []
    for path in sorted((course / "source").glob("*/*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("solution") and meta.get("grade") and cell.cell_type == "markdown":
                found.append((path.parent.name, path.stem, meta["grade_id"]))
    return found


@pytest.fixture(scope="module")
def demo_course(tmp_path_factory):
    """A demo class, autograded, in a temporary course directory (never the repository's demo/)."""
    pytest.importorskip("course.instructor.demo", reason="the instructor tool is not there yet")
    base = tmp_path_factory.mktemp("instructor")
    course = base / "demo"
    env = lab.LabServer(course, base / "state").env()
    command = ["-m", "course", "demo", "--dir", str(course), "--learners", str(LEARNERS), "--workers", "2"]
    proc = subprocess.run(
        [str(lab.VENV_BIN / "python"), *command],
        cwd=base,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    log = lab.ARTIFACTS / "logs"
    log.mkdir(parents=True, exist_ok=True)
    (log / "instructor-demo.log").write_text(proc.stdout + proc.stderr)
    output = f"{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    assert proc.returncode == 0, f"python -m course demo failed:\n{output}"
    assert list((course / "autograded").glob("*/*/*.ipynb")), "the demo autograded nothing"
    return course


@pytest.fixture(scope="module")
def instructor_lab(demo_course, tmp_path_factory):
    lab.check_lab_settings()
    server = lab.LabServer(demo_course, tmp_path_factory.mktemp("instructor-lab"), cwd=demo_course)
    with server:
        yield server


def formgrader_frame(page):
    """The formgrader's frame, once its page has loaded inside the JupyterLab tab."""
    page.wait_for_selector("#jp-main-dock-panel iframe")
    for _ in range(240):
        frame = next((f for f in page.frames if "/formgrader" in f.url), None)
        if frame is not None:
            frame.wait_for_load_state()
            return frame
        page.wait_for_timeout(250)
    raise AssertionError(f"no formgrader frame: {[f.url for f in page.frames]}")


def test_formgrader_grades_a_demo_submission(instructor_lab, browser_page, demo_course):
    shots = lab.Screenshots("instructor")
    page = browser_page
    page.goto(instructor_lab.url("lab?reset"))
    lab.wait_lab_ready(page)
    shots(page, "lab-opened")

    # Nbgrader > Formgrader opens the formgrader in a JupyterLab tab
    lab.run_menu(page, "Nbgrader", "nbgrader:open-formgrader")
    page.wait_for_selector('#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current >> text="Formgrader"')
    frame = formgrader_frame(page)
    assignments = sorted(p.name for p in (demo_course / "source").iterdir() if p.is_dir())
    for name in assignments:
        frame.locator("table tbody tr", has_text=name).first.wait_for()
    assert lab.popups(page) == [], lab.popups(page)
    shots(page, "formgrader-assignments")

    # Manual Grading > assignment > notebook > submissions
    manual = manual_cells(demo_course)
    assert manual, "the demo course has no manually graded reflection"
    assignment, notebook, grade_id = manual[0]
    frame.locator("a", has_text="Manual Grading").first.click()
    frame.locator(f'a[href$="/formgrader/gradebook/{assignment}"]').first.click()
    frame.locator(f'a[href$="/formgrader/gradebook/{assignment}/{notebook}"]').first.click()
    frame.locator('a[href*="/formgrader/submissions/"]').first.wait_for()
    shots(page, "formgrader-submissions")
    frame.locator('a[href*="/formgrader/submissions/"]').first.click()

    # the submission: autograded scores are shown, the reflection waits for a grade
    frame = formgrader_frame(page)
    score = frame.locator(f'input.score[id="{grade_id}"]')
    score.wait_for()
    submission_id = re.search(r"/formgrader/submissions/([^/?#]+)", frame.url).group(1)
    autograded = frame.locator("input.score[placeholder]")
    placeholders = [p for p in autograded.evaluate_all("els => els.map(e => e.placeholder)") if p]
    assert placeholders, "no autograded score shown on the submission page"
    shots(page, "submission-autograded")

    score.scroll_into_view_if_needed()
    score.fill(str(REFLECTION_POINTS))
    score.press("Tab")
    comment = frame.locator(f'textarea[id="{grade_id}-comment"]')
    comment.fill(COMMENT)
    comment.evaluate("el => { el.blur(); $(el).trigger('change'); }")
    frame.wait_for_load_state("networkidle")
    shots(page, "reflection-graded")

    # saved: in the gradebook, and shown again after a reload
    from nbgrader.api import Gradebook

    deadline = 60
    for _ in range(deadline * 4):
        with Gradebook(f"sqlite:///{demo_course / 'gradebook.db'}") as gb:
            sub = gb.find_submission_notebook_by_id(submission_id)
            grade = next(g for g in sub.grades if g.name == grade_id)
            saved_comment = next(c for c in sub.comments if c.name == grade_id).manual_comment
            saved = (grade.manual_score, saved_comment)
        if saved == (REFLECTION_POINTS, COMMENT):
            break
        page.wait_for_timeout(250)
    assert saved == (REFLECTION_POINTS, COMMENT), f"gradebook has {saved}"
    frame.goto(frame.url)
    # formgrader fills the score and the comment separately after the page loads: wait for both
    frame.wait_for_function(
        "id => [id, id + '-comment'].every(i => { const el = document.getElementById(i); "
        "return el && el.value !== ''; })",
        arg=grade_id,
    )
    assert float(frame.locator(f'input.score[id="{grade_id}"]').input_value()) == REFLECTION_POINTS
    assert frame.locator(f'textarea[id="{grade_id}-comment"]').input_value() == COMMENT
    frame.locator(f'textarea[id="{grade_id}-comment"]').scroll_into_view_if_needed()
    shots(page, "reflection-saved")
