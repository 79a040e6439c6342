"""Tests for the ``acknowledges_feeling`` criterion."""

import pytest

from autograder.rubric.criteria import acknowledgement


@pytest.mark.parametrize(
    ("scenario", "reply"),
    [
        (
            "double-charge",
            "Having $89 you needed for rent tied up by our double charge must be really stressful.",
        ),
        ("repeat-outage", "Calling three times this week while you work from home sounds exhausting."),
        (
            "agent-after-hostile-calls",
            "Being called useless after four callers screamed at you would shake anyone.",
        ),
        ("ebook-incompatible", "I'd be frustrated too if a $14.99 book wouldn't open on my e-reader."),
        (
            "locked-account-2fa",
            "Being locked out with bills due today is worrying, and no wonder the call feels unsafe.",
        ),
    ],
)
def test_feeling_tied_to_their_situation_is_strong(criterion_context, scenario, reply):
    """Does naming the feeling together with their situation earn full credit?"""
    result = acknowledgement.evaluate(criterion_context(scenario, reply))
    assert result.met and result.credit == 1.0
    assert result.evidence


@pytest.mark.parametrize(
    "reply",
    [
        "I understand your frustration.",
        "I know how you feel.",
        "Sorry to hear that.",
    ],
)
def test_stock_phrase_alone_is_weak(criterion_context, reply):
    """Does a stock line with nothing specific miss acknowledges_feeling?"""
    result = acknowledgement.evaluate(criterion_context("double-charge", reply))
    assert not result.met
    assert 0 < result.credit < 0.5
    assert "scripted" in result.feedback


@pytest.mark.parametrize(
    "reply",
    [
        "Sorry for any inconvenience.",
        "We value you as a customer and your feedback is important to us.",
        "We apologise for any inconvenience this may have caused.",
    ],
)
def test_hollow_boilerplate_earns_nothing(criterion_context, reply):
    """Does hollow boilerplate ("sorry for any inconvenience") earn no acknowledgement at all?"""
    assert acknowledgement.evaluate(criterion_context("double-charge", reply)).credit == 0.0


@pytest.mark.parametrize(
    ("reply", "credit"),
    [
        ("Tom, I don't understand why you're upset about the charge.", 0.0),
        ("Tom, I don't blame you for being upset about the double charge.", 1.0),
    ],
)
def test_a_denied_feeling_is_not_acknowledged(criterion_context, reply, credit):
    """Does "I don't understand why you're upset" earn nothing, while "I don't blame you" still does?"""
    assert acknowledgement.evaluate(criterion_context("double-charge", reply)).credit == credit


def test_generic_feeling_is_partial(criterion_context):
    """Is a feeling word without their situation met but short of full credit?"""
    result = acknowledgement.evaluate(criterion_context("double-charge", "That sounds really stressful."))
    assert result.met and result.credit < 1.0


def test_validating_their_caution_counts(criterion_context):
    """Does validating the person's caution count as acknowledging their worry?"""
    reply = "You're right to be careful about giving personal details over the phone."
    result = acknowledgement.evaluate(criterion_context("locked-account-2fa", reply))
    assert result.met


def test_no_feeling_misses(criterion_context):
    """Does a purely transactional reply miss acknowledges_feeling?"""
    result = acknowledgement.evaluate(
        criterion_context("double-charge", "The refund takes 3-5 business days.")
    )
    assert not result.met and result.credit == 0.0


def test_brushing_feelings_aside_is_not_acknowledgement(criterion_context):
    """Is "don't worry" not counted as acknowledging a worry?"""
    result = acknowledgement.evaluate(criterion_context("locked-account-2fa", "Don't worry about it."))
    assert result.credit == 0.0


@pytest.mark.parametrize(
    "reply",
    [
        "Tom, sorry you feel that way, but the charge on your card is correct.",
        "I'm sorry if you were upset by the charge on your card.",
        "We're sorry you see it that way about the double charge.",
    ],
)
def test_a_non_apology_acknowledges_nothing(criterion_context, reply):
    """Is being sorry about the person's reaction, not what happened to them, given no credit?"""
    result = acknowledgement.evaluate(criterion_context("double-charge", reply))
    assert result.credit == 0.0


@pytest.mark.parametrize(
    "reply",
    [
        "Hi Tom, sorry you were charged twice for the same order.",
        "Sorry your card was charged twice, Tom.",
    ],
)
def test_a_chat_style_apology_for_what_happened_counts(criterion_context, reply):
    """Does a chat-style apology that names what happened still earn credit?"""
    result = acknowledgement.evaluate(criterion_context("double-charge", reply))
    assert result.credit >= 0.75
