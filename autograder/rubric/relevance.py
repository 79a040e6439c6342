"""Relevance: does the reply answer *this* person's situation, or another one, or none at all?

A reply can be warm, polite and full of the right moves and still answer somebody else (a good
reply pasted under the wrong exercise) or nobody in particular (boilerplate that fits any
complaint). The seeds: customers "want to be heard"; a reply that could be sent to anyone does not
show it listened.

How it is measured, for any scenario (one from the catalogue, or only a YAML path):

* The scenario's **terms** are the content stems of its own message, key facts, offers, policy
  facts, title and business (generic service words and the person's name left out).
* Each term is weighted by how **distinctive** it is against a background: the other scenarios
  of the catalogue, a general customer-support vocabulary (:data:`SUPPORT_VOCABULARY`, words
  any support conversation uses) and general English (:mod:`autograder.rubric.background`: words
  like "think", "year", "start" or "show" that any English text uses). A term every scenario shares
  weighs little; "router" or "Denver" weighs a lot. The weight is an inverse document frequency,
  ``log((N + 1) / (df + 1))``, where the support vocabulary and general English count as one
  background document each, as frequent as half the catalogue for a word they hold (general
  English in proportion to the word's :func:`~autograder.rubric.background.commonness`).
* :func:`specificity` is the summed weight of the scenario's terms the reply uses.

Then (:func:`relevance_problem`):

* **another situation** (:data:`OTHER_CAP`, band 0): another scenario's terms explain the reply
  clearly better than this one's (:data:`BETTER_BY` times, with evidence as below made only of terms
  this scenario does not share: a reply that fits this scenario too is at worst generic), or the
  reply calls the person by another scenario's customer name and never by theirs (terms common in
  general English weigh less and never make evidence by counting alone);
* **about something else** (:data:`OTHER_CAP`): nothing ties the reply to this scenario (below) but it
  talks about :data:`OFF_TOPIC_TERMS` or more specific things of its own ("your pizza arrived cold";
  words common in general English are not specific things);
* **nothing specific** (:data:`GENERIC_CAP`, band 1): nothing ties the reply to this scenario: not
  the person's name, none of its numbers, no pair of words it shares with the scenario's text
  ("charged ... twice", not just "valued member"), and at most one distinctive term on its own.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from autograder.rubric import background
from autograder.rubric.checks import Problem
from autograder.rubric.scenario import SCENARIO_DIR, Scenario, ScenarioError, load_catalogue
from autograder.rubric.text import GENERIC, STOPWORDS, Analysis, content_stems, stem, words

OTHER_CAP = 0.15
GENERIC_CAP = 0.25
BETTER_BY = 1.5
# A reply with nothing of this scenario that talks about this many other specific things is about
# something else ("your pizza arrived cold") rather than merely generic.
OFF_TOPIC_TERMS = 6
# A term must weigh at least this much to count as specific (shared by under about half the background).
MIN_WEIGHT = 0.6

# Words any customer-support conversation uses, whatever the problem: background, never evidence.
SUPPORT_VOCABULARY = frozenset(
    content_stems(
        """customer customers service support team agent company business account order orders today
        tomorrow week day days time hours minutes issue issues problem problems situation matter
        experience request case ticket message email emails call calls phone chat contact details
        information update updates option options solution solutions process policy policies terms help
        sorry apologise apologize apology inconvenience frustration frustrating frustrated upset concern
        concerns patience understanding thank thanks appreciate feedback value valued important
        priority satisfaction business loyal loyalty resolve resolved fix fixed check checked look sort
        right away soon quickly immediately happy glad pleased able possible sure certainly definitely
        absolutely completely totally really truly sincerely personally first next please contact
        reach back again further assistance anything else questions question know let make take get
        give send see hear feel understand happen happened happens way thing things money pay paid
        payment charge charged fee fees price cost refund work working hard best possible deal dealing
        here hope cause caused within may might always continue continuing future serve serving
        excellent excellence commit committed commitment provide providing ensure ensuring dedicated
        strive striving improve improving assure assured rest dear guest member members valued comfort
        hesitate require required seriously note noted passed relevant everything everyone
        understand understanding feel feeling imagine stress stressful worry worried upset annoyed
        annoying disappointed disappointing hard difficult tough awful terrible glad welcome great
        wonderful love mean matter matters important sure hi hello thank thanks"""
    )
)


@dataclass(frozen=True)
class Relevance:
    """How well a reply matches its scenario and the best other one.

    Attributes:
        own: the reply's specificity for its scenario (summed term weights).
        own_terms: the scenario's distinctive terms the reply used.
        own_evidence: what ties the reply to the scenario: a word pair it shares with the scenario's
            text ("charged ... twice"), one of its numbers, or two or more distinctive terms.
        other: the best other scenario's id ("" when none scored above zero).
        other_score: that scenario's specificity.
        other_terms: its distinctive terms the reply used.
        wrong_name: another scenario's customer name the reply used ("" when none).
        other_evidence: the same for the best other scenario, from its terms this scenario lacks.
    """

    own: float
    own_terms: tuple[str, ...]
    other: str = ""
    other_score: float = 0.0
    other_terms: tuple[str, ...] = ()
    wrong_name: str = ""
    own_evidence: tuple[str, ...] = ()
    other_evidence: tuple[str, ...] = ()


def _name_stems(scenario: Scenario) -> frozenset[str]:
    return frozenset(stem(w) for w in words(scenario.customer_name))


@lru_cache(maxsize=256)
def terms(scenario: Scenario) -> frozenset[str]:
    """The scenario's content stems (message, facts, offers, policy, title, business), names left out."""
    text = " ".join(
        (
            scenario.customer_message,
            *scenario.key_facts,
            *scenario.what_we_can_offer,
            *scenario.policy_facts,
            scenario.title,
            scenario.business,
        )
    )
    return frozenset(content_stems(text) - _name_stems(scenario))


