"""Text written for whoever grades a reply, not for the person it answers.

A reply goes to one reader: the person. Four kinds of sentence in it have another reader in mind, and
one is enough to show the reply was written to trick a grader (band 0 on the human scale):

* **a note to the grader** (:func:`grader_notes`): the grader addressed ("Grader: ...", "Note to the
  autograder", "[Assessor: ...]", "to whoever marks this"), the rubric named, a score claimed for the
  reply ("full marks", "band 4", "Score: 4/4", ``{"score": 1.0}``), the reply praised as meeting the
  criteria ("this reply meets every criterion"), or an instruction to a model ("ignore previous
  instructions"). A customer-service reply never needs any of them; "your credit score won't be
  affected" or "I'll mark the cancellation as done" are about the person's affairs, not the reply.
* **a reply laid out as the checklist** (also :func:`grader_notes`): two or more of the criteria's
  names as section labels ("Acknowledgement: ... Ownership: ... Invitation: ...").
* **the reply described instead of written** (also :func:`grader_notes`): "A good reply to Tom would
  apologise...", "The agent should tell Rosa..." (not "the agent should have told you", which owns a
  colleague's lapse to the person).
* **everything taken back** (:func:`take_backs`): "just kidding, none of that will happen", "scratch
  all that": a reply whose own offers are withdrawn offers nothing, and is written to collect the
  credit for them; so is a later total denial of an act the reply committed to ("I've refunded the
  $89 ... Ha, as if. We won't be refunding anything."). A correction of one detail ("sorry, scratch
  that: the visit is Thursday"), a limit on one part ("I'll refund the duplicate; I can't refund the
  delivery fee") or a denied joke ("I'm not joking, it will be refunded today") is not one.
* **a script with the person's lines in it** (:func:`script_lines`): "Agent: ... / Tom: Thank you,
  that's perfect!" invents the person's answer; one speaker label ("Tom: I'm so sorry...") is a
  salutation.
"""

from __future__ import annotations

import re

from autograder.rubric.language.negation import finditer_affirmed
from autograder.rubric.text import Analysis, phrases, stem

