"""Red team: tampered metadata, forged outputs and reaching for the answers, through real grading.

Each learner below submits a real notebook made from the released fixture assignment
(tests/fixtures/redteam) with weak or wrong answers plus one trick that, were it to
work, would earn more: nbgrader flags flipped on test cells (made answers, unlocked,
their source replaced and the checksum recomputed), test cells deleted, duplicated or
their grade ids swapped, forged outputs claiming points, answers found in the memory of
the process that checks them, 10,000 added cells, HTML written for the feedback pages,
and cells that flood the grader with output. The class is graded by one stock
``nbgrader autograde`` run (the course's configuration), then ``python -m course
feedback``; each learner must earn exactly what its real answers earn, out of the real total.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
import redteamkit as kit
from nbgrader.utils import compute_checksum

import harness

ASSIGNMENT, FIXTURE, CONFIG = kit.ASSIGNMENT, kit.FIXTURE, kit.CONFIG
NAME = f"{ASSIGNMENT}.ipynb"
WEAK = {"reply-tom": kit.reply_cell(kit.WEAK_REPLY), "count-words": kit.ALWAYS_ZERO}
HONEST = {"reply-tom": kit.reply_cell(kit.GOOD_REPLY), "count-words": kit.CORRECT}
MANY_CELLS = 10_000
SCRIPT = "<script>document.title='pwned'</script>"

# count_words looks for each input's expected answer in everything the process checking it can
# reach: every object the garbage collector tracks (lists, dicts, tuples inside them, strings
# holding a test cell's source), every thread's frames and their locals, the process's command
# line, environment and open descriptors, and the files around it. The visible cases live in a
# locked cell that runs before it, so finding them shows the search works (they are looked for
# first, in the notebook's own names); the hidden ones must be nowhere.
MEMORY_SCAN = """
import ast, gc, os, re, sys

def _pairs(obj, found, depth=0):
    if depth > 3:
        return
    if isinstance(obj, (list, tuple)):
        if len(obj) == 2 and isinstance(obj[0], str) and type(obj[1]) is int:
            found.setdefault(obj[0], obj[1])
        for item in obj[:200]:
            _pairs(item, found, depth + 1)
    elif isinstance(obj, dict):
        for item in list(obj.values())[:200]:
            _pairs(item, found, depth + 1)
    elif isinstance(obj, str) and "grade_cases(" in obj:
        for match in re.finditer(r"grade_cases\\(\\w+,\\s*(\\[.*?\\])\\s*,", obj, re.S):
            try:
                _pairs(ast.literal_eval(match.group(1)), found, depth + 1)
            except (ValueError, SyntaxError):
                pass

def _texts():
    for name in ["/proc/self/cmdline", "/proc/self/environ"]:
        try:
            yield open(name, "rb").read().decode("latin-1")
        except OSError:
            pass
    for fd in os.listdir("/proc/self/fd"):
        try:
            yield os.pread(int(fd), 1_000_000, 0).decode("latin-1")
        except (OSError, ValueError):
            pass
    for top in [os.getcwd(), os.path.expanduser("~"), "/tmp", "/submission"]:
        for folder, _, names in os.walk(top):
            for name in names[:50]:
                try:
                    yield open(os.path.join(folder, name), "rb").read(1_000_000).decode("latin-1")
                except OSError:
                    pass

def count_words(text):
    found = {}
    _pairs(list(globals().values()), found)  # first: the visible cases, not a stray pair elsewhere
    for obj in gc.get_objects():
        _pairs(obj, found)
    for frame in sys._current_frames().values():
        while frame is not None:
            _pairs(list(frame.f_locals.values()), found)
            frame = frame.f_back
    for blob in _texts():
        _pairs(blob, found)
    return found.get(text, -1)
