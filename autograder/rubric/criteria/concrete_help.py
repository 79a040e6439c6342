"""``offers_concrete_help``: the reply offers specific help drawn from what the company can do.

The seeds: "Convey a sincere desire to help" and, for the empathic agent, devise
"the best possible solution". Help is concrete when it names what will happen.

Each of the scenario's ``what_we_can_offer`` items is matched by stem overlap
(numbers included) against the reply's clauses that are not negated ("we
can't refund" offers nothing, but in "it can't be refunded, but I can swap it"
the second clause still offers help): one shared content stem is half a match, two a
full match. Credit is ``0.65 * best + 0.35 * second best`` plus 0.15 when the
reply gives specifics (a time, an amount, a number); with no offer matched, a
concrete action verb with specifics earns 0.35 and vague help ("we'll look into
it") 0.15. Sentences promising something the scenario does not offer (a free
upgrade nobody mentioned) are left out: help counts only when the company can give it.
"""

from __future__ import annotations

import re

from autograder.rubric.criteria.base import Context, result
from autograder.rubric.criteria.commitment import CONCRETE
from autograder.rubric.language.negation import scopes
from autograder.rubric.result import CriterionResult
from autograder.rubric.text import phrases, stem_set

NAME = "offers_concrete_help"
LABEL = "Offers concrete help"

NEGATED = phrases(
    r"can'?t", r"cannot", r"won'?t", r"unable", r"not able", r"no way", r"isn'?t possible", r"not possible",
    r"not allowed", r"aren'?t able", r"(?:we|i) (?:don'?t|do not|never) (?:offer|give|do|refund|allow)",
    r"(?:fully|over) ?booked", r"sold out", r"out of stock", r"unavailable", r"no (?:rooms?|availability)",
)  # fmt: skip
SPECIFIC = phrases(
    r"today", r"tomorrow", r"tonight", r"right (?:now|away)", r"now",
    r"this (?:morning|afternoon|evening|week)",
    r"within \w+", r"by (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|\d+)",
    r"\$?\d+(?:[.:]\d+)?(?:\s?(?:am|pm|minutes?|hours?|days?|business days?|a month|a year))?",
    r"(?:one|two|three|four|five|ten|fifteen|thirty) (?:minutes?|hours?|days?)",
    r"(?:morning|afternoon|evening) (?:visit|slot|appointment)", r"step[- ]by[- ]step",
)  # fmt: skip
# Help is something offered or done for the person, not a fact restated: "a notice was emailed" is not
# "I'll resend the notice". A matched sentence without one of these framings counts half.
OFFERED = phrases(
    r"(?:i|we)(?:'ll|'d|'ve| will| would| can| could| have| shall)",
    # "we're sending", "I'm going to": an act under way; "we are fully booked" describes, offers nothing
    r"(?:i|we)(?:'m|'re| am| are) (?:\w+ing|happy|glad|able)\b",
    r"let(?: me|'s| us)", r"(?:want|like) me to", r"would you like", r"you can", r"you could", r"you'll",
    r"how about", r"options?", r"(?:is|are) (?:on (?:its|their) way|booked|scheduled|arranged)",
    r"(?:has|have) been (?:\w+ed)", r"(?:take|grab|have|try|use|switch|move)",
)  # fmt: skip
VAGUE = phrases(
    r"look into", r"help (?:you|with)", r"see what (?:i|we) can do", r"do (?:my|our) best",
    r"sort (?:it|this)",
    r"get (?:it|this|that) (?:sorted|fixed|resolved)", r"find a solution", r"resolve",
)  # fmt: skip


# "X can't happen, but I can do Y": the clause after the contrast is judged on its own.
CLAUSE_BREAK = re.compile(r"\s*(?:[,;:]\s*)?\b(?:but|however|although|though|instead)\b,?\s*|\s*;\s*", re.I)


def clauses(sentence: str) -> list[str]:
    """The parts of a sentence on either side of a contrast ("but", "however") or a semicolon."""
    return [part for part in CLAUSE_BREAK.split(sentence) if part.strip()]


def _affirmed(sentence: str) -> str:
    """``sentence`` with every stretch a negation denies blanked out (offsets kept)."""
    chars = list(sentence)
    for scope in scopes(sentence):
        chars[scope.cue_start : scope.end] = " " * (scope.end - scope.cue_start)
    return "".join(chars)


def evaluate(context: Context) -> CriterionResult:
    situation = context.profile.situation
    # Stems that restate the problem ("duplicate charge") are not evidence of help; keep the rest.
    offers = [
        type(o)(o.text, o.stems - situation) if o.stems - situation else o for o in context.profile.offers
    ]
    # Promises the scenario does not back (see lesson_checks.promises) earn no help credit, and what a
    # negation denies ("I'm never going to refund this") offers nothing.
    sentences = [_affirmed(s) for s in context.reply.sentences if s not in context.ungrounded]
    usable = [c for s in sentences for c in clauses(s) if not NEGATED.search(c)]
    per_offer: list[tuple[float, str]] = []
    for offer in offers:
        best_score, best_sentence = 0.0, ""
        for sentence in usable:
            shared = offer.stems & stem_set(sentence)
            score = min(1.0, len(shared) / min(2, len(offer.stems)))
            if not OFFERED.search(sentence):
                score *= 0.5
            if score > best_score:
                best_score, best_sentence = score, sentence
        per_offer.append((best_score, best_sentence))
    per_offer.sort(reverse=True)
    first = per_offer[0][0] if per_offer else 0.0
    second = per_offer[1][0] if len(per_offer) > 1 else 0.0
    usable_text = " ".join(usable)
    specifics = SPECIFIC.findall(usable_text)
    evidence = [s for score, s in per_offer[:2] if score >= 0.5]
    if first >= 0.5:
        credit = 0.65 * first + 0.35 * second + (0.15 if specifics else 0.0)
    else:
        concrete = any(stem_set(s) & CONCRETE and SPECIFIC.search(s) for s in usable)
        vague = VAGUE.findall(usable_text)
        credit = 0.35 if concrete else (0.15 if vague or first > 0 else 0.0)
        evidence = vague[:1]
    example = offers[0].text if offers else "a specific next step"
    if credit >= 0.95:
        feedback = "You offered concrete help the person can count on."
    elif credit >= 0.5:
        feedback = "Make the help more concrete: add a second option or say when it will happen."
    else:
        feedback = f'Offer specific help the company can give, for example "{example}".'
    return result(NAME, LABEL, credit, evidence, feedback)
