"""What every criterion shares: the scenario profile, the context and a result helper.

A :class:`Profile` is the scenario prepared once for scoring (cached per
scenario): the person's names, the analysed message, and the key facts, offers
and policy words as stem sets. A :class:`Context` is one reply to one scenario,
handed to each criterion's ``evaluate`` function.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from autograder.rubric.result import CriterionResult
from autograder.rubric.scenario import Scenario
from autograder.rubric.text import GENERIC, Analysis, analyse, content_stems, stem, words

# Generic policy and price words: an apology aimed at one of these is an apology for a policy.
POLICY_WORDS = frozenset(
    stem(w)
    for w in """price prices pricing increase rise hike policy policies rule rules fee fees terms term
    requirement requirements procedure procedures cutoff cut-off format formats rate rates plan plans
    verification verify authentication refundable non-refundable""".split()
)


@dataclass(frozen=True)
class Item:
    """A key fact or an offer, as written and as a set of content stems (numbers included)."""

    text: str
    stems: frozenset[str]


@dataclass(frozen=True)
class Profile:
    """A scenario prepared for scoring (see :func:`profile`)."""

    scenario: Scenario
    first_name: str
    names: tuple[str, ...]
    message: Analysis
    situation: frozenset[str]
    facts: tuple[Item, ...]
    offers: tuple[Item, ...]
    policy: frozenset[str]


def _name_stems(scenario: Scenario) -> frozenset[str]:
    return frozenset(stem(w) for w in words(scenario.customer_name))


@lru_cache(maxsize=256)
def profile(scenario: Scenario) -> Profile:
    """The scenario prepared for scoring (cached per scenario)."""
    name_stems = _name_stems(scenario)
    message = analyse(scenario.customer_message)
    if scenario.key_facts:
        facts = tuple(Item(f, content_stems(f) - name_stems) for f in scenario.key_facts)
    else:  # no key facts: every sentence of the message is one
        facts = tuple(Item(s, content_stems(s) - name_stems) for s in message.sentences)
    facts = tuple(f for f in facts if f.stems)
    offers = tuple(Item(o, content_stems(o) - name_stems) for o in scenario.what_we_can_offer)
    offers = tuple(o for o in offers if o.stems)
    situation = (message.content | frozenset().union(*(f.stems for f in facts))) - name_stems
    policy_specific = frozenset().union(*(content_stems(p) for p in scenario.policy_facts))
    policy_specific = frozenset(
        s for s in policy_specific - situation - name_stems if len(s) >= 4 and not s[0].isdigit()
    )
    parts = scenario.customer_name.split()
    names = tuple(dict.fromkeys(p for p in (scenario.customer_name, *parts) if p))
    return Profile(
        scenario=scenario,
        first_name=scenario.first_name,
        names=names,
        message=message,
        situation=frozenset(situation - GENERIC),
        facts=facts,
        offers=offers,
        policy=POLICY_WORDS | policy_specific,
    )


@dataclass(frozen=True)
class Context:
    """One reply to one scenario, as every criterion sees it.

    Attributes:
        reply: the reply's analysis.
        profile: the scenario's profile.
        echo: whether the reply copies the person's message back (set by the checks).
        harm: the harm problems the checks found (``checks.Problem`` objects).
        lecture: lecturing or defensive phrases the checks found.
        ungrounded: sentences promising help the scenario does not offer (they earn no help credit).
    """

    reply: Analysis
    profile: Profile
    echo: bool = False
    harm: tuple = ()
    lecture: tuple[str, ...] = ()
    ungrounded: tuple[str, ...] = ()

    @property
    def scenario(self) -> Scenario:
        return self.profile.scenario


def result(
    name: str,
    label: str,
    credit: float,
    evidence: list[str] | tuple[str, ...],
    feedback: str,
    *,
    met: bool | None = None,
) -> CriterionResult:
    """A :class:`CriterionResult` with credit clamped to [0, 1] and de-duplicated evidence."""
    credit = round(min(1.0, max(0.0, credit)), 3)
    evidence = tuple(dict.fromkeys(e.strip() for e in evidence if e and e.strip()))[:4]
    return CriterionResult(
        name=name,
        label=label,
        met=credit >= 0.5 if met is None else met,
        credit=credit,
        weight=0.0,
        evidence=evidence,
        feedback=feedback,
    )


def sentence_with(text: str, sentences: tuple[str, ...]) -> str:
    """The first sentence containing ``text`` (or ``text`` itself)."""
    low = text.lower()
    for s in sentences:
        if low in s.lower():
            return s
    return text
