"""``commits_to_act``: empathy, not sympathy: the reply commits to doing something.

The seeds: 'Responding with "I know you are feeling ___" is sympathy. Empathy ...
says "I feel what you are going through, and I am committed to doing ___ to
help you"', and "Let me see what I can do" is one of the most endearing things
an agent can say.

A commitment is a first-person action: "I'll ...", "I've ...", "I'm sending",
"let me ...", "let's ...", "we will ...", "I can ...", "I'd like to ..." followed
by an action verb (not a feeling or knowing verb: "I've been there" or "I know
how you feel" do not count), or a done deed ("your refund has been issued").

Credit: 1.0 for a concrete action (a concrete verb, or the sentence names one of
the scenario's offers); 0.7 for a vague one ("I'll look into it", "let me see
what I can do"); an ability alone ("I can ...") counts a little less. A reply
with sympathy phrases and no commitment gets feedback saying so.
"""

from __future__ import annotations

import re

from autograder.rubric.criteria.base import Context, result
from autograder.rubric.language.negation import negated
from autograder.rubric.result import CriterionResult
from autograder.rubric.text import content_stems, phrases

NAME = "commits_to_act"
LABEL = "Commits to act (empathy, not sympathy)"

_SUBJECT = re.compile(
    r"(?<![\w'])(i'll|i will|i'm going to|i am going to|we'll|we will|we're going to|we are going to|"
    r"let me|let's|let us|i've|i have|we've|we have|i'm|i am|we're|we are|i can|we can|i could|we could|"
    r"i'd like to|i would like to|i'd love to|i want to|i'd be (?:happy|glad) to|i'm (?:happy|glad) to|"
    r"i am (?:happy|glad) to|happy to|i'll be|i'm now|i will now)\s+((?:[\w'-]+[,:;.!?]?(?:\s+|$)){0,3})",
    re.IGNORECASE,
)
_SKIP = frozenset(
    "just already now personally also right quickly gone ahead and actually really certainly definitely "
    "immediately happy glad able to straight away gladly first then go be going got".split()
)
_NOT_ACTION = frozenset(
    """understand know see imagine hear feel felt think believe am be been had sorry afraid hope wish
    apologize apologise agree totally completely sure certain here there not unable sympathize sympathise
    empathize empathise appreciate realize realise recognise recognize so really a the your you it this
    that very always never sad upset frustrated aware only tell say said honest afraid worried glad to
    no an""".split()
)
CONCRETE = frozenset(
    content_stems(
        """refund send sent book schedule fix sort unlock reset transfer escalate credit waive call check
        investigate set walk show connect arrange cover swap exchange move switch cancel process reverse
        flag email text resend update contact sit stay reach review take give find put remove add issue
        confirm explain post ship replace restore reactivate activate enable repair visit talk go"""
    )
)
VAGUE = frozenset(content_stems("help look try do see make get work handle deal"))
DONE = phrases(
    r"(?:has|have|is|was) been (?:issued|refunded|sent|booked|processed|arranged|escalated|scheduled|"
    r"credited|waived|unlocked|reset|flagged|reversed|cancelled|canceled|fixed|resolved|approved)",
    r"is on (?:its|the) way",
    r"(?:want|would you like|shall|should|can|may) (?:me|i) (?:to )?(?:\w+ ){0,2}?"
    r"(?:set|send|book|refund|check|"
    r"call|transfer|switch|move|arrange|resend|walk|show|connect|escalate|unlock|exchange|swap|schedule|text|"
    r"email|cancel|put|add|review|take)",
    r"(?:you can|feel free to|go ahead and|why don'?t you|you could) (?:take|grab|switch|move|have)",
)
SYMPATHY = phrases(
    r"i (?:totally |completely )?know how you feel",
    r"i feel (?:for you|your pain|so bad)",
    r"(?:that'?s|that is|how) (?:so |really )?(?:terrible|awful|sad|unfortunate)",
    r"i'?m (?:so|really|very|truly) sorry",
    r"poor you",
)


def _verb(rest: str) -> str | None:
    for word in rest.lower().split():
        word = word.strip(".,!?;:")
        if word in _SKIP:
            continue
        if word in _NOT_ACTION or not word.isalpha():
            return None
        return word
    return None


def evaluate(context: Context) -> CriterionResult:
    offer_stems = (
        frozenset().union(*(o.stems for o in context.profile.offers)) if context.profile.offers else set()
    )
    best, evidence = 0.0, []
    for sentence in context.reply.sentences:
        candidates = []
        for m in _SUBJECT.finditer(sentence):
            if negated(sentence, m.start()):  # "I can't help with that", "we won't be booking"
                continue
            subject = m.group(1).lower()
            verb = _verb(m.group(2))
            if not verb and subject in ("let me", "let us", "let's"):
                first = m.group(2).split()[:1]
                verb = (
                    first[0].lower().strip(".,!?;:")
                    if first and first[0].lower() in ("see", "think")
                    else None
                )
            if not verb:
                continue
            if subject in ("i'm", "i am", "we're", "we are", "i'm now") and not verb.endswith("ing"):
                continue
            if verb.endswith("ing") and verb in ("feeling", "hoping", "thinking", "wondering", "trying"):
                continue
            stems = content_stems(verb)
            concrete = bool(stems & CONCRETE) or bool(content_stems(sentence) & offer_stems)
            credit = 1.0 if concrete else (0.7 if stems & VAGUE else 0.75)
            if subject in ("i can", "we can", "i could", "we could"):
                credit -= 0.1
            candidates.append((credit, m.group(0).strip()))
        done = DONE.findall(sentence)
        if done:
            candidates.append((0.8, done[0]))
        for credit, phrase in candidates:
            if credit > best:
                best, evidence = credit, [sentence]
                del phrase
    if best >= 0.95:
        feedback = "You committed to a concrete action, which turns sympathy into empathy."
    elif best >= 0.5:
        feedback = "Make the commitment concrete: say exactly what you will do and when."
    elif SYMPATHY.search(context.reply.text):
        feedback = (
            "Saying you know how they feel is sympathy; add what you will do about it "
            '("I\'ll ...", "Let me ...").'
        )
    else:
        feedback = (
            'Commit to an action in the first person ("I\'ll ...", "Let me ...") so they know help is coming.'
        )
    return result(NAME, LABEL, best, evidence, feedback)
