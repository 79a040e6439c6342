"""Addressee: is the reply written *to* the person, in the agent's voice?

In a reply to the person the company is "we" and the person is "you". Two kinds of text turn
this round and so answer nobody, however many right words they hold:

* **the person's own voice**: the company's act told from the person's side, the way the message
  tells it ("you charged me twice", "you charged us twice"): a verb of doing (not wanting, knowing
  or telling) the message uses with the company as "you" and the person as "me"/"my", used again
  with "you" and "me"/"us"/"my"/"our". An agent reporting what they heard keeps the roles ("you
  told me", "we charged you", "you want me to fix it"). The same act in the passive with the person
  as "I"/"we" ("I was charged twice") is theirs too. Or :data:`MIN_CLAIMS` claims of the
  person's facts, grievance or relation to the company as the writer's own ("I've been a member for
  two years", "my subscription", "I feel disrespected", "how you treat loyal customers";
  :mod:`autograder.rubric.language.speaker`).
* **about the person, to somebody else**: a note to a manager, a colleague or a ticket: the person
  by name or role as a third person, a greeting to somebody else, "escalating this one", "how should
  I handle her" (:mod:`autograder.rubric.third_party`). Calling the person by name ("Tom, ...",
  "Thank you, Mr Becker.") is not.
"""

from __future__ import annotations

import re
from functools import lru_cache

from autograder.rubric import third_party
from autograder.rubric.checks import Problem
from autograder.rubric.language.speaker import claims
from autograder.rubric.scenario import Scenario
from autograder.rubric.text import Analysis, analyse

CAP = 0.15
_QUOTED = re.compile(r'"[^"\n]{1,300}"')
# Two claims of the person's facts or grievance: one can be an agent's slip or a quotation.
MIN_CLAIMS = 2

_THEIR_SIDE = re.compile(
    r"\byou(?:'ve| have)?(?: still| just| already)? (\w+)\b(?:\s+\S+){0,4}?\s+(?:me|my)\b", re.IGNORECASE
)
# Acts done to the person, not what they want, know or were told: "you want me to", "you told me", "you
# gave me your order number" are the agent's own words too.
_ACT = re.compile(r"(?:\w+ed|took|taken|kept|made|put|sold|left|lost|broke|broken|cut|stole|stolen)$")
_SAYING = frozenset(
    "told asked showed emailed messaged texted called rang wanted needed sent gave given wrote said".split()
)


@lru_cache(maxsize=256)
def _company_verbs(message: str) -> frozenset[str]:
    """Verbs the message uses with the company as "you" and the person as "me"/"my"."""
    found = (m.group(1).lower() for m in _THEIR_SIDE.finditer(analyse(message).text))
    return frozenset(v for v in found if _ACT.match(v) and v not in _SAYING)


def addressee_problem(reply: Analysis, scenario: Scenario) -> Problem | None:
    """A problem when the reply is in the person's voice, or about them to somebody else."""
    voice = _their_voice(reply, scenario)
    if voice:
        return Problem(
            "wrong_voice",
            CAP,
            "The reply is written in the person's voice, not yours; write to them as the agent.",
            voice,
        )
    note = third_party.note_about(reply, scenario)
    if note:
        return Problem(
            "wrong_voice",
            CAP,
            "The reply talks about the person to somebody else instead of to them; write to them.",
            note,
        )
    return None


def _their_voice(reply: Analysis, scenario: Scenario) -> tuple[str, ...]:
    """Evidence that ``reply`` speaks as the person: their act told from their side, or their claims."""
    verbs = _company_verbs(scenario.customer_message)
    pattern = re.compile(
        r"\byou(?:'ve| have)?(?: still| just| already)? ("
        + "|".join(map(re.escape, sorted(verbs)))
        + r")\b(?:\s+\S+){0,4}?\s+"
        r"(?:me|us|my|our)\b",
        re.IGNORECASE,
    )
    # Their own words inside quotation marks are quoted, not spoken: 'you wrote "you charged me twice"'.
    unquoted = _QUOTED.sub(" ", reply.text)
    if verbs and (found := pattern.search(unquoted)):
        return (found.group(0),)
    # The same act in the passive, said by the person: "I was charged twice", "we've been charged".
    passive = re.compile(
        r"\b(?:I|we)(?: was| were|'ve been| have been| got| just got)(?: \w+ly| just| still| already)? ("
        + "|".join(map(re.escape, sorted(verbs)))
        + r")\b",
        re.IGNORECASE,
    )
    if verbs and (found := passive.search(unquoted)):
        return (found.group(0),)
    found = claims(reply, analyse(scenario.customer_message))
    return found if len(found) >= MIN_CLAIMS else ()
