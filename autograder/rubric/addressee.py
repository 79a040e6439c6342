"""Addressee: is the reply written *to* the person, in the agent's voice?

In a reply to the person the company is "we" and the person is "you". Two kinds of text turn
this round and so answer nobody, however many right words they hold:

* **the person's own voice**: the company's act told from the person's side, the way the message
  tells it ("you charged me twice", "you charged us twice"): a verb of doing (not wanting, knowing
  or telling) the message uses with the company as "you" and the person as "me"/"my", used again
  with "you" and "me"/"us"/"my"/"our". An agent reporting what they heard keeps the roles ("you
  told me", "we charged you", "you want me to fix it").
* **about the person, to somebody else**: the person named as the subject of a third-person verb
  ("Tom Becker was charged twice", "Dana has been locked out", "the customer is upset") with
  "he"/"she"/"his"/"her" beside it: a note to a manager or a colleague. Calling the person by name
  ("Tom, ...") is not.
"""

from __future__ import annotations

import re
from functools import lru_cache

from autograder.rubric.checks import Problem
from autograder.rubric.scenario import Scenario
from autograder.rubric.text import Analysis, analyse

CAP = 0.15

_THEIR_SIDE = re.compile(
    r"\byou(?:'ve| have)?(?: still| just| already)? (\w+)\b(?:\s+\S+){0,4}?\s+(?:me|my)\b", re.IGNORECASE
)
# Acts done to the person, not what they want, know or were told: "you want me to", "you told me", "you
# gave me your order number" are the agent's own words too.
_ACT = re.compile(r"(?:\w+ed|took|taken|kept|made|put|sold|left|lost|broke|broken|cut|stole|stolen)$")
_SAYING = frozenset(
    "told asked showed emailed messaged texted called rang wanted needed sent gave given wrote said".split()
)
_THIRD_VERB = (
    r"(?:is|was|has|had|says|said|wants|needs|feels|felt|paid|called|rang|got|gets|will|would|'s|"
    r"has been|was being)"
)
# The person by role, as a note to a colleague names them: "the customer was charged twice".
_ROLE = r"(?:the|this|our) (?:customer|caller|client|member|guest|user)"
_THIRD_PRONOUN = re.compile(r"\b(?:he|she|him|his|her|hers)\b", re.IGNORECASE)


@lru_cache(maxsize=256)
def _company_verbs(message: str) -> frozenset[str]:
    """Verbs the message uses with the company as "you" and the person as "me"/"my"."""
    found = (m.group(1).lower() for m in _THEIR_SIDE.finditer(analyse(message).text))
    return frozenset(v for v in found if _ACT.match(v) and v not in _SAYING)


def addressee_problem(reply: Analysis, scenario: Scenario) -> Problem | None:
    """A problem when the reply is in the person's voice, or about them to somebody else."""
    verbs = _company_verbs(scenario.customer_message)
    pattern = re.compile(
        r"\byou(?:'ve| have)?(?: still| just| already)? ("
        + "|".join(map(re.escape, sorted(verbs)))
        + r")\b(?:\s+\S+){0,4}?\s+"
        r"(?:me|us|my|our)\b",
        re.IGNORECASE,
    )
    if verbs and (found := pattern.search(reply.text)):
        return Problem(
            "wrong_voice",
            CAP,
            "The reply is written in the person's voice, not yours; write to them as the agent.",
            (found.group(0),),
        )
    names = [re.escape(n) for n in scenario.customer_name.split() if len(n) > 1]
    if _THIRD_PRONOUN.search(reply.text):
        name = "|".join([*names, _ROLE])
        third = re.search(rf"\b(?:{name})(?: (?:{name}))? {_THIRD_VERB}\b", reply.text, re.IGNORECASE)
        if third:
            return Problem(
                "wrong_voice",
                CAP,
                "The reply talks about the person to somebody else instead of to them; write to them.",
                (third.group(0),),
            )
    return None
