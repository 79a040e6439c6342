"""Replies to other people inside one reply: a good reply to this person with replies to others pasted on.

A reply answers one person. Padding a reply with the worked answers to other customers of the
scenario catalogue (each written to them by name) adds their sympathy words, facts and offers to the
text the criteria read, so :func:`other_person_problem` looks for a stretch of the reply that calls
another catalogue person by name and carries evidence of that person's own situation
(:func:`autograder.rubric.relevance.specificity`). A reply written wholly to somebody else is the
relevance check's business (``other_situation``); this one catches the mixture.
"""

from __future__ import annotations

import re
from functools import lru_cache

from autograder.rubric.checks import Problem
from autograder.rubric.relevance import OTHER_CAP, specificity
from autograder.rubric.scenario import Scenario, load_catalogue
from autograder.rubric.text import Analysis, analyse

#: A stretch this long (words) about another person is a reply to them, not a passing mention.
MIN_WORDS = 12


@lru_cache(maxsize=64)
def _names(scenario_id: str) -> tuple[tuple[re.Pattern[str], Scenario], ...]:
    """A name pattern for every other catalogue person whose names this scenario's person does not share."""
    catalogue = load_catalogue()
    own = catalogue.get(scenario_id)
    own_names = set(own.customer_name.split()) if own else set()
    out = []
    for other in catalogue.values():
        names = [n for n in other.customer_name.split() if n and n not in own_names and len(n) > 1]
        if other.id != scenario_id and names:
            pattern = re.compile(r"(?<![\w'])(?:" + "|".join(map(re.escape, names)) + r")(?![\w'])")
            out.append((pattern, other))
    return tuple(out)


def _stretches(reply: Analysis, own_name: re.Pattern[str] | None, pattern: re.Pattern[str]) -> list[str]:
    """Runs of sentences from one that names the other person up to one that names this person."""
    out, current = [], []
    for sentence in reply.sentences:
        if pattern.search(sentence):
            if current:
                out.append(" ".join(current))
            current = [sentence]
        elif current and own_name is not None and own_name.search(sentence):
            out.append(" ".join(current))
            current = []
        elif current:
            current.append(sentence)
    if current:
        out.append(" ".join(current))
    return out


def other_person_problem(reply: Analysis, scenario: Scenario) -> Problem | None:
    """A problem when part of ``reply`` is a reply to another catalogue person (caps at band 0)."""
    own = [n for n in scenario.customer_name.split() if len(n) > 1]
    own_name = re.compile(r"(?<![\w'])(?:" + "|".join(map(re.escape, own)) + r")(?![\w'])") if own else None
    for pattern, other in _names(scenario.id):
        if not pattern.search(reply.text):
            continue
        for stretch in _stretches(reply, own_name, pattern):
            if len(stretch.split()) >= MIN_WORDS and specificity(analyse(stretch), other).own_evidence:
                return Problem(
                    "other_person",
                    OTHER_CAP,
                    f"Part of this reply is written to {other.first_name or other.customer_name}, not to the "
                    "person you are answering; a reply answers one person, so leave out the rest.",
                    (stretch[:60],),
                )
    return None
