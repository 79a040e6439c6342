"""How test cells are read without running them (autograder/preprocessors/recompute.py)."""

from __future__ import annotations

import ast
import json

import pytest
from nbformat.v4 import new_code_cell, new_notebook

from autograder.preprocessors.recompute import (
    Unresolvable,
    evaluate,
    find_calls,
    grading_problems,
    locked_literals,
)


def value(expression: str, names=None, data=None):
    node = ast.parse(expression, mode="eval").body
    return evaluate(node, names or {}, data) if data else evaluate(node, names or {})


def test_constant_expressions_are_evaluated_without_running_code():
    """Are literals, locked names, indexing, slicing, + and * understood?"""
    names = {"CASES": [("a", 1), ("b", 2)], "REPLIES": ["x", "y", "z"]}
    assert value("CASES + [('c', 3)]", names) == [("a", 1), ("b", 2), ("c", 3)]
    assert value("[REPLIES[1], REPLIES[-1]]", names) == ["y", "z"]
    assert value("REPLIES[:2]", names) == ["x", "y"]
    assert value("([10] * 3, -0.5, {'k': (1,)})") == ([10, 10, 10], -0.5, {"k": (1,)})


@pytest.mark.parametrize(
    "expression",
    ["open('secret.txt').read()", "UNKNOWN", "[x for x in range(3)]", "len(CASES)", "CASES.pop()", "-'a'"],
)
def test_anything_that_would_run_code_is_refused(expression):
    """Is an expression that needs running code (a call, a comprehension, an unknown name) refused?"""
    with pytest.raises(Unresolvable):
        value(expression, {"CASES": [1]})


def test_a_huge_repeated_list_is_refused():
    """Is `[0] * 1_000_000_000` refused instead of filling the grader's memory?"""
    with pytest.raises(Unresolvable, match="too long"):
        value("[0] * 1_000_000_000")


def test_evaluation_never_hands_out_the_locked_value_itself():
    """Can a case list built from a locked name change that name for the next test cell?"""
    names = {"CASES": [1, 2]}
    value("CASES", names).append(3)
    assert names["CASES"] == [1, 2]


def test_data_files_are_read_by_the_given_reader():
    """Is `data_file("name")` read through the reader the caller trusts, never from the kernel?"""
    asked = []

    def reader(name):
        asked.append(name)
        return {"turns": [1, 2]}

    assert value('data_file("call.json")["turns"]', data=reader) == [1, 2]
    assert asked == ["call.json"]
    with pytest.raises(Unresolvable):
        value('data_file("call.json")')  # no reader: cannot be resolved


def test_locked_bindings_can_use_earlier_ones_and_later_code_unbinds_them():
    """Does a later non-constant assignment remove a name (the kernel would see the new value)?"""
    names = locked_literals(["A = [1, 2]\nB = A + [3]", "C = [0] * 2\nA = compute()"])
    assert names == {"B": [1, 2, 3], "C": [0, 0]}


def test_a_sum_of_grading_calls_is_read_as_several_calls():
    """Are the calls in `grade_cases(...) + grade_cases(...)` read with their own cases and points?"""
    source = (
        '"""Do both functions give the visible results?"""\n'
        "from autograder.nbgrade import grade_cases\n"
        "(\n"
        "    grade_cases(f, F_CASES, points=0.25, explain=True)\n"
        "    + grade_cases(g, [((1, 2), 3)], points=0.75, tolerance=0.01, what='cases of g')\n"
        ")\n"
    )
    first, second = find_calls(source, {"F_CASES": [("a", 1)]})
    assert (first.target, first.points, first.cases, first.explain) == ("f", 0.25, (("a", 1),), True)
    assert (second.target, second.points, second.tolerance, second.what) == ("g", 0.75, 0.01, "cases of g")
    assert second.cases == (((1, 2), 3),)


def test_agreement_calls_accept_pairs_and_csv_rows():
    """Are `grade_agreement` rows read as (label, reply) pairs, from tuples or CSV rows alike?"""
    (call,) = find_calls(
        "grade_agreement(score, ROWS, points=2, floor=0.8, full=0.8)",
        {"ROWS": [{"label": "3", "reply": "Hi", "scenario": "x"}, (1, "Bye")]},
    )
    assert (call.kind, call.target, call.points, call.floor, call.full) == (
        "grade_agreement",
        "score",
        2,
        0.8,
        0.8,
    )
    assert call.cases == ((3, "Hi"), (1, "Bye"))


