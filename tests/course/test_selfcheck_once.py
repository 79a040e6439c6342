"""Self-check shows each rubric tip once, and says what to try next for coded exercises."""

from __future__ import annotations

from html import escape

from autograder import score_reply
from autograder.rubric.report import result_html, result_text
from course.selfcheck import next_step


def test_each_tip_is_shown_once():
    """Does the feedback a learner reads (self-check and graded cells alike) show each tip once?"""
    result = score_reply("meal-kit-price-rise", "Gloria, sorry about the price.")
    tips = [c.feedback for c in result.criteria if c.feedback]
    assert tips, "the weak reply got no feedback at all"
    assert any(t in result.feedback for t in tips), "the rubric no longer repeats tips: simplify the renderer"
    text, html = result_text(result), result_html(result)
    for tip in tips:
        assert text.count(tip) == 1, tip
        assert html.count(escape(tip)) == 1, tip


def test_next_step_for_an_unwritten_function():
    """Does self-check tell a learner who has not started to delete raise NotImplementedError()?"""
    advice = next_step("count_words", [(False, "raised NotImplementedError: ")])
    assert "raise NotImplementedError()" in advice


def test_next_step_for_wrong_answers_points_to_hint():
    """Does self-check point a learner with wrong answers to the first failing example and to hint()?"""
    advice = next_step("count_words", [(True, "ok"), (False, "expected 3, got 4")])
    assert 'hint("count_words")' in advice and "first example" in advice
