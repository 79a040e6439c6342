"""Honest replies (honest_replies.jsonl beside this file) must not be punished by the anti-gaming checks.

Written for this file, labelled on the calibration scale (0-4) before the rubric scored them: the way
real agents and students write (non-native English, typos, British spelling, lower-case chat, very
short but excellent replies, text pasted from Word, Outlook or a web editor with curly quotes,
non-breaking spaces, soft hyphens and zero-width spaces, bullets, an emoji, signature blocks, the
customer's words quoted back, the scenario's own products, kind refusals and policy explained).
Most are good, so the agreement figures are about ranking near the top of the scale.
"""

import json
import sys
from pathlib import Path

import pytest
from replycheck import band

from autograder import score_reply

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "bench"))
from _stats import quadratic_kappa, spearman  # noqa: E402

ROWS = [json.loads(line) for line in (Path(__file__).parent / "honest_replies.jsonl").open(encoding="utf-8")]
# Flags for tricks and evasion: an honest reply must never raise one.
GAMING_FLAGS = frozenset(
    {
        "hidden_text",
        "disguised_text",
        "keyword_list",
        "copied",
        "echo",
        "repetition",
        "template",
        "other_person",
        "other_situation",
        "not_english",
        "markup",
        "code",
        "too_long",
        "shouting",
        "wrong_voice",
        "interrogation",
        "meta_talk",
    }
)


@pytest.fixture(scope="module")
def scored() -> list[tuple[dict, float, tuple[str, ...]]]:
    return [(row, r.score, r.flags) for row in ROWS for r in [score_reply(row["scenario"], row["reply"])]]


def test_the_set_covers_the_catalogue_and_the_habits():
    """Does the file hold at least 60 replies, most scenarios, and the pasted-text habits it is about?"""
    assert len(ROWS) >= 60 and len({r["id"] for r in ROWS}) == len(ROWS)
    scenarios = {p.stem for p in (ROOT / "autograder/rubric/scenarios").glob("*.yaml")}
    assert {r["scenario"] for r in ROWS} <= scenarios and len({r["scenario"] for r in ROWS}) >= 15
    joined = "".join(r["reply"] for r in ROWS)
    for habit in ("\u200b", "\u00ad", "\u00a0", "\u2019", "\u2022", "\u0301", "|"):
        assert habit in joined, repr(habit)


@pytest.mark.parametrize("row", [r for r in ROWS if r["human"] >= 3], ids=lambda r: r["id"])
def test_good_honest_reply_is_neither_flagged_nor_sunk(row, scored):
    """Is a reply a person marks good (3-4) free of every gaming or evasion flag and at band 2 or above?"""
    score, flags = next((s, f) for r, s, f in scored if r is row)
    assert not GAMING_FLAGS & set(flags), flags
    assert band(score) >= 2, (score, flags)


def test_honest_replies_agree_with_the_labels(scored):
    """Do the rubric's scores rank and band the honest replies as the labels do, within one band each?"""
    labels = [row["human"] for row, _, _ in scored]
    scores = [s for _, s, _ in scored]
    bands = [band(s) for s in scores]
    assert spearman(scores, labels) >= 0.35
    assert quadratic_kappa(bands, labels, 5) >= 0.6
    far = [
        (row["id"], row["human"], b)
        for (row, _, _), b in zip(scored, bands, strict=True)
        if abs(b - row["human"]) > 1
    ]
    assert not far, far
