"""Red team: hostile and broken submissions through the real `nbgrader autograde`.

Every submission below is a real notebook made from the released fixture
assignment (tests/fixtures/redteam) plus one attack or one kind of bad input.
The whole class is graded in one stock `nbgrader autograde` run with this
course's configuration (limited grading kernel, grades recomputed outside the
kernel), and each test asserts the exact points that submission earns: what its
honest part deserves and not a point more.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from redteamkit import (
    ALWAYS_ZERO,
    ASSIGNMENT,
    CONFIG,
    CORRECT,
    FIXTURE,
    GOOD_REPLY,
    WEAK_REPLY,
    counter,
    digest,
    reply_cell,
    rubric,
)

import harness

# student id -> (answers by grade id, expected points by grade id)
ATTACKS: dict[str, tuple[dict[str, str], dict[str, float]]] = {
    "honest": ({"reply-tom": reply_cell(GOOD_REPLY), "count-words": CORRECT}, {"visible": 1, "hidden": 2}),
    "monkeypatch-grader": (
        {
            "reply-tom": reply_cell(
                WEAK_REPLY,
                "import autograder.nbgrade as g\n"
                "g.grade_reply = lambda *a, **k: 4.0\n"
                "g.grade_cases = lambda *a, **k: 2.0\n"
                "g.earned_points = lambda *a, **k: 4.0\n"
                "g.score_points = lambda *a, **k: (None, 4.0)\n"
                "import autograder.rubric.scoring as r\n"
                "r.score_reply = lambda *a, **k: None\n",
            ),
            "count-words": ALWAYS_ZERO,
        },
        {"visible": 0.5, "hidden": 0},
    ),
    "replace-sys-modules": (
        {
            "reply-tom": reply_cell(
                WEAK_REPLY,
                "import sys, types\n"
                "fake = types.SimpleNamespace(\n"
                "    grade_reply=lambda *a, **k: 4.0, grade_cases=lambda *a, **k: 2.0\n"
                ")\n"
                "sys.modules['autograder.nbgrade'] = fake\n"
                "sys.modules['autograder'] = fake\n",
            ),
            "count-words": ALWAYS_ZERO,
        },
        {"visible": 0.5, "hidden": 0},
    ),
    "patch-builtins": (
        {
            "reply-tom": reply_cell(
                WEAK_REPLY,
                "import builtins\n"
                "builtins.round = lambda *a, **k: 4.0\n"
                "builtins.float = lambda *a: 4.0\n"
                "builtins.sum = lambda *a, **k: 99\n"
                "builtins.min = lambda *a, **k: 4.0\n"
                "builtins.print = lambda *a, **k: None\n",
            ),
            "count-words": ALWAYS_ZERO,
        },
        {"visible": 0.5, "hidden": 0},
    ),
    "shadow-test-names": (
        {
            "reply-tom": reply_cell(
                WEAK_REPLY,
                "def grade_reply(*a, **k):\n    return 4.0\n"
                "def grade_cases(*a, **k):\n    return 2.0\n"
                "VISIBLE_CASES = [('anything', 0)]\n",
            ),
            "count-words": ALWAYS_ZERO,
        },
        {"visible": 0.5, "hidden": 0},
    ),
    "always-equal-object": (
        {
            "reply-tom": reply_cell(WEAK_REPLY),
            "count-words": "class Anything(int):\n    def __eq__(self, other):\n        return True\n"
            "    __hash__ = int.__hash__\n" + counter("return Anything(7)"),
        },
        {"visible": 0, "hidden": 0},
    ),
    "fake-displayed-numbers": (
        {
            "reply-tom": reply_cell(
                WEAK_REPLY,
                "ip = get_ipython()\n"
                "plain = ip.display_formatter.formatters['text/plain']\n"
                "plain.for_type(float, lambda o, p, cycle: p.text('4.0'))\n"
                "print(4.0)\n",
            ),
            "count-words": ALWAYS_ZERO,
        },
        {"visible": 0.5, "hidden": 0},
    ),
    "raise-special-exception": (
        {
            "reply-tom": reply_cell(
                WEAK_REPLY,
                "class Points(Exception):\n    def __str__(self):\n        return '4.0'\n"
                "import autograder.nbgrade as g\n"
                "def boom(*a, **k):\n    raise Points()\n"
                "g.grade_reply = boom\n",
            ),
            "count-words": ALWAYS_ZERO,
        },
        {"visible": 0.5, "hidden": 0},
    ),
    "hide-tracebacks": (
        {
            "reply-tom": reply_cell(WEAK_REPLY, "get_ipython().showtraceback = lambda *a, **k: None\n"),
            "count-words": counter("raise ValueError('nope')"),
        },
        {"visible": 0, "hidden": 0},
    ),
    "write-files": (
        {
            "reply-tom": reply_cell(
                GOOD_REPLY,
                "import glob, os\n"
                "course = os.path.abspath(os.path.join(os.getcwd(), '..', '..', '..'))\n"
                "targets = ['gradebook.db', 'nbgrader_config.py', 'exchange/planted.txt', 'planted.txt']\n"
                "targets = [os.path.join(course, t) for t in targets]\n"
                "try:\n"
                "    targets += glob.glob(os.path.join(course, 'submitted', '*', 'redteam', '*.ipynb'))\n"
                "except OSError as exc:\n"
                "    print('blocked:', exc)\n"
                "for path in targets:\n"
                "    try:\n"
                "        with open(path, 'a') as handle:\n"
                "            handle.write('tampered')\n"
                "    except OSError as exc:\n"
                "        print('blocked:', exc)\n",
            ),
            "count-words": CORRECT,
        },
        {"visible": 1, "hidden": 2},
    ),
    "read-solutions": (
        {
            "reply-tom": reply_cell(WEAK_REPLY),
            "count-words": ALWAYS_ZERO + "import json, os, sqlite3\n"
            "course = os.path.abspath(os.path.join(os.getcwd(), '..', '..', '..'))\n"
            "try:\n"
            "    with open(os.path.join(course, 'source', 'redteam', 'redteam.ipynb')) as handle:\n"
            "        cells = [''.join(c['source']) for c in json.load(handle)['cells']]\n"
            "    exec(next(c for c in cells if c.startswith('def count_words')))\n"
            "except OSError as exc:\n"
            "    print('blocked:', exc)\n"
            "try:\n"
            "    db = sqlite3.connect(os.path.join(course, 'gradebook.db'))\n"
            "    print(db.execute('select source from source_cells').fetchall())\n"
            "except Exception as exc:\n"
            "    print('blocked:', exc)\n",
        },
        {"visible": 0.5, "hidden": 0},
    ),
    "infinite-loop": (
        {
            "reply-tom": reply_cell(GOOD_REPLY),
            "count-words": counter("while text == 'word':\n    pass\nreturn len(text.split())"),
        },
        {"visible": 1, "hidden": 1.5},  # the case that hangs or ends the process costs that case only
    ),
    "sleeps": (
        {
            "reply-tom": reply_cell(GOOD_REPLY),
            "count-words": counter(
                "import time\nif text == 'word':\n    time.sleep(3600)\nreturn len(text.split())"
            ),
        },
        {"visible": 1, "hidden": 1.5},  # the case that hangs or ends the process costs that case only
    ),
    "exhausts-memory": (
        {
            "reply-tom": reply_cell(GOOD_REPLY),
            "count-words": counter(
                "if text == 'word':\n    hog = bytearray(50 * 1024**3)\nreturn len(text.split())"
            ),
        },
        {"visible": 1, "hidden": 1.5},
    ),
    "calls-sys-exit": (
        {
            "reply-tom": reply_cell(GOOD_REPLY),
            "count-words": counter(
                "import sys\nif text == 'word':\n    sys.exit(0)\nreturn len(text.split())"
            ),
        },
        {"visible": 1, "hidden": 1.5},
    ),
    "calls-os-exit": (
        {
            "reply-tom": reply_cell(GOOD_REPLY),
            "count-words": counter(
                "import os\nif text == 'word':\n    os._exit(0)\nreturn len(text.split())"
            ),
        },
        {"visible": 1, "hidden": 1.5},  # the case that hangs or ends the process costs that case only
    ),
    "spawns-processes": (
        {
            "reply-tom": reply_cell(GOOD_REPLY),
            "count-words": counter(
                "import os, subprocess\nif text == 'word':\n    subprocess.run(['sleep', '1'])\n"
                "if text == 'a b':\n    os.fork()\nreturn len(text.split())"
            ),
        },
        {"visible": 1, "hidden": 1},
    ),
    "prints-to-stderr": (
        {
            "reply-tom": reply_cell(GOOD_REPLY),
            "count-words": counter("import sys\nprint('debug', file=sys.stderr)\nreturn len(text.split())"),
        },
        {"visible": 0, "hidden": 0},
    ),
    "wrong-type": (
        {"reply-tom": reply_cell(GOOD_REPLY), "count-words": counter("return str(len(text.split()))")},
        {"visible": 0, "hidden": 0},
    ),
    "reply-none": ({"reply-tom": "reply_tom = None\n", "count-words": CORRECT}, {"visible": 1, "hidden": 2}),
    "reply-number": ({"reply-tom": "reply_tom = 42\n", "count-words": CORRECT}, {"visible": 1, "hidden": 2}),
    "reply-bytes": (
        {"reply-tom": f"reply_tom = {GOOD_REPLY.encode()!r}\n", "count-words": CORRECT},
        {"visible": 1, "hidden": 2},
    ),
    "reply-list": (
        {"reply-tom": f"reply_tom = [{GOOD_REPLY!r}]\n", "count-words": CORRECT},
        {"visible": 1, "hidden": 2},
    ),
    "reply-megabyte": (
        {"reply-tom": f"reply_tom = {GOOD_REPLY!r} * 2800\n", "count-words": CORRECT},
        {"visible": 1, "hidden": 2},
    ),
    "reply-undefined": (
        {"reply-tom": "reply = 'I wrote it under another name'\n", "count-words": CORRECT},
        {"visible": 1, "hidden": 2},
    ),
    # recompute-path tricks: each earns what the grader sees its code do, never more
    "str-subclass-reply": (
        {
            "reply-tom": "class Sly(str):\n"
            f"    def __str__(self):\n        return {GOOD_REPLY!r}\n"
            "    def __eq__(self, other):\n        return True\n"
            "    __hash__ = str.__hash__\n"
            f"    def lower(self):\n        return {GOOD_REPLY.lower()!r}\n"
            f"reply_tom = Sly({WEAK_REPLY!r})\n",
            "count-words": CORRECT,
        },
        {"visible": 1, "hidden": 2},
    ),
    "base-exceptions": (
        {
            "reply-tom": reply_cell(GOOD_REPLY),
            "count-words": "class Escape(BaseException):\n    pass\n"
            + counter(
                "if text == 'word':\n    raise KeyboardInterrupt\n"
                "if text == 'a b':\n    raise GeneratorExit\n"
                "if text == 'x y z w v':\n    raise Escape('4.0')\n"
                "return len(text.split())"
            ),
        },
        {"visible": 1, "hidden": 0.5},
    ),
    "odd-return-values": (
        {
            "reply-tom": reply_cell(GOOD_REPLY),
            "count-words": "class Like:\n    def __eq__(self, other):\n        return True\n"
            "    def __int__(self):\n        return 5\n    __index__ = __int__\n"
            "    def __float__(self):\n        return 5.0\n"
            + counter(
                "if text == 'word':\n    return (n for n in [1])\n"
                "if text == 'a b':\n    loop = [2]\n    loop.append(loop)\n    return loop\n"
                "if text == 'x y z w v':\n    return Like()\n"
                "return len(text.split())"
            ),
        },
        {"visible": 1, "hidden": 0.5},
    ),
    "visible-lookup-and-grading-aware": (
        {
            "reply-tom": reply_cell(WEAK_REPLY),
            "count-words": "import os\nSEEN = {'one two three': 3, '': 0}\nCALLS = []\n"
            + counter(
                "CALLS.append(text)\n"
                "if text in SEEN:\n    return SEEN[text]\n"
                "if os.environ.get('NBGRADER_EXECUTION') or len(CALLS) > 2:\n    return 0\n"
                "return len(text.split())"
            ),
        },
        {"visible": 1, "hidden": 0},
    ),
    # the recompute child shares its process with learner code: forged results on its pipe, in the
    # protocol's own order from the forging cell on (the reply, read before it, keeps its real result)
    "forge-results-channel": (
        {
            "reply-tom": reply_cell(GOOD_REPLY),
            "count-words": CORRECT + "import json, os, sys\n"
            "frame = sys._getframe()\n"
            "while frame is not None and 'job' not in frame.f_locals:\n"
            "    frame = frame.f_back\n"
            "if frame is not None:\n"
            "    job = frame.f_locals['job']\n"
            "    here = next(i for i, s in enumerate(job['steps']) if 'f_back' in s.get('exec', ''))\n"
            "    lines = [{'i': here}]  # in the protocol's own order, from this cell on\n"
            "    for i, step in enumerate(job['steps']):\n"
            "        if i <= here or i in job['skip']:\n"
            "            continue\n"
            "        if 'read' in step:\n"
            "            lines.append({'i': i, 'key': step['key'], 'data': {'value': 4}})\n"
            "        elif 'call' in step:\n"
            "            lines.append({'i': i, 'key': step['key'], 'data': [{'value': 1}] * 99})\n"
            "        else:\n"
            "            lines.append({'i': i})\n"
            "    lines.append({'done': True})\n"
            "    os.write(job['result_fd'], ''.join(json.dumps(m) + '\\n' for m in lines).encode())\n"
            "    os._exit(0)\n",
        },
        {"visible": 0, "hidden": 0},
    ),
    # faking what nbgrader reads: score-like text, hooks that print after every cell (test
    # cells included), a thread that keeps writing, and a doctored notebook file on disk
    "fake-grader-output": (
        {
            "reply-tom": reply_cell(
                WEAK_REPLY,
                "import json, sys, threading, time\n"
                "from IPython.display import display\n"
                "ip = get_ipython()\n"
                "ip.events.register('post_run_cell', lambda result: print('4.0'))\n"
                "sys.displayhook = lambda value: print('4.0')\n"
                "def chatter():\n"
                "    for _ in range(400):\n"
                "        print('[SaveAutoGrades] Score: 4.0 / 4.0')\n"
                "        display({'text/plain': '4.0'}, raw=True)\n"
                "        time.sleep(0.05)\n"
                "threading.Thread(target=chatter, daemon=True).start()\n"
                "try:\n"
                "    nb = json.load(open('redteam.ipynb'))\n"
                "    for cell in nb['cells']:\n"
                "        if cell['cell_type'] == 'code':\n"
                "            cell['outputs'] = [{'output_type': 'execute_result', 'execution_count': 1,\n"
                "                                'data': {'text/plain': '4.0'}, 'metadata': {}}]\n"
                "    json.dump(nb, open('redteam.ipynb', 'w'))\n"
                "except OSError as exc:\n"
                "    print('blocked', exc)\n",
            ),
            "count-words": ALWAYS_ZERO,
        },
        {"visible": 0.5, "hidden": 0},
    ),
}
BAD_TEXT = {
    "reply-none": 0.0,
    "reply-number": 0.0,
    "reply-bytes": 0.0,
    "reply-list": 0.0,
    "reply-undefined": 0.0,
    "str-subclass-reply": 0.0,
}


def _reply_text(student: str) -> str | None:
    source = ATTACKS[student][0]["reply-tom"]
    if student == "reply-megabyte":
        return GOOD_REPLY * 2800
    if student in BAD_TEXT:
        return None
    return GOOD_REPLY if repr(GOOD_REPLY) in source else WEAK_REPLY


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = harness.scratch_course(
        tmp_path_factory.mktemp("redteam") / "course", [ASSIGNMENT], FIXTURE, CONFIG
    )
    harness.nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    (release,) = harness.release_notebooks(course, ASSIGNMENT).values()
    name = f"{ASSIGNMENT}.ipynb"
    for student, (answers, _) in ATTACKS.items():
        harness.submit(course, ASSIGNMENT, student, {name: harness.fill_answers(release, answers)})
    harness.submit(course, ASSIGNMENT, "unchanged", {name: release})
    structural = _structural_attacks(release)
    for student, nb in structural.items():
        harness.submit(course, ASSIGNMENT, student, {name: nb})
    _write_refused(course, harness.fill_answers(release, ATTACKS["honest"][0]))
    broken = course / "submitted" / "not-json" / ASSIGNMENT
    harness.submit(course, ASSIGNMENT, "not-json", {})
    (broken / name).write_text("{ this is not a notebook", encoding="utf-8")
    (course / "exchange").mkdir(exist_ok=True)
    before = digest(course / "submitted")
    gradebook_files = sorted(p.name for p in course.iterdir())
    proc = harness.nbgrader(course, "autograde", ASSIGNMENT, "--force", "--create", check=False)
    return {
        "course": course,
        "proc": proc,
        "before": before,
        "after": digest(course / "submitted"),
        "files": gradebook_files,
        "grades": {
            s: _grades_or_none(course, s) for s in [*ATTACKS, "unchanged", *structural, *REFUSED, "not-json"]
        },
    }


def _grades_or_none(course: Path, student: str):
    try:
        return harness.grades(course, ASSIGNMENT, student)
    except Exception:  # no submission row: nbgrader could not grade it
        return None


def _structural_attacks(release: nbformat.NotebookNode) -> dict[str, nbformat.NotebookNode]:
    honest = harness.fill_answers(release, {"reply-tom": reply_cell(GOOD_REPLY), "count-words": CORRECT})

    def copy():
        return nbformat.from_dict(json.loads(json.dumps(honest)))

    ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in honest.cells]
    deleted = copy()
    deleted.cells = [c for c, gid in zip(deleted.cells, ids, strict=True) if gid != "count-words-hidden"]
    reordered = copy()
    i, j = ids.index("reply-tom"), ids.index("reply-tom-rubric")
    reordered.cells[i], reordered.cells[j] = reordered.cells[j], reordered.cells[i]
    metadata = copy()
    for cell in metadata.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade_id") == "reply-tom-rubric":
            meta["points"] = 100
        if meta.get("grade_id") == "count-words":
            meta.update(grade=True, points=50)
    edited_test = copy()
    for cell in edited_test.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "count-words-hidden":
            cell.source = "2.0"
    return {
        "deleted-test-cell": deleted,
        "reordered-cells": reordered,
        "edited-metadata": metadata,
        "edited-test-cell": edited_test,
        **_tampered(copy),
    }


def _cell(nb, grade_id: str):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def _tampered(copy) -> dict[str, nbformat.NotebookNode]:
    """Honest answers in a notebook whose kernel, cells or nbgrader metadata were tampered with."""
    out = {}
    nb = copy()
    nb.metadata.kernelspec = {"name": "ir", "language": "R", "display_name": "R"}
    nb.metadata.language_info = {"name": "R"}
    out["kernelspec-changed"] = nb
    nb = copy()
    meta = _cell(nb, "count-words-hidden").metadata.nbgrader
    meta.update(grade_id="count-words-bonus", points=200)
    out["grade-id-renamed"] = nb
    nb = copy()
    nb.cells.append(nbformat.from_dict(json.loads(json.dumps(_cell(nb, "count-words-visible")))))
    nb.cells.append(nbformat.from_dict(json.loads(json.dumps(_cell(nb, "reply-tom-rubric")))))
    out["duplicated-grade-ids"] = nb
    for kind in ("markdown", "raw"):
        nb = copy()
        cell = _cell(nb, "count-words-hidden")
        cell.cell_type = kind
        cell.pop("outputs", None)
        cell.pop("execution_count", None)
        out[f"test-cell-to-{kind}"] = nb
    nb = copy()
    forged = nbformat.v4.new_code_cell("count_words = lambda text: 0\n")
    forged.metadata["nbgrader"] = dict(_cell(nb, "count-words").metadata.nbgrader, points=10, grade=True)
    nb.cells.append(forged)
    out["added-solution-grade-id"] = nb
    nb = copy()
    forged = nbformat.v4.new_code_cell("pass\n")
    forged.metadata["nbgrader"] = {
        "grade": True, "grade_id": "bonus-points", "locked": True, "points": 50,
        "schema_version": 3, "solution": False, "task": False,
    }  # fmt: skip
    nb.cells.insert(len(nb.cells) // 2, forged)
    out["injected-locked-test-cell"] = nb
    nb = copy()
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.execution_count = 10**18
            cell.outputs = [
                nbformat.v4.new_output("execute_result", {"text/plain": "4.0"}, execution_count=10**18)
            ]
    out["huge-execution-counts"] = nb
    return out


# submissions whose notebook file is refused before nbgrader parses it, with the words of its one-line note
REFUSED = {"outputs-200mb": "clear all outputs", "deeply-nested-json": "nests its JSON"}


def _write_refused(course: Path, honest: nbformat.NotebookNode) -> None:
    name = f"{ASSIGNMENT}.ipynb"
    folder = harness.submit(course, ASSIGNMENT, "outputs-200mb", {name: honest})
    nb = nbformat.from_dict(json.loads(json.dumps(honest)))
    code = next(c for c in nb.cells if c.cell_type == "code")
    code.outputs = [nbformat.v4.new_output("stream", name="stdout", text="x" * 200 * 1024**2)]
    nbformat.write(nb, folder / name)
    folder = harness.submit(course, ASSIGNMENT, "deeply-nested-json", {name: honest})
    nb = nbformat.from_dict(json.loads(json.dumps(honest)))
    nb.metadata["deep"] = "DEEP"
    text = json.dumps(nb).replace('"DEEP"', "[" * 100_000 + "]" * 100_000)
    (folder / name).write_text(text, encoding="utf-8")


def _points(cells: dict) -> dict[str, float]:
    return {
        "reply": cells["reply-tom-rubric"][0],
        "visible": cells["count-words-visible"][0],
        "hidden": cells["count-words-hidden"][0],
    }


@pytest.mark.slow
@pytest.mark.parametrize("student", sorted(ATTACKS))
def test_attack_earns_exactly_what_the_honest_part_deserves(graded, student):
    """Does each hostile or broken submission earn exactly the points of its real answers, no more?"""
    cells = graded["grades"][student]
    assert cells is not None, f"{student} was not graded:\n{graded['proc'].stdout[-3000:]}"
    text = _reply_text(student)
    expected = {"reply": rubric(text) if text is not None else 0.0, **ATTACKS[student][1]}
    assert _points(cells) == pytest.approx(expected, abs=0.011), student


@pytest.mark.slow
def test_unchanged_release_earns_nothing(graded):
    """Does the untouched release earn zero on every autograded cell?"""
    assert _points(graded["grades"]["unchanged"]) == {"reply": 0, "visible": 0, "hidden": 0}


@pytest.mark.slow
def test_edited_test_cell_and_metadata_are_restored(graded):
    """Do an edited test cell and edited metadata earn only the honest points, out of the real total?"""
    honest = graded["grades"]["honest"]
    for student in ("edited-test-cell", "edited-metadata"):
        cells = graded["grades"][student]
        assert cells is not None, student
        assert _points(cells) == _points(honest), student
        assert {k: v[1] for k, v in cells.items()} == {k: v[1] for k, v in honest.items()}, student


TAMPERED = [
    "kernelspec-changed",
    "grade-id-renamed",
    "duplicated-grade-ids",
    "test-cell-to-markdown",
    "test-cell-to-raw",
    "added-solution-grade-id",
    "injected-locked-test-cell",
    "huge-execution-counts",
]


@pytest.mark.slow
@pytest.mark.parametrize("student", TAMPERED)
def test_tampered_notebook_earns_only_its_honest_points(graded, student):
    """Does a notebook with a changed kernel, grade ids, cell kinds or forged grade cells earn exactly the
    honest answers' points, out of the real total and the real grade cells?"""
    honest, cells = graded["grades"]["honest"], graded["grades"][student]
    assert cells is not None, f"{student} was not graded:\n{graded['proc'].stdout[-3000:]}"
    assert _points(cells) == pytest.approx(_points(honest), abs=0.011), student
    assert {k: v[1] for k, v in cells.items()} == {k: v[1] for k, v in honest.items()}, student


