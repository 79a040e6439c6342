"""Contrast: a reply written for a *similar* situation, told apart by what only that situation has.

:mod:`autograder.rubric.relevance` asks whether another scenario explains a reply better than this
one. Between two close scenarios (two repeat callers whose line drops, two late-payment fees, two
double charges) most terms are shared, so a reply pasted from the neighbour, names removed, can
score as well on this scenario as on its own. What tells them apart is what each has that the
other lacks: the evening drop at seven and working from home, against the afternoon drop at two
and the lessons taught online.

For every other catalogue scenario the reply has evidence of (a number, or a shared word pair, or
enough distinctive terms; :func:`autograder.rubric.relevance.specificity`), the terms the reply
uses are split into those only that scenario has (**theirs**) and those only this one has
(**ours**), each weighted as in :mod:`relevance`. The reply answers the other situation when
theirs weigh at least :data:`MIN_THEIRS` over at least two terms, at least :data:`BETTER_BY` times
ours, and the reply does not call this person by name. An honest reply to this scenario uses its
own particulars (its numbers, days, people), so ours outweigh theirs.
"""

from __future__ import annotations

from autograder.rubric import relevance
from autograder.rubric.checks import Problem
from autograder.rubric.scenario import Scenario
from autograder.rubric.text import Analysis

MIN_THEIRS = 2.0
BETTER_BY = 3.0


def contrast_problem(reply: Analysis, scenario: Scenario) -> Problem | None:
    """A problem when ``reply`` carries another, similar scenario's particulars and none of this one's."""
    if relevance._uses_own_name(reply, scenario):
        return None
    own_weights, others = relevance._weights(scenario)
    content = relevance._content(reply)
    own_terms = relevance.terms(scenario)
    reply_pairs = relevance._pairs_of(reply.text)
    for candidate, weights in others:
        used = tuple(sorted(t for t in content if t in weights))
        if not relevance._evidence(reply_pairs, used, candidate, terms_needed=3):
            continue
        theirs = [t for t in used if t not in own_terms]
        other_terms = relevance.terms(candidate)
        ours = sum(w for t, w in own_weights.items() if t in content and t not in other_terms)
        weight = sum(weights[t] for t in theirs)
        if len(theirs) >= 2 and weight >= MIN_THEIRS and weight >= BETTER_BY * ours:
            return Problem(
                "other_situation",
                relevance.OTHER_CAP,
                "This reply doesn't answer this person's situation (its details belong to a similar "
                "case); respond to what they told you.",
                tuple(theirs[:4]),
            )
    return None
