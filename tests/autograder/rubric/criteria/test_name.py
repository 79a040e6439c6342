"""Tests for the ``uses_name`` criterion."""

from autograder.rubric.criteria import name


def test_first_name_earns_it(criterion_context):
    """Does a reply that uses the first name meet uses_name?"""
    result = name.evaluate(criterion_context("double-charge", "Tom, I've refunded the second charge."))
    assert result.met and result.credit == 1.0
    assert result.evidence == ("Tom",)


def test_name_in_any_case_and_position(criterion_context):
    """Is the name found mid-reply and in lower case?"""
    result = name.evaluate(
        criterion_context("price-increase", "Thanks for writing, linda. Here are two options.")
    )
    assert result.met


def test_title_and_surname_earns_it(criterion_context):
    """Does "Ms Okafor" count as using the name?"""
    result = name.evaluate(
        criterion_context("price-increase", "Dear Ms Okafor, thank you for six years with us.")
    )
    assert result.met


def test_no_name_misses_it(criterion_context):
    """Does a reply without the name miss uses_name, with feedback naming the person?"""
    result = name.evaluate(criterion_context("repeat-outage", "I'm booking a technician for tomorrow."))
    assert not result.met and result.credit == 0.0
    assert "Sam" in result.feedback


def test_name_inside_another_word_does_not_count(criterion_context):
    """Is "Tomorrow" not mistaken for the name Tom?"""
    result = name.evaluate(criterion_context("double-charge", "Tomorrow the refund will arrive."))
    assert not result.met


def test_wrong_name_is_called_out(criterion_context):
    """Does greeting Priya as "Tom" earn nothing, with feedback saying so?"""
    result = name.evaluate(
        criterion_context("ebook-incompatible", "Hi Tom, I can exchange the book for you.")
    )
    assert not result.met
    assert "Tom" in result.feedback and "Priya" in result.feedback


def test_not_applicable_without_a_name(criterion_context):
    """When the scenario gives no name, is the criterion met and marked not applicable?"""
    ctx = criterion_context("repeat-outage", "I'm booking a technician for tomorrow.", customer_name="")
    assert not name.applies(ctx)
    result = name.evaluate(ctx)
    assert result.met and "no name" in result.feedback