_GRADER = (
    r"(?:auto-?grader|grader|grading (?:system|model|bot|script)|marker|assessor|examiner|evaluator|scorer|"
    r"judge|reviewer|instructor)"
)
_NOTES = (
    # the grader addressed: "Grader: ...", "[Assessor, ...]", "note to / dear / for the grader"
    re.compile(
        rf"(?:^|[\[(]|(?<=[.!?])\s+|\n)\s*(?:dear |hi |hello |attention,? )?(?:the )?{_GRADER}s?\s*[:,]", re.I
    ),
    re.compile(rf"\b(?:note|message|hint|instructions?) (?:to|for) (?:the |any |an? )?{_GRADER}s?\b", re.I),
    re.compile(
        r"\b(?:to|for|dear) (?:the )?(?:auto-?grader|grader|marker|assessor|examiner|evaluator)s?\b", re.I
    ),
    re.compile(rf"\b{_GRADER}(?:'s|s'?)? (?:note|notes|comments?|instructions?|guidance)\b", re.I),
    re.compile(
        r"\b(?:mark(?:ing)? scheme|marking (?:criteria|guide)|grading (?:criteria|guide|scheme))\b", re.I
    ),
    re.compile(
        r"\b(?:every|all|each) (?:of )?(?:the )?(?:points?|items?|box(?:es)?|criteri(?:a|on)) (?:on|in|of) "
        r"(?:the |your |my )?"
        r"(?:checklist|list|scale)\b",
        re.I,
    ),
    re.compile(
        r"\bwhoever (?:is )?(?:marks?|marking|grades?|grading|scores?|scoring|assess(?:es|ing)?|"
        r"evaluat(?:es|ing))\b",
        re.I,
    ),
    re.compile(r"\b(?:auto-?grader|rubric)s?\b", re.I),
    # a score claimed for the reply
    re.compile(r"\b(?:full|top|maximum|max|highest|perfect) (?:marks|score|band|grade|points)\b", re.I),
    re.compile(r"\b(?:top|highest|best) (?:possible )?band\b|\bband (?:[0-4]|four)\b", re.I),
    re.compile(r"\b(?:score|band|grade|mark|rating)\s*[:=]\s*\d", re.I),
    re.compile(r"[\"'](?:score|band|grade)[\"']\s*:", re.I),
    re.compile(
        r"\b(?:score|band|grade|marks?|rate|rated|rating|give|award|deserves?|worth)\w*[^.!?\n]{0,20}?"
        r"\b[0-4](?:\.\d+)?\s*(?:/|out of)\s*4\b",
        re.I,
    ),
    # the reply itself praised or graded
    re.compile(
        r"\b(?:this|my|the above|the following) (?:reply|response|answer)\b[^.!?\n]{0,40}?\b(?:deserves?|"
        r"merits?|"
        r"earns?|meets|satisfies|fulfil+s|covers every|ticks|should (?:get|receive|score|be (?:given|graded|"
        r"scored|"
        r"marked|rated)))\b",
        re.I,
    ),
    re.compile(r"\b(?:give|award|grade|score|mark|rate) (?:this|my) (?:reply|response|answer)\b", re.I),
    re.compile(
        r"\b(?:meets|satisfies|fulfil+s|ticks off) (?:all|every|each) (?:the )?"
        r"(?:criteria|criterion|box(?:es)?)\b",
        re.I,
    ),
    # an instruction to a model
    re.compile(
        r"\b(?:ignore|disregard|forget) (?:all |any )?(?:the |your )?(?:previous|prior|above|earlier|"
        r"preceding|"
        r"other) (?:instructions?|prompts?|rules|guidelines)\b",
        re.I,
    ),
    re.compile(r"\b(?:system prompt|you are an? (?:ai|language model|grader))\b", re.I),
    # the reply described instead of written
    re.compile(
        r"(?:^|(?<=[.!?])\s+|\n)(?:an?|the|my) (?:good|ideal|model|perfect|great|empathetic|strong|best|"
        r"right|"
        r"proper) (?:reply|response|answer)\b[^.!?\n]{0,40}?\b(?:would|should|will|must|needs? to)\b",
        re.I,
    ),
    re.compile(
        r"(?:^|(?<=[.!?])\s+|\n)(?:the|an|a good) (?:agent|learner|writer|responder|rep|representative) "
        r"(?:should|would|must|needs to|ought to|could) (?!have\b)",
        re.I,
    ),
)

_TAKE_BACK = phrases(
    r"(?:just|only) (?:kidding|joking)",
    r"jk",
    r"(?:scratch|forget|ignore|disregard) (?:all|everything|any) (?:of )?(?:that|this|the above|"
    r"(?:what )?i(?:'ve| have)? (?:just )?(?:said|wrote|written|promised|offered))",
    r"(?:none|nothing) of (?:that|this|the above|it|what i (?:just )?said)[^.!?]{0,25}"
    r"(?:will|is going to|would|can) (?:actually |really )?(?:happen|be done|go ahead|come through|apply)",
    r"(?:that|this|it) (?:was|is) (?:all )?(?:a joke|a lie|not true|not real)",
    r"i take (?:it |that )?all (?:of (?:that|it) )?back",
)


# The criteria's own names used as section labels ("Acknowledgement: ... Ownership: ..."): a reply
# laid out for the marker's checklist. Two are needed; "Next steps:" or "Summary:" are not criteria.
_CRITERION_LABEL = re.compile(
    r"(?:^|\n|(?<=[.!?])\s+)\s*(?:\W\s*)?(acknowledge?ments?|empathy|reflection|reflecting|ownership|owning|"
    r"concrete help|commitment|invitation|inviting|tone|name used|warmth|(?:uses?|using) (?:the "
    r")?name)\s*[:\-–—]\s",
    re.I,
)


