"""The one canonical form of a reply that every rubric check reads: what a person would see.

:func:`canonical` runs once, at the entry of the rubric (:func:`autograder.rubric.checks.check_input`),
so the copied-text, harm, keyword and criteria checks all see the same text. It

* drops what a reader never sees: HTML comments, Markdown link-reference lines (the ``[//]: # (...)``
  comment idiom) and HTML elements marked ``hidden`` or styled ``display:none``,
  ``visibility:hidden``, ``font-size:0`` or ``opacity:0``;
* removes invisible format characters (Unicode category ``Cf``: zero-width spaces and joiners, soft
  hyphens, direction marks and isolates, the byte-order mark, tag characters), variation selectors,
  invisible fillers and control characters other than line breaks and tabs. Web and word-processor
  editors leave zero-width spaces, word joiners and byte-order marks between words and soft hyphens at
  hyphenation points; those are removed without counting. Only the ones that split a word, run
  together, or are of another kind count as disguise;
* applies NFKC (fullwidth letters, mathematical bold or script letters, ligatures and odd spaces become
  plain letters and spaces) and drops combining marks (``é`` is read as ``e``, stacked "Zalgo" marks
  vanish). An accent typed as a separate mark that composes with its letter (text pasted from a PDF or
  a Mac file name, "Rene\u0301e") counts as disguise only when such accents sit on a fifth of the words;
* folds letters of other alphabets that look like Latin ones (Cyrillic ``о``, Greek ``ο``, Armenian
  ``օ``; the Latin-lookalike rows of Unicode's confusables table, UTS #39) to those Latin letters in a
  word that mixes alphabets, or in a word made only of lookalikes inside Latin text. Text really
  written in another alphabet is left alone, so the language check still sees it.

What was changed is counted (:class:`Canonical`), so
:func:`autograder.rubric.checks.disguise_problem` can tell the learner plainly when the reply hid
words or disguised letters; no credit is ever given for hidden text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: Latin lookalikes in other alphabets (the single-letter Latin targets of UTS #39 confusables.txt for
#: the Cyrillic, Greek, Armenian, Cherokee and Latin IPA letters commonly used to disguise words).
LOOKALIKES = str.maketrans(
    {
        # Cyrillic
        "а": "a", "в": "b", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "ѕ": "s",
        "і": "i", "ї": "i", "ј": "j", "ԁ": "d", "һ": "h", "ӏ": "l", "ԛ": "q", "ԝ": "w", "ү": "y",
        "ѵ": "v", "ɡ": "g", "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O",
        "Р": "P", "С": "C", "Т": "T", "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J", "Ү": "Y", "Ԛ": "Q",
        "Ԝ": "W", "Ӏ": "I",
        # Greek
        "α": "a", "ο": "o", "ρ": "p", "ι": "i", "κ": "k", "ν": "v", "υ": "u", "χ": "x", "γ": "y",
        "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
        "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
        # Armenian, Cherokee, Latin IPA and dotless letters
        "օ": "o", "ս": "u", "հ": "h", "ո": "n", "ց": "g", "Ꭺ": "A", "Ᏼ": "B", "Ꮯ": "C", "Ꭼ": "E",
        "Ꮋ": "H", "Ꭻ": "J", "Ꮶ": "K", "Ꮇ": "M", "Ꮲ": "P", "Ꮪ": "S", "Ꭲ": "T", "ı": "i", "ȷ": "j",
        "ɑ": "a", "ɩ": "i", "ʋ": "u",
    }
)  # fmt: skip
_LOOKALIKE_CHARS = frozenset(chr(k) for k in LOOKALIKES)
# Invisible characters outside category Cf: variation selectors, the combining grapheme joiner, Hangul
# fillers and the blank Braille pattern (all render as nothing).
_INVISIBLE_EXTRA = frozenset(
    [chr(c) for c in range(0xFE00, 0xFE10)]
    + [chr(c) for c in range(0xE0100, 0xE01F0)]
    + ["\u034f", "\u115f", "\u1160", "\u3164", "\uffa0", "\u2800", "\u180e"]
)
_KEEP_CONTROLS = frozenset("\n\t")
# What web and word-processor editors leave in ordinary text: zero-width space, non-joiner and joiner, word
# joiner, byte-order mark, soft hyphen. Between words these hide nothing.
_EDITOR_LEFTOVERS = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_RUN = 3  # this many invisible characters in a row are padding or a hidden payload, wherever they sit
_HIDDEN = re.compile(
    r"<!--.*?(?:-->|\Z)"  # an HTML comment (an unclosed one hides the rest)
    r"|^[ \t]{0,3}\[[^\]\n]*\]:[ \t]*\S[^\n]*$"  # a Markdown link-reference line: "[//]: # (hidden)"
    r"|<(\w+)\b[^<>]*?(?:\bhidden\b|display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?![.\d])"
    r"|opacity\s*:\s*0(?![.\d]*[1-9]))[^<>]*>.*?(?:</\1\s*>|\Z)",  # an element a browser does not show
    re.S | re.M | re.I,
)
_ASCII_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_HAS_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class Canonical:
    """A reply as a reader sees it, and what was done to get there.

    Attributes:
        text: the canonical text.
        hidden: the stretches removed because a reader never sees them (comments, hidden markup).
        invisible: how many invisible characters were removed that hide something: ones splitting a
            word (a soft hyphen with two letters each side is a hyphenation point, not a split), runs of
            three or more, and kinds no editor leaves between words (direction marks, tag characters,
            fillers). Editor leftovers between words and joiners inside emoji are not counted.
        lookalikes: how many words had letters of other alphabets folded to Latin.
        styled: how many letters NFKC turned into plain ones (fullwidth, mathematical, enclosed).
        marks: how many combining marks were typed on plain Latin letters or stacked on other marks
            (accents that compose with their letter only when they sit on a fifth of the words).
    """

    text: str
    hidden: tuple[str, ...] = ()
    invisible: int = 0
    lookalikes: int = 0
    styled: int = 0
    marks: int = 0


def _invisible(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat == "Cf" or ch in _INVISIBLE_EXTRA or (cat == "Cc" and ch not in _KEEP_CONTROLS)


def _letters_beside(text: str, i: int, step: int) -> int:
    """How many letters run from ``i`` in direction ``step`` (-1 or 1), skipping invisible characters."""
    n, j = 0, i + step
    while 0 <= j < len(text) and (text[j].isalpha() or _invisible(text[j])):
        n += text[j].isalpha()
        j += step
    return n


def _hides(text: str, i: int, run: int) -> bool:
    """Whether the invisible character at ``i`` (in a run of ``run``) hides something from a machine.

    Editor leftovers between words, at line ends or at a hyphenation point do not; one that splits a
    word ("so\u200brry", "s\u00adorry") does, as does any run of :data:`_RUN` and every other kind.
    """
    ch = text[i]
    if ch not in _EDITOR_LEFTOVERS or run >= _RUN:
        return True
    before, after = _letters_beside(text, i, -1), _letters_beside(text, i, 1)
    if ch == "\u00ad":
        return bool(before and after) and (before < 2 or after < 2)
    return bool(before and after)


def _emoji_side(text: str, i: int) -> bool:
    """Whether the character at ``i`` sits beside a symbol (a joiner inside an emoji sequence)."""
    return any(0 <= j < len(text) and unicodedata.category(text[j]) in ("So", "Sk") for j in (i - 1, i + 1))


def _loose_marks(text: str) -> int:
    """Combining marks typed on a plain Latin letter or stacked on another mark."""
    marks, after = 0, ""  # ``after``: the character a mark follows ("" after another mark)
    for ch in text:
        if unicodedata.category(ch) == "Mn":
            marks += not after or (after.isascii() and after.isalpha())
            after = ""
        else:
            after = ch
    return marks


def _fold_word(match: re.Match[str], latin_text: bool, counter: list[int]) -> str:
    word = match.group(0)
    odd = sum(ch in _LOOKALIKE_CHARS for ch in word)
    if not odd:
        return word
    has_latin = any(ch.isascii() for ch in word)
    if has_latin or (latin_text and odd == len(word)):
        counter[0] += 1
        return word.translate(LOOKALIKES)
    return word


def canonical(text: str) -> Canonical:
    """``text`` as a reader sees it (see the module docstring); ``text`` must be a ``str``."""
    hidden = tuple(m.group(0) for m in _HIDDEN.finditer(text) if _HAS_WORD.search(m.group(0)))
    text = _HIDDEN.sub(" ", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    if text.isascii():
        controls = _ASCII_CONTROLS.findall(text)
        return Canonical(_ASCII_CONTROLS.sub("", text) if controls else text, hidden, len(controls))
    kept, invisible, run = [], 0, 0
    for i, ch in enumerate(text):
        if _invisible(ch):
            if not run:
                run = next((j for j in range(i, len(text)) if not _invisible(text[j])), len(text)) - i
            if not (ch in "\u200d\ufe0f\ufe0e" and _emoji_side(text, i)) and _hides(text, i, run):
                invisible += 1
            continue
        run = 0
        kept.append(ch)
    text = "".join(kept)
    # Lone surrogates cannot be normalised or encoded; a reader sees a replacement mark.
    text = text.encode("utf-8", "replace").decode("utf-8")
    nfkc = unicodedata.normalize("NFKC", text)
    # fullwidth, mathematical and enclosed letters become one plain letter (ligatures such as "ﬁ" become two)
    styled = sum(
        1
        for ch in text
        if not ch.isascii()
        and ch.isalpha()
        and len(n := unicodedata.normalize("NFKC", ch)) == 1
        and n.isascii()
    )
    # Typed accents come precomposed ("é" is one character); a mark typed on its own after a plain Latin
    # letter, or stacked on another mark, is there to change how the word looks to a machine, unless it
    # composes with its letter (decomposed text from a PDF or a Mac) on only a few words.
    marks = _loose_marks(unicodedata.normalize("NFC", text))
    tokens = text.split()
    accented = [t for t in tokens if _loose_marks(t) > _loose_marks(unicodedata.normalize("NFC", t))]
    if len(accented) * 5 >= len(tokens):  # accents on a fifth of the words: no English reads like that
        marks += sum(_loose_marks(t) - _loose_marks(unicodedata.normalize("NFC", t)) for t in accented)
    out = [ch for ch in unicodedata.normalize("NFD", nfkc) if unicodedata.category(ch) != "Mn"]
    text = unicodedata.normalize("NFC", "".join(out))
    letters = _WORD.findall(text)
    latin = sum(1 for w in letters for ch in w if ch.isascii())
    other = sum(1 for w in letters for ch in w if not ch.isascii() and ch not in _LOOKALIKE_CHARS)
    counter = [0]
    text = _WORD.sub(lambda m: _fold_word(m, latin > other, counter), text)
    return Canonical(text, hidden, invisible, counter[0], styled, marks)
