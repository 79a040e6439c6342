"""The language signals (autograder/rubric/language) as the rubric uses them: negation, fluency,
sarcasm and condescension, hollow boilerplate (issue 9, kinds 4, 5, 9 and 10)."""

import math

import pytest

from autograder import score_reply
from autograder.rubric.checks import HARM_CAP


def band(score: float) -> int:
    return min(4, math.floor(score * 5))


def _credit(result, name: str) -> float:
    return next(c.credit for c in result.criteria if c.name == name)


EXCELLENT_EBOOK = (
    "Priya, I can see why you're frustrated: you paid $14.99 and the book won't open on your e-reader. "
    "It isn't a scam, though I understand why it felt like one. I can exchange it for an edition your "
    "reader supports, or you can read it now in our free app. Which would you prefer?"
)


def test_it_isnt_a_scam_does_not_agree_that_it_is_one():
    """Does "It isn't a scam" in an excellent reply stay clear of the agrees-it-is-a-scam cap?"""
    result = score_reply("ebook-incompatible", EXCELLENT_EBOOK)
    assert "wrong_ownership" not in result.flags and band(result.score) == 4


def test_agreeing_it_is_a_scam_still_caps():
    """Does agreeing that the sale was a scam still cost the ownership cap?"""
    reply = EXCELLENT_EBOOK.replace(
        "It isn't a scam, though I understand why it felt like one.", "It's a scam."
    )
    assert "wrong_ownership" in score_reply("ebook-incompatible", reply).flags


@pytest.mark.parametrize(
    ("reply", "earns"),
    [
        ("Marcus, I don't understand why you're upset; you paid after the 5 pm cut-off.", False),
        ("Marcus, I understand why you're upset: you paid on the 3rd, the due date.", True),
    ],
)
def test_a_denied_feeling_earns_no_acknowledgement(reply, earns):
    """Does "I don't understand why you're upset" earn nothing, unlike its opposite?"""
    credit = _credit(score_reply("late-fee-dispute", reply), "acknowledges_feeling")
    assert (credit >= 0.5) is earns, credit


@pytest.mark.parametrize(
    "reply",
    [
        "Marcus late fee the 3rd cut-off sorry we understand you autopay reminder happy to help",
        "Priya the ebook sorry we the refund format you app exchange the edition happy to help",
        "Linda thank you the price we loyal the six years annual plan you basic plan happy to help",
    ],
)
def test_keyword_strings_are_gaming_whatever_their_small_words(reply):
    """Are keyword strings with small words mixed in flagged as keyword lists (band 0)?"""
    scenario = {"M": "late-fee-dispute", "P": "ebook-incompatible", "L": "price-increase"}[reply[0]]
    result = score_reply(scenario, reply)
    assert "keyword_list" in result.flags and band(result.score) == 0


@pytest.mark.parametrize(
    ("scenario", "reply"),
    [
        (
            "double-charge",
            "tom im really sorry, we charged you twice for the same order and thats our billing mistake. "
            "i am refunding the 89 dollars today, it takes 3-5 business days to reach your bank. do you "
            "want me to check your other orders too?",
        ),
        (
            "repeat-outage",
            "Sam, I am very sorry for this problem. You are calling three times this week and internet is "
            "dropping every evening, this is very hard when you work from home. I will book technician for "
            "tomorrow morning and I send you free hotspot for meantime. Is it ok for you?",
        ),
    ],
)
def test_lower_case_and_learner_english_keep_their_scores(scenario, reply):
    """Do genuine replies in lower case or learner English stay in the top bands?"""
    result = score_reply(scenario, reply)
    assert "keyword_list" not in result.flags and band(result.score) >= 3, (result.score, result.flags)


@pytest.mark.parametrize(
    ("scenario", "reply", "flag"),
    [
        (
            "repeat-outage",
            "Well done finding the one setting that breaks it, Sam. I've booked a technician for tomorrow "
            "morning.",
            "sarcasm",
        ),
        (
            "price-increase",
            "Linda, I'm sure you read every email we send. The Basic plan is $7.99 a month if you'd like it.",
            "sarcasm",
        ),
        (
            "late-fee-dispute",
            "No offence, Marcus, but the 5 pm cut-off is on every statement. I can set up a reminder.",
            "condescension",
        ),
    ],
)
def test_sarcasm_and_condescension_fail_tone_and_cap_the_total(scenario, reply, flag):
    """Do ironic praise, sarcastic certainty and "no offence, but" fail tone and cap in band 0-1?"""
    result = score_reply(scenario, reply)
    assert flag in result.flags and result.score <= HARM_CAP
    assert _credit(result, "warm_polite_tone") == 0.0


def test_hollow_boilerplate_is_band_one_and_acknowledges_nothing():
    """Is a padded reply of stock phrases band 1 at best, with no acknowledgement credit?"""
    reply = (
        "We value you as a customer and we are sorry for any inconvenience. Your feedback is important to us "
        "and we are always striving to improve our services. Thank you for your patience and understanding."
    )
    result = score_reply("double-charge", reply)
    assert band(result.score) <= 1 and _credit(result, "acknowledges_feeling") == 0.0
    assert {"boilerplate", "not_specific"} & set(result.flags)
