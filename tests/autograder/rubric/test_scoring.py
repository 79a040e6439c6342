"""Tests for the rubric as a whole: ``autograder.score_reply``.

The replies below were written for these tests (not taken from the calibration
set): for each scenario, good and bad replies with the band a person would give
(0 harmful ... 4 excellent, band = min(4, floor(score * 5))).
"""

from __future__ import annotations

import json
import math
import time
import warnings
from pathlib import Path

import pytest

from autograder import WEIGHTS, score_reply
from autograder.rubric.result import ReplyResult
from autograder.rubric.scenario import SCENARIO_DIR, load_scenario
from autograder.rubric.scoring import CRITERIA, GENERIC_CAP, WRONG_OWNERSHIP_CAP

NAMES = (
    "uses_name",
    "acknowledges_feeling",
    "reflects_problem",
    "commits_to_act",
    "fitting_ownership",
    "offers_concrete_help",
    "invites_view",
    "warm_polite_tone",
)


def band(score: float) -> int:
    return min(4, math.floor(score * 5))


# Hand-written replies, one JSON object a line: scenario, low and high band a person would give, reply.
EXAMPLES = [
    (row["scenario"], (row["low"], row["high"]), row["reply"])
    for row in map(json.loads, (Path(__file__).parent / "own_replies.jsonl").read_text().splitlines())
]


@pytest.mark.parametrize(("scenario", "bands", "reply"), EXAMPLES)
def test_own_examples_land_in_the_expected_band(scenario, bands, reply):
    """Does each hand-written reply land in the band a person would give it?"""
    result = score_reply(scenario, reply)
    low, high = bands
    assert low <= band(result.score) <= high, (result.score, result.flags)


GAMING = [
    ("double-charge", "sorry understand frustrating Tom refund help make this right"),
    (
        "double-charge",
        "I just checked my bank statement and you charged me twice for the same order. That's $89 I needed "
        "for rent this week. How does this even happen?",
    ),
    ("double-charge", "I'm sorry. I'm sorry. I'm sorry. I'm sorry. I'm sorry."),
    ("double-charge", "TOM I AM SO SORRY WE WILL REFUND THE $89 TODAY!!! WHAT ELSE CAN WE DO???"),
    (
        "price-increase",
        "Linda, sorry, understand, frustrating, options, annual plan, basic plan, help, loyal",
    ),
    ("repeat-outage", "Lamentamos mucho las molestias. Enviaremos un técnico mañana por la mañana."),
    ("repeat-outage", "😊🙏👍"),
    (
        "repeat-outage",
        "Sam, " + "I'm sorry the internet drops every evening and I'll book a technician. " * 200,
    ),
    ("repeat-outage", "<div><h1>Sorry Sam</h1><p>We <b>will</b> book a <i>technician</i>.</p></div>"),
    ("repeat-outage", "def reply():\n    return 'sorry Sam, technician tomorrow';\nprint(reply());"),
    (
        "late-fee-dispute",
        "Marcus, I understand how frustrating this is and I'm here to help. What can we do to make this "
        "right? Frankly, you paid late and that's your problem.",
    ),
    (
        "agent-after-hostile-calls",
        "Jordan, I hear you and I'm sorry that happened. Would a 15-minute break help? Honestly though, "
        "toughen up - it's part of the job.",
    ),
    (
        "ebook-incompatible",
        "Priya, I'd be upset too, and I can exchange it or set you up in our free app - which would you "
        "prefer? Next time read the product page before you buy.",
    ),
]


@pytest.mark.parametrize(("scenario", "reply"), GAMING)
def test_gaming_and_harm_score_low_with_a_reason(scenario, reply):
    """Does every gaming or harmful reply score at most 0.30, with a flag and feedback saying why?"""
    result = score_reply(scenario, reply)
    assert result.score <= 0.30
    assert result.flags
    assert result.feedback


def test_friendly_words_do_not_undo_blame():
    """Are friendly words followed by blame capped in the harmful band, with the blame named first?"""
    reply = GAMING[10][1]
    result = score_reply("late-fee-dispute", reply)
    assert band(result.score) == 0
    assert "blame" in result.flags
    assert "blames" in result.feedback[0]
    assert result.extra["uncapped"] > result.score


ANYONE = (
    "Hi {name}, thank you for getting in touch, and I'm really sorry about the {what} - I completely "
    "understand how frustrating this must be for you. I've looked into it and I'll make sure it's put "
    "right as quickly as possible. Please let me know if there's anything else I can do, and thanks "
    "again for your patience."
)


@pytest.mark.parametrize(
    ("scenario", "name", "what"),
    [("repeat-outage", "Sam", "outage"), ("colleague-after-abusive-chat", "Leo", "chat")],
)
def test_a_reply_that_could_go_to_anyone_is_at_most_band_2(scenario, name, what):
    """Is a warm reply with no concrete help and little of the person's situation at most band 2?"""
    result = score_reply(scenario, ANYONE.format(name=name, what=what))
    assert "generic" in result.flags
    assert result.score <= GENERIC_CAP < 0.6


