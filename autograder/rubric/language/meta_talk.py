"""Meta-talk: a reply that names its own speech acts in the rubric's terms instead of performing them.

"I acknowledge your feeling of frustration. I reflect the key facts. I offer concrete help. I am
warm and polite throughout." is written to a grader: each sentence has the reply itself (I, we,
"this reply") as its subject, a verb in the plain present that describes what a reply does, and the
vocabulary of the criteria as its object (key facts, your view, concrete help, ownership, warm and
polite, empathy, active listening, plainly, throughout). An agent performs these acts ("I'm so
sorry the $89 was your rent money") and says so only in passing.

:func:`meta_sentences` weighs each sentence: 1 for the criteria's own terms ("I reflect the key
facts", "I invite your view", "I show empathy", "I am warm and polite"), 0.5 for a description an
agent might also say sincerely ("I take full ownership of this mistake", "I acknowledge your
frustration"). A reply reaching :data:`THRESHOLD` recites the rubric; one sincere "I take
ownership" or "I want to acknowledge how frustrating this is" (a wish, not a description) does not.
"""

from __future__ import annotations

import re

from autograder.rubric.text import Analysis

THRESHOLD = 2.0

_I = re.IGNORECASE
_SUBJECT = (
    r"(?:^|[,;:]\s*|\band\s+|\bhere,?\s+|\bin this (?:reply|response|message|answer),?\s+)"
    r"(?:i|we|this (?:reply|response|message|answer)|my (?:reply|response|message|answer))"
    r"(?: (?:also|now|then|first|next|fully|clearly|genuinely|sincerely|always|will|am going to))*\s+"
)
_CRITERIA_TERMS = (
    r"acknowledge(?:s)? (?:your |the |their )?(?:feelings?|emotions?|impact)",
    r"reflect(?:s)?(?: back)? (?:the |your |all )?(?:key )?(?:facts|points|details|problem)",
    r"restate(?:s)? (?:the |your )?(?:key )?(?:facts|problem|points)",
    r"(?:offer|provide|give)(?:s)? (?:you )?(?:concrete|specific|practical|real|actionable)"
    r" (?:help|solutions?|steps|next steps|options|support|assistance)",
    r"invite(?:s)? (?:you to share )?your (?:view|views|perspective|opinion|input|choice|feedback)",
    r"(?:am|is|are|remain|remains|stay|stays) (?:\w+ "
    r")?(?:warm|polite|empathetic|empathic|respectful|courteous)"
    r"(?: and (?:polite|warm|respectful|professional|courteous|empathetic))?(?: (?:throughout|in tone))?",
    r"(?:show|shows|demonstrate|demonstrates|express|expresses|convey|conveys|display|displays)"
    r" (?:\w+ )?(?:empathy|active listening|compassion|sympathy|understanding)",
    r"(?:practi[sc]e|use|uses|apply|applies) (?:\w+ )?(?:active listening|empathy)",
    r"listen(?:s)? actively",
    r"use(?:s)? your (?:first )?name",
    r"name(?:s)? (?:your|the) (?:feeling|emotion)s?",
    r"validate(?:s)? your (?:feelings?|emotions?|concerns?)",
    r"commit(?:s)? to (?:act|action|acting|a next step|next steps|concrete)",
    r"say(?:s)? sorry (?:plainly|clearly|sincerely|once)",
    r"apologi[sz]e(?:s)? plainly",
    r"\w+ (?:the )?(?:rubric|criteria|criterion|grader)",
)
_PLAIN_TERMS = (
    r"take(?:s)? (?:full |complete |clear )?ownership",
    r"acknowledge(?:s)? your (?:frustration|anger|upset|concern|worry|disappointment)",
    r"say(?:s)? sorry",
    r"empathi[sz]e(?:s)? with you",
)
_CRITERIA = re.compile(_SUBJECT + "(?:" + "|".join(_CRITERIA_TERMS) + r")\b", _I | re.MULTILINE)
_PLAIN = re.compile(_SUBJECT + "(?:" + "|".join(_PLAIN_TERMS) + r")\b", _I | re.MULTILINE)


def meta_sentences(reply: Analysis) -> tuple[tuple[str, float], ...]:
    """Each sentence of ``reply`` that describes its own speech act, with its weight (1 or 0.5)."""
    out = []
    for sentence in reply.sentences:
        weight = float(len(_CRITERIA.findall(sentence))) or 0.5 * len(_PLAIN.findall(sentence))
        if weight:
            out.append((sentence, weight))
    return tuple(out)


def recites_rubric(reply: Analysis) -> tuple[str, ...]:
    """The meta sentences of a reply written to a grader (empty below :data:`THRESHOLD`)."""
    found = meta_sentences(reply)
    return tuple(s for s, _ in found) if sum(w for _, w in found) >= THRESHOLD else ()
