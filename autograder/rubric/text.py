"""Shared text analysis for the rubric: sentences, tokens, stems, numbers and n-grams.

Only NLTK parts that need no downloaded data are used here: an untrained
:class:`~nltk.tokenize.PunktSentenceTokenizer` (with a few title abbreviations),
a :class:`~nltk.tokenize.RegexpTokenizer`, the :class:`~nltk.stem.PorterStemmer`
and :func:`nltk.util.ngrams`. Everything is cached, so scoring many replies to the
same scenario costs one analysis of the scenario.

Analysis never looks past :data:`MAX_ANALYSED_CHARS` characters, which keeps the
rubric fast on absurdly long input (the checks flag such input separately).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from nltk.stem import PorterStemmer
from nltk.tokenize import PunktSentenceTokenizer, RegexpTokenizer
from nltk.tokenize.punkt import PunktParameters
from nltk.util import ngrams

MAX_ANALYSED_CHARS = 10_000

_TRANSLATE = str.maketrans(
    {"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "–": "-", "—": " - ", "\u00a0": " "}
)
_WORDS = RegexpTokenizer(r"\$?\d+(?:[.:,]\d+)*(?:st|nd|rd|th)?|[A-Za-z]+(?:'[A-Za-z]+)*")
_STEMMER = PorterStemmer()

# Function words: never "content", and their share is a cheap sign of running English.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing done down during each either even ever every
    few for from further had has have having he her here hers herself him himself his how i if in into
    is it its itself just let lets me more most much my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some still such than that the their theirs
    them themselves then there these they this those through to too under until up upon very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    i'm i've i'll i'd you're you've you'll you'd we're we've we'll we'd it's that's there's let's
    don't doesn't didn't can't couldn't won't wouldn't isn't aren't wasn't weren't haven't hasn't
    shouldn't he's she's they're they've what's here's who's how's""".split()
)

# Words a reply can use without having listened: never evidence of reflection or a specific offer.
GENERIC = frozenset(
    """help get make know want need thing way like really right sure today thank thanks pleas sorri
    happi glad understand feel see look go come take give tell say ask call let one time well good
    great best also just realli abl new us custom account issu problem situat concern""".split()
)

_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "fifteen": "15",
    "twenty": "20", "thirty": "30", "first": "1", "second": "2", "third": "3", "fourth": "4",
    "fifth": "5", "sixth": "6", "seventh": "7", "eighth": "8", "ninth": "9", "tenth": "10",
}  # fmt: skip

# A few synonyms that replies use for the words scenarios are written in (stem -> shared stem).
_CANON = {
    "doubl": "twice", "duplic": "twice", "night": "even", "tonight": "even", "evenin": "even",
    "disconnect": "drop", "outag": "drop", "cost": "price", "shout": "scream", "yell": "scream",
    "reimburs": "refund", "ebook": "book", "kindl": "reader", "devic": "reader", "engin": "technician",
    "unlock": "lock", "loyalti": "loyal", "safeti": "safe", "fraud": "scam", "reboot": "restart",
}  # fmt: skip


def normalise(text: str) -> str:
    """Curly quotes and dashes made plain, and at most :data:`MAX_ANALYSED_CHARS` characters."""
    return text[:MAX_ANALYSED_CHARS].translate(_TRANSLATE)


@lru_cache(maxsize=1)
def _sentence_tokenizer() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = {"mr", "mrs", "ms", "dr", "st", "e.g", "i.e", "etc", "vs", "approx", "no"}
    return PunktSentenceTokenizer(params)


# In chat an emoji often ends a sentence in place of a full stop ("won't open 😕 downloaded ebooks...").
EMOJI = "[\u2600-\u27bf\U0001f000-\U0001faff]"
_AFTER_EMOJI = re.compile(rf"(?<={EMOJI})[\ufe0f\s]*\s(?=\S)")


# "1. Technician visit: tomorrow." - the number of a list item, which the tokenizer would cut off as a
# sentence of its own.
_LIST_NUMBER = re.compile(r"^\s*\d{1,2}[.)]\s+(?=\S)")


# The checks of one reply ask for the words and sentences of the same texts many times.
@lru_cache(maxsize=256)
def sentences(text: str) -> tuple[str, ...]:
    """The sentences of ``text`` (line breaks also end a sentence; a list item's number is not one)."""
    out: list[str] = []
    tokenizer = _sentence_tokenizer()
    for line in text.splitlines():
        line = _LIST_NUMBER.sub("", line)
        for part in _AFTER_EMOJI.split(line):
            if part.strip():
                out.extend(s.strip() for s in tokenizer.tokenize(part) if s.strip())
    return tuple(out)


