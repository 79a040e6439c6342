"""Tests for course/selfcheck.py: instant feedback that reveals no hidden material."""

from course import selfcheck


def test_check_reply_shows_criteria(capsys):
    """Does check_reply print the rubric's criteria for a reply (outside a notebook)?"""
    selfcheck.check_reply(
        "double-charge", "Tom, I'm sorry we charged you twice; I've refunded the $89 today."
    )
    out = capsys.readouterr().out
    assert out.startswith("Self-check: ")
    assert "[x]" in out or "[ ]" in out


def test_check_reply_rejects_non_text(capsys):
    """Is a reply that is not a string answered with how to write one?"""
    selfcheck.check_reply("double-charge", 42)
    assert "between quotes" in capsys.readouterr().out


def test_check_function_reports_each_visible_case(capsys):
    """Does check_function show which visible examples pass and note that hidden ones exist?"""

    def shout(text):
        if text == "boom":
            raise ValueError("no")
        return text.upper()

    selfcheck.check_function(shout, [("hi", "HI"), ("a", "b"), ("boom", "BOOM")])
    out = capsys.readouterr().out
    assert "1 of 3 visible examples pass" in out
    assert "raised ValueError: no" in out
    assert selfcheck.HIDDEN_NOTE in out


def test_check_function_with_non_function(capsys):
    """Does passing something that is not a function fail every case with a reason?"""
    selfcheck.check_function("not a function", [(1, 1)])
    assert "expected a function, got str" in capsys.readouterr().out
