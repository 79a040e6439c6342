"""Tests for autograder/sandbox/run.py: the grader reads only its own protocol from the child."""

import pytest

from autograder.sandbox.run import run

#: Learner code shares the child's process, so it can find the results pipe and write to it.
WRITE = (
    "import json, os, sys\n"
    "frame = sys._getframe()\n"
    "while frame is not None and 'job' not in frame.f_locals:\n"
    "    frame = frame.f_back\n"
    "fd = frame.f_locals['job']['result_fd']\n"
    "os.write(fd, ''.join(json.dumps(m) + '\\n' for m in LINES).encode())\n"
)

STEPS = [
    {"exec": "reply = 'the learner wrote this'"},
    {"read": "reply", "key": "reply"},
    {"exec": "def double(x):\n    return 2 * x"},
    {"call": "double", "inputs": [[2], [5]], "key": "double"},
]


def _with_forgery(lines: list) -> list[dict]:
    steps = [dict(step) for step in STEPS]
    steps[2] = {"exec": steps[2]["exec"] + f"\nLINES = {lines!r}\n" + WRITE}
    return steps


@pytest.mark.parametrize(
    "lines",
    [
        [{"i": 3, "key": ["not", "hashable"], "data": []}],  # a key no dict can hold
        [{"done": True}],  # "finished" before the last steps ran
        [{"i": 1, "key": "reply", "data": {"value": "overwritten"}}],  # an earlier result replaced
        [{"i": 9, "key": "double", "data": []}, {"i": True, "key": "double", "data": []}],  # wrong step
        [{"i": 3, "key": "reply", "data": {"value": "x"}}],  # the right step under another key
    ],
)
def test_do_lines_learner_code_writes_to_the_results_pipe_change_nothing(lines):
    """Does the grader ignore forged or out-of-order result lines, and still read every real step?"""
    outcome = run(_with_forgery(lines))
    assert outcome.data["reply"] == {"value": "the learner wrote this"}
    assert outcome.data["double"] == [{"value": 4}, {"value": 10}]
    assert not outcome.problems and not outcome.cell_errors


def test_is_an_honest_run_read_in_full():
    """Are the results of an untouched run all read (the protocol check refuses nothing real)?"""
    outcome = run(STEPS)
    assert outcome.data == {
        "reply": {"value": "the learner wrote this"},
        "double": [{"value": 4}, {"value": 10}],
    }


def test_does_an_endless_line_on_the_results_pipe_cost_only_its_step():
    """Is a child that writes more than result_bytes (one line without end) stopped, its step failed
    with the reason, and the other steps still read, the grader holding at most that much?"""
    from autograder.sandbox.run import Limits

    steps = [dict(step) for step in STEPS]
    flood = WRITE.split("os.write")[0] + "for _ in range(3):\n    os.write(fd, b'x' * 1024**2)\n"
    steps[2] = {"exec": steps[2]["exec"] + "\n" + flood}
    outcome = run(steps, limits=Limits(result_bytes=1024**2, step_seconds=30, total_seconds=120))
    assert outcome.data["reply"] == {"value": "the learner wrote this"}
    assert any("sent more than 1 MB of results" in error for error in outcome.cell_errors), outcome
    assert outcome.data["double"] == [{"error": "double is not defined as a function"}] * 2
