"""Tests for autograder/rubric/language/tagger.py: NLTK's perceptron tags, computed faster."""

from nltk.tag import PerceptronTagger

from autograder import nltkdata
from autograder.rubric.language import tagger


def test_tags_are_exactly_nltks():
    """Does the fast tagger give exactly the tags NLTK's own PerceptronTagger gives?"""
    nltkdata.register()
    nltk_tagger = PerceptronTagger()
    sentences = [
        "I'm so sorry, we charged you twice for one order and that's our mistake.",
        "i dont see why the fee cant be waived this time",
        "Please unplug the router, wait 30 seconds and plug it back in.",
        "Marcus late fee the 3rd cut-off sorry we understand you autopay reminder happy to help",
        "Thanks for your patience while I reversed the duplicate $89.00 charge on 12/03.",
        "Xylophonic brimbles quenched the glorptastic wombats' flibbers yesterday!",
    ]
    for sentence in sentences:
        words = list(tagger.tokens(sentence))
        assert [t for _, t in tagger.tag(sentence)] == [t for _, t in nltk_tagger.tag(words)]


def test_tokens_follow_the_treebank():
    """Are clitics split, hyphenated words kept and a lower-case "i" written "I", as the model expects?"""
    assert tagger.tokens("i can't pay, it's a cut-off") == (
        "I", "ca", "n't", "pay", ",", "it", "'s", "a", "cut-off",
    )  # fmt: skip
    assert tagger.tokens("We cannot") == ("We", "can", "not")


def test_empty_and_long_input():
    """Is empty text no tags, and is a very long sentence cut at MAX_TAGGED_TOKENS?"""
    assert tagger.tag("") == ()
    assert len(tagger.tag("word " * 1000)) == tagger.MAX_TAGGED_TOKENS


def test_model_without_the_matrix_files_falls_back_to_nltks_json(tmp_path, monkeypatch):
    """With only NLTK's own model files installed, does the fast tagger still load and give NLTK's tags?"""
    from autograder import nltkdata

    nltkdata.build(tmp_path)
    (tmp_path / nltkdata.TAGGER / nltkdata.TAGGER_MATRIX).unlink()
    monkeypatch.setenv(nltkdata.DATA_ENV, str(tmp_path))
    assert tagger._load_fast(tmp_path / nltkdata.TAGGER) is None
    fallback = tagger._Model()
    words = tagger.tokens("We charged you twice, and I'm refunding the second charge now.")
    assert fallback.tag(words) == tagger.model().tag(words)
