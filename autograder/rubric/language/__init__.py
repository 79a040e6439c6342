"""Language signals for the rubric: what a reply's words mean, not only which words it contains.

* :mod:`~autograder.rubric.language.negation`: whether a matched phrase is denied
  ("I don't understand why you're upset", "it isn't a scam"); :func:`matches_affirmed`.
* :mod:`~autograder.rubric.language.fluency`: whether a reply is sentences or a keyword string,
  from part-of-speech tags (NLTK's averaged perceptron tagger, installed offline).
* :mod:`~autograder.rubric.language.condescension`: sarcasm, condescension and hidden blame in
  polite words ("well done finding the one setting that breaks it", "no offence, but").
* :mod:`~autograder.rubric.language.put_down`: labels of the person's character or fitness
  ("you're being a bit dramatic", "maybe this job isn't for you").
* :mod:`~autograder.rubric.language.boilerplate`: hollow stock phrases that acknowledge nothing
  ("we value you as a customer", "sorry for any inconvenience").

See README.md in this folder for the API in one page.
"""

from autograder.rubric.language.boilerplate import Boilerplate, boilerplate, strip_boilerplate
from autograder.rubric.language.condescension import FAMILIES, condescension
from autograder.rubric.language.fluency import Fluency, SentenceFluency, fluency
from autograder.rubric.language.negation import (
    Scope,
    finditer_affirmed,
    matches_affirmed,
    matches_negated,
    negated,
    negation_cue,
    scopes,
)
from autograder.rubric.language.put_down import put_downs
from autograder.rubric.language.signal import Signal

__all__ = [
    "FAMILIES",
    "Boilerplate",
    "Fluency",
    "Scope",
    "SentenceFluency",
    "Signal",
    "boilerplate",
    "condescension",
    "finditer_affirmed",
    "fluency",
    "matches_affirmed",
    "matches_negated",
    "negated",
    "negation_cue",
    "put_downs",
    "scopes",
    "strip_boilerplate",
]