@lru_cache(maxsize=256)
def words(text: str) -> tuple[str, ...]:
    """Lower-cased word and number tokens."""
    return tuple(w.lower() for w in _WORDS.tokenize(text))


@lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    """The Porter stem of ``word`` mapped onto a shared stem for a few synonyms and numbers."""
    word = word.lower()
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    if word[:1] in "$0123456789":
        return number(word)
    if word.endswith("'s"):
        word = word[:-2]
    s = _STEMMER.stem(word)
    return _CANON.get(s, s)


def number(token: str) -> str:
    """A number token without currency, ordinal suffix or trailing zero cents: "$89.00" -> "89"."""
    token = token.lstrip("$").rstrip(".,")
    token = re.sub(r"(st|nd|rd|th)$", "", token).replace(",", "")
    if token.endswith(".00"):
        token = token[:-3]
    return token


def is_content(word: str) -> bool:
    """Whether ``word`` carries meaning of its own (not a function word)."""
    return word not in STOPWORDS and (len(word) > 1 or word.isdigit())


@lru_cache(maxsize=8192)
def stem_set(text: str) -> frozenset[str]:
    """The stems of every token in ``text`` (cached; cheaper than a full :func:`analyse`)."""
    return frozenset(stem(w) for w in words(text))


@lru_cache(maxsize=8192)
def content_stems(text: str) -> frozenset[str]:
    """Stems of the meaningful words and numbers in ``text`` (generic service words removed)."""
    return frozenset(s for w in words(text) if is_content(w) and (s := stem(w)) not in GENERIC)


def numbers(text: str) -> frozenset[str]:
    """The numbers in ``text`` (digits, and number words like "seven" or "third")."""
    out = set()
    for w in words(text):
        s = stem(w)
        if s[:1].isdigit():
            out.add(s)
    return frozenset(out)


def word_ngrams(tokens: tuple[str, ...], n: int) -> set[tuple[str, ...]]:
    """The distinct ``n``-grams of ``tokens``."""
    return set(ngrams(tokens, n)) if len(tokens) >= n else set()


@dataclass(frozen=True)
class Analysis:
    """One reply (or message) analysed once and shared by every criterion.

    Attributes:
        text: the normalised text (at most :data:`MAX_ANALYSED_CHARS` characters).
        lower: ``text`` in lower case, for phrase patterns.
        sentences: the sentences of ``text``.
        words: lower-cased word tokens.
        stems: the stem of each token, in order.
        content: the set of content stems (see :func:`content_stems`).
        numbers: the numbers mentioned.
    """

    text: str
    lower: str
    sentences: tuple[str, ...]
    words: tuple[str, ...]
    stems: tuple[str, ...]
    content: frozenset[str]
    numbers: frozenset[str]

    @property
    def stopword_share(self) -> float:
        """Share of tokens that are English function words (running English is about 0.4-0.6)."""
        if not self.words:
            return 0.0
        return sum(w in STOPWORDS for w in self.words) / len(self.words)


@lru_cache(maxsize=4096)
def analyse(text: str) -> Analysis:
    """Analyse ``text`` (cached)."""
    text = normalise(text)
    toks = words(text)
    stems = tuple(stem(w) for w in toks)
    content = frozenset(s for w, s in zip(toks, stems, strict=True) if is_content(w) and s not in GENERIC)
    nums = frozenset(s for s in stems if s[:1].isdigit())
    return Analysis(text, text.lower(), sentences(text), toks, stems, content, nums)


def matches(patterns: re.Pattern[str] | tuple[re.Pattern[str], ...], text: str) -> list[str]:
    """Every phrase in ``text`` that one of ``patterns`` matches (the matched words, as written)."""
    if isinstance(patterns, re.Pattern):
        patterns = (patterns,)
    found = []
    for pattern in patterns:
        found.extend(m.group(0) for m in pattern.finditer(text))
    return found


def phrases(*alternatives: str) -> re.Pattern[str]:
    """One case-insensitive pattern matching any of ``alternatives`` as whole words (regex allowed)."""
    body = "|".join(f"(?:{a})" for a in alternatives)
    return re.compile(rf"(?<![\w'])(?:{body})(?![\w'])", re.IGNORECASE)
