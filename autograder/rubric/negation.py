"""Whether a phrase found in a sentence is negated ("I'd never ask for your PIN", "instead of asking").

:func:`negated` looks at the words just before the phrase, within its clause (a comma, semicolon,
colon or contrast word such as "but" starts a new clause), for a negation cue. The rubric's
language signals (:mod:`autograder.rubric.language`) give the finer scope rules when they are
installed; this is the shared entry point the checks call.
"""

from __future__ import annotations

import re

# Cues that deny what follows: "not", "never", "no", "-n't", "without", "instead of", "rather than".
_CUE = re.compile(
    r"(?:\b(?:not|never|no|nor|without|nobody|nothing|neither|instead of|rather than|no need to|"
    r"no longer|stop|avoid)\b|n't\b|\bcannot\b)",
    re.I,
)
_CLAUSE = re.compile(r"[,;:()]|\b(?:but|however|although|though|so|because|and then|while)\b", re.I)
WINDOW_WORDS = 6


def _window_negated(sentence: str, start: int) -> bool:
    before = sentence[:start]
    breaks = [m.end() for m in _CLAUSE.finditer(before)]
    clause = before[breaks[-1] :] if breaks else before
    window = " ".join(clause.split()[-WINDOW_WORDS:])
    return bool(_CUE.search(window))


try:  # the language signals' scope rules (idioms, double forms, clause ends) when present
    from autograder.rubric.language.negation import negated as _scoped
except ImportError:  # pragma: no cover - the language package ships with the rubric
    _scoped = None


def negated(sentence: str, start: int) -> bool:
    """Whether the phrase at ``start`` (a character offset in ``sentence``) is denied by a negation."""
    if _scoped is not None:
        return _scoped(sentence, start)
    return _window_negated(sentence, start)