@pytest.mark.slow
@pytest.mark.parametrize("student", sorted(REFUSED))
def test_oversized_or_deeply_nested_notebook_is_a_named_failure(graded, student):
    """Is a 200 MB notebook or one nested 100,000 levels deep left ungraded (never a zero), with one line
    naming the learner, the file and the fix, while the rest of the class is graded?"""
    assert graded["grades"][student] is None
    log = graded["proc"].stdout + graded["proc"].stderr
    line = next((x for x in log.splitlines() if f"{student}: not graded: {ASSIGNMENT}.ipynb" in x), None)
    assert line is not None and REFUSED[student] in line, log[-3000:]
    assert all(graded["grades"][s] is not None for s in ATTACKS)


@pytest.mark.slow
def test_reordered_cells_cost_only_the_item_out_of_order(graded):
    """Does moving a test cell above its answer zero that item only?"""
    points = _points(graded["grades"]["reordered-cells"])
    assert points == {"reply": 0.0, "visible": 1.0, "hidden": 2.0}


@pytest.mark.slow
def test_deleted_test_cell_earns_no_free_points(graded):
    """Is a deleted hidden test cell put back and run, so the item earns what the real answer earns?"""
    cells = graded["grades"]["deleted-test-cell"]
    assert cells is not None
    points = _points(cells)
    assert points["reply"] == pytest.approx(rubric(GOOD_REPLY), abs=0.011)
    assert points["visible"] == 1.0
    assert points["hidden"] == 2.0


@pytest.mark.slow
def test_invalid_notebook_does_not_stop_the_class(graded):
    """Is a submission that is not valid JSON reported, while every other learner is still graded?"""
    assert not graded["grades"]["not-json"] or all(
        v[0] in (0, None) for v in graded["grades"]["not-json"].values()
    )
    assert "not-json" in graded["proc"].stdout + graded["proc"].stderr
    assert all(graded["grades"][s] is not None for s in ATTACKS)


@pytest.mark.slow
def test_grading_never_changes_submitted_files(graded):
    """Is every file under submitted/ byte-for-byte the same after grading, attacks included?"""
    assert graded["after"] == graded["before"]


@pytest.mark.slow
def test_learner_code_wrote_nothing_into_the_course(graded):
    """Did the file-writing attack leave the course folder, exchange and config untouched?"""
    course = graded["course"]
    assert not (course / "planted.txt").exists()
    assert not (course / "exchange" / "planted.txt").exists()
    assert "tampered" not in (course / "nbgrader_config.py").read_text()