@pytest.mark.parametrize(
    "source",
    ["assert f(1) == 2", "x = grade_cases(f, C, points=1)", "grade_cases(f, C, points=1) * 2", "print(1)"],
)
def test_cells_that_do_not_end_in_grading_calls_have_none(source):
    """Is a cell that does not end in (a sum of) grading calls left alone?"""
    assert find_calls(source, {"C": []}) == []


def test_a_grading_call_given_an_expression_is_unresolvable():
    """Is `grade_cases(make(), ...)` refused (the answer must be named, not computed)?"""
    with pytest.raises(Unresolvable):
        find_calls("grade_cases(make(), [], points=1)", {})


def _notebook(tmp_path, *cells):
    nb = new_notebook()
    for source, meta in cells:
        nb.cells.append(new_code_cell(source, metadata={"nbgrader": meta}))
    return nb


def test_grading_problems_names_each_test_cell_graded_only_in_the_kernel(tmp_path):
    """Are assert-style test cells, missing data files and wrong point totals reported by grade id?"""
    (tmp_path / "calls.json").write_text(json.dumps([["a", 1]]), encoding="utf-8")
    locked = {"locked": True, "grade": False, "solution": False, "grade_id": "cases"}

    def test(grade_id, points):
        return {"locked": True, "grade": True, "solution": False, "grade_id": grade_id, "points": points}

    nb = _notebook(
        tmp_path,
        ("CASES = [('x', 1)]", locked),
        ("def f(x):\n    return 1", {"solution": True, "grade": False, "locked": False, "grade_id": "f"}),
        ("grade_cases(f, CASES + data_file('calls.json'), points=1)", test("good", 1)),
        ("assert f('x') == 1", test("asserts", 1)),
        ("grade_cases(f, data_file('missing.json'), points=1)", test("missing-file", 1)),
        ("grade_cases(f, CASES, points=2)", test("wrong-points", 1)),
    )
    problems = grading_problems(nb, tmp_path)
    assert len(problems) == 3
    assert "'asserts' does not end in grade_reply" in problems[0]
    assert "'missing-file' cannot be recomputed" in problems[1] and "missing.json" in problems[1]
    assert "'wrong-points' awards 2 points but is worth 1" in problems[2]


def test_a_data_file_changed_by_the_learner_is_read_from_the_source_instead(tmp_path):
    """Does rewriting a case file in the submission folder earn nothing (the instructor's copy is used)?"""
    from nbformat.v4 import new_output
    from traitlets.config import Config

    from autograder.preprocessors import RecomputeGrades

    source = tmp_path / "source" / "ps1"
    workdir = tmp_path / "autograded" / "learner" / "ps1"
    for folder, cases in ((source, [["a b", 2], ["", 0]]), (workdir, [["a b", 0], ["", 0]])):
        folder.mkdir(parents=True)
        (folder / "cases.json").write_text(json.dumps(cases), encoding="utf-8")
    answer = {"solution": True, "grade": False, "locked": False, "grade_id": "count"}
    test = {"grade": True, "solution": False, "locked": True, "grade_id": "count-visible", "points": 1}
    nb = _notebook(
        tmp_path,
        ("def count_words(text):\n    return 0", answer),
        ('grade_cases(count_words, data_file("cases.json"), points=1, what="visible examples")', test),
    )
    nb.cells[1].outputs = [new_output("execute_result", data={"text/plain": "1.0"}, execution_count=1)]
    config = Config()
    config.CourseDirectory.root = str(tmp_path)
    resources = {"metadata": {"path": str(workdir)}, "nbgrader": {"assignment": "ps1", "student": "learner"}}
    nb, _ = RecomputeGrades(config=config).preprocess(nb, resources)
    outputs = nb.cells[1].outputs
    assert outputs[-1]["data"]["text/plain"] == "0.5"  # 1 of the source file's 2 cases, not 2 of 2
    assert "1 of 2 visible examples correct" in outputs[0]["text"]


FORGE = (
    "import json, os, sys\n"
    "frame = sys._getframe()\n"
    "while frame is not None and 'job' not in frame.f_locals:\n"
    "    frame = frame.f_back\n"
    "if frame is not None:\n"
    "    job = frame.f_locals['job']\n"
    "    here = next(i for i, s in enumerate(job['steps']) if 'f_back' in s.get('exec', ''))\n"
    "    later = [(i, s) for i, s in enumerate(job['steps']) if i > here and i not in job['skip']]\n"
    "    lines = [{'i': here}] + [{'i': i, 'key': s['key'], 'data': DATA} if 'key' in s else {'i': i}\n"
    "                             for i, s in later] + [{'done': True}]\n"
    "    os.write(job['result_fd'], ''.join(json.dumps(m) + '\\n' for m in lines).encode())\n"
    "    os._exit(0)\n"
)


