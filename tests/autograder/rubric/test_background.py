"""Tests for autograder/rubric/background.py: how common a word is in general English."""

import pytest

from autograder import nltkdata
from autograder.rubric import background


def test_everyday_words_are_more_common_than_topical_ones():
    """Do everyday words ("time", "think") rank above topical ones ("game"), and rare ones count 0?"""
    z = background.zipf
    assert z("time") > z("think") > z("game") > z("hotel") > 0
    assert z("refund") == z("router") == z("zzqxv") == 0.0  # rarer than the table keeps


def test_a_stem_sums_its_word_forms():
    """Is the stem of "make" at least as common as each of its forms "make", "made" and "making"?"""
    table = background._table()
    stem_zipf = background.zipf("make")
    assert stem_zipf >= max(table["make"], table["making"])


def test_commonness_is_bounded_and_ordered():
    """Is commonness in [0, 1], full for "think", none for "pharmacy" and in between for "game"?"""
    assert background.commonness("think") == 1.0
    assert background.commonness("pharmaci") == 0.0
    assert 0.0 < background.commonness("game") < 1.0
    assert background.word_commonness("two") == 1.0
    assert background.word_commonness("eleven") < 0.5


def test_missing_table_names_the_make_target(tmp_path, monkeypatch):
    """Without the frequency table, is the error one clear message naming `make nltk-data`?"""
    monkeypatch.setenv(nltkdata.DATA_ENV, str(tmp_path))
    background._table.cache_clear()
    background._stem_zipf.cache_clear()
    try:
        with pytest.raises(nltkdata.MissingNltkData, match="make nltk-data"):
            background.zipf("time")
    finally:
        monkeypatch.delenv(nltkdata.DATA_ENV)
        background._table.cache_clear()
        background._stem_zipf.cache_clear()
        nltkdata.register()