"""

WRITES_HTML = (
    "import os\n"
    "for path in ['redteam.html', 'feedback.html', 'index.html', '../feedback/redteam.html',\n"
    "             '../../../feedback/writes-html/redteam/redteam.html', '/submission/evil.html']:\n"
    "    try:\n"
    f"        with open(path, 'w') as out:\n            out.write({SCRIPT!r})\n"
    "    except OSError as exc:\n"
    "        print('blocked', exc)\n"
)


def _copy(nb):
    return nbformat.from_dict(json.loads(json.dumps(nb)))


def _cell(nb, grade_id: str):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def _notebooks(release) -> dict[str, nbformat.NotebookNode]:
    """Each attacker's notebook (weak answers plus one trick)."""
    weak = harness.fill_answers(release, WEAK)
    out = {"weak": _copy(weak), "blank": _copy(release)}

    nb = _copy(weak)  # a test cell made an answer cell: its source would be the learner's to keep
    cell = _cell(nb, "count-words-hidden")
    cell.metadata.nbgrader.update(solution=True, locked=False)
    cell.source = "2.0"
    out["test-cell-made-answer"] = nb

    nb = _copy(weak)  # unlocked, replaced, and the checksum made to match the new source
    for grade_id in ("count-words-hidden", "count-words-visible", "reply-tom-rubric"):
        cell = _cell(nb, grade_id)
        cell.source = f"{cell.metadata.nbgrader['points']}.0"
        cell.metadata.nbgrader["locked"] = False
        cell.metadata.nbgrader["checksum"] = compute_checksum(cell)
    out["test-cells-rewritten-with-checksums"] = nb

    nb = _copy(weak)  # every grade cell's points raised, the manually graded one included
    for cell in nb.cells:
        if "points" in cell.metadata.get("nbgrader", {}):
            cell.metadata.nbgrader["points"] *= 100
            cell.metadata.nbgrader["checksum"] = "0" * 32
    out["points-raised-everywhere"] = nb

    nb = _copy(weak)  # the locked intro's grade id on a forged code cell worth 50 points
    forged = nbformat.v4.new_code_cell("50.0")
    forged.metadata["nbgrader"] = dict(_cell(nb, "intro").metadata.nbgrader, grade=True, points=50)
    nb.cells.append(forged)
    out["forged-cell-with-locked-id"] = nb

    nb = _copy(weak)  # the hidden test cell twice more, each rewritten to return its points
    for _ in range(2):
        twin = _copy(_cell(nb, "count-words-hidden"))
        twin.source = "2.0"
        twin.pop("id", None)
        nb.cells.append(twin)
    out["duplicated-rewritten-test-cell"] = nb

    nb = _copy(weak)  # every grade cell deleted
    nb.cells = [c for c in nb.cells if not c.metadata.get("nbgrader", {}).get("grade")]
    out["deleted-every-grade-cell"] = nb

    nb = _copy(weak)  # the visible and hidden test cells' ids (and points) swapped
    visible, hidden = _cell(nb, "count-words-visible"), _cell(nb, "count-words-hidden")
    visible.metadata.nbgrader, hidden.metadata.nbgrader = hidden.metadata.nbgrader, visible.metadata.nbgrader
    out["swapped-test-ids"] = nb

    nb = _copy(weak)  # an answer cell turned into a locked, graded test cell worth 10 points
    cell = _cell(nb, "count-words")
    cell.source += "\n10.0"
    cell.metadata.nbgrader.update(grade=True, solution=False, locked=True, points=10)
    out["answer-made-test-cell"] = nb

    nb = _copy(weak)  # outputs stored in the file: passes, points, a clean run, scores in metadata
    claims = [
        nbformat.v4.new_output("stream", name="stdout", text="All tests passed. Score: 4.0 / 4.0\n"),
        nbformat.v4.new_output("display_data", {"text/plain": "4.0", "text/html": "<b>4 / 4 points</b>"}),
        nbformat.v4.new_output("execute_result", {"text/plain": "4.0"}, execution_count=1),
    ]
    for number, cell in enumerate(nb.cells):
        cell.metadata["score"] = 4.0
        if cell.cell_type == "code":
            cell.execution_count = number + 1
            cell.outputs = _copy({"o": claims})["o"]
    nb.metadata["nbgrader"] = {"score": 100, "max_score": 7, "needs_manual_grade": False}
    out["forged-outputs"] = nb

    flood = (
        "import os, sys\n"
        "def count_words(text):\n"
        "    frame = sys._getframe()\n"
        "    while frame is not None and 'job' not in frame.f_locals:\n"
        "        frame = frame.f_back\n"
        "    if frame is not None:  # the recompute child: its results pipe, one endless line\n"
        "        for _ in range(100):\n"
        "            os.write(frame.f_locals['job']['result_fd'], b'x' * 1024**2)\n"
        "    return len(text.split())\n"
    )
    out["flood-results-pipe"] = harness.fill_answers(release, {**HONEST, "count-words": flood})
    out["answers-from-memory"] = harness.fill_answers(release, {**WEAK, "count-words": MEMORY_SCAN})

    nb = harness.fill_answers(release, HONEST)
    nb.cells += [nbformat.v4.new_code_cell(f"x = {i}") for i in range(MANY_CELLS)]
    out["ten-thousand-cells"] = nb

    out["writes-html"] = harness.fill_answers(release, {**WEAK, "reply-tom": WRITES_HTML + WEAK["reply-tom"]})
    for student, cells in ADDED_CELLS.items():
        nb = harness.fill_answers(release, HONEST)
        nb.cells += [nbformat.v4.new_code_cell(source) for source in cells]
        out[student] = nb
    return out


