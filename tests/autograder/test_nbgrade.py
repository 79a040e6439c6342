"""The helpers nbgrader test cells call in the learner's kernel (autograder/nbgrade.py)."""

from __future__ import annotations

import json

from autograder.nbgrade import data_file, grade_agreement, grade_cases


def shown(capsys) -> str:
    return capsys.readouterr().out


def test_visible_cases_name_what_failed(capsys):
    """Does `explain=True` list the failing visible cases with what was expected?"""

    def count_words(text):
        return len(text.split()) or 1

    earned = grade_cases(count_words, [("a b", 2), ("", 0)], points=1, what="visible examples", explain=True)
    out = shown(capsys)
    assert earned == 0.5
    assert "1 of 2 visible examples correct" in out
    assert "count_words('') returned 1; expected 0" in out


def test_hidden_cases_stay_hidden(capsys):
    """Without `explain`, are the inputs of failing cases kept out of the message?"""
    grade_cases(lambda text: 0, [("secret input", 2)], points=2)
    out = shown(capsys)
    assert "0 of 1 hidden examples correct" in out and "secret input" not in out


def test_grade_agreement_in_the_kernel_matches_the_scale(capsys):
    """Does `grade_agreement` give points for ordering labelled replies like their labels?"""
    rows = [(0, "You should have read the terms."), (4, "Tom, I'm sorry, that's our mistake; refunded.")]
    assert grade_agreement(lambda reply: min(1.0, len(reply) / 60), rows, points=6) == 6
    assert grade_agreement(lambda reply: 0.5, rows, points=6) == 0  # a tie is 0.5 agreement: the floor
    assert "Pairwise agreement on 2 labelled replies" in shown(capsys)


def test_grade_agreement_turns_learner_errors_into_zero_with_a_reason(capsys):
    """Does a scorer that raises or leaves 0 to 1 earn zero with a message, never an exception?"""
    rows = [(0, "a"), (4, "b")]
    assert grade_agreement(lambda reply: 1 / 0, rows, points=2) == 0
    assert "raised ZeroDivisionError" in shown(capsys)
    assert grade_agreement(lambda reply: 7, rows, points=2) == 0
    assert "outside 0 to 1" in shown(capsys)
    assert grade_agreement("not a function", rows, points=2) == 0
    assert "not a function" in shown(capsys)


def test_data_file_reads_json_and_csv_beside_the_notebook(tmp_path, monkeypatch):
    """Does `data_file` read JSON as data and CSV as row dicts from the notebook's folder?"""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "call.json").write_text(json.dumps({"turns": [1]}), encoding="utf-8")
    (tmp_path / "rows.csv").write_text("label,reply\n4,Hi there\n", encoding="utf-8")
    assert data_file("call.json") == {"turns": [1]}
    assert data_file("rows.csv") == [{"label": "4", "reply": "Hi there"}]
