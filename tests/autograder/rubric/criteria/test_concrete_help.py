"""Tests for the ``offers_concrete_help`` criterion."""

import pytest

from autograder.rubric.criteria import concrete_help


def test_two_offers_with_specifics_earn_full_credit(criterion_context):
    """Do two of the scenario's offers, with a time, earn full credit?"""
    reply = "I can book a technician for tomorrow morning, and I'll send you a free mobile hotspot today."
    result = concrete_help.evaluate(criterion_context("repeat-outage", reply))
    assert result.met and result.credit == 1.0
    assert "hotspot" in " ".join(result.evidence)


def test_one_offer_is_met(criterion_context):
    """Does one concrete offer meet the criterion?"""
    reply = "I can switch you to the annual plan at $119 a year."
    result = concrete_help.evaluate(criterion_context("price-increase", reply))
    assert result.met


def test_vague_help_misses(criterion_context):
    """Does "we'll look into it" miss offers_concrete_help, with an example offer in the feedback?"""
    result = concrete_help.evaluate(criterion_context("repeat-outage", "We'll look into it and help you."))
    assert not result.met and result.credit <= 0.2
    assert "technician" in result.feedback


def test_negated_offer_is_not_an_offer(criterion_context):
    """Is "we can't refund the duplicate charge" not counted as offering a refund?"""
    result = concrete_help.evaluate(
        criterion_context("double-charge", "We can't refund the duplicate charge.")
    )
    assert not result.met


def test_restating_the_problem_is_not_help(criterion_context):
    """Does restating the double charge (words shared with the offer) not count as offering help?"""
    result = concrete_help.evaluate(
        criterion_context("double-charge", "You were charged twice for the same order.")
    )
    assert not result.met


def test_stating_a_fact_is_weaker_than_offering(criterion_context):
    """Is "a notice was emailed" worth less than "I'll resend the notice"?"""
    fact = concrete_help.evaluate(criterion_context("price-increase", "A price-change notice was emailed."))
    offer = concrete_help.evaluate(
        criterion_context("price-increase", "I'll resend the price-change notice now.")
    )
    assert offer.credit > fact.credit


def test_help_after_a_refusal_still_counts(criterion_context):
    """Does "it can't be refunded, but I can swap it" earn credit for the swap?"""
    reply = "The book can't be refunded, but I can exchange it for an edition your e-reader supports today."
    result = concrete_help.evaluate(criterion_context("ebook-incompatible", reply))
    assert result.met
    assert any("exchange" in e for e in result.evidence)


def test_refusal_alone_offers_nothing(criterion_context):
    """Does a reply that only says what can't be done miss the criterion?"""
    reply = "We can't refund downloaded books."
    result = concrete_help.evaluate(criterion_context("ebook-incompatible", reply))
    assert not result.met


@pytest.mark.parametrize(
    ("reply", "helps"),
    [
        ("Tom, I'm never going to refund this.", False),
        ("Tom, I won't be refunding the duplicate charge.", False),
        ("Sam, I'll send a free mobile hotspot at no extra cost today.", True),
    ],
)
def test_what_a_negation_denies_offers_nothing(criterion_context, reply, helps):
    """Does a denied offer ("I'm never going to refund this") earn nothing, while "no extra cost" helps?"""
    scenario = "double-charge" if reply.startswith("Tom") else "repeat-outage"
    result = concrete_help.evaluate(criterion_context(scenario, reply))
    assert (result.credit >= 0.5) is helps, result.credit
