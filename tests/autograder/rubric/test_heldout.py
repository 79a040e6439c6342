"""The held-out replies (heldout.jsonl beside this file): written and labelled by a second engineer
before the rubric scored them, across every family issue 9 names plus ordinary replies.

Each line: ``family``, ``scenario``, ``label`` (0-4 on the calibration scale) and ``reply`` or
``copy_of`` (the opening words of a reply the course prints, pasted from the course files as they are
now, with optional ``edits``). ``bench/rubric_families.py`` prints the same figures per family.
"""

import math
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from autograder import score_reply

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "bench"))
from _stats import quadratic_kappa, spearman  # noqa: E402
from rubric_families import HELDOUT, load_families  # noqa: E402

ROWS = load_families(HELDOUT)
# Families whose replies break a rule the rubric caps; ordinary replies and negation are graded on merit.
CAPPED = (
    "relevance",
    "copied",
    "template",
    "selling",
    "grounded",
    "red_line",
    "fluency",
    "sarcasm",
    "boilerplate",
)
WITHIN_ONE = 0.8  # per family: share of replies within one band of the label
MEAN_GAP = 0.75  # per family: rubric's mean band at most this far above the label's mean


def band(score: float) -> int:
    return min(4, math.floor(score * 5))


@pytest.fixture(scope="module")
def scored() -> list[tuple[dict, int, float]]:
    return [
        (row, band(r.score), r.score) for row in ROWS for r in [score_reply(row["scenario"], row["reply"])]
    ]


def _by_family(scored):
    out = defaultdict(list)
    for row, got, _ in scored:
        out[row["family"]].append((row["label"], got, row["reply"][:70]))
    return out


def test_held_out_set_covers_every_family():
    """Does the held-out file hold at least five replies of every family and twenty ordinary ones?"""
    counts = defaultdict(int)
    for row in ROWS:
        counts[row["family"]] += 1
    for family in (*CAPPED, "negation"):
        assert counts[family] >= 5, (family, counts[family])
    assert counts["good"] >= 15


@pytest.mark.parametrize("family", sorted({r["family"] for r in ROWS}))
def test_family_agrees_with_the_labels(family, scored):
    """Does each family land within one band of its labels for most replies, not over-scoring on average?"""
    rows = _by_family(scored)[family]
    within = sum(abs(got - label) <= 1 for label, got, _ in rows) / len(rows)
    assert within >= WITHIN_ONE, [r for r in rows if abs(r[1] - r[0]) > 1]
    gap = sum(got - label for label, got, _ in rows) / len(rows)
    assert gap <= MEAN_GAP, (gap, rows)


@pytest.mark.parametrize("family", CAPPED)
def test_no_rule_breaking_reply_reaches_a_good_band(family, scored):
    """Does no reply that breaks a family's rule (labelled 0-1) reach band 3 or 4?"""
    high = [(label, got, text) for label, got, text in _by_family(scored)[family] if label <= 1 and got >= 3]
    assert not high, high


def test_excellent_replies_are_not_penalised(scored):
    """Do replies labelled 4 (lower case and non-native English included) keep band 3 or 4?"""
    low = [(row["reply"][:70], got, s) for row, got, s in scored if row["label"] == 4 and got < 3]
    assert not low, low


def test_held_out_agreement_overall(scored):
    """Do the rubric's scores rank and band the held-out replies as the labels do?"""
    labels = [row["label"] for row, _, _ in scored]
    assert spearman([s for _, _, s in scored], labels) >= 0.8
    assert quadratic_kappa([got for _, got, _ in scored], labels, 5) >= 0.8