@pytest.mark.parametrize(
    "data",
    [
        [{"value": 1}] * 5,  # more results than cases (one case per step: one result each)
        [],  # fewer
        {"value": 2},  # not a list
        [1, 2],  # items that are not results
        [{"error": 7}, {"value": 0}],  # an error that is not text
    ],
)
def test_forged_results_from_learner_code_earn_nothing_and_stop_nothing(tmp_path, data):
    """Do results learner code writes into the grader's pipe, in any shape, earn 0 with a note?"""
    from traitlets.config import Config

    from autograder.preprocessors import RecomputeGrades

    answer = {"solution": True, "grade": False, "locked": False, "grade_id": "count"}
    test = {"grade": True, "solution": False, "locked": True, "grade_id": "count-visible", "points": 1}
    nb = _notebook(
        tmp_path,
        (f"def count_words(text):\n    return 0\nDATA = {data!r}\n" + FORGE, answer),
        ('grade_cases(count_words, [("a b", 2), ("", 0)], points=1, what="visible examples")', test),
    )
    config = Config()
    config.CourseDirectory.root = str(tmp_path)
    nb, _ = RecomputeGrades(config=config).preprocess(nb, {"metadata": {"path": str(tmp_path)}})
    outputs = nb.cells[1].outputs
    assert outputs[-1]["data"]["text/plain"] == "0.0"
    assert "results channel" in outputs[0]["text"]


def test_the_childs_own_result_shapes_are_well_formed():
    """Are the shapes the sandbox child really sends accepted, and others refused?"""
    from autograder.preprocessors.recompute import GradingCall, well_formed

    reply = GradingCall("grade_reply", "reply", 4.0, scenario="double-charge")
    cases = GradingCall("grade_cases", "f", 1.0, cases=(("a", 1), ("b", 2)))
    assert well_formed(reply, {"value": "text"}) and well_formed(reply, {"missing": "int"})
    assert not well_formed(reply, {"value": 4}) and not well_formed(reply, ["text"])
    assert well_formed(cases, [{"value": [1, {"a": None}]}, {"error": "raised KeyError: 'x'"}])
    assert not well_formed(cases, [{"value": 1}]) and not well_formed(cases, [{"value": 1}, "2"])


@pytest.mark.parametrize(
    "stop",
    [
        "import os\n        os._exit(0)",
        "while True:\n            pass",
        "import sys\n        sys.setrecursionlimit(10**7)\n"
        "        deep = lambda n: deep(n + 1)\n        deep(0)",  # overflows the C stack: a crash
    ],
)
def test_a_case_that_ends_or_hangs_the_process_costs_that_case_only(tmp_path, stop):
    """Does a case that kills or hangs the grading process cost that case, with a note, and no other?"""
    from traitlets.config import Config

    from autograder.preprocessors import RecomputeGrades

    answer = {"solution": True, "grade": False, "locked": False, "grade_id": "count"}
    test = {"grade": True, "solution": False, "locked": True, "grade_id": "count-hidden", "points": 2}
    body = f"def count_words(text):\n    if text == 'word':\n        {stop}\n    return len(text.split())\n"
    nb = _notebook(
        tmp_path,
        (body, answer),
        ('grade_cases(count_words, [("a b", 2), ("word", 1), ("x y", 2), ("", 0)], points=2)', test),
    )
    config = Config()
    config.CourseDirectory.root = str(tmp_path)
    config.RecomputeGrades.step_seconds = 3.0
    nb, _ = RecomputeGrades(config=config).preprocess(nb, {"metadata": {"path": str(tmp_path)}})
    outputs = nb.cells[1].outputs
    assert outputs[-1]["data"]["text/plain"] == "1.5"
    assert "3 of 4 hidden examples correct" in outputs[0]["text"]
    assert "1 of them could not be checked: your code" in outputs[0]["text"]


def test_cells_after_the_last_answer_read_are_not_run_again():
    """Are learner cells after the last read or call left out of the recompute step, and none before?"""
    from autograder.preprocessors.recompute import _through_last_answer

    steps = [{"exec": "a = 1"}, {"read": "a", "key": "1.0"}, {"exec": "b = 2"}, {"call": "f", "key": "3.0"}]
    extra = [{"exec": f"x = {i}"} for i in range(10_000)]
    assert _through_last_answer(steps + extra) == steps
    assert _through_last_answer(extra) == []
