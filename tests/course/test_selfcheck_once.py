"""Self-check shows each rubric tip once, and says what to try next for coded exercises."""

from __future__ import annotations

from autograder import score_reply
from course.selfcheck import next_step, once_each


def test_each_tip_is_shown_once():
    """Is no criterion's tip repeated in the general feedback of a weak reply's self-check?"""
    result = once_each(score_reply("meal-kit-price-rise", "Gloria, sorry about the price."))
    tips = [c.feedback for c in result.criteria if c.feedback]
    shown = tips + list(result.feedback)
    assert shown, "the weak reply got no feedback at all"
    assert len(shown) == len(set(shown)), [t for t in shown if shown.count(t) > 1]


def test_next_step_for_an_unwritten_function():
    """Does self-check tell a learner who has not started to delete raise NotImplementedError()?"""
    advice = next_step("count_words", [(False, "raised NotImplementedError: ")])
    assert "raise NotImplementedError()" in advice


def test_next_step_for_wrong_answers_points_to_hint():
    """Does self-check point a learner with wrong answers to the first failing example and to hint()?"""
    advice = next_step("count_words", [(True, "ok"), (False, "expected 3, got 4")])
    assert 'hint("count_words")' in advice and "first example" in advice
