"""General English as a background: how common a word stem is in any English text.

Relevance (:mod:`autograder.rubric.relevance`) weighs a scenario's words by how distinctive they
are. Against the other scenarios alone, a word like "think", "year", "start" or "show" can look
distinctive because no other scenario's text happens to use it, yet almost any reply might. This
module gives the general-English side of that judgement, from word frequencies that ``make
nltk-data`` writes offline (:data:`autograder.nltkdata.FREQUENCY`, from the ``wordfreq`` package).

Frequencies are Zipf values: log10 of occurrences per billion words ("the" is about 7.7, "time"
6.3, "game" 5.7, "refund" 3.9, "router" 3.5). A stem's value sums its word forms ("make", "made",
"making", "makes"). :func:`commonness` maps it onto [0, 1]: 0 below :data:`COMMON_FROM` (under
one in 10,000 words: a reply of about 80 words uses such a word by chance less than 1% of the time)
and 1 from :data:`COMMON_AT` up (one in 1,000 words or more: by chance in roughly one reply in
ten), rising linearly in between.

Cost: the table (about 3,000 words) is read and stemmed once per process (tens of milliseconds).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache

from autograder.rubric.text import stem

COMMON_FROM = 5.0
COMMON_AT = 6.0


@lru_cache(maxsize=1)
def _table() -> dict[str, float]:
    """Zipf frequency of every word in the table ``make nltk-data`` wrote."""
    from autograder import nltkdata

    path = nltkdata.data_dir() / nltkdata.FREQUENCY
    try:
        table = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        table = None
    if not isinstance(table, dict):
        raise nltkdata.MissingNltkData(
            f"The general-English word frequencies are not installed at {path}. Run "
            f"`{nltkdata.FIX_COMMAND}` in the course folder to install them (no network needed)."
        )
    return table


@lru_cache(maxsize=1)
def _stem_zipf() -> dict[str, float]:
    """Zipf frequency of every stem in the table (its word forms summed)."""
    per_billion: dict[str, float] = {}
    for word, zipf in _table().items():
        s = stem(word)
        if s and not s[:1].isdigit():  # number words ("second", "four") are numbers to the rubric
            per_billion[s] = per_billion.get(s, 0.0) + 10.0**zipf
    return {s: math.log10(f) for s, f in per_billion.items()}


def zipf(stem_: str) -> float:
    """The Zipf frequency of a stem in general English (0.0 for a stem rarer than the table holds).

    Raises:
        autograder.nltkdata.MissingNltkData: the frequency table is not installed (run ``make nltk-data``).
    """
    return _stem_zipf().get(stem_, 0.0)


def _ramp(value: float) -> float:
    return min(1.0, max(0.0, (value - COMMON_FROM) / (COMMON_AT - COMMON_FROM)))


def commonness(stem_: str) -> float:
    """How common a stem is in any English text, in [0, 1] (see the module docstring)."""
    return _ramp(zipf(stem_))


def word_commonness(word: str) -> float:
    """How common one word form is ("two", "second"), in [0, 1]; for words the rubric stems to
    something else, such as number words (which become digits)."""
    return _ramp(_table().get(word.lower(), 0.0))