PAIR_WINDOW = 3


def _pairs_of(text: str) -> frozenset[frozenset[str]]:
    """Unordered pairs of content stems at most :data:`PAIR_WINDOW` content words apart.

    "charged me twice" and "charged you twice" share the pair (charg, twice).
    """
    seq = [stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1]
    seq = [s for s in seq if s not in GENERIC]
    out = set()
    for i, a in enumerate(seq):
        for b in seq[i + 1 : i + 1 + PAIR_WINDOW]:
            if a != b:
                out.add(frozenset((a, b)))
    return frozenset(out)


@lru_cache(maxsize=256)
def pairs(scenario: Scenario) -> frozenset[frozenset[str]]:
    """The word pairs (:func:`_pairs_of`) of the scenario's message, key facts, offers and policy."""
    out: set[frozenset[str]] = set()
    for text in (
        scenario.customer_message,
        *scenario.key_facts,
        *scenario.what_we_can_offer,
        *scenario.policy_facts,
    ):
        out |= _pairs_of(text)
    return frozenset(out)


def _evidence(
    reply_pairs, used: tuple[str, ...], scenario: Scenario, terms_needed: int = 2
) -> tuple[str, ...]:
    """What ties a reply to ``scenario``: a shared pair with a distinctive term, numbers, or enough terms.

    Terms common in general English ("live", "stop", "end") add to a score but are not enough on
    their own: counting terms needs words that are rare in English at large.
    """
    rare = tuple(t for t in used if background.commonness(t) < 0.5)
    if len(rare) >= terms_needed:
        return rare
    nums = tuple(t for t in used if t[:1].isdigit())
    if nums:
        return nums
    shared = [p for p in reply_pairs & pairs(scenario) if any(t in used for t in p)]
    return tuple(sorted({t for p in shared for t in p})) if shared else ()


@lru_cache(maxsize=4)
def _background() -> tuple[Scenario, ...]:
    try:
        return tuple(load_catalogue(SCENARIO_DIR).values())
    except ScenarioError:  # a broken catalogue file must not stop a scenario given by path
        return ()


@lru_cache(maxsize=256)
def _weights(scenario: Scenario) -> tuple[dict[str, float], tuple[tuple[Scenario, dict[str, float]], ...]]:
    """Term weights for ``scenario`` and for every other background scenario."""
    others = tuple(
        s for s in _background() if s.id != scenario.id and s.customer_message != scenario.customer_message
    )
    docs = [terms(scenario), *(terms(s) for s in others)]
    n = len(docs) + 1  # the general support vocabulary is one more document
    df: dict[str, float] = {}
    for doc in docs:
        for t in doc:
            df[t] = df.get(t, 0) + 1
    half = max(1, n // 2)
    for t in SUPPORT_VOCABULARY:
        df[t] = df.get(t, 0) + half
    # words any English text uses are background too, in proportion to how common they are
    for t in {t for doc in docs for t in doc} - SUPPORT_VOCABULARY:
        if not t[:1].isdigit():
            df[t] = df.get(t, 0) + half * background.commonness(t)

    def weigh(doc: frozenset[str]) -> dict[str, float]:
        out = {}
        for t in doc:
            w = math.log((n + 1) / (df.get(t, 0) + 1))
            if w >= MIN_WEIGHT:
                out[t] = w
        return out

    return weigh(docs[0]), tuple((s, weigh(terms(s))) for s in others)


def _score(content: frozenset[str], weights: dict[str, float]) -> tuple[float, tuple[str, ...]]:
    used = sorted(t for t in content if t in weights)
    return sum(weights[t] for t in used), tuple(used)


@lru_cache(maxsize=256)
def _name_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w']){re.escape(name)}(?![\w'])")


