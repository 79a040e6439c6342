"""Tests for autograder/rubric/language/boilerplate.py: stock phrases that acknowledge nothing."""

import pytest

from autograder.rubric.criteria.acknowledgement import FEELING
from autograder.rubric.language import boilerplate, strip_boilerplate
from autograder.rubric.text import analyse

MESSAGE = "You charged me $89 twice and my rent is due on Friday. I'm really stressed about it."


@pytest.mark.parametrize(
    ("reply", "kind"),
    [
        ("We value you as a customer.", "generic_value"),
        ("We truly appreciate your business and your loyalty.", "generic_value"),
        ("We apologise for any trouble this may have caused.", "generic_apology"),
        ("Sorry for any inconvenience.", "generic_apology"),
        ("I am sincerely sorry for the frustration you may have experienced.", "generic_apology"),
        ("Our apologies for any confusion caused.", "generic_apology"),
        ("We are sorry for this inconvenience that may have caused you stress.", "generic_apology"),
        ("Your feedback is important to us.", "importance_claim"),
        ("Customer satisfaction is our top priority.", "importance_claim"),
        ("We take your concerns very seriously.", "importance_claim"),
        ("We strive to provide the best possible service.", "striving"),
        ("Our team is committed to delivering an excellent customer experience.", "striving"),
        ("Thank you for contacting us.", "stock_thanks"),
        ("Thanks for your patience and understanding.", "stock_thanks"),
        ("Please do not hesitate to contact us if you have any other questions.", "stock_closing"),
        ("Have a wonderful day!", "stock_closing"),
        ("Rest assured, we are here to help.", "stock_closing"),
    ],
)
def test_stock_phrases_are_hollow(reply, kind):
    """Is a frame with a generic object and nothing specific after it found as hollow, with its span?"""
    found = boilerplate(reply, MESSAGE)
    assert kind in found.kinds
    span = next(s for s in found.spans if s.kind == kind)
    assert span.family == "boilerplate"
    assert analyse(reply).text[span.start : span.end] == span.text
    assert found.share >= 0.5


@pytest.mark.parametrize(
    "reply",
    [
        # the same frames, tied to this person's situation
        "Sorry for the trouble with the $89 charge, Tom.",
        "I'm sorry for the stress of having your rent money tied up before Friday.",
        "Thanks for your patience while I reversed the duplicate charge.",
        "I appreciate you telling me about the rent, that helps me prioritise this.",
        # sincere sentences with no generic object at all
        "I'm sorry the second charge landed the week your rent is due.",
        "That's our billing error and I've refunded it today.",
        "Two charges for one order is our mistake, not yours.",
        "I'll email you the refund confirmation within the hour.",
        "Sorry about that, Tom.",
        "I am very sorry for this problem, Tom.",
    ],
)
def test_specific_sentences_are_not_boilerplate(reply):
    """Does naming something of the person's situation (or no generic object) keep a sentence out?"""
    found = boilerplate(reply, MESSAGE)
    assert found.spans == ()
    assert found.share == 0.0


def test_share_measures_padding():
    """Is the share of boilerplate high for a padded reply and low when one stock line sits in a real one?"""
    padded = (
        "Thank you for contacting us. We value you as a customer. Your satisfaction is our top priority. "
        "We apologise for any inconvenience this may have caused. Have a great day!"
    )
    real = (
        "Tom, we charged you twice and that's our error. I've refunded the second $89 today, so it is back "
        "before your rent is due on Friday. Thank you for contacting us."
    )
    assert boilerplate(padded, MESSAGE).share >= 0.9
    assert 0 < boilerplate(real, MESSAGE).share < 0.25


def test_without_a_message_any_concrete_word_makes_it_specific():
    """Without the customer's message, does a concrete word after the frame still keep it specific?"""
    assert boilerplate("Sorry for the trouble with your gym membership.").spans == ()
    assert boilerplate("Sorry for the trouble.").kinds == ("generic_apology",)


def test_strip_leaves_no_feeling_word_in_stock_lines():
    """After stripping, does "sorry for any frustration this may have caused" hold no feeling word,
    while a specific feeling sentence keeps its own?"""
    stock = "We're sorry for any frustration this may have caused."
    stripped = strip_boilerplate(stock)
    assert len(stripped) == len(stock)
    assert FEELING.findall(stripped) == []
    specific = "Having rent money tied up is stressful."
    assert strip_boilerplate(specific) == specific
