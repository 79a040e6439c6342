"""The audit hook that limits learner code while grading (autograder/sandbox/guardrails.py)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from autograder.sandbox.guardrails import private_paths

PROBE = textwrap.dedent(
    """
    import json, os, sqlite3, sys
    from autograder.sandbox import guardrails

    guardrails.install([os.getcwd()], guardrails.private_paths(os.getcwd()))
    attempts = {
        "read own file": lambda: open("data.csv").read(),
        "write own file": lambda: open("out.txt", "w").write("ok"),
        "import from site-packages": lambda: __import__("json.tool"),
        "read the solution": lambda: open("../../../source/ps1/ps1.ipynb").read(),
        "read it by absolute path": lambda: open(os.path.realpath("../../../source/ps1/ps1.ipynb")).read(),
        "os.open the solution": lambda: os.open("../../../source/ps1/ps1.ipynb", os.O_RDONLY),
        "list the source folder": lambda: os.listdir("../../../source/ps1"),
        "open the gradebook": lambda: sqlite3.connect("../../../gradebook.db").execute("select 1"),
        "read another learner": lambda: open("../../bob/ps1/ps1.ipynb").read(),
        "symlink to the solution": lambda: os.symlink("../../../source/ps1/ps1.ipynb", "link.ipynb"),
        "read the public release": lambda: open("../../../release/ps1/ps1.ipynb").read(),
    }
    results = {}
    for name, attempt in attempts.items():
        try:
            attempt()
            results[name] = "allowed"
        except PermissionError:
            results[name] = "refused"
    print(json.dumps(results))
    """
)


@pytest.fixture
def course(tmp_path: Path) -> Path:
    root = tmp_path / "course"
    for folder in ("source/ps1", "release/ps1", "autograded/alice/ps1", "autograded/bob/ps1"):
        (root / folder).mkdir(parents=True)
        (root / folder / "ps1.ipynb").write_text("{}", encoding="utf-8")
    (root / "autograded/alice/ps1/data.csv").write_text("label,reply\n", encoding="utf-8")
    (root / "gradebook.db").write_bytes(b"")
    return root


def test_grading_code_can_read_its_own_folder_but_not_the_course_secrets(course):
    """From autograded/alice/ps1, are solutions, the gradebook and other learners' work unreadable?"""
    workdir = course / "autograded" / "alice" / "ps1"
    command = [sys.executable, "-c", PROBE]
    proc = subprocess.run(command, cwd=workdir, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout)
    allowed = {name for name, outcome in results.items() if outcome == "allowed"}
    assert allowed == {
        "read own file",
        "write own file",
        "import from site-packages",
        "read the public release",
    }


def test_nothing_is_hidden_outside_an_autograded_folder(course):
    """Does `nbgrader validate` on source/ (or a learner's own copy) keep reading its files?"""
    assert private_paths(course / "source" / "ps1") == []
    hidden = {
        Path(p).relative_to(course.resolve()).as_posix()
        for p in private_paths(course / "autograded/alice/ps1")
    }
    assert {"source", "submitted", "autograded", "exchange", "gradebook.db"} <= hidden
    assert "release" not in hidden and "nbgrader_config.py" not in hidden
