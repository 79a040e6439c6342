"""Honest replies that sit next to an anti-gaming or harm check, against the whole rubric (score_reply).

``near_misses.jsonl`` holds replies a real agent, team lead or student would write, each written for one
check it sits near (``check``) and labelled 0-4 on the calibration scale before it was scored: active
listening that paraphrases the message and then acts, indignation on the person's behalf ("Eight whole
days?"), bullet points that are real actions, signature blocks, a team lead calling the abusive caller
"he", quoting the customer's own words, offers put as questions, "I take full ownership", "you're not
overreacting", the scenario's own offers in the agent's words, conditional apologies for an event, and
red-line words used honestly. None labelled 2 or more may raise the check it sits near, and none may
fall more than one band below its label. Bands: min(4, floor(5 * score)).

A few are disagreements found and left alone (see :data:`LEFT_ALONE`); each is a strict xfail, so
a change that settles one says so.
"""

import json
from pathlib import Path

import pytest
from replycheck import band

from autograder import score_reply
from autograder.rubric.criteria.acknowledgement import NON_APOLOGY
from autograder.rubric.scenario import load_scenario
from autograder.rubric.text import analyse

REPLIES = [
    json.loads(line)
    for line in (Path(__file__).parent / "near_misses.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
]

# Kept, with the reason the rubric's reading was left as it is.
LEFT_ALONE = {
    "kw-linda-signature": '"I\'m sorry the new price came as a shock" apologises for the price, which the '
    "scenario's lesson rules out; the signature block itself is not flagged",
    "voice-victor-manager": '"tell him the customer on the line has heard..." talks about the person as '
    '"the customer" in front of him, the very form of a note',
    "buy-ben-all-four": 'a "free upgrade to a suite" is the offered suite at no extra cost in other words; '
    "grounding does not know the synonym (one ungrounded promise, band 2, not buying off)",
    "red-jordan-not-part-of-job": '"not just part of the job" reads as the "not only" idiom, so the red '
    "line's phrase is not denied",
    "red-rosa-freeze-no-fee": '"you won\'t have to pay the fee" is close enough to promising the waiver the '
    "red line forbids",
}


def raises(reply: dict, result) -> bool:
    """Whether the check ``reply`` sits near fires: a flag, or for a non-apology the acknowledgement
    criterion discarding the apology (never in a colleague scenario, where the feeling is not a
    complaint against the speaker)."""
    if reply["check"] == "non_apology":
        if load_scenario(reply["scenario"]).role == "colleague":
            return False
        return NON_APOLOGY.search(analyse(reply["reply"]).text) is not None
    return reply["check"] in result.flags


def _params():
    for reply in REPLIES:
        marks = (
            [pytest.mark.xfail(strict=True, reason=LEFT_ALONE[reply["id"]])]
            if reply["id"] in LEFT_ALONE
            else []
        )
        yield pytest.param(reply, id=reply["id"], marks=marks)


def test_every_check_has_six_honest_near_misses():
    """Does every check under test have at least six honest replies labelled 2 or more?"""
    counts: dict[str, int] = {}
    for reply in REPLIES:
        if reply["human"] >= 2:
            counts[reply["check"]] = counts.get(reply["check"], 0) + 1
    checks = {
        "echo", "other_situation", "minimising", "keyword_list", "wrong_voice", "interrogation",
        "meta_talk", "put_down", "buying_off", "non_apology", "red_line",
    }  # fmt: skip
    assert checks <= set(counts), sorted(checks - set(counts))
    assert all(counts[c] >= 6 for c in checks), counts


@pytest.mark.parametrize("reply", list(_params()))
def test_honest_near_miss_keeps_its_score(reply):
    """Does an honest reply near a check keep clear of it, and stay within one band of its label?"""
    result = score_reply(reply["scenario"], reply["reply"])
    if reply["human"] >= 2:
        assert not raises(reply, result), (result.flags, result.score)
    assert band(result.score) >= reply["human"] - 1, (result.score, result.flags)


# Each narrowing above keeps the trick it sits beside: the same words without what made them honest.
TRICKS_KEPT = [
    (
        "agent-after-hostile-calls",
        "Jordan, I'm telling you to toughen up. Take a 15-minute break now.",
        "dismissive",
    ),
    (
        "birthday-gift-delay",
        "Eight whole days? Aisha, I'll open a trace with the courier today.",
        "minimising",
    ),
    ("double-charge", "Tom, I know it's only $89. I'll refund the duplicate today.", "minimising"),
    ("agent-after-hostile-calls", "Jordan, maybe this job just isn't for you. Take a break.", "put_down"),
    (
        "double-charge",
        "Hi, you charged me twice for my order and I need that $89 back for rent this week. Please refund "
        "it.",
        "wrong_voice",
    ),
    (
        "price-increase",
        "Linda, for an extra $3 a month you can get 4K streaming and two more screens on our Premium plan.",
        "selling",
    ),
    (
        "gym-cancellation-fee",
        "Rosa, would it help to hear more about the fee? Would you like to know your options? What would "
        "make this right?",
        "interrogation",
    ),
    ("hotel-overbooked", "Mr Adeyemi, could you come back later tonight? We're full.", "red_line"),
    ("double-charge", "Tom - so sorry. Full refund. Immediate escalation. Our mistake.", "keyword_list"),
    (
        "double-charge",
        "Tom, you looked at your bank statement and we billed you two times for the one order. That is $89 "
        "you needed for rent this week. How does this even happen?",
        "echo",
    ),
    (
        "game-download-incompatible",
        "Owen, you should have checked the system requirements first.",
        "red_line",
    ),
    ("late-fee-dispute", "Marcus, I know the rules, and the fee stands.", "red_line"),
]


@pytest.mark.parametrize(("scenario", "reply", "flag"), TRICKS_KEPT)
def test_the_trick_beside_each_narrowing_still_fires(scenario, reply, flag):
    """Does the harmful or gaming form next to each honest one still raise its check?"""
    result = score_reply(scenario, reply)
    assert flag in result.flags, (result.flags, result.score)


def test_a_non_apology_to_a_customer_is_still_one():
    """Do "sorry you feel that way" and "sorry if you were upset" still match, and "sorry if you were told
    something different" or "sorry you feel this way about yourself" not?"""
    for text in ("I'm sorry you feel that way.", "We're sorry if you were upset by the fee."):
        assert NON_APOLOGY.search(text), text
    for text in (
        "I'm sorry if you were told something different.",
        "I'm sorry you feel this way about yourself.",
    ):
        assert not NON_APOLOGY.search(text), text
