"""``reflects_problem``: the reply restates the key facts of the person's message.

The seeds: after listening, "relate the problem back to the caller to
demonstrate they were listening". A fact counts as reflected when at least half
of its content stems (numbers included; "seven" equals "7", "double" equals
"twice") appear in the reply. The scenario's ``key_facts`` are used when given,
otherwise each sentence of the message is a fact.

Credit is the sum of the reflected facts' overlaps divided by two (two facts
restated is full credit; a fact half-matched counts half as much), so a short
reply can earn it. Copying the message back word for word (the ``echo`` guard)
earns nothing: that shows the learner can paste, not that they listened.
"""

from __future__ import annotations

from autograder.rubric.criteria.base import Context, result
from autograder.rubric.result import CriterionResult

NAME = "reflects_problem"
LABEL = "Reflects the problem back"

FULL_CREDIT_FACTS = 2.0


def _fact_scores(context: Context) -> list[tuple[float, str, frozenset[str]]]:
    reply = set(context.reply.stems)
    scores = []
    for fact in context.profile.facts:
        shared = fact.stems & reply
        share = len(shared) / len(fact.stems)
        scores.append((share if share >= 0.5 else share * 0.5, fact.text, frozenset(shared)))
    return scores


def evaluate(context: Context) -> CriterionResult:
    if context.echo:
        return result(
            NAME,
            LABEL,
            0.0,
            (),
            "Copying the person's message back doesn't show you listened; restate the key facts in your own "
            "words.",
        )
    if not context.profile.facts:
        return result(NAME, LABEL, 1.0, (), "This message has no facts to reflect back.", met=True)
    scores = _fact_scores(context)
    total = sum(s for s, _, _ in scores)
    credit = min(1.0, total / min(FULL_CREDIT_FACTS, len(scores)))
    reflected = [(s, f, shared) for s, f, shared in scores if s >= 0.5]
    evidence = []
    shared_all = frozenset().union(*(shared for _, _, shared in reflected)) if reflected else frozenset()
    for word, stem_ in zip(context.reply.words, context.reply.stems, strict=True):
        if stem_ in shared_all:
            evidence.append(word)
    missed = [f for s, f, _ in scores if s < 0.5]
    if credit >= 0.95:
        feedback = "You restated the key facts, which shows you listened."
    elif reflected and missed:
        feedback = f'Restate one more key fact in your own words, for example "{missed[0]}".'
    elif reflected:
        feedback = "Restate the key facts more fully, in your own words."
    else:
        example = scores[0][1] if scores else "what happened"
        feedback = f'Show you listened by restating the key facts in your own words, for example "{example}".'
    return result(NAME, LABEL, credit, evidence, feedback)
