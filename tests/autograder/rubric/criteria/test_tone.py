"""Tests for the ``warm_polite_tone`` criterion and the politeness signal."""

import warnings

import pytest

from autograder.rubric import checks
from autograder.rubric.criteria import tone
from autograder.rubric.criteria.base import Context


def _tone(criterion_context, scenario, reply):
    ctx = criterion_context(scenario, reply)
    harm = tuple(checks.harm_problems(ctx.reply))
    ctx = Context(ctx.reply, ctx.profile, harm=harm, lecture=tuple(checks.lecture_phrases(ctx.reply)))
    return tone.evaluate(ctx)


def test_polite_request_beats_blunt_one():
    """Does an indirect, grateful request read as more polite than a blunt demand?"""
    polite = tone.politeness(
        "Thanks for your help! Could you please take a look at the article when you have time?"
    )
    blunt = tone.politeness("Why did you delete my edit? Fix it.")
    assert polite > 0 > blunt


@pytest.mark.parametrize(
    ("more", "less"),
    [
        ("Would you mind checking this?", "Check this."),
        ("I think this might need another look.", "Actually, this is obviously wrong."),
        ("Hi, sorry to bother you - could you help?", "You need to help."),
    ],
)
def test_politeness_strategies_order_pairs(more, less):
    """Do the politeness strategies (indirectness, hedges, greetings, apologies) raise the signal?"""
    assert tone.politeness(more) > tone.politeness(less)


def test_politeness_handles_non_text_and_does_not_warn():
    """Does politeness() return 0 for empty or non-text input without warnings?"""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert tone.politeness("") == 0.0
        assert tone.politeness(None) == 0.0
        tone.politeness("Thank you so much!")


def test_warm_reply_meets_tone(criterion_context):
    """Does a warm, plain reply meet warm_polite_tone?"""
    reply = (
        "Thanks for bearing with us, Linda. I'm happy to resend the notice, and we can look at cheaper plans."
    )
    assert _tone(criterion_context, "price-increase", reply).met


def test_corporate_boilerplate_is_too_formal(criterion_context):
    """Does stiff corporate boilerplate lose tone credit, with feedback saying it sounds scripted?"""
    stiff = (
        "We sincerely apologize for any inconvenience this may have caused. Please note that prices are "
        "reviewed regularly. Have a wonderful day."
    )
    result = _tone(criterion_context, "price-increase", stiff)
    assert not result.met
    assert "stiff" in result.feedback


def test_lecturing_loses_tone(criterion_context):
    """Does lecturing ("you need to", "next time make sure") lose warm_polite_tone?"""
    reply = "You need to pay before 5 pm. Next time, make sure you check the cut-off."
    result = _tone(criterion_context, "late-fee-dispute", reply)
    assert not result.met and "lecturing" in result.feedback


@pytest.mark.parametrize(
    "reply",
    ["Calm down, it's in the terms.", "That's your problem, not mine.", "Good luck with that."],
)
def test_harm_earns_no_tone_credit(criterion_context, reply):
    """Does blame, dismissal or sarcasm earn zero tone credit?"""
    result = _tone(criterion_context, "late-fee-dispute", reply)
    assert result.credit == 0.0


def test_reflecting_bad_news_is_not_a_cold_tone(criterion_context):
    """Is restating their bad news (negative words) not punished as a cold tone?"""
    reply = "Being screamed at and called useless is awful, Jordan. Let's take a break together."
    assert _tone(criterion_context, "agent-after-hostile-calls", reply).met
