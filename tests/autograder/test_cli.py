"""End-to-end tests for autograder/cli.py: `python -m autograder score|batch`."""

import json
import subprocess
import sys

import pytest

GOOD = (
    "Tom, I'm sorry: we charged you twice for the same order, and that's our mistake. I know that $89 "
    "was your rent money, so I've refunded the duplicate today; it will reach you in 3-5 business days "
    "and a confirmation email is on its way. Would you like me to check your other orders too?"
)


def run(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "autograder", *args], input=stdin, capture_output=True, text=True, timeout=60
    )


def test_score_json_has_score_and_criteria():
    """Does `score --json` print a result with a score in [0, 1] and every criterion?"""
    proc = run("score", "--scenario", "double-charge", "--reply", GOOD, "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert 0.0 <= data["score"] <= 1.0
    assert data["scenario_id"] == "double-charge"
    assert len(data["criteria"]) >= 8
    assert {"name", "met", "evidence", "feedback"} <= set(data["criteria"][0])


def test_score_text_report():
    """Does the plain report show the score and a line per criterion?"""
    proc = run("score", "--scenario", "double-charge", "--reply", GOOD)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Score (double-charge): ")
    assert proc.stdout.count("[x]") + proc.stdout.count("[ ]") >= 8


def test_score_from_stdin_and_file(tmp_path):
    """Are a reply from standard input and from a file scored the same as on the command line?"""
    direct = json.loads(run("score", "--scenario", "double-charge", "--reply", GOOD, "--json").stdout)
    piped = json.loads(
        run("score", "--scenario", "double-charge", "--reply", "-", "--json", stdin=GOOD).stdout
    )
    reply_file = tmp_path / "reply.txt"
    reply_file.write_text(GOOD, encoding="utf-8")
    from_file = json.loads(
        run("score", "--scenario", "double-charge", "--reply-file", str(reply_file), "--json").stdout
    )
    assert direct["score"] == piped["score"] == from_file["score"]


def test_score_with_scenario_path():
    """Can the scenario be a path to a YAML file?"""
    proc = run(
        "score", "--scenario", "autograder/rubric/scenarios/double-charge.yaml", "--reply", GOOD, "--json"
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["scenario_id"] == "double-charge"


def test_unknown_scenario_is_a_clear_error():
    """Is an unknown scenario one line on stderr, exit 2, with no traceback?"""
    proc = run("score", "--scenario", "no-such-thing", "--reply", "hello")
    assert proc.returncode == 2
    assert "no scenario with id 'no-such-thing'" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_missing_reply_file_is_a_clear_error(tmp_path):
    """Is a missing reply file named in the error?"""
    proc = run("score", "--scenario", "double-charge", "--reply-file", str(tmp_path / "nope.txt"))
    assert proc.returncode != 0
    assert "nope.txt does not exist" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_batch_scores_good_lines_and_reports_bad_ones(tmp_path):
    """Does batch score every good line and give bad lines an error with their id?"""
    lines = [
        json.dumps({"id": "a", "scenario": "double-charge", "reply": GOOD}),
        "{not json",
        json.dumps({"id": "b", "scenario": "nope", "reply": "hi"}),
        json.dumps({"id": "c", "scenario": "double-charge"}),
        json.dumps({"id": "d", "scenario": "double-charge", "reply": 42}),
        "",
        json.dumps({"id": "e", "scenario": "repeat-outage", "reply": "Sam, I'll book a technician."}),
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = run("batch", "--input", str(path))
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert proc.returncode == 1
    assert [o["id"] for o in out] == ["a", None, "b", "c", "d", "e"]
    assert {o["id"] for o in out if "error" in o} == {None, "b", "c", "d"}
    assert "not valid JSON" in out[1]["error"] and out[1]["line"] == 2
    assert "missing field(s): reply" in out[3]["error"]
    scored = {o["id"]: o["score"] for o in out if "score" in o}
    assert set(scored) == {"a", "e"}
    assert all(0.0 <= s <= 1.0 for s in scored.values())


def test_batch_from_stdin_all_good():
    """Does batch read standard input and exit 0 when every line scores?"""
    line = json.dumps({"id": 7, "scenario": "double-charge", "reply": GOOD})
    proc = run("batch", "--input", "-", stdin=line + "\n")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["id"] == 7


@pytest.mark.parametrize("command", ["score", "batch"])
def test_help_explains_command(command):
    """Does --help on each command explain it?"""
    proc = run(command, "--help")
    assert proc.returncode == 0
    assert "usage: python -m autograder" in proc.stdout


def test_course_index_builds_from_a_course_folder(tmp_path):
    """Does `course-index` read a course folder's role-plays and write a hashed index where told?"""
    roleplays = tmp_path / "course" / "roleplays"
    roleplays.mkdir(parents=True)
    (roleplays / "demo.yaml").write_text(
        "steps:\n  open:\n    choices:\n      - say: I can hear how much this trip matters to you, "
        "and I will get the right pair to you before the weekend.\n"
    )
    out = tmp_path / "index.json"
    proc = run("course-index", "--root", str(tmp_path), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "1 passages from 1 files" in proc.stdout
    assert "trip" not in out.read_text() and json.loads(out.read_text())["passages"]
