"""The meaning replies (meaning_replies.jsonl beside this file): written and labelled before the rubric
scored them, across every catalogue scenario. Honest replies of every quality (terse, long and
rambling, learner English with small slips, empathetic with no action, action with no warmth) and
gaming ones: keywords glued with prepositions (``fluency``), a reply to another scenario
(``relevance``), a reply that would fit any customer (``generic``) and irony through hyperbole
(``sarcasm``).

Each line: ``family``, ``scenario``, ``label`` (0-4 on the calibration scale), ``note`` (what kind of
reply it is) and ``reply``. ``bench/rubric_families.py`` prints the same figures per family.
"""

import math
import sys
from pathlib import Path

import pytest

from autograder import score_reply
from autograder.rubric.scenario import SCENARIO_DIR, load_catalogue

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "bench"))
from _stats import quadratic_kappa, spearman  # noqa: E402
from rubric_families import MEANING, load_families  # noqa: E402

ROWS = load_families(MEANING)
GAMING = ("fluency", "relevance", "sarcasm")
GAMING_CEILING = 0.2  # a reply written to trick the rubric stays in band 0
GENERIC_CEILING = 0.4  # one that could go to anyone stays below "adequate"


def band(score: float) -> int:
    return min(4, math.floor(score * 5))


@pytest.fixture(scope="module")
def scored() -> list[tuple[dict, float]]:
    return [(row, score_reply(row["scenario"], row["reply"]).score) for row in ROWS]


def test_every_scenario_and_kind_is_covered():
    """Does the file hold replies to every catalogue scenario, and each kind of honest and gaming reply?"""
    assert {row["scenario"] for row in ROWS} == set(load_catalogue(SCENARIO_DIR))
    families = {row["family"] for row in ROWS}
    assert {"good", "generic", *GAMING} <= families
    notes = " ".join(row["note"] for row in ROWS if row["family"] == "good")
    for kind in ("terse", "rambling", "non-native", "no action", "cold"):
        assert kind in notes, kind
    assert sum(row["family"] == "good" for row in ROWS) >= 30


def test_agreement_with_the_labels(scored):
    """Do the rubric's scores rank and band the replies as the labels do?"""
    labels = [row["label"] for row, _ in scored]
    assert spearman([s for _, s in scored], labels) >= 0.85
    assert quadratic_kappa([band(s) for _, s in scored], labels, 5) >= 0.85


@pytest.mark.parametrize("family", GAMING)
def test_no_gaming_reply_scores_above_the_ceiling(family, scored):
    """Does every keyword salad, reply to another scenario and ironic reply stay at or under the ceiling?"""
    high = [(s, row["reply"][:70]) for row, s in scored if row["family"] == family and s > GAMING_CEILING]
    assert not high, high


def test_generic_replies_stay_below_adequate(scored):
    """Does a reply that would fit any customer stay below band 2?"""
    high = [
        (s, row["reply"][:70]) for row, s in scored if row["family"] == "generic" and s >= GENERIC_CEILING
    ]
    assert not high, high


def test_learner_english_and_sincere_intensifiers_keep_their_band(scored):
    """Do honest replies labelled 3-4 in learner English or with sincere intensifiers stay within one band?"""
    kinds = ("non-native", "lower case", "intensifiers", "rambling", "terse")
    low = [
        (row["label"], band(s), row["reply"][:70])
        for row, s in scored
        if row["family"] == "good" and row["label"] >= 3 and any(k in row["note"] for k in kinds)
        if band(s) < row["label"] - 1 or band(s) < 2
    ]
    assert not low, low
