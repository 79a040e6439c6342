"""The second held-out set (heldout2.jsonl beside this file): 90 replies written blind by a third
engineer, who read only the scoring scale, the seed articles and the scenarios, and labelled every
reply before any scoring. Families: ``honest`` (replies of every quality) and ``gaming`` (written only
to trick a grader; all labelled 0).

The thresholds sit a little under the figures ``bench/rubric_families.py`` prints for this file, so a
change that makes the rubric agree less with a person fails here. The set was blind when it was
first scored (Spearman 0.839, kappa 0.825); the kinds of mistake it showed were then fixed from their
principles, with test cases written by other engineers who did not read this file.
"""

import sys
from pathlib import Path

import pytest
from replycheck import band

from autograder import score_reply

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "bench"))
from _stats import quadratic_kappa, spearman  # noqa: E402
from rubric_families import HELDOUT2, load_families  # noqa: E402

ROWS = load_families(HELDOUT2)
SPEARMAN = 0.88
KAPPA = 0.89
WITHIN_ONE = 0.95  # share of all replies within one band of the label
GAMING_MEAN_BAND = 0.6  # the rubric's mean band over replies written to trick a grader (label 0)


@pytest.fixture(scope="module")
def scored() -> list[tuple[dict, float]]:
    return [(row, score_reply(row["scenario"], row["reply"]).score) for row in ROWS]


def test_the_set_is_what_its_docstring_says():
    """Does the file hold 90 labelled replies, gaming ones all labelled 0, across most scenarios?"""
    assert len(ROWS) == 90
    assert all(row["label"] == 0 for row in ROWS if row["family"] == "gaming")
    assert {row["family"] for row in ROWS} == {"honest", "gaming"}
    assert len({row["scenario"] for row in ROWS}) >= 12


def test_rubric_ranks_replies_as_the_labeller_did(scored):
    """Do the rubric's scores rank the replies as the blind labeller did (Spearman and kappa)?"""
    labels = [row["label"] for row, _ in scored]
    scores = [s for _, s in scored]
    assert spearman(scores, labels) >= SPEARMAN
    assert quadratic_kappa([band(s) for s in scores], labels, 5) >= KAPPA


def test_most_replies_land_within_one_band(scored):
    """Does the rubric put nearly every reply within one band of its label?"""
    near = sum(abs(band(s) - row["label"]) <= 1 for row, s in scored)
    assert near / len(scored) >= WITHIN_ONE


def test_tricks_land_low(scored):
    """Do replies written to trick a grader score low on average, and never above band 1?"""
    tricks = [band(s) for row, s in scored if row["family"] == "gaming"]
    assert sum(tricks) / len(tricks) <= GAMING_MEAN_BAND
    assert max(tricks) <= 1
