"""Tests for the ``invites_view`` criterion."""

import pytest

from autograder.rubric.criteria import invitation


@pytest.mark.parametrize(
    "reply",
    [
        "What can we do to make this right for you?",
        "Which would you prefer?",
        "Would either of those work?",
        "Does a morning visit work for you?",
        "How does that sound?",
        "Shall we start?",
        "What would help most right now?",
    ],
)
def test_questions_about_their_choice_earn_it(criterion_context, reply):
    """Does a question about the person's choice or view earn full credit?"""
    result = invitation.evaluate(criterion_context("repeat-outage", reply))
    assert result.met and result.credit == 1.0


def test_invitation_without_question_mark(criterion_context):
    """Does "let me know which you'd prefer" count as an invitation?"""
    result = invitation.evaluate(criterion_context("price-increase", "Let me know which plan you'd prefer."))
    assert result.met


def test_generic_closing_is_weak(criterion_context):
    """Is "Is there anything else I can help with?" weaker than asking about their choice?"""
    result = invitation.evaluate(
        criterion_context("price-increase", "Is there anything else I can help with?")
    )
    assert result.credit < 0.95


def test_boilerplate_contact_line_misses(criterion_context):
    """Does "Feel free to contact us" miss invites_view?"""
    result = invitation.evaluate(criterion_context("price-increase", "Feel free to contact us again."))
    assert not result.met


def test_no_invitation_misses(criterion_context):
    """Does a reply that only informs miss invites_view, with the key question suggested?"""
    result = invitation.evaluate(criterion_context("price-increase", "Your plan renews on the 1st."))
    assert not result.met and result.credit == 0.0
    assert "make this right" in result.feedback


@pytest.mark.parametrize(
    "reply",
    ["Does Friday work, or would another address be easier?", "Would the app or an exchange suit better?"],
)
def test_alternative_questions_offer_a_choice(criterion_context, reply):
    """Does a question that offers alternatives ("this, or that?") count as inviting their choice?"""
    result = invitation.evaluate(criterion_context("ebook-incompatible", reply))
    assert result.credit == 1.0
