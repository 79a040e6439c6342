"""Tests for the ``reflects_problem`` criterion."""

from autograder.rubric.criteria import reflection


def test_restating_key_facts_earns_it(criterion_context):
    """Does restating two key facts in other words earn full credit?"""
    reply = "You were billed twice for a single order, and that $89 was meant for rent."
    result = reflection.evaluate(criterion_context("double-charge", reply))
    assert result.met and result.credit == 1.0
    assert "twice" in result.evidence


def test_numbers_and_number_words_match(criterion_context):
    """Do "7" and "third" match the key facts "around seven" and "third time"?"""
    reply = "This is your third call, and it cuts out each evening at about 7."
    result = reflection.evaluate(criterion_context("repeat-outage", reply))
    assert result.met


def test_one_fact_is_partial(criterion_context):
    """Does restating one key fact earn partial credit with a hint at another fact?"""
    result = reflection.evaluate(
        criterion_context("price-increase", "Six years is a long time to be with us.")
    )
    assert 0.4 <= result.credit < 1.0
    assert "Restate one more key fact" in result.feedback


def test_generic_reply_misses(criterion_context):
    """Does a reply that could answer any message miss reflects_problem?"""
    result = reflection.evaluate(
        criterion_context("price-increase", "Thanks for getting in touch, we are here to help.")
    )
    assert not result.met
    assert "$9.99 to $12.99" in result.feedback


def test_echo_earns_nothing(criterion_context):
    """Does copying the message back (echo) earn nothing even though every fact is present?"""
    ctx = criterion_context("double-charge", "x")
    message = ctx.profile.message.text
    echo = criterion_context("double-charge", message)
    echo = type(echo)(echo.reply, echo.profile, echo=True)
    result = reflection.evaluate(echo)
    assert result.credit == 0.0 and "Copying" in result.feedback


def test_message_sentences_are_used_without_key_facts(criterion_context):
    """Without key_facts, do the message's own sentences serve as the facts?"""
    ctx = criterion_context("double-charge", "You were charged twice for the same order.", key_facts=())
    assert ctx.profile.facts
    assert reflection.evaluate(ctx).credit > 0
