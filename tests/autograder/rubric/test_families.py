"""The families of replies the rubric used to get wrong (issue 9), from families.jsonl beside this file.

Each line is one of the project's own labelled examples (never a calibration reply): ``family``,
``scenario``, ``label`` (0-4 on the calibration scale) and ``reply`` or ``copy_of`` (the opening
words of a reply the course itself prints, pasted from the course files as they are now).
``bench/rubric_families.py`` prints the same figures per family.
"""

import math
import sys
from collections import Counter
from pathlib import Path

import pytest

from autograder import score_reply
from autograder.rubric.copied import course_text

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "bench"))
from rubric_families import FAMILIES, load_families  # noqa: E402

ROWS = load_families(FAMILIES)
# Families whose checks live in this package; the language signals' families are listed in LANGUAGE.
OWN = ("relevance", "copied", "template", "selling", "grounded", "red_line", "negation", "good")
LANGUAGE = ("fluency", "sarcasm", "boilerplate")
# The flag each own family's problem replies must carry, and words its feedback must say.
FLAGS = {
    "relevance": (("other_situation", "not_specific"), "this person's situation"),
    "copied": (("copied",), "in your own words"),
    "template": (("template",), "placeholder"),
    "selling": (("selling",), "Help comes first"),
    "grounded": (("policy_promise", "ungrounded_promise"), "promise"),
    "red_line": (("red_line", "tried_step"), ""),
}


def band(score: float) -> int:
    return min(4, math.floor(score * 5))


def _id(row: dict) -> str:
    return f"{row['family']}-{row['scenario']}-{row['label']}"


def test_every_family_has_at_least_eight_examples():
    """Does the labelled file hold at least eight examples of every family the issue names?"""
    counts = Counter(r["family"] for r in ROWS)
    for family in (*OWN, *LANGUAGE):
        assert counts[family] >= 8, (family, counts[family])


@pytest.mark.parametrize("row", [r for r in ROWS if r["family"] in OWN], ids=_id)
def test_family_reply_lands_in_its_band(row):
    """Does each reply of the rubric's own families land within one band of its label (and a capped
    family's reply in band 0-1)?"""
    result = score_reply(row["scenario"], row["reply"])
    got = band(result.score)
    assert abs(got - row["label"]) <= 1, (result.score, result.flags, row["reply"][:80])
    if row["family"] in FLAGS:
        assert got <= max(1, row["label"]), (result.score, result.flags, row["reply"][:80])


@pytest.mark.parametrize("row", [r for r in ROWS if r["family"] in FLAGS], ids=_id)
def test_family_problem_is_named_in_one_sentence(row):
    """Is each family's problem flagged and explained to the learner in one sentence?"""
    flags, words = FLAGS[row["family"]]
    result = score_reply(row["scenario"], row["reply"])
    assert set(flags) & set(result.flags), result.flags
    problem = [s for s in result.feedback if words.lower() in s.lower()]
    assert problem, result.feedback
    assert problem[0].count(". ") == 0 and problem[0].endswith("."), problem[0]


def test_copied_examples_come_from_the_course_files():
    """Are the copied-text examples pasted from the course files as they are now (not stored copies)?"""
    copied = [r for r in ROWS if r["family"] == "copied"]
    assert copied
    for row in copied:
        printed = course_text(row["copy_of"])
        assert printed is not None and len(printed) > len(row["copy_of"])
        if not row.get("edits"):
            assert row["reply"] == printed