def _content(reply: Analysis) -> frozenset[str]:
    """The reply's content stems less numbers it gives only as common number words: "a day or two"
    and "first of all" are idioms, not the scenario's numbers ("$89", "the 3rd" are; so is "three
    calls", through the word pair it makes)."""
    idiomatic = {
        s
        for w, s in zip(reply.words, reply.stems, strict=True)
        if s[:1].isdigit() and w[:1].isalpha() and background.word_commonness(w) >= 0.5
    }
    idiomatic -= {s for w, s in zip(reply.words, reply.stems, strict=True) if w[:1] in "$0123456789"}
    return reply.content - idiomatic


def specificity(reply: Analysis, scenario: Scenario) -> Relevance:
    """How specifically ``reply`` answers ``scenario`` and the best-matching other scenario."""
    own_weights, others = _weights(scenario)
    content = _content(reply)
    own, own_terms = _score(content, own_weights)
    reply_pairs = _pairs_of(reply.text)
    own_evidence = _evidence(reply_pairs, own_terms, scenario)
    other, other_score, other_terms, other_evidence, wrong_name = "", 0.0, (), (), ""
    own_names = {scenario.first_name.lower()} if scenario.first_name else set()
    own_stems = terms(scenario)
    for candidate, weights in others:
        score, used = _score(content, weights)
        if score > other_score:
            other, other_score, other_terms = candidate.id, score, used
            # saying a reply answers someone else needs more than two loose words, and words that are
            # theirs and not this scenario's: what fits both scenarios is evidence for neither
            theirs = tuple(t for t in used if t not in own_stems)
            other_evidence = _evidence(reply_pairs, theirs, candidate, terms_needed=3)
        first = candidate.first_name
        if (
            first
            and first.lower() not in own_names
            and not wrong_name
            and _name_pattern(first).search(reply.text)
        ):
            wrong_name = first
    return Relevance(
        own, own_terms, other, other_score, other_terms, wrong_name, own_evidence, other_evidence
    )


def best_scenario(text: str, catalogue: tuple[Scenario, ...] | None = None) -> str | None:
    """The id of the catalogue scenario ``text`` is most specifically about, or ``None`` for none.

    A scenario counts when the text calls its person by name or has evidence of it (see
    :class:`Relevance`); the highest :func:`specificity` wins, the person's name weighing most.
    """
    from autograder.rubric.text import analyse

    reply = analyse(text)
    pairs_ = _pairs_of(reply.text)
    content = _content(reply)
    best, best_score = None, 0.0
    for scenario in _background() if catalogue is None else catalogue:
        weights, _ = _weights(scenario)
        score, used = _score(content, weights)
        named = bool(scenario.first_name) and _uses_own_name(reply, scenario)
        if not named and not _evidence(pairs_, used, scenario):
            continue
        score += 10.0 if named else 0.0
        if score > best_score:
            best, best_score = scenario.id, score
    return best


def _uses_own_name(reply: Analysis, scenario: Scenario) -> bool:
    names = [n for n in scenario.customer_name.split() if len(n) > 1]
    return any(_name_pattern(n).search(reply.text) for n in names)


def relevance_problem(reply: Analysis, scenario: Scenario) -> Problem | None:
    """A problem when the reply answers another situation, or nothing specific to this one."""
    found = specificity(reply, scenario)
    own_name = _uses_own_name(reply, scenario)
    message = (
        "This reply doesn't answer this person's situation"
        + (f" (it reads like a reply to {found.wrong_name})" if found.wrong_name else "")
        + "; respond to what they told you."
    )
    if found.wrong_name and not own_name and found.other_score >= found.own * 0.5:
        return Problem("other_situation", OTHER_CAP, message, (found.wrong_name, *found.other_terms[:3]))
    # A reply that calls this person by name and has evidence of their own situation answers them,
    # however many words it spends on something else (a sales pitch is the selling check's business).
    if (
        found.other
        and not (own_name and found.own_evidence)
        and found.other_evidence
        and found.other_score > BETTER_BY * found.own
        and found.other_score - found.own >= 2.0
    ):
        return Problem("other_situation", OTHER_CAP, message, found.other_terms[:4])
    if not found.own_evidence and not own_name:
        elsewhere = [
            t
            for t in reply.content - terms(scenario) - SUPPORT_VOCABULARY
            if not t[:1].isdigit() and background.commonness(t) < 0.5
        ]
        if len(elsewhere) >= OFF_TOPIC_TERMS:
            return Problem("other_situation", OTHER_CAP, message, tuple(sorted(elsewhere)[:4]))
        return Problem(
            "not_specific",
            GENERIC_CAP,
            "Nothing in this reply is specific to this person's situation; "
            "mention what actually happened to them and what you'll do about it.",
        )
    return None
