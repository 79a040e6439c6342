"""Fast checks of the instructor tool's parts (no nbgrader runs)."""

from __future__ import annotations

import io
import multiprocessing
import time

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_output

from course.instructor import criteria, ids, intake, state
from course.instructor.cli import build_parser
from course.instructor.dblock import FileLock, sqlite_path
from course.instructor.export import criterion_table
from course.instructor.feedback import HideHiddenTests
from course.instructor.progress import Progress

COMMANDS = [
    "validate",
    "generate",
    "release",
    "collect",
    "autograde",
    "feedback",
    "release-feedback",
    "export",
    "report",
    "demo",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_subcommand_explains_itself(command, capsys):
    """Does `python -m course COMMAND --help` print a description of the step?"""
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args([command, "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert f"python -m course {command}" in out and "nbgrader_config.py" in out


def test_grade_reply_calls_and_reply_text_are_read_without_running_code():
    """Are the scenario, variable, points and the learner's literal reply found by parsing alone?"""
    test_cell = (
        'from autograder.nbgrade import grade_reply\n\ngrade_reply("double-charge", my_reply, points=4)'
    )
    (call,) = criteria.grade_reply_calls(test_cell)
    assert (call.scenario, call.variable, call.points, call.only) == ("double-charge", "my_reply", 4.0, None)
    sources = ['my_reply = "first"', 'my_reply = (\n    "Tom, "\n    "sorry."\n)']
    assert criteria.assigned_text(sources, "my_reply") == "Tom, sorry."
    assert criteria.assigned_text(["my_reply = 'a' + 'b'"], "my_reply") == "ab"
    assert criteria.assigned_text(["# YOUR CODE HERE\nraise NotImplementedError()"], "my_reply") == ""
    assert criteria.assigned_text(["my_reply = make_text()"], "my_reply") is None


def test_feedback_drops_hidden_tests_and_their_tracebacks():
    """Does the feedback step remove the hidden region and any traceback quoting it, keeping the rest?"""
    source = (
        'from x import grade_cases\n### BEGIN HIDDEN TESTS\nassert f(2) == 4, "secret"\n### END HIDDEN TESTS'
    )
    cell = new_code_cell(source, metadata={"nbgrader": {"grade": True, "grade_id": "t", "points": 1}})
    cell.outputs = [new_output("error", ename="AssertionError", evalue="", traceback=["assert f(2) == 4"])]
    nb = nbformat.v4.new_notebook(cells=[cell])
    out, _ = HideHiddenTests().preprocess(nb, {})
    text = nbformat.writes(out)
    assert "f(2) == 4" not in text and "HIDDEN TESTS" not in text
    assert "from x import grade_cases" in out.cells[0].source
    assert out.cells[0].outputs[0]["traceback"] == ["AssertionError: "]


def test_criterion_table_is_the_share_of_replies_meeting_each_criterion():
    """Does criteria.csv hold, per learner, the share of their replies that meet each criterion?"""

    def check(student, met):
        c = criteria.ReplyCheck(student, "a", "nb", "g", "s", "v", 1.0, "text", score=0.5, confidence=1.0)
        c.criteria = met
        return c

    names, shares = criterion_table(
        [check("ada", {"uses_name": True, "invites_view": False}), check("ada", {"uses_name": False})]
    )
    assert names == ["uses_name", "invites_view"]
    assert shares == {"ada": {"uses_name": 0.5, "invites_view": 0.0}}


def test_progress_line_counts_and_estimates_time_left():
    """Does the progress bar show counts and an estimate of the time left from the pace so far?"""
    bar = Progress(4, stream=io.StringIO())
    bar.started -= 10
    bar.step("graded")
    bar.step("skipped")
    line = bar.line()
    assert "2/4" in line and "graded 1" in line and "skipped 1" in line
    assert "left" in line and 15 <= bar.eta() <= 25  # 10 s per graded submission, 2 to go


def test_resume_record_needs_the_same_submitted_files(tmp_path):
    """Is a submission 'done' only with a record of the same files and an autograded folder?"""
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\n")
    from course.instructor.coursedir import Course

    course = Course(tmp_path)
    submitted = tmp_path / "submitted" / "ada" / "ps1"
    submitted.mkdir(parents=True)
    (submitted / "ps1.ipynb").write_text("{}")
    state.write_record(course, "ps1", "ada", fingerprint=state.fingerprint(submitted))
    assert not state.is_done(course, "ps1", "ada")  # nothing autograded yet
    (tmp_path / "autograded" / "ada" / "ps1").mkdir(parents=True)
    assert state.is_done(course, "ps1", "ada")
    (submitted / "ps1.ipynb").write_text('{"changed": true}')  # re-collected
    assert not state.is_done(course, "ps1", "ada")


def _hold(path, seconds, queue, name):
    with FileLock(path):
        start = time.monotonic()
        time.sleep(seconds)
        # one message per holder: the queue's order across processes is not the order of events
        queue.put((name, start, time.monotonic()))


def test_gradebook_lock_is_exclusive_across_processes(tmp_path):
    """Do two processes take turns holding the gradebook lock?"""
    assert sqlite_path("sqlite:////srv/course/gradebook.db").as_posix() == "/srv/course/gradebook.db"
    assert sqlite_path("postgresql://db/grades") is None
    fork = multiprocessing.get_context("fork")
    queue = fork.Queue()
    path = tmp_path / "gradebook.db.lock"
    procs = [fork.Process(target=_hold, args=(path, 0.3, queue, name)) for name in "ab"]
    for p in procs:
        p.start()
    held = sorted((queue.get(timeout=60) for _ in procs), key=lambda h: h[1])
    for p in procs:
        p.join(10)
    (first, _, first_out), (second, second_in, _) = held
    assert first != second
    assert first_out <= second_in  # the second only got in after the first left


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("ada", "ada"),
        ("a=b", "a=b"),
        (4.5, 4.5),
    ],
)
def test_exported_text_cannot_become_a_formula(value, written):
    """Does text a spreadsheet would run as a formula get a leading apostrophe, and nothing else change?"""
    assert ids.formula_safe(value) == written


def _row(student: str, email: str = "", score: float | None = None) -> dict:
    return {
        "student_id": student,
        "last_name": "",
        "first_name": "",
        "email": email,
        "ps1": score,
        "_not_graded": {},
    }


def test_ids_differing_in_case_are_joined_only_when_unambiguous():
    """Are `Carol` (roster) and `carol` (score) one row, and two roster entries or submissions kept apart?"""
    notes: dict[str, list[str]] = {}
    rows = ids.merge_case_variants([_row("Carol", "c@x.org"), _row("carol", score=7.0)], ["ps1"], notes)
    assert [(r["student_id"], r["email"], r["ps1"]) for r in rows] == [("Carol", "c@x.org", 7.0)]
    assert notes == {"Carol": ["matched hub user 'carol' to roster id 'Carol'"]}

    notes = {}
    rows = ids.merge_case_variants([_row("Dan", score=5.0), _row("dan", score=6.0)], ["ps1"], notes)
    assert len(rows) == 2 and "two of them submitted ps1" in notes["dan"][0]
    notes = {}
    rows = ids.merge_case_variants([_row("Eve", "e@x.org"), _row("eve", "eve@x.org", 3.0)], ["ps1"], notes)
    assert len(rows) == 2 and "not one with roster details" in notes["Eve"][0]


def test_the_cause_of_a_failure_is_the_real_error_line():
    """Is nbgrader's failure summarised by the error that happened, not its closing "see the traceback"?"""
    log = (
        "[ERROR] There was an error processing assignment: /c/submitted/ada/ps1\n"
        "[ERROR] Traceback (most recent call last):\n"
        '      File "x.py", line 1, in f\n'
        "    KeyError: 'count-sorry-hidden-note'\n\n"
        "[ERROR] Please see the the above traceback for details on the specific errors.\n"
        "nbgrader.converters.base.NbGraderException: Please see the the above traceback for details\n"
    )
    assert intake.failure_cause(log) == "KeyError: 'count-sorry-hidden-note'"
    locked = "sqlalchemy.exc.OperationalError: (sqlite3.OperationalError) database is locked"
    assert intake.failure_cause(locked).startswith("the gradebook was busy")
