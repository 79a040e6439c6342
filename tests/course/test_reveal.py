"""Tests for course/reveal.py: model answers shown only after a learner's own attempt."""

import re

import pytest

from course import reveal
from course.reveal import MIN_WORDS, assess_attempt, load_model_answer, model_answer

ATTEMPT = (
    "Last week a customer shouted at me about a refund and I kept repeating the policy because I "
    "wanted to be right. Looking at it from outside, he was scared about money and I was defending "
    "myself. Next time I will acknowledge his worry first, explain once, and offer a concrete next step. "
    "Our team could practise this in a short weekly role-play."
)


@pytest.fixture(autouse=True)
def _not_grading(monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)


def _model_marker() -> str:
    """A sentence of the model answer, to detect whether it was shown."""
    return "I was trying to win"


def test_is_the_teams_reflection_model_answer_shipped():
    """Does the model answer for the 06 reflection exist and read as a full answer?"""
    assert "teams-reflection" in reveal.available()
    text = load_model_answer("teams-reflection")
    assert _model_marker() in text
    assert len(text.split()) >= 150
    assert not text.startswith("<!--"), "the authoring comment must not be shown to learners"


def test_does_a_real_attempt_reveal_the_model_answer(capsys):
    """Is the model answer shown once the learner has written a real reflection?"""
    assert len(ATTEMPT.split()) >= MIN_WORDS
    model_answer("teams-reflection", ATTEMPT)
    out = capsys.readouterr()
    assert _model_marker() in out.out
    assert out.err == ""


@pytest.mark.parametrize(
    "text",
    ["", "   ", "YOUR ANSWER HERE", "I would listen more.", "word " * 39, None, 42],
)
def test_is_the_model_answer_hidden_before_a_real_attempt(capsys, text):
    """Is the model answer withheld for an empty, short, placeholder or non-text answer?"""
    model_answer("teams-reflection", text)
    out = capsys.readouterr().out
    assert "Not yet" in out
    assert _model_marker() not in out


def test_is_a_repeated_phrase_not_an_attempt(capsys):
    """Does pasting one phrase many times fail to unlock the model answer?"""
    model_answer("teams-reflection", "I will be more empathetic. " * 20)
    out = capsys.readouterr().out
    assert "repeats" in out
    assert _model_marker() not in out


def test_does_the_placeholder_not_count_towards_the_words():
    """Are the words of the placeholder text ignored when counting the learner's words?"""
    short = "I will listen. " * 3
    assert not assess_attempt("YOUR ANSWER HERE " * 20 + short).ok


def test_does_the_locked_message_say_how_many_more_words_are_needed():
    """Does a short answer learn how many more words it needs?"""
    attempt = assess_attempt("one two three four five")
    assert attempt.words == 5
    assert not attempt.ok
    assert f"{MIN_WORDS - 5} more" in attempt.reason


def test_does_nothing_show_while_nbgrader_grades(capsys, monkeypatch):
    """Does model_answer stay silent during nbgrader autograde, even with a real attempt?"""
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert reveal.reveal("teams-reflection", ATTEMPT) is None
    model_answer("teams-reflection", ATTEMPT)
    out = capsys.readouterr()
    assert out.out == "" and out.err == ""


def test_is_an_unknown_key_reported_with_the_known_ones():
    """Does asking for a missing model answer name the ones that exist?"""
    with pytest.raises(KeyError, match="teams-reflection"):
        load_model_answer("no-such-answer")


@pytest.mark.parametrize("key", ["../secrets", "Teams", "", "a/b"])
def test_are_odd_keys_refused(key):
    """Is a key that could point outside the model-answer folder refused?"""
    with pytest.raises(ValueError):
        load_model_answer(key)


def test_does_the_html_render_headings_lists_and_bold():
    """Does the small Markdown renderer turn headings, bullets and bold into HTML?"""
    html = reveal.markdown_to_html("# Title\n\n**Bold** start.\n\n- one\n  more\n- two")
    assert "<h3" in html and "Title" in html
    assert "<b>Bold</b>" in html
    assert "<li>one more</li><li>two</li>" in html


def test_is_markup_in_a_model_answer_escaped():
    """Is HTML written in a model answer file shown as text rather than run?"""
    assert "<script>" not in reveal.markdown_to_html("<script>alert(1)</script>")


def test_does_a_learners_installed_copy_say_where_the_model_answer_is(tmp_path, monkeypatch, capsys):
    """Without the course directory (a learner's environment on the hub), is the learner told to ask?"""
    monkeypatch.setattr(reveal, "COURSE_ROOT", tmp_path)
    assert reveal.available() == []
    model_answer("teams-reflection", ATTEMPT)
    out = capsys.readouterr().out
    assert "instructor" in out
    assert _model_marker() not in out
    with pytest.raises(KeyError, match="ask your instructor"):
        load_model_answer("teams-reflection")


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 8]


def test_can_learners_read_no_model_answer():
    """Is no sentence of a model answer in release/, or in the packages a learner's environment installs?"""
    root = reveal.COURSE_ROOT
    answers = sorted(root.glob(reveal.MODEL_GLOB))
    assert answers, "expected at least one model answer in source/*/model-answers/"
    sentences = [s for path in answers for s in _sentences(reveal.load_model_answer(path.stem))]
    assert len(sentences) >= 5
    shipped = [
        p
        for folder in ("release", "course", "autograder")
        for p in (root / folder).rglob("*")
        if p.is_file() and p.suffix in {".ipynb", ".md", ".py", ".yaml", ".json", ".csv", ".txt"}
    ]
    assert len(shipped) > 50
    for path in shipped:
        text = path.read_text(encoding="utf-8", errors="replace")
        leaked = [s for s in sentences if s in text]
        assert not leaked, f"{path.relative_to(root)} carries the model answer: {leaked[0]!r}"


def test_does_nbgrader_leave_model_answers_out_of_a_release():
    """Does nbgrader's own ignore list (nbgrader_config.py) keep model-answers/ out of release/?"""
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(reveal.COURSE_ROOT)).load_config()
    assert "model-answers" in CourseDirectory(config=config).ignore
    assert not list((reveal.COURSE_ROOT / "release").rglob("model-answers"))