def test_a_specific_reply_without_an_offer_is_not_generic():
    """Does a reply that says back what happened, though it offers nothing yet, escape the generic cap?"""
    reply = (
        "Sam, a third call this week with the line dropping every evening around seven, while you work "
        "from home, is exhausting. I'm going to stay on this until it's fixed."
    )
    assert "generic" not in score_reply("repeat-outage", reply).flags


def test_short_excellent_reply_scores_high():
    """Does a three-sentence reply with name, acknowledgement, action and question score high?"""
    reply = (
        "Sam, a third call this week with the connection dropping every evening must be maddening when you "
        "work from home. I'm booking a technician for tomorrow morning and sending a free hotspot today. "
        "Does a morning visit work for you?"
    )
    assert score_reply("repeat-outage", reply).score >= 0.8


def test_long_lecture_scores_low():
    """Does a long reply that lectures score low however many words it has?"""
    reply = (
        "Marcus, I'm going to explain this once more. You need to understand that payments made after 5 pm "
        "post on the next business day. You have to pay before the cut-off. It is your responsibility to "
        "read the account agreement. Next time, make sure you pay earlier in the day. You must also note "
        "that the fee is $25 and it applies to every late payment, which is clearly stated in the terms. "
        "I can set up autopay if you want, but you really should have done that already."
    )
    result = score_reply("late-fee-dispute", reply)
    assert result.score <= 0.35
    assert {"lecturing", "blame"} & set(result.flags)


def test_apologising_for_the_price_pulls_the_score_down_hard():
    """Is an otherwise good reply that apologises for the price capped in the low band?"""
    reply = (
        "Linda, thank you for six years with us. I'm so sorry about the price increase from $9.99 to "
        "$12.99. I can switch you to the annual plan at $119 a year or Basic at $7.99. "
        "Which would you prefer?"
    )
    result = score_reply("price-increase", reply)
    assert result.score <= WRONG_OWNERSHIP_CAP
    assert "wrong_ownership" in result.flags


@pytest.mark.parametrize("reply", [None, 0, 3.5, b"bytes", ["a", "list"], {"a": 1}, object(), True])
def test_non_text_does_not_raise(reply):
    """Does a non-string reply score 0 with the not_text flag and a clear sentence?"""
    result = score_reply("double-charge", reply)
    assert result.score == 0.0
    assert result.flags == ("not_text",)
    assert "text" in result.feedback[0]
    assert [c.name for c in result.criteria] == list(NAMES)


@pytest.mark.parametrize("reply", ["", "   ", "\n\t"])
def test_blank_reply_is_empty(reply):
    """Is a blank reply scored 0 with the empty flag?"""
    result = score_reply("double-charge", reply)
    assert result.score == 0.0 and result.flags == ("empty",)


def test_megabyte_reply_is_fast_and_flagged():
    """Is a 1 MB reply flagged too_long, scored low, and scored quickly?"""
    reply = "I'm sorry Tom, I'll refund you today. " * 30_000
    start = time.perf_counter()
    result = score_reply("double-charge", reply)
    assert time.perf_counter() - start < 2.0
    assert "too_long" in result.flags and result.score <= 0.1


def test_result_shape_and_ranges():
    """Does a result carry all eight criteria in rubric order, with scores and confidence in [0, 1]?"""
    result = score_reply("double-charge", "Tom, sorry about the double charge; I'll refund it today.")
    assert isinstance(result, ReplyResult)
    assert tuple(c.name for c in result.criteria) == NAMES
    assert 0.0 <= result.score <= 1.0 and 0.0 <= result.confidence <= 1.0
    assert all(0.0 <= c.credit <= 1.0 and c.feedback for c in result.criteria)
    assert all(c.weight == WEIGHTS[c.name] for c in result.criteria)
    assert result.scenario_id == "double-charge"
    assert result.to_dict()["score"] == result.score


def test_weights_name_exactly_the_criteria():
    """Do WEIGHTS and the criteria list name exactly the eight stable criteria, in order?"""
    assert tuple(WEIGHTS) == NAMES == tuple(CRITERIA)
    assert all(w > 0 for w in WEIGHTS.values())


def test_feedback_order_problems_then_improve_then_praise():
    """Is feedback ordered: problems first, then what to improve, then what was done well?"""
    reply = "TOM, I WILL REFUND THE DOUBLE CHARGE TODAY. WOULD YOU LIKE ME TO CHECK YOUR OTHER ORDERS?"
    result = score_reply("double-charge", reply)
    assert "SHOUTING" in result.feedback[0]
    good = "Tom, I'm sorry - charging you twice was our mistake. I've refunded the $89 today. Anything else?"
    result = score_reply("double-charge", good)
    improve = [c.feedback for c in result.criteria if c.credit < 0.95]
    praise = [c.feedback for c in result.criteria if c.credit >= 0.95]
    assert improve and praise
    assert max(result.feedback.index(f) for f in improve) < min(result.feedback.index(f) for f in praise)


