"""Third party: a reply that is a note *about* the person to somebody else (a manager, a colleague, a ticket).

A reply to the person calls them "you" and, at most, by name as a form of address ("Tom, ...",
"Thank you, Mr Becker."). A note to a colleague talks about them instead. Each of these is a sign
of it, weighed in points; :func:`note_about` returns the evidence when they reach
:data:`THRESHOLD`, so one sign alone (a "she" that is the person's neighbour, "this one's on us")
never does:

* **the person as a third person** (2): their name as the subject of a verb ("Dana has been locked
  out", "Tom Becker was charged"), or a title and surname used other than to address them ("Mrs
  Okafor isn't happy", "Mr Adeyemi and his kids");
* **the person by role** (2): "the customer", "the caller", "a member on the line", "cx", a ticket's
  "Customer charged twice". In a scenario where the person is a colleague, the customer is somebody
  else, so only the colleague's roles count ("the agent", "our colleague");
* **a greeting to somebody else** (1): "Hi Sarah,", "Team,", "Hi all" opening the reply;
* **the case as a job** (1): "escalating this one", "can you take this one";
* **the person as the object of handling** (1): "handle her", "deal with him", "calm her down",
  "what should I offer him";
* **the form of a note** (1): "ticket", "FYI", "handover";
* **a third-person pronoun** (1): he, she, him, her, his; when the scenario's offers and facts speak of the
  person as "him" or "her", only that one (their neighbour's "her" is not them).
"""

from __future__ import annotations

import re

from autograder.rubric.scenario import Scenario
from autograder.rubric.text import Analysis

THRESHOLD = 3

_I = re.IGNORECASE
_TITLE = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Mister|Madam)\.?"
_THIRD_VERB = (
    r"(?:is|isn't|was|wasn't|has|hasn't|had|hadn't|says|said|seems|seemed|sounds|wants|wanted|needs|needed|"
    r"feels|felt|thinks|believes|claims|insists|reports|disputes|paid|called|rang|emailed|got|gets|will|"
    r"won't|would|can't|cannot|couldn't|doesn't|didn't|just|still|also|'s|has been|was being)"
)
_ROLES = {
    "customer": (
        r"customer|caller|client|member|guest|user|account ?holder|card ?holder|lady|gentleman|cx|cust"
    ),
    "colleague": r"agent|colleague|team ?member|staff ?member|advisor|adviser|rep",
}
_GREETING = re.compile(
    r"^\s*(?:fyi\s*[,:\-]?\s*)?(?:(?:hi|hello|hey|dear|morning|afternoon)\s+"
    r"([A-Z][a-z]+|team|all|everyone|folks|guys)\b|(team|all|everyone|folks)\s*[,:\-])",
    _I,
)
_GROUPS = frozenset("team all everyone folks guys".split())
_JOB = re.compile(
    r"\b(?:escalat\w*|take|taking|took|pass\w*|handl\w*|look\w* (?:at|into)|grab|assign\w*|pick\w* up) "
    r"this one\b",
    _I,
)
_HANDLING = re.compile(
    r"\b(?:handle|handling|deal with|dealing with|calm (?:her|him) down|calm|placate|manage|reassure|"
    r"respond to|reply to|get back "
    r"to|call|ring|offer|give|tell|approach|treat|refund|compensate|credit|contact|"
    r"email|text|update|unlock|waive it for|sort (?:it|this) for)"
    r" (?:her|him)\b(?! (?:son|daughter|kids|children|family|neighbour|neighbor|sister|brother))",
    _I,
)
_NOTE = re.compile(
    r"\b(?:ticket|case notes?|internal note|handover|fyi|for the record|per (?:cust|cx))\b", _I
)
_PRONOUN = re.compile(r"\b(?:he|she|him|his|her|hers|he's|she's)\b", _I)
_PRONOUNS = {
    "he": re.compile(r"\b(?:he|him|his|he's)\b", _I),
    "she": re.compile(r"\b(?:she|her|hers|she's)\b", _I),
}


def _pronoun(scenario: Scenario) -> re.Pattern[str]:
    """The third-person pronouns that can be the person: those the scenario's own notes use for them
    ("call him back on the number on his card"); a "her" in a reply about Harold is his neighbour."""
    notes = " ".join(scenario.what_we_can_offer + scenario.policy_facts)
    used = [g for g, pattern in _PRONOUNS.items() if pattern.search(notes)]
    return _PRONOUNS[used[0]] if len(used) == 1 else _PRONOUN


# What follows a title and surname used to address the person: "Mr Becker, ...", "Mr Becker I'm sorry".
_ADDRESS_AFTER = re.compile(
    r"\s*(?:$|[,.!?;:)\-]|(?:I|I'm|I've|I'll|we|we're|you|your|thank|thanks|sorry)\b)", _I
)


def _names(scenario: Scenario) -> list[str]:
    return [re.escape(n) for n in scenario.customer_name.split() if len(n) > 1]


def _as_third_person(text: str, scenario: Scenario) -> str | None:
    names = _names(scenario)
    if not names:
        return None
    name = "|".join(names)
    found = re.search(
        rf"\b(?:{_TITLE} )?(?:{name})(?: (?:{name}))? (?:{_THIRD_VERB}|[a-z]+ed)(?![\w'])", text, _I
    )
    if found:
        return found.group(0)
    for m in re.finditer(rf"\b{_TITLE} (?:{name})\b", text):
        if not _ADDRESS_AFTER.match(text[m.end() :]):
            return m.group(0)
    return None


def _by_role(text: str, scenario: Scenario) -> str | None:
    roles = _ROLES["colleague" if scenario.role == "colleague" else "customer"]
    found = re.search(
        rf"\b(?:the|this|our|a|my) (?:{roles})\b(?=\s+(?:{_THIRD_VERB}|on the (?:line|phone|chat)|who|in "
        rf"the queue|"
        rf"at the desk)\b)|(?:^|[.:;\-]\s*)(?:{roles})\b(?= (?:{_THIRD_VERB}|\w+ed)\b)",
        text,
        _I,
    )
    return found.group(0).strip(" .:;-") if found else None


def note_about(reply: Analysis, scenario: Scenario) -> tuple[str, ...]:
    """Evidence that ``reply`` talks about the person to somebody else (empty when it does not)."""
    text = reply.text
    signs: list[tuple[int, str]] = []
    if third := _as_third_person(text, scenario):
        signs.append((2, third))
    if role := _by_role(text, scenario):
        signs.append((2, role))
    greeting = _GREETING.match(text)
    if greeting:
        greeted = next(g for g in greeting.groups() if g)
        names = {n.lower() for n in scenario.customer_name.split()}
        if greeted.lower() not in names and (greeted[:1].isupper() or greeted.lower() in _GROUPS):
            signs.append((1, greeting.group(0).strip()))
    for pattern in (_JOB, _HANDLING, _NOTE, _pronoun(scenario)):
        if found := pattern.search(text):
            signs.append((1, found.group(0)))
    if sum(points for points, _ in signs) < THRESHOLD:
        return ()
    return tuple(evidence for _, evidence in signs)
