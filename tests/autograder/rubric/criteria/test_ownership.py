"""Tests for the ``fitting_ownership`` criterion."""

import pytest

from autograder.rubric.criteria import ownership

# ---- company at fault (double-charge)


def test_owning_and_apologising_when_at_fault(criterion_context):
    """When the company is at fault, does owning the mistake and apologising earn full credit?"""
    reply = "I'm sorry, Tom - charging you twice was our mistake."
    result = ownership.evaluate(criterion_context("double-charge", reply))
    assert result.met and result.credit == 1.0


def test_apology_without_ownership_is_partial(criterion_context):
    """When at fault, is an apology that never owns the mistake only partial?"""
    result = ownership.evaluate(criterion_context("double-charge", "I'm sorry about that."))
    assert result.met and result.credit < 1.0
    assert "company's" in result.feedback


def test_boilerplate_apology_when_at_fault(criterion_context):
    """When at fault, is "any inconvenience this may have caused" weaker than a plain apology?"""
    plain = ownership.evaluate(criterion_context("double-charge", "I'm sorry about that."))
    hedged = ownership.evaluate(
        criterion_context("double-charge", "We apologise for any inconvenience this may have caused.")
    )
    assert hedged.credit < plain.credit


def test_shifting_blame_when_at_fault(criterion_context):
    """When at fault, does saying it is not our fault miss fitting_ownership?"""
    result = ownership.evaluate(criterion_context("double-charge", "This is not our fault; ask your bank."))
    assert not result.met


def test_silence_about_the_mistake_when_at_fault(criterion_context):
    """When at fault, does a reply that neither owns nor apologises miss it?"""
    result = ownership.evaluate(criterion_context("double-charge", "A refund takes 3-5 business days."))
    assert not result.met


# ---- company not at fault


@pytest.mark.parametrize(
    ("scenario", "reply"),
    [
        ("price-increase", "I'm sorry about the price increase."),
        ("price-increase", "We apologise for raising the price."),
        ("late-fee-dispute", "I'm sorry for the late fee."),
        ("late-fee-dispute", "You're right, the fee is unfair."),
        ("late-fee-dispute", "Our rules are silly, honestly."),
        ("ebook-incompatible", "This is entirely our fault."),
        ("ebook-incompatible", "I apologise for our policy on refunds."),
        ("locked-account-2fa", "I'm sorry that we have this two-factor rule."),
    ],
)
def test_apologising_for_policy_or_taking_blame_misses(criterion_context, scenario, reply):
    """Does a reply that apologises for the price or policy, or accepts blame, miss fitting_ownership?"""
    result = ownership.evaluate(criterion_context(scenario, reply))
    assert not result.met and result.credit == 0.0
    assert result.evidence


@pytest.mark.parametrize(
    ("scenario", "reply"),
    [
        ("price-increase", "I can see why a jump from $9.99 to $12.99 was an unwelcome surprise."),
        ("ebook-incompatible", "I'd be frustrated too if a book I'd paid for wouldn't open."),
        ("late-fee-dispute", "I understand why this feels unfair when you paid on the 3rd."),
        ("ebook-incompatible", "I'm sorry it won't open on your reader - let's get it working."),
    ],
)
def test_understanding_without_blame_earns_it(criterion_context, scenario, reply):
    """When not at fault, does understanding without taking blame meet fitting_ownership?"""
    result = ownership.evaluate(criterion_context(scenario, reply))
    assert result.met and result.credit == 1.0


def test_defensive_reply_when_not_at_fault(criterion_context):
    """When not at fault, is "it's not our fault" treated as defensive (not met)?"""
    result = ownership.evaluate(criterion_context("price-increase", "It's not our fault, prices rise."))
    assert not result.met


def test_not_our_fault_is_not_accepting_blame(criterion_context):
    """Is "not our fault" never read as accepting blame?"""
    result = ownership.evaluate(criterion_context("ebook-incompatible", "It isn't our fault."))
    assert result.credit > 0.0


# ---- fault unknown


def test_apology_for_the_trouble_when_fault_unknown(criterion_context):
    """When nobody knows whose fault it is, is an apology for the trouble fine?"""
    reply = "I'm sorry you've had to call three times about this."
    result = ownership.evaluate(criterion_context("repeat-outage", reply))
    assert result.met and result.credit == 1.0


def test_declaring_fault_when_unknown(criterion_context):
    """When the cause is unknown, does declaring it the company's fault lose the criterion?"""
    result = ownership.evaluate(criterion_context("repeat-outage", "This is all our fault."))
    assert not result.met


def test_naming_their_view_is_not_agreeing_with_it(criterion_context):
    """Is "I can see why it feels like a scam" understanding rather than accepting blame?"""
    reply = "Priya, I can see why it feels like a scam when a book you paid for won't open."
    result = ownership.evaluate(criterion_context("ebook-incompatible", reply))
    assert result.met


def test_agreeing_it_is_a_scam_still_misses(criterion_context):
    """Does calling the company's own product a scam still count as accepting blame?"""
    reply = "Honestly, it's a total scam and I'm sorry we sold it to you."
    result = ownership.evaluate(criterion_context("ebook-incompatible", reply))
    assert not result.met and result.credit == 0.0
