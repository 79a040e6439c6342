"""Part-of-speech tags for replies: NLTK's averaged perceptron tagger, tuned for speed.

The model is NLTK's :class:`nltk.tag.perceptron.PerceptronTagger` (Penn Treebank tags) as
``make nltk-data`` installs it offline (see :mod:`autograder.nltkdata`); NLTK itself loads it.
:func:`tag` gives exactly the tags NLTK's ``PerceptronTagger.tag`` gives for the same tokens
(the same features, weights and tie-break), computed with plain dict arithmetic instead of
NLTK's per-token ``defaultdict`` and ``max`` over every class, which makes it about three times
faster. Tokens follow the Penn Treebank conventions the model was trained on: clitics split
("don't" -> "do", "n't"; "I'm" -> "I", "'m"), hyphenated words kept whole, punctuation kept, and a
lower-case "i" written "I" so that lower-case replies are tagged like any other; a dash between
clauses is "--" and a code like "A1234" one token.

Cost: the model loads once per process (tens of milliseconds from the matrix files that
``make nltk-data`` writes; about a second when only NLTK's JSON files are there); tagging is
about 8-12 microseconds per token, and :data:`MAX_TAGGED_TOKENS` bounds it per sentence.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache, partial
from pathlib import Path

MAX_TAGGED_TOKENS = 160

_TOKEN = re.compile(
    r"\$?\d+(?:[.:,]\d+)*(?:st|nd|rd|th)?\b|[A-Za-z]+\d[\w-]*|\d+[A-Za-z]\w*|\$?\d+(?:[.:,]\d+)*"
    r"|[A-Za-z]+(?:[-'’][A-Za-z]+)*|[.,!?;:]"
    r"|(?<=\s)(?:-{1,2}|[–—])(?=\s)|(?<=\w)[–—](?=\w)"
)
_DASHES = frozenset("- -- – —".split())
_NT = re.compile(r"^(.+?)(n['’]t)$", re.I)
_CLITIC = re.compile(r"^(.+?)(['’](?:m|re|ve|ll|d|s))$", re.I)
_START = ("-START-", "-START2-")
_END = ("-END-", "-END2-")


def tokens(sentence: str) -> tuple[str, ...]:
    """``sentence`` split into the tagger's tokens (Penn Treebank style; see the module docstring)."""
    out: list[str] = []
    for t in _TOKEN.findall(sentence):
        if t in _DASHES:  # a dash between words or clauses is Treebank "--"
            out.append("--")
            continue
        m = _NT.match(t)
        if m:  # Treebank: "can't" -> "ca n't", "won't" -> "wo n't"
            out.extend((m.group(1), "n't"))
            continue
        if t.lower() == "cannot":
            out.extend((t[:3], t[3:]))
            continue
        m = _CLITIC.match(t)
        if m:
            head = m.group(1)
            out.extend(("I" if head == "i" else head, "'" + m.group(2)[1:]))
            continue
        out.append("I" if t == "i" else t)
    return tuple(out)


