"""Tests for the shared text analysis (autograder.rubric.text)."""

from autograder.rubric import text


def test_sentences_split_on_punctuation_and_lines():
    """Are sentences split at full stops and line breaks, keeping "Mr." inside a sentence?"""
    got = text.sentences("Hi Mr. Hale. I'll call you back.\nThanks!")
    assert got == ("Hi Mr. Hale.", "I'll call you back.", "Thanks!")


def test_words_keep_contractions_and_money():
    """Does the tokenizer keep contractions and money amounts whole, in lower case?"""
    assert text.words("I'll refund $89.00 today") == ("i'll", "refund", "$89.00", "today")


def test_curly_apostrophes_are_normalised():
    """Are curly apostrophes made plain so "I’ll" matches "I'll"?"""
    assert text.analyse("I’ll help").words[0] == "i'll"


def test_numbers_normalise_words_ordinals_and_currency():
    """Do "seven", "7", "third", "3rd" and "$89.00" normalise to plain numbers?"""
    assert text.numbers("around seven on the third, $89.00") == {"7", "3", "89"}
    assert text.stem("3rd") == text.stem("third") == "3"


def test_synonyms_share_a_stem():
    """Do a few synonyms scenarios rely on (double/twice, night/evening) share a stem?"""
    assert text.stem("double") == text.stem("twice")
    assert text.stem("night") == text.stem("evening")


def test_content_stems_drop_function_and_generic_words():
    """Are function words and generic service words left out of content stems?"""
    stems = text.content_stems("I want to help you with the refund for your order")
    assert "refund" in stems and "order" in stems
    assert not stems & {"i", "want", "help", "the", "you"}


def test_word_ngrams():
    """Does word_ngrams return the distinct n-grams (none when the text is too short)?"""
    assert text.word_ngrams(("a", "b", "c"), 2) == {("a", "b"), ("b", "c")}
    assert text.word_ngrams(("a",), 2) == set()


def test_analysis_is_truncated():
    """Does analysis stop at MAX_ANALYSED_CHARS however long the text?"""
    a = text.analyse("word " * 50_000)
    assert len(a.text) <= text.MAX_ANALYSED_CHARS


def test_stopword_share_of_running_english():
    """Is the function-word share of a real sentence well above that of a keyword list?"""
    real = text.analyse("I am sorry that you were charged twice for the same order.")
    keywords = text.analyse("sorry understand frustrating refund help")
    assert real.stopword_share > 0.3 > keywords.stopword_share


def test_phrases_match_whole_words_only():
    """Does phrases() match whole words case-insensitively and not inside other words?"""
    pattern = text.phrases("calm down", "lol")
    assert text.matches(pattern, "Please CALM DOWN.") == ["CALM DOWN"]
    assert text.matches(pattern, "a lollipop") == []