# Cells added after honest answers. The floods make the grader keep far more than a notebook
# should hold (about 60 MB each, every cell under the 1,000,000-character cell limit or
# outside what it counted): one long line per cell, huge error messages, updates of earlier
# displays through their display id, and widget state sent in comm messages.
ADDED_CELLS = {
    "flood-long-lines": [f"print('x' * 900_000, end='')  # {i}" for i in range(64)],
    "flood-error-messages": ["raise ValueError('x' * 6_000_000)" for _ in range(6)],
    "flood-display-updates": [
        "from IPython.display import display, update_display\n"
        "for i in range(60):\n    display({'text/plain': 'small'}, raw=True, display_id=f'd{i}')\n",
        "for i in range(60):\n"
        "    update_display({'text/plain': 'x' * 1_000_000}, raw=True, display_id=f'd{i}')\n",
    ],
    # not a flood: messages in shapes nbclient and nbgrader cannot use (each failed the whole notebook)
    "malformed-messages": [
        "from comm import create_comm\n"
        "ODD = create_comm(target_name='jupyter.widget', data={'state': {'value': 1}, 'buffer_paths': []})\n",
        "pub = get_ipython().display_pub\n"
        "for kind, content in [('stream', {'name': 'stdout', 'text': 5}),\n"
        "                      ('display_data', {'data': {'text/plain': 'x'}, 'metadata': {},\n"
        "                                        'transient': [1]}),\n"
        "                      ('display_data', {'data': {'text/plain': 7}, 'metadata': {}}),\n"
        "                      ('execute_result', {'data': 'x', 'metadata': {}, 'execution_count': 1})]:\n"
        "    pub.session.send(pub.pub_socket, kind, content, parent=pub.parent_header)\n",
    ],
    "flood-widget-state": [
        "from comm import create_comm\n"
        "KEEP = [create_comm(target_name='jupyter.widget', data={'state': {'value': 'x' * 1_000_000},\n"
        "                    'buffer_paths': []}) for _ in range(60)]\n"
    ],
}


# what each learner's real answers earn (the reply's rubric points are added from its text)
EARNS = {"visible": 0.5, "hidden": 0.0}
EXPECTED = {
    "blank": {"visible": 0.0, "hidden": 0.0},
    "answers-from-memory": {"visible": 1.0, "hidden": 0.0},
    "ten-thousand-cells": {"visible": 1.0, "hidden": 2.0},
    "flood-results-pipe": {"visible": 0.0, "hidden": 0.0},  # every case's child flooded, and was stopped
    **{student: {"visible": 1.0, "hidden": 2.0} for student in ADDED_CELLS},
}


def _reply(student: str) -> float:
    if student == "blank":
        return 0.0
    honest = student in ("ten-thousand-cells", "flood-results-pipe") or student in ADDED_CELLS
    return kit.rubric(kit.GOOD_REPLY if honest else kit.WEAK_REPLY)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = harness.scratch_course(
        tmp_path_factory.mktemp("tampered") / "course", [ASSIGNMENT], FIXTURE, CONFIG
    )
    harness.nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    (release,) = harness.release_notebooks(course, ASSIGNMENT).values()
    notebooks = _notebooks(release)
    for student, nb in notebooks.items():
        folder = harness.submit(course, ASSIGNMENT, student, {NAME: nb})
        if student == "writes-html":  # shipped in the submission too, beside the notebook
            (folder / "redteam.html").write_text(SCRIPT)
            (folder / "evil.html").write_text(SCRIPT)
    before = {"submitted": kit.digest(course / "submitted"), "source": kit.digest(course / "source")}
    proc = harness.nbgrader(course, "autograde", ASSIGNMENT, "--force", "--create", check=False)
    feedback = _course(course, "feedback", ASSIGNMENT)
    return {
        "course": course,
        "proc": proc,
        "feedback": feedback,
        "before": before,
        "students": sorted(notebooks),
        "grades": {s: _grades_or_none(course, s) for s in notebooks},
    }


def _course(course: Path, *args: str):
    import os
    import subprocess
    import sys

    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    return subprocess.run(
        [sys.executable, "-m", "course", *args],
        cwd=course,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )


def _grades_or_none(course: Path, student: str):
    try:
        return harness.grades(course, ASSIGNMENT, student)
    except Exception:  # no submission row: not graded
        return None


