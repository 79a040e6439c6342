"""Negation and its scope: whether a phrase the rubric found is denied ("I don't understand why...").

Principles (the standard account of negation scope used in sentiment analysis, e.g. Councill,
McDonald and Velikovich 2010, "What's great and what's not"; Morante and Daelemans 2009):

* A **cue** denies what follows it: ``not``, ``-n't`` (also written without the apostrophe:
  "dont", "cant"), ``never``, ``no``, ``nothing``, ``nobody``, ``none``, ``nor``, ``neither``,
  ``cannot``, ``without``, ``hardly``/``barely``/``scarcely``, ``no longer``, ``instead of``,
  ``rather than``, and lexical denials (``unable``, ``impossible``, ``refuse``, ``avoid``,
  ``fail to``, ``stop``/``quit`` + a verb in -ing).
* Its **scope** runs from the cue to the end of its clause: punctuation (``, ; : . ! ? ( )`` or a
  spaced dash), a line break, a contrast or subordinating word (``but``, ``however``, ``although``,
  ``because``, ``unless``, ``whereas``, ``while``...) or ``and``/``or``/``so``/``then`` followed by a
  new subject ("I can't refund it, **but** I can waive the fee"; "I can't refund it **and I'll**
  explain why"), and never past :data:`MAX_SCOPE_WORDS` words (a run-on without punctuation).
* **Idioms** where a cue does not deny anything: "not only", "not just", "no doubt", "no wonder",
  "no problem", "no worries", "no matter", "no later than", "can't wait", "couldn't agree more",
  "can't thank you enough", "can't help but feel", "why don't I ...", a rhetorical "Isn't that
  ...?", and "no" as an interjection before a new subject ("No, you're right").
* **Double forms**: a cue on a predicate that itself doubts, denies or objects ("I don't *doubt*",
  "I'm not *surprised*", "I don't *blame* you", "nothing *wrong* with", "I won't *stop* until")
  denies only that predicate, so what follows is affirmed ("I don't blame you for being upset"
  acknowledges the feeling). A cue on a verb of saying or imagining before an exclamative
  ("I can't imagine *how* stressful", "I can't tell you *how* sorry I am") intensifies instead.
* "no" before a cost or delay word ("at no cost", "no extra charge", "no rush") denies that noun
  phrase only.

Scope is computed once per text (cached) over the rubric's own word tokens (see
:mod:`autograder.rubric.text`) and never crosses a sentence, so a sentence and the whole reply
give the same answer. Cost: one pass over the tokens, about 20-40 microseconds for a typical reply.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from autograder.rubric import text as _text
from autograder.rubric.text import Analysis

MAX_SCOPE_WORDS = 15  # a clause without punctuation longer than this is a run-on: the scope stops

# Apostrophes made plain without changing any offset (text.normalise may change lengths).
_SAME_LENGTH = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})

_CUES = frozenset(
    """not no never nor neither none nobody nothing nowhere cannot without hardly barely scarcely
    unable impossible refuse refuses refused refusing avoid avoids avoided avoiding
    dont doesnt didnt cant couldnt wont wouldnt shouldnt isnt arent wasnt werent havent hasnt hadnt
    aint mustnt neednt""".split()
)
# Cue + next word ("instead of", "rather than", "fail to"): the scope starts after both.
_TWO_WORD_CUES = {
    ("instead", "of"),
    ("rather", "than"),
    ("fail", "to"),
    ("fails", "to"),
    ("failed", "to"),
    ("no", "longer"),
}
# Cue + next word that deny nothing.
_IDIOMS = {
    ("not", "only"), ("not", "just"), ("not", "merely"), ("not", "least"), ("not", "to"),
    ("no", "doubt"), ("no", "wonder"), ("no", "problem"), ("no", "problems"), ("no", "worries"),
    ("no", "worry"), ("no", "trouble"), ("no", "bother"), ("no", "matter"), ("no", "later"),
    ("no", "sooner"), ("no", "less"), ("no", "more"), ("never", "mind"), ("nothing", "but"),
    ("can't", "wait"), ("cannot", "wait"), ("cant", "wait"), ("couldn't", "wait"),
}  # fmt: skip
_NOT_A = {("not", "a", "problem"), ("not", "a", "bother"), ("not", "an", "issue")}
# "no" + these: the cue denies only this noun phrase ("at no extra cost").
_LOCAL_NOUNS = frozenset(
    """cost costs charge charges fee fees extra additional delay rush hurry pressure obligation hassle
    wait waiting catch""".split()
)
# Predicates that doubt, deny or object: a cue on one of them affirms what follows.
_DOUBLE = re.compile(
    r"^(?:doubt\w*|den(?:y|ies|ied|ying)|disput\w*|disagre\w*|question\w*|surpris\w*|wonder\w*|"
    r"blam\w*|fault|mind|hesitat\w*|forg[eo]t\w*|stop\w*|quit\w*|wrong|shame|harm|hurt|argu\w*)$"
)
# Verbs of saying or imagining: "can't imagine how ..." intensifies.
_EXCLAIM_VERBS = frozenset("imagine tell say describe express explain stress emphasise emphasize".split())
_WH = frozenset("how what why just".split())
# Words skipped when looking for the predicate a cue applies to.
_AUX = frozenset(
    """be am is are was were been being do does did have has had will would can could should may
    might must shall at all really even ever entirely completely totally quite so too that honestly
    personally i we you it a an the any one bit in way possibly necessarily""".split()
)
_SUBJECTS = frozenset(
    """i we you he she they it this that there let please i'm i've i'll i'd we're we've we'll we'd
    you're you've you'll you'd it's that's there's they're he's she's""".split()
)
_CLAUSE_WORDS = frozenset(
    "but however although though yet because whereas unless while whilst except instead".split()
)
_JOINERS = frozenset("and or so then plus".split())
_BREAK = re.compile(r"[,;:.!?()\[\]\n]|\s[-–—]\s|\"")
_SENTENCE_END = re.compile(r"[.!\n]")
_COMPARATIVE = frozenset("more enough happier better".split())


@dataclass(frozen=True)
class Scope:
    """One negation: the cue and the stretch of text it denies.

    Attributes:
        cue: the cue as written ("don't", "never", "instead of").
        cue_start: character offset of the cue.
        start: character offset where the denied stretch begins (just after the cue).
        end: character offset where it ends (end of the clause, or of a double form's predicate).
    """

    cue: str
    cue_start: int
    start: int
    end: int


def _is_cue(word: str) -> bool:
    return word in _CUES or word.endswith("n't")


@dataclass(frozen=True)
class _Tokens:
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    words: tuple[str, ...]
    cover: tuple[int, ...]  # per token: index of the cue whose scope covers it, or -1
    scopes: tuple[Scope, ...]


def _plain(text: str | Analysis) -> str:
    return text.text if isinstance(text, Analysis) else text


@lru_cache(maxsize=4096)
def _analyse(text: str) -> _Tokens:
    plain = text.translate(_SAME_LENGTH)
    spans = list(_text._WORDS.span_tokenize(plain))
    starts = tuple(s for s, _ in spans)
    ends = tuple(e for _, e in spans)
    words = tuple(plain[s:e].lower() for s, e in spans)
    n = len(words)
    # a break before token i: punctuation in the gap, or a word that opens a new clause
    breaks = [False] * (n + 1)
    breaks[n] = True
    for i in range(n):
        gap = plain[ends[i - 1] if i else 0 : starts[i]]
        w = words[i]
        if (
            (i and gap != " " and _BREAK.search(gap))
            or w in _CLAUSE_WORDS
            or (w in _JOINERS and i + 1 < n and words[i + 1] in _SUBJECTS)
        ):
            breaks[i] = True
    question_at = [False] * n  # token i is in a sentence that ends with "?"
    tail_q = False
    for i in range(n - 1, -1, -1) if "?" in plain else ():
        after = plain[ends[i] : starts[i + 1] if i + 1 < n else len(plain)]
        if after != " ":
            if _SENTENCE_END.search(after):
                tail_q = False
            if "?" in after:
                tail_q = True
        question_at[i] = tail_q
    cover = [-1] * n
    scopes: list[Scope] = []
    i = 0
    while i < n:
        w = words[i]
        nxt = words[i + 1] if i + 1 < n and not breaks[i + 1] else ""
        first = i + 1
        if (w, nxt) in _TWO_WORD_CUES:
            first = i + 2
        elif (w in ("stop", "stops", "stopped", "quit") and nxt.endswith("ing")) or (
            _is_cue(w) and not _idiom(words, breaks, i, question_at)
        ):
            first = i + 1
        else:
            i += 1
            continue
        if w == "no" and nxt in _LOCAL_NOUNS:  # "no extra cost": the noun phrase only
            last = i + 1
            while last + 1 < n and not breaks[last + 1] and words[last + 1] in _LOCAL_NOUNS:
                last += 1
        else:
            last = first - 1
            j = first
            while j < n and not breaks[j] and j - first < MAX_SCOPE_WORDS:
                last = j
                j += 1
            pred = _predicate(words, breaks, first, last)
            if pred is not None and _DOUBLE.match(words[pred]):
                last = pred
        for k in range(first, last + 1):
            cover[k] = i
        if last >= first:
            cue_end = ends[first - 1]
            scopes.append(Scope(plain[starts[i] : cue_end], starts[i], cue_end, ends[last]))
        i = first
    return _Tokens(starts, ends, words, tuple(cover), tuple(scopes))


def _predicate(words: tuple[str, ...], breaks: list[bool], first: int, last: int) -> int | None:
    for j in range(first, last + 1):
        if words[j] not in _AUX:
            return j
    return None


def _idiom(words: tuple[str, ...], breaks: list[bool], i: int, question_at: list[bool]) -> bool:
    """Whether the cue at ``i`` is part of an expression that denies nothing."""
    n = len(words)
    w = words[i]
    rest = []
    j = i + 1
    while j < n and not breaks[j] and len(rest) < 6:
        rest.append(words[j])
        j += 1
    nxt = rest[0] if rest else ""
    if (w, nxt) in _IDIOMS or tuple([w, *rest[:2]]) in _NOT_A:
        return True
    if w == "no" and (not rest or nxt in _SUBJECTS):  # "No, ...", "No you're right"
        return True
    if w.endswith(("n't", "nt")) or w == "cannot":
        # "I can't thank you enough", "I couldn't agree more", "couldn't be happier"
        if any(r in _COMPARATIVE for r in rest[:4]):
            return True
        # "I can't imagine how stressful", "can't tell you how sorry I am"
        for k, r in enumerate(rest[:3]):
            if r in _EXCLAIM_VERBS and any(x in _WH for x in rest[k + 1 : k + 4]):
                return True
        # "I can't help but feel ...", "I couldn't help thinking ...": an admission, not a denial
        if nxt == "help" and len(rest) > 1 and (rest[1] == "but" or rest[1].endswith("ing")):
            return True
        # "Why don't I send ...", "Why not ...": a suggestion
        if i and words[i - 1] == "why":
            return True
        # A rhetorical question opening on a negated auxiliary: "Isn't that the worst?"
        if question_at[i] and (i == 0 or breaks[i]):
            return True
    if w == "not" and i and words[i - 1] == "why":
        return True
    return bool(w == "not" and i and words[i - 1] in ("if", "or") and not rest)


def scopes(text: str | Analysis) -> tuple[Scope, ...]:
    """Every negation in ``text`` (a reply, a sentence, or an :class:`Analysis`), in order."""
    return _analyse(_plain(text)).scopes


def negation_cue(text: str | Analysis, start: int, end: int | None = None) -> str | None:
    """The cue that denies the phrase at ``start`` (character offset in ``text``), or ``None``.

    The phrase is denied when its first word lies in the scope of a cue that comes before
    ``start``; a cue inside the phrase itself ("nobody should have to") is the phrase's own
    business. ``end`` is accepted for symmetry with match spans and not needed. For an
    :class:`Analysis`, offsets are into ``analysis.text``.
    """
    del end
    t = _analyse(_plain(text))
    k = bisect_right(t.ends, start)  # first token ending after start
    if k >= len(t.starts):
        return None
    cue = t.cover[k]
    if cue < 0 or t.starts[cue] >= start:
        return None
    for s in t.scopes:
        if s.cue_start == t.starts[cue]:
            return s.cue
    return None


def negated(text: str | Analysis, start: int, end: int | None = None) -> bool:
    """Whether the phrase at ``start`` in ``text`` is denied by a negation (see :func:`negation_cue`)."""
    return negation_cue(text, start, end) is not None


def _patterns(patterns: re.Pattern[str] | tuple[re.Pattern[str], ...] | list) -> tuple[re.Pattern[str], ...]:
    return (patterns,) if isinstance(patterns, re.Pattern) else tuple(patterns)


def finditer_affirmed(
    text: str | Analysis, patterns: re.Pattern[str] | tuple[re.Pattern[str], ...]
) -> Iterator[re.Match[str]]:
    """The matches of ``patterns`` in ``text`` that are not denied by a negation, in pattern order."""
    plain = _plain(text)
    for pattern in _patterns(patterns):
        for m in pattern.finditer(plain):
            if not negated(plain, m.start()):
                yield m


def matches_affirmed(
    text: str | Analysis, patterns: re.Pattern[str] | tuple[re.Pattern[str], ...]
) -> list[str]:
    """Like :func:`autograder.rubric.text.matches` (the matched words), leaving out denied matches.

    >>> from autograder.rubric.text import phrases
    >>> matches_affirmed("It isn't a scam, but I see why it looks like a scam.", phrases("a scam"))
    ['a scam']
    """
    return [m.group(0) for m in finditer_affirmed(text, patterns)]


def matches_negated(
    text: str | Analysis, patterns: re.Pattern[str] | tuple[re.Pattern[str], ...]
) -> list[str]:
    """The matches of ``patterns`` that a negation denies (for feedback: "you *don't* understand")."""
    plain = _plain(text)
    return [m.group(0) for p in _patterns(patterns) for m in p.finditer(plain) if negated(plain, m.start())]