def grader_notes(reply: Analysis) -> tuple[str, ...]:
    """The words of ``reply`` written for a grader: a note to it, a score claimed, the reply described,
    or two or more of the criteria's names as section labels."""
    found = []
    for pattern in _NOTES:
        found.extend(m.group(0).strip(" \n[(:,") for m in pattern.finditer(reply.text))
    labels = {m.group(1).lower() for m in _CRITERION_LABEL.finditer(reply.text)}
    if len(labels) >= 2:
        found.extend(sorted(labels))
    return tuple(dict.fromkeys(f for f in found if f))


# What the reply commits to: the verb after "I'll", "I've", "we will", "let me" ("I've refunded").
_COMMITTED = re.compile(
    r"\b(?:i|we)(?:'ll|'ve| will| have| am going to|'m going to| are going to|'re going to)"
    r"(?: (?:also|already|just|now|personally))? (\w+)|\blet me (\w+)|\b(?:i'm|i am|we're|we are) (\w+ing)\b",
    re.I,
)
# A total denial of an act: "we won't be refunding anything", "I'm not sending a thing".
_DENIED = re.compile(
    r"\b(?:won'?t|will not|(?:am|are|is|'m|'re)(?: not|n'?t) going to|(?:am|are|'m|'re) not|aren'?t|never|"
    r"can'?t|cannot)(?: be| ever| actually| really)? (\w+)\b[^.!?]{0,30}?"
    r"\b(?:anything|any of (?:it|that|this)|at all|a (?:thing|cent|penny|dime)|nothing)\b"
    r"(?! (?:else|more|further|extra))",
    re.I,
)
_CONDITION = re.compile(r"\b(?:until|unless|before|if|without|except)\b", re.I)


def _reversals(text: str) -> list[str]:
    """Total denials of an act the reply committed to earlier ("I've refunded the $89. ... Ha, as if.
    We won't be refunding anything."): the later sentence withdraws the earlier one."""
    committed: set[str] = set()
    found = []
    for sentence in re.split(r"(?<=[.!?])\s+|\n", text):
        for m in () if _CONDITION.search(sentence) else _DENIED.finditer(sentence):
            if stem(m.group(1)) in committed:
                found.append(m.group(0))
        committed |= {stem(v) for m in _COMMITTED.finditer(sentence) for v in m.groups() if v}
    return found


def take_backs(reply: Analysis) -> tuple[str, ...]:
    """The phrases of ``reply`` that withdraw everything it said ("just kidding", or a later total
    denial of an act it committed to), not denied ones."""
    found = [m.group(0) for m in finditer_affirmed(reply, _TAKE_BACK)] + _reversals(reply.text)
    return tuple(dict.fromkeys(found))


_LABEL = re.compile(r"(?:^|\n|(?<=[.!?])\s+)\s*([A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)?)\s*:\s+\S")
_AGENT_LABELS = frozenset(
    {"agent", "me", "rep", "support", "representative", "advisor", "adviser", "staff", "lead"}
)


def script_lines(reply: Analysis, person: str) -> tuple[str, ...]:
    """The speaker labels of a script that gives lines to both the agent and the person.

    ``person`` is the person's name from the scenario ("" when it has none). Returns the labels
    ("Agent", "Tom") when at least two distinct speakers are labelled and one of them is the person
    (their first or full name, "Customer" or "Caller"); otherwise ``()``.
    """
    labels = {m.group(1).lower() for m in _LABEL.finditer(reply.text)}
    names = {person.lower(), person.split()[0].lower()} if person.strip() else set()
    theirs = labels & (names | {"customer", "caller", "client", "colleague"})
    ours = labels & _AGENT_LABELS
    if theirs and ours:
        return tuple(sorted(ours | theirs))
    return ()