def _points(cells: dict) -> dict[str, float]:
    return {
        "reply": cells["reply-tom-rubric"][0],
        "visible": cells["count-words-visible"][0],
        "hidden": cells["count-words-hidden"][0],
    }


def _student_ids() -> list[str]:
    return [
        "answer-made-test-cell",
        "answers-from-memory",
        "blank",
        "deleted-every-grade-cell",
        "duplicated-rewritten-test-cell",
        "forged-cell-with-locked-id",
        "flood-results-pipe",
        "forged-outputs",
        "points-raised-everywhere",
        "swapped-test-ids",
        "ten-thousand-cells",
        "test-cell-made-answer",
        "test-cells-rewritten-with-checksums",
        "writes-html",
        *ADDED_CELLS,
    ]


@pytest.mark.slow
@pytest.mark.parametrize("student", _student_ids())
def test_trick_earns_only_what_the_real_answers_earn(graded, student):
    """Does each tampered notebook earn exactly its real answers' points, out of the real grade cells
    and the real total?"""
    cells = graded["grades"][student]
    assert cells is not None, f"{student} was not graded:\n{graded['proc'].stdout[-3000:]}"
    expected = {"reply": _reply(student), **EXPECTED.get(student, EARNS)}
    assert _points(cells) == pytest.approx(expected, abs=0.011), student
    real = graded["grades"]["weak"]
    assert {k: v[1] for k, v in cells.items()} == {k: v[1] for k, v in real.items()}, student
    # the untouched reflection scores as the weak one's, or (put back after deletion) awaits a person
    assert cells["reflection"][0] in (real["reflection"][0], None), student


@pytest.mark.slow
def test_every_tampered_notebook_was_graded(graded):
    """Did grading finish for every learner, the 10,000-cell notebook included?"""
    assert set(graded["students"]) == set(_student_ids()) | {"weak"}
    missing = [s for s in graded["students"] if graded["grades"][s] is None]
    assert not missing, graded["proc"].stdout[-3000:] + graded["proc"].stderr[-3000:]


@pytest.mark.slow
@pytest.mark.parametrize("student", sorted(set(ADDED_CELLS) - {"malformed-messages"}))
def test_a_flood_of_output_stays_within_the_notebook_budget(graded, student):
    """Does a notebook whose cells send about 60 MB of output (long lines, error messages, display
    updates, widget state) leave a graded notebook of a few MB, saying what was cut?"""
    path = graded["course"] / "autograded" / student / ASSIGNMENT / NAME
    assert path.stat().st_size < 12 * 1024**2, path.stat().st_size
    if student != "flood-error-messages":
        assert "[output cut:" in path.read_text(encoding="utf-8")


@pytest.mark.slow
def test_an_endless_line_on_the_results_pipe_stops_at_its_limit(graded):
    """Is the recompute child that writes 100 MB on its results pipe stopped at the limit, saying so?"""
    path = graded["course"] / "autograded" / "flood-results-pipe" / ASSIGNMENT / NAME
    assert "sent more than 64 MB of results" in path.read_text(encoding="utf-8")


@pytest.mark.slow
def test_forged_outputs_are_gone_from_the_graded_notebook(graded):
    """Are the stored outputs that claimed points replaced by the grader's own?"""
    path = graded["course"] / "autograded" / "forged-outputs" / ASSIGNMENT / NAME
    shown = json.dumps([c.get("outputs", []) for c in nbformat.read(path, as_version=4).cells])
    assert "All tests passed" not in shown and "4 / 4 points" not in shown


@pytest.mark.slow
def test_learner_html_never_reaches_autograded_or_feedback(graded):
    """Does no HTML the learner wrote (while graded, or shipped beside the notebook) end up in the
    feedback pages, and nothing written while graded in autograded/?"""
    course = graded["course"]
    assert graded["feedback"].returncode == 0, graded["feedback"].stdout[-2000:] + graded["feedback"].stderr
    graded_files = {p.name for p in (course / "autograded" / "writes-html" / ASSIGNMENT).iterdir()}
    assert "feedback.html" not in graded_files and "index.html" not in graded_files, graded_files
    feedback = course / "feedback" / "writes-html"
    pages = list(feedback.rglob("*.html")) + list((course / "feedback").glob("*.html"))
    assert pages, "no feedback was made"
    for page in pages:
        assert SCRIPT not in page.read_text(errors="replace"), page


@pytest.mark.slow
def test_submitted_and_source_are_unchanged(graded):
    """Is every file under submitted/ and source/ byte-for-byte the same after grading?"""
    course = graded["course"]
    assert kit.digest(course / "submitted") == graded["before"]["submitted"]
    assert kit.digest(course / "source") == graded["before"]["source"]