def test_only_scores_the_chosen_criteria_but_keeps_caps():
    """Does `only` score just the named criteria, while still applying the harm caps?"""
    result = score_reply("double-charge", "Tom, thanks for telling us.", only=["uses_name"])
    assert [c.name for c in result.criteria] == ["uses_name"]
    assert result.score == 1.0
    harmful = score_reply("double-charge", "Tom, calm down.", only=["uses_name"])
    assert harmful.score <= 0.15 and "dismissive" in harmful.flags


def test_only_weighted_mean_of_two():
    """With two criteria chosen, is the score their weighted mean?"""
    result = score_reply("double-charge", "Tom, thanks.", only=("uses_name", "invites_view"))
    expected = WEIGHTS["uses_name"] / (WEIGHTS["uses_name"] + WEIGHTS["invites_view"])
    assert result.score == pytest.approx(expected, abs=1e-3)


def test_only_rejects_unknown_names():
    """Does `only` with an unknown criterion name raise a clear ValueError?"""
    with pytest.raises(ValueError, match="unknown criterion"):
        score_reply("double-charge", "Tom, thanks.", only=["empathy"])


def test_scenario_by_id_path_or_object_agree():
    """Do an id, a YAML path and a loaded Scenario give the same score?"""
    reply = "Dana, I'll send a one-time code to the phone on file. Shall we start?"
    path = Path(SCENARIO_DIR) / "locked-account-2fa.yaml"
    scores = {
        score_reply("locked-account-2fa", reply).score,
        score_reply(str(path), reply).score,
        score_reply(load_scenario("locked-account-2fa"), reply).score,
    }
    assert len(scores) == 1


def test_no_name_scenario_leaves_name_out_of_the_total(tmp_path):
    """In a scenario without a name, is uses_name met but given no weight in the total?"""
    source = (Path(SCENARIO_DIR) / "repeat-outage.yaml").read_text()
    path = tmp_path / "anonymous-outage.yaml"
    path.write_text(source.replace("id: repeat-outage", "id: anonymous-outage").replace("Sam Rivera", '""'))
    result = score_reply(str(path), "I'm booking a technician for tomorrow morning. Does that work for you?")
    uses_name = result.criteria[0]
    assert uses_name.met and uses_name.weight == 0.0
    assert result.score > 0


def test_new_scenario_without_key_facts_works(tmp_path):
    """Does a new, well-formed scenario without key_facts score sensibly?"""
    path = tmp_path / "lost-parcel.yaml"
    path.write_text(
        "id: lost-parcel\ntitle: A lost parcel\nchannel: chat\ncustomer_name: Ana Lima\n"
        "customer_message: My parcel never arrived and it was a birthday present for my son.\n"
        "company_at_fault: null\nrole: customer\n"
        "what_we_can_offer:\n  - send a replacement by express delivery\n  - open a trace with the courier\n"
        "policy_facts: []\n"
    )
    good = (
        "Ana, a birthday present for your son going missing is so disappointing. I'll send a replacement "
        "by express delivery today and open a trace with the courier. Would that work for you?"
    )
    poor = "Parcels are sometimes delayed."
    assert score_reply(str(path), good).score >= 0.7
    assert score_reply(str(path), poor).score < 0.4


def test_no_output_on_stderr_and_no_warnings(capsys):
    """Does scoring write nothing to stdout or stderr and raise no warnings?"""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for reply in ["Tom, I'll refund it today.", None, "", "ñ" * 20, "x" * 20_000]:
            score_reply("double-charge", reply)
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""


def test_confidence_is_lower_near_band_boundaries_and_for_conflicts():
    """Is confidence lower for a borderline or conflicting reply than for a clear one?"""
    clear = score_reply("double-charge", None)
    conflicted = score_reply("late-fee-dispute", GAMING[10][1])
    assert conflicted.confidence < clear.confidence


def test_better_reply_outscores_weaker_one_in_every_scenario():
    """In each scenario, does a reply with more of the rubric outscore a bare, correct one?"""
    for scenario_id, scenario in {
        s: load_scenario(s) for s in (p.stem for p in SCENARIO_DIR.glob("*.yaml"))
    }.items():
        offer = scenario.what_we_can_offer[0]
        name = scenario.first_name
        bare = f"We can {offer}."
        rich = (
            f"{name}, I can see why this has been so stressful. "
            f"I'll {offer} right away. What would work best for you?"
        )
        assert score_reply(scenario_id, rich).score > score_reply(scenario_id, bare).score, scenario_id


def test_polite_helpful_but_generic_reply_is_adequate():
    """Is a polite reply that offers real help, with no fault, at least band 2 ("adequate")?"""
    reply = "Thank you for your message. I have booked a technician visit for tomorrow morning."
    assert band(score_reply("repeat-outage", reply).score) >= 2


def test_sympathy_cliche_alone_stays_below_adequate():
    """Does a sympathy cliché with nothing behind it stay below band 2?"""
    assert band(score_reply("repeat-outage", "I know how you feel. That's terrible.").score) <= 1
