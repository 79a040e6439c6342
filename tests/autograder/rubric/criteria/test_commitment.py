"""Tests for the ``commits_to_act`` criterion (empathy, not sympathy)."""

import pytest

from autograder.rubric.criteria import commitment


@pytest.mark.parametrize(
    "reply",
    [
        "I'll refund the duplicate charge today.",
        "I've already refunded the second charge.",
        "Let me check your other orders right now.",
        "I'm sending the confirmation email as we speak.",
        "We will refund you this afternoon.",
        "Would you like me to check your other orders?",
        "Your refund has been issued.",
    ],
)
def test_concrete_commitments_earn_it(criterion_context, reply):
    """Does a first-person concrete action (or a done deed) meet commits_to_act?"""
    result = commitment.evaluate(criterion_context("double-charge", reply))
    assert result.met and result.credit >= 0.8


def test_vague_commitment_is_partial(criterion_context):
    """Is "Let me see what I can do" met but short of full credit?"""
    result = commitment.evaluate(criterion_context("double-charge", "Let me see what I can do."))
    assert result.met and result.credit < 0.95
    assert "concrete" in result.feedback


@pytest.mark.parametrize(
    "reply",
    [
        "I know how you feel.",
        "I'm so sorry, that's terrible.",
        "I've been there myself.",
        "I can imagine how upsetting this is.",
        "I understand completely.",
    ],
)
def test_sympathy_without_action_misses(criterion_context, reply):
    """Does sympathy with nothing behind it miss commits_to_act?"""
    result = commitment.evaluate(criterion_context("agent-after-hostile-calls", reply))
    assert not result.met and result.credit == 0.0


def test_sympathy_feedback_names_the_difference(criterion_context):
    """Does a sympathy-only reply get feedback that explains sympathy versus empathy?"""
    result = commitment.evaluate(criterion_context("agent-after-hostile-calls", "I know how you feel."))
    assert "sympathy" in result.feedback


def test_lets_counts_for_a_colleague(criterion_context):
    """Does "Let's ..." count as committing to act alongside a colleague?"""
    reply = "Let's take fifteen minutes away from the phones."
    assert commitment.evaluate(criterion_context("agent-after-hostile-calls", reply)).met