class _Model:
    """NLTK's loaded perceptron model, its weights also laid out as one matrix (feature x class).

    The nine features that depend only on the words are scored for a whole sentence at once
    (one matrix gather); the five that depend on the previous tags are added token by token,
    as the greedy tagger requires. Classes are ordered so that ``argmax`` breaks ties the way
    NLTK does (the alphabetically last label wins).
    """

    def __init__(self) -> None:
        from nltk.tag import PerceptronTagger

        from autograder import nltkdata

        nltkdata.require(nltkdata.TAGGER)
        # NLTK's normalisation (a plain function of the word)
        self.normalize = partial(PerceptronTagger.normalize, None)
        loaded = _load_fast(nltkdata.data_dir() / nltkdata.TAGGER)
        if loaded is None:  # no matrix files (data from elsewhere): lay NLTK's model out here
            nltk_tagger = PerceptronTagger()
            features, classes, matrix = nltkdata.weight_matrix(nltk_tagger.model.weights, nltk_tagger.classes)
            loaded = features, classes, matrix, nltk_tagger.tagdict
        features, classes, self.matrix, self.tagdict = loaded
        self.classes = tuple(classes)
        self.row = {f: k for k, f in enumerate(features, start=1)}  # row 0: an unknown feature
        self._priors: dict[tuple[str, str], object] = {}

    def _prior(self, prev: str, prev2: str):
        """Summed weights of the features that depend only on the two previous tags (cached)."""
        key = (prev, prev2)
        found = self._priors.get(key)
        if found is None:
            row = self.row.get
            rows = [row(f, 0) for f in ("bias", "i-1 tag " + prev, "i-2 tag " + prev2,
                                       "i tag+i-2 tag " + prev + " " + prev2)]  # fmt: skip
            found = self._priors[key] = self.matrix[rows].sum(axis=0)
        return found

    def tag(self, words: tuple[str, ...]) -> tuple[str, ...]:
        if not words:
            return ()
        tagdict, row = self.tagdict, self.row.get
        context = (*_START, *(self.normalize(w) for w in words), *_END)
        todo = [i for i, w in enumerate(words) if w not in tagdict]
        static = None
        if todo:
            rows = []
            for i in todo:
                c, word = i + 2, words[i]
                p1, n1 = context[c - 1], context[c + 1]
                rows.append([
                    row("i suffix " + word[-3:], 0), row("i pref1 " + word[:1], 0),
                    row("i word " + context[c], 0), row("i-1 word " + p1, 0),
                    row("i-1 suffix " + p1[-3:], 0), row("i-2 word " + context[c - 2], 0),
                    row("i+1 word " + n1, 0), row("i+1 suffix " + n1[-3:], 0),
                    row("i+2 word " + context[c + 2], 0),
                ])  # fmt: skip
            static = dict(zip(todo, self.matrix[rows].sum(axis=1), strict=True))
        prev, prev2 = _START
        out = []
        matrix, classes = self.matrix, self.classes
        for i, word in enumerate(words):
            tag = tagdict.get(word)
            if not tag:
                scores = static[i] + self._prior(prev, prev2)
                k = row("i-1 tag+i word " + prev + " " + context[i + 2], 0)
                if k:
                    scores = scores + matrix[k]
                tag = classes[int(scores.argmax())]
            out.append(tag)
            prev2, prev = prev, tag
        return tuple(out)


def _load_fast(folder: Path) -> tuple[list[str], list[str], object, dict[str, str]] | None:
    """The matrix files ``make nltk-data`` writes beside NLTK's model, or ``None`` if absent or unusable."""
    import numpy as np

    from autograder import nltkdata

    try:
        meta = json.loads((folder / nltkdata.TAGGER_FEATURES).read_text(encoding="utf-8"))
        tagdict = json.loads(
            (folder / "averaged_perceptron_tagger_eng.tagdict.json").read_text(encoding="utf-8")
        )
        matrix = np.load(folder / nltkdata.TAGGER_MATRIX, allow_pickle=False)
        features, classes = meta["features"], meta["classes"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if matrix.shape != (len(features) + 1, len(classes)) or not isinstance(tagdict, dict):
        return None
    return features, classes, matrix, tagdict


@lru_cache(maxsize=1)
def model() -> _Model:
    """The loaded tagger (once per process); raises :class:`autograder.nltkdata.MissingNltkData`."""
    return _Model()


@lru_cache(maxsize=4096)
def tag(sentence: str) -> tuple[tuple[str, str], ...]:
    """``(token, Penn Treebank tag)`` pairs for one sentence (at most :data:`MAX_TAGGED_TOKENS`)."""
    words = tokens(sentence)[:MAX_TAGGED_TOKENS]
    return tuple(zip(words, model().tag(words), strict=True))
