"""Checks that read the scenario itself: its red lines, the steps already tried, selling, and promises.

These are the rubric's scenario-aware harm checks (not the grading sandbox). Each returns
:class:`~autograder.rubric.checks.Problem` objects that cap the total:

* **Red lines** (:data:`RED_LINE_CAP`, band 1): the scenario's optional ``red_lines`` (what its
  lesson says not to do), each a rule shown to the learner and regular expressions matched within
  one sentence; a negated match ("I'd never ask for your PIN") does not count.
* **Steps already tried** (:data:`RED_LINE_CAP`): the seeds: "nine times out of ten" the customer has
  already tried everything. The steps are read from the person's own message ("I've restarted the
  router, unplugged everything"), so every scenario benefits without a field, and a reply that asks
  them to repeat one ("Could you restart the router?") crosses the line.
* **Selling during a complaint** (:data:`SELLING_CAP`, band 1): pitching a product, tier, upgrade,
  membership or discount the scenario's ``what_we_can_offer`` does not list, to a customer who is
  complaining. The seeds want agents "functioning as advisors": help comes first.
* **Hollow boilerplate** (:data:`BOILERPLATE_CAP`, band 1): when at least half the reply's words are
  stock phrases (:func:`autograder.rubric.language.boilerplate`: "we value you as a customer",
  "your feedback is important to us").
* **Promises** (:func:`promises`): concrete help counts only when the scenario says the company can
  give it. A promised benefit (a refund, a waiver, something free, a guarantee) that matches none of
  ``what_we_can_offer`` is *ungrounded* (no help credit, :data:`UNGROUNDED_CAP`, band 2); one that
  ``policy_facts`` rules out ("downloaded ebooks are not refundable", "the cause ... is not yet
  known") caps the total at :data:`POLICY_CAP` (band 1).
* **Buying the person off** (:data:`BUYING_OFF_CAP`, band 1): one ungrounded promise is an honest
  over-reach, but several (:data:`SEVERAL_PROMISES`) *distinct* ones in one reply (a refund, *and*
  a free controller, *and* store credit), or a blank cheque ("anything at all, just ask and it's
  yours", "you can have whatever you want"), pay the person to go away instead of helping them,
  which the seeds reject.
  The same benefit said twice ("I'll refund you ... your refund will arrive Friday") is one promise,
  and so are benefit words with no break between them ("a free upgrade", "a $100 gift card as
  compensation") and a certainty word on a benefit ("I'll definitely refund you").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from autograder.rubric.checks import Problem
from autograder.rubric.criteria.base import Profile
from autograder.rubric.language.negation import negated
from autograder.rubric.text import GENERIC, Analysis, content_stems, phrases, stem, words

RED_LINE_CAP = 0.3
SELLING_CAP = 0.3
POLICY_CAP = 0.35
UNGROUNDED_CAP = 0.55
BUYING_OFF_CAP = 0.3
# Distinct ungrounded benefits that make a reply buy the person off rather than over-reach once.
SEVERAL_PROMISES = 3

# ------------------------------------------------------------------------------ red lines


def red_line_problems(reply: Analysis, prof: Profile) -> list[Problem]:
    """The scenario's red lines this reply crosses (one problem per rule)."""
    problems = []
    for line in prof.scenario.red_lines:
        found = []
        for sentence in reply.sentences:
            for signal in line.signals:
                found.extend(
                    m.group(0)
                    for m in signal.finditer(sentence)
                    if not negated(sentence, m.start()) and not _describes_offer(sentence, m, prof)
                )
        if found:
            problems.append(Problem("red_line", RED_LINE_CAP, line.rule, tuple(dict.fromkeys(found))))
    return problems


_SEGMENT = re.compile(r"[;:]|\b(?:but|or|and|while|so|then)\b", re.I)
# What an offer says it does not do ("instead of asking her to read out personal details") is not offered.
_NOT_OFFERED = re.compile(r"\b(?:instead of|rather than|without|never|not)\b", re.I)


@lru_cache(maxsize=256)
def _offered(offer: str) -> frozenset[str]:
    return _distinctive(_NOT_OFFERED.split(offer, maxsplit=1)[0])


def _describes_offer(sentence: str, m: re.Match[str], prof: Profile) -> bool:
    """Whether a red-line match is the wording of one of the scenario's own offers, in a stretch of the
    sentence that names that offer by two more of its words: "transfer to our Denver club with no fee
    at all" gives the offer, it does not promise to waive the fee."""
    matched = _distinctive(m.group(0))
    if not matched:
        return False
    start = max((b.end() for b in _SEGMENT.finditer(sentence, 0, m.start())), default=0)
    end = min((b.start() for b in _SEGMENT.finditer(sentence, m.end())), default=len(sentence))
    around = _distinctive(sentence[start : m.start()] + " " + sentence[m.end() : end]) - prof.situation
    return any(matched <= _offered(o.text) and len(around & _offered(o.text)) >= 2 for o in prof.offers)


# ---------------------------------------------------------------------------- tried steps

# "I've restarted", "I have already unplugged", "I already tried resetting", "I tried rebooting".
_TRIED = re.compile(
    r"\b(?:(?:i'?ve|i have|we'?ve|we have)\s+(?:already\s+|just\s+|even\s+|also\s+)?(?:tried\s+)?|"
    r"(?:i|we)\s+(?:already\s+(?:tried\s+)?|tried\s+))"
    r"(?=[a-z]+(?:ed|ing)\b)",
    re.I,
)
_PARTS = re.compile(r",|;|\band\b|\bor\b|\bthen\b", re.I)
# Past forms that say nothing about a troubleshooting step the reply could ask for again.
_NOT_STEPS = frozenset(
    stem(w)
    for w in """been had got done did made paid called told asked said booked ordered waited gone come seen
    heard tried received emailed used needed wanted travelled traveled opened moved renewed signed
    bought charged calling travelling waiting trying looking getting going""".split()
)
_ASK = re.compile(
    r"\b(?:please|try|could you|can you|would you|will you|start by|go ahead and|make sure|have you|"
    r"did you|you should|you need to|you(?:'ll| will) need to|you might want to|i(?:'d)? suggest|"
    r"i recommend)\b",
    re.I,
)


_ASKED_DONE = re.compile(r"\b(?:have|did|had) you(?: \w+)?\s*$", re.I)


@dataclass(frozen=True)
class TriedStep:
    """A step the person says they already took: the words as written and the verb's stem."""

    text: str
    verb: str


@lru_cache(maxsize=256)
def tried_steps(message: str) -> tuple[TriedStep, ...]:
    """The steps the person's message says they already tried ("I've restarted the router")."""
    steps = []
    for m in _TRIED.finditer(message):
        rest = re.split(r"[.!?]", message[m.end() :], maxsplit=1)[0]
        for part in _PARTS.split(rest):
            tokens = words(part)
            if not tokens:
                continue
            verb = stem(tokens[0])
            if not tokens[0].endswith(("ed", "ing")) or verb in _NOT_STEPS or len(verb) < 3:
                continue
            steps.append(TriedStep(" ".join(part.split()), verb))
    return tuple(dict.fromkeys(steps))


def tried_step_problems(reply: Analysis, prof: Profile) -> list[Problem]:
    """The reply asks the person to repeat a step their message says they already tried."""
    steps = tried_steps(prof.scenario.customer_message)
    if not steps:
        return []
    found = []
    for sentence in reply.sentences:
        ask = _ASK.search(sentence)
        tokens = words(sentence)
        # an imperative opens the sentence, perhaps after "first", "then", "now" or "next"
        lead = [t for t in tokens[:2] if t not in ("first", "then", "now", "next", "so", "ok", "okay")]
        first = stem(lead[0]) if lead else ""
        for step in steps:
            for w in tokens:
                if stem(w) != step.verb:
                    continue
                at = sentence.lower().find(w)
                if w.endswith("ed"):  # "you've already restarted it" reflects; "have you restarted it?" asks
                    asked = bool(_ASKED_DONE.search(sentence[:at]))
                else:
                    asked = (ask is not None and ask.start() < at) or first == step.verb
                if asked and not negated(sentence, at):
                    found.append((step.text, sentence))
                break
    if not found:
        return []
    step_text = found[0][0]
    return [
        Problem(
            "tried_step",
            RED_LINE_CAP,
            f"They told you they already {step_text}; don't ask them to do it again, move on to what is new.",
            tuple(dict.fromkeys(s for _, s in found)),
        )
    ]


# --------------------------------------------------------------------------- boilerplate

BOILERPLATE_SHARE = 0.5
BOILERPLATE_CAP = 0.35


def boilerplate_problem(reply: Analysis, prof: Profile) -> Problem | None:
    """A reply that is mostly hollow stock phrases ("we value you as a customer") is band 1 at best."""
    from autograder.rubric.language import boilerplate

    found = boilerplate(reply, prof.message)
    if found.share < BOILERPLATE_SHARE or found.words < 12:
        return None
    return Problem(
        "boilerplate",
        BOILERPLATE_CAP,
        "Most of this reply is stock phrases that could go to anyone; say what happened to this person and "
        "what you will do about it.",
        tuple(s.text for s in found.spans[:3]),
    )


# ------------------------------------------------------------------------------- selling

# A product, tier or deal named as such is a pitch on its own ("our Gold membership", "20% off").
_PITCH = phrases(
    r"(?:premium|gold|platinum|vip|elite|plus|pro|deluxe|family|business|unlimited|ultimate|max) "
    r"(?:plan|tier|membership|package|account|subscription|card|bundle|version|edition|service|option)s?",
    r"loyalty (?:program|programme|club|scheme|card|membership|rewards?)",
    r"(?:rewards?|members'?) (?:program|programme|club|card)",
    r"subscri(?:be|ption) (?:to|for) (?:our|the)",
    r"(?:extended |extra )?warrant(?:y|ies)",
    r"protection (?:plan|package|cover)",
    r"insurance",
    r"bundles?",
    r"add-?ons?",
    r"discount(?:ed|s)?",
    r"\d+ ?(?:%|per ?cent) off",
    r"(?:special|exclusive|limited[- ]time) (?:offer|deal|price|promotion)",
    r"promo(?:tion(?:al)?)? code",
    r"coupon",
    r"check out our",
    r"you (?:might|may|could|would) (?:also )?(?:like|love|enjoy|be interested in)",
    r"(?:for|at) (?:just|only) \$?\d+(?:[.,]\d+)?",
    r"for \$\d+(?:[.,]\d+)?",  # a price quoted for something: checked against the offers below
    r"our new (?:\w+ )?(?:range|collection|line|product|model|service|plan)",
)
# Words that are a pitch only when the sentence sells ("upgrade to Premium for $5 more", not "our
# premium support team will call you").
_PITCH_WEAK = phrases(
    r"upgrad\w*",
    r"premium",
    r"membership",
    r"join (?:our|the) \w+",
    r"(?:sign|signing) (?:you )?up (?:for|to)",
)
_SELLS = phrases(
    r"\$\d",
    r"\d+ ?(?:%|per ?cent)",
    r"(?:a|per) (?:month|year|week)",
    r"(?:just|only) \$?\d",
    r"\w+ more",
    r"buy\w*",
    r"purchas\w*",
    r"subscri\w*",
    r"sign(?:ing)? (?:you )?up",
    r"consider\w*",
    r"recommend\w*",
    r"interested",
    r"why not",
    r"how about",
    r"check out",
    r"would you like to (?:upgrade|join|add|try|switch)",
    r"(?:deal|offer|price|bargain|value)s?",
)
# Words that say the thing is given, not sold: a freebie is a promise (see promises()), not a pitch.
_FREE = phrases(
    r"free(?: of charge)?",
    r"(?:at )?no (?:extra )?(?:cost|charge)",
    r"on us",
    r"complimentary",
    r"on the house",
)
_FREE_WORDS = frozenset(content_stems("free charge cost complimentary house"))
# Words that name a price or time but not what is on offer.
_PLAIN = frozenset(content_stems("plan month months year years price cost extra more just only per a week"))


def _distinctive(text: str) -> frozenset[str]:
    return frozenset(s for s in content_stems(text) if s not in _PLAIN and s not in GENERIC)


def _grounded_in(sentence: str, offer, prof: Profile, situation: bool = True) -> bool:
    """Whether ``sentence`` names ``offer`` (two shared words, or half of a short offer)."""
    stems = _distinctive(sentence)
    own = frozenset(s for s in offer.stems if s not in _PLAIN)
    if situation:
        own -= prof.situation
    shared = own & stems
    return len(shared) >= 2 or bool(own and len(shared) * 2 >= len(own) and shared)


def _grounded(sentence: str, prof: Profile, situation: bool = False) -> bool:
    """Whether ``sentence`` names one of the scenario's offers (two shared words, or half of a short one)."""
    return any(_grounded_in(sentence, offer, prof, situation) for offer in prof.offers)


def _complaining(prof: Profile) -> bool:
    """A customer (not a colleague) who wrote to complain: every customer scenario in this course."""
    return prof.scenario.role == "customer"


# A price the person would pay: "for an extra $80", "$9.99 a month", "only $5 more".
_PRICE = re.compile(
    r"(?:\b(?:for|costs?|just|only|extra|additional|pay|at)\s+(?:an?\s+)?(?:extra\s+|additional\s+|just\s+|"
    r"only\s+)?\$\s?(\d+(?:[.,]\d+)?))|(?:\$\s?(\d+(?:[.,]\d+)?)\s+(?:extra|more|a month|a year|per|monthly|"
    r"a week|each month))",
    re.I,
)


@lru_cache(maxsize=256)
def _scenario_amounts(sc) -> frozenset[str]:
    text = " ".join((sc.customer_message, *sc.what_we_can_offer, *sc.policy_facts, *sc.key_facts))
    return frozenset(re.findall(r"\d+(?:[.,]\d+)?", text))


@lru_cache(maxsize=256)
def _rises(message: str) -> frozenset[str]:
    """The differences between the person's own prices ("$59.99 to $67.99": 8, 8.00)."""
    theirs = [float(a) for a in re.findall(r"\$(\d+(?:\.\d+)?)", message)]
    rises = {abs(a - b) for a in theirs for b in theirs if a != b}
    return frozenset({f"{d:.2f}" for d in rises} | {f"{d:.2f}".removesuffix(".00") for d in rises})


def _their_rise(sentence: str, amount: str, prof: Profile) -> bool:
    """Whether ``amount`` is the rise the person complains of, said about nothing but their situation:
    "On a pension, an extra $8 a week really matters" (not "for an extra $8 a week, get the family box")."""
    if amount not in _rises(prof.scenario.customer_message):
        return False
    named = _named(sentence) - prof.situation - _TIMING - _MONEY
    return not {w for w in named if not w[:1].isdigit()}


_GIVEN_FREE = phrases(
    r"free",
    r"no (?:extra )?(?:cost|charge)",
    r"on us",
    r"complimentary",
    r"paid by us",
    r"at our (?:cost|expense)",
)


def _charges(sentence: str, prof: Profile) -> bool:
    """Whether ``sentence`` asks the person to pay a price the scenario never names (a sale, not a fix).

    Quoting a price for one of the scenario's priced options ("annual billing brings it under $10 a
    month") explains that option; a price on something the scenario gives free, on nothing it offers
    at all, or on anything when the company is at fault, sells.
    """
    for m in _PRICE.finditer(sentence):
        amount = m.group(1) or m.group(2)
        if amount in _scenario_amounts(prof.scenario) or negated(sentence, m.start()):
            continue
        if _their_rise(sentence, amount, prof):
            continue
        if prof.scenario.company_at_fault:  # putting right our own mistake is never for sale
            return True
        offers = [o for o in prof.offers if _grounded_in(sentence, o, prof)]
        if not offers or any(_GIVEN_FREE.search(o.text) for o in offers):
            return True
    return False


def selling_problems(reply: Analysis, prof: Profile) -> list[Problem]:
    """Pitching something the scenario does not offer to a complaining customer.

    Naming a price the scenario never sets ("for an extra $80 I can move you to the executive suite")
    is selling even when the thing sold resembles an offer: the scenario's offers are given, not sold.
    """
    if not _complaining(prof):
        return []
    offered = frozenset().union(*(o.stems for o in prof.offers)) if prof.offers else frozenset()
    found = []
    for sentence in reply.sentences:
        if _charges(sentence, prof):
            found.append(sentence)
            continue
        sells = _SELLS.search(sentence) is not None
        pitches = list(_PITCH.finditer(sentence)) + (list(_PITCH_WEAK.finditer(sentence)) if sells else [])
        for m in pitches:
            if negated(sentence, m.start()) or _FREE.search(sentence):
                continue
            pitch = _distinctive(m.group(0))
            # what the scenario offers, or what the person already has ("your family plan"), is no pitch
            if pitch and pitch <= offered | prof.situation:
                continue
            if _grounded(sentence, prof, situation=True):  # naming an offer, not just "your order"
                continue
            found.append(sentence)
            break
    if not found:
        return []
    return [
        Problem(
            "selling",
            SELLING_CAP,
            "Help comes first: don't sell an upgrade, plan or discount to someone who is complaining; "
            "solve their problem as their advisor.",
            tuple(found),
        )
    ]


# ------------------------------------------------------------------------------ promises

_PROMISE = phrases(
    r"(?:i|we)(?:'ll| will| shall|'m going to| am going to|'re going to| are going to)",
    r"(?:i|we)(?:'ve| have) (?:already |just |now |gone ahead and )?(?:\w+ed|given|sent|put|set)",
    r"(?:i|we) can(?! see| imagine| understand| hear| tell)",
    r"let me",
    r"you(?:'ll| will) (?:get|receive|have|be getting|see)",
    r"guarantee\w*",
    r"i promise",
    r"(?:is|are) (?:being )?(?:refunded|waived|credited|on (?:its|their) way)",
)
_BENEFIT = phrases(
    r"refund\w*",
    r"money back",
    r"reimburs\w*",
    r"waiv\w*",
    r"(?:revers|remov|drop|wip|scrap|cancel)\w*\b[^.?!,;]{0,25}\b(?:fee|charge|penalty|cost)s?",
    r"credit(?:ed)?",
    r"vouchers?",
    r"gift (?:card|certificate)s?",
    r"compensat\w*",
    r"free",
    r"complimentary",
    r"on the house",
    r"discount\w*",
    r"upgrad\w*",
    r"\d+ ?(?:%|per ?cent) off",
    r"(?:first|next|\w+) months? (?:free|on us)",
    r"guarantee\w*",
    r"definitely",
    r"for sure",
    r"(?:will|'ll) (?:be )?(?:arrive|there|delivered|back|fixed|working|sorted|resolved) "
    r"(?:by|tomorrow|today|tonight|on \w+day)",
)
_CERTAIN = phrases(
    r"guarantee\w*", r"definitely", r"for sure", r"certainly (?:arrive|be|fix)", r"i promise", r"100 ?%"
)
_OUTCOME = phrases(
    r"(?:will|'ll|is going to|are going to) (?:be )?(?:arrive|there|delivered|back|fixed|working|sorted|"
    r"resolved|stable|solved|gone)"
)
_NEG_POLICY = re.compile(r"\b(?:not|cannot|can't|never|no|non-?)\b\s*(?:yet\s+)?", re.I)
_UNKNOWN = re.compile(
    r"\bnot (?:yet )?known\b|\bunknown\b|\bunclear\b|\bnot (?:yet )?(?:clear|certain)\b", re.I
)
_REQUIRED = re.compile(r"\b(?:is|are) (?:required|mandatory|compulsory)\b|\bmust\b|\balways\b", re.I)
# Waving a requirement away: "we'll skip the verification", "you won't need two-factor authentication".
_WAIVE_REQUIREMENT = phrases(
    r"skip\w*",
    r"bypass\w*",
    r"waiv\w*",
    r"without",
    r"(?:won'?t|don'?t|will not|do not|no) (?:\w+ )?need",
    r"no need",
    r"exempt\w*",
    r"make an exception",
    r"turn (?:it |that )?off",
    r"switch (?:it |that )?off",
    r"get around",
    r"ignore",
)
_NOT_RULED = frozenset(content_stems("apologise apologize apologising apology sorry for it them one"))
# A comma or full stop inside a number ("$24.99", "1,200") does not end the benefit.
_BENEFIT_END = re.compile(r"[;:!?]|[,.](?!\d)|\b(?:and|or|but|so|because|if|while|plus)\b", re.I)


@dataclass(frozen=True)
class Promises:
    """What the reply promises, sorted by what the scenario allows.

    Attributes:
        ungrounded: sentences promising a benefit none of ``what_we_can_offer`` names.
        ruled_out: ``(sentence, policy fact)`` pairs where ``policy_facts`` rules the promise out.
        ungrounded_kinds: the distinct kinds of ungrounded benefit promised ("refund", "credit",
            "free controller"), in reply order.
        blank_cheque: open-ended offers of anything the person wants ("just ask and it's yours").
    """

    ungrounded: tuple[str, ...] = ()
    ruled_out: tuple[tuple[str, str], ...] = ()
    ungrounded_kinds: tuple[str, ...] = ()
    blank_cheque: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Rule:
    fact: str
    kind: str  # "forbids" (these stems), "unknown" (no guarantees), "requires" (can't be waived)
    stems: frozenset[str] = frozenset()


def _prefixes(stems: frozenset[str]) -> frozenset[str]:
    # "verified" and "verification" stem differently ("verifi", "verif"): compare five letters.
    return frozenset(s[:5] for s in stems)


@lru_cache(maxsize=256)
def _rules(policy_facts: tuple[str, ...]) -> tuple[_Rule, ...]:
    """What each policy fact rules out: stems it forbids, guarantees while a cause is unknown, or waivers."""
    rules = []
    for fact in policy_facts:
        if _UNKNOWN.search(fact):
            rules.append(_Rule(fact, "unknown"))
            continue
        for m in _NEG_POLICY.finditer(fact):
            clause = re.split(r",|;|\band\b|\bbut\b", fact[m.end() :], maxsplit=1)[0]
            forbidden = content_stems(clause) - _NOT_RULED
            forbidden = frozenset(s for s in forbidden if not s[:1].isdigit())
            if forbidden:
                rules.append(_Rule(fact, "forbids", forbidden))
        required = _REQUIRED.search(fact)
        if required:
            # What is required: the words before "is required" / "must", and the verb after "must be".
            what = fact[: required.start()]
            if required.group(0).lower() == "must":
                what += " " + re.split(r",|;|\b(?:before|for|when|if|and)\b", fact[required.end() :])[0]
            stems = frozenset(s for s in content_stems(what) if len(s) >= 4 and not s[:1].isdigit())
            if stems:
                rules.append(_Rule(fact, "requires", _prefixes(stems)))
    return tuple(rules)


# Verbs of giving, and words of timing, that say nothing about *what* is given.
_GIVING = frozenset(content_stems("start started begin process issue arrange offer provide add put throw"))
_MONEY = frozenset(content_stems("money cash amount sum payment"))
_TIMING = frozenset(
    content_stems("next few minutes minute hours hour soon now shortly within moment later right away asap")
)


def _named(phrase: str) -> frozenset[str]:
    """The things and amounts ``phrase`` names: its nouns and numbers (NLTK part-of-speech tags).

    "I've already refunded the second $89 charge" names {89, charge}: adverbs, verbs and ordinals
    say nothing about *what* is promised.
    """
    from autograder.rubric.language.tagger import tag

    kept = " ".join(token for token, pos in tag(phrase) if pos.startswith(("NN", "CD")))
    return _distinctive(kept)


def _benefit_grounded(phrase: str, benefit: str, prof: Profile, clause_grounded: bool = False) -> bool:
    """Whether a promised benefit is one the scenario offers.

    Either the phrase names an offer (see :func:`_grounded`), or the benefit itself ("refund", "free")
    is in one of the offers and everything else the phrase names is in that offer or the person's
    situation ("refunding the $89 today"; not "three months free").
    """
    from autograder.rubric.criteria.commitment import CONCRETE, VAGUE

    word = stem(words(benefit)[0]) if words(benefit) else ""
    # the person's name ("Tom, I'll refund the $89 today") is who is promised, not what
    person = {stem(w) for name in prof.names for w in words(name)}
    rest = _named(phrase) - {word} - CONCRETE - VAGUE - _GIVING - _TIMING - _MONEY - person
    offers = prof.offers
    if _FREE.fullmatch(benefit):
        # "free", "free of charge", "at no cost" and "on us" are one benefit, however each side words it.
        rest -= _FREE_WORDS
        offers = tuple(replace(o, stems=o.stems | {word}) if _FREE.search(o.text) else o for o in offers)
    # Sharing words with an offer is not enough: everything the promise names must be in that offer or
    # the person's situation ("breakfast for the whole family" does not ground "upgrade your whole
    # family to first class flights").
    if _grounded(phrase, prof, situation=True) and any(
        rest <= offer.stems | prof.situation for offer in offers
    ):
        return True
    if not rest and clause_grounded:  # "list them on the resale exchange so you get your money back"
        return True
    return any(word in offer.stems and rest <= offer.stems | prof.situation for offer in offers)


def _benefit_phrases(clause: str) -> list[tuple[str, str, int]]:
    """Each promised benefit with the words that say what it is ("a free week's stay next summer"), and
    the number of the promise it belongs to: benefit words with no break between them ("a free upgrade",
    "a $100 gift card as compensation") are one promise; "and", "plus" or a comma start the next."""
    out = []
    group, last_end = -1, None
    for m in _BENEFIT.finditer(clause):
        if negated(clause, m.start()):
            continue
        if last_end is None or _BENEFIT_END.search(clause[last_end : m.start()]):
            group += 1
        last_end = m.end()
        start = clause.rfind(" ", 0, max(0, m.start() - 1))
        start = clause.rfind(" ", 0, max(0, start)) if start > 0 else 0
        tail = clause[m.end() :]
        end = _BENEFIT_END.search(tail)
        out.append((clause[max(0, start) : m.end() + (end.start() if end else len(tail))], m.group(0), group))
    return out


def _ruled_out(clause: str, rules: tuple[_Rule, ...], prof: Profile) -> str | None:
    """The policy fact ``clause`` (a promise) goes against, if any."""
    stems = frozenset(stem(w) for w in words(clause))
    for rule in rules:
        if rule.kind == "forbids" and rule.stems <= stems:
            return rule.fact
        if rule.kind == "unknown" and (
            _CERTAIN.search(clause) or (_OUTCOME.search(clause) and not _grounded(clause, prof))
        ):
            return rule.fact
    return None


_PRONOUN_OBJECT = re.compile(r"^\s*(?:it|that|this|them|those|these)\b", re.I)


def _waives_requirement(clause: str, rules: tuple[_Rule, ...], sentence: str = "") -> str | None:
    """The required step ``clause`` waves away ("skip the verification"), as its policy fact.

    When the step is only a pronoun ("don't worry about the verification, I'll skip it"), the
    step it stands for is looked for in the rest of ``sentence``.
    """
    for m in _WAIVE_REQUIREMENT.finditer(clause):
        after = " ".join(clause[m.end() :].split()[:6])
        if sentence and _PRONOUN_OBJECT.match(clause[m.end() :]):
            after = sentence
        prefixes = _prefixes(content_stems(after))
        for rule in rules:
            if rule.kind == "requires" and rule.stems & prefixes:
                return rule.fact
    return None


# An offer with no limit: "anything at all, just ask and it's yours", "you can have whatever you want".
_WHATEVER = (
    r"(?:whatever|anything(?: else)?(?: at all)?|everything)(?: (?:you|he|she) (?:want|wants|like|likes|wish|"
    r"wishes|ask for|asks for|desire|can think of))?"
)
_BLANK_CHEQUE = re.compile(
    rf"(?<![\w'])(?:{_WHATEVER}[,.]? (?:(?:just )?(?:ask|say the word|name it|tell me)(?:,? and)? )?"
    r"(?:it'?s|it is|it'?ll be|they'?re|they are|is|are) (?:all )?yours\b|"
    r"(?:just )?(?:ask|say the word|name it)(?:,? and)? (?:it'?s|it is|it'?ll be|they'?re) (?:all )?yours\b|"
    r"(?:give|get|have|grant|offer|send|throw in|do for)(?: (?:you|him|her|your \w+))? (?:absolutely )?"
    r"(?:whatever|anything(?: else)?(?: at all)?|everything) (?:you|he|she) (?:want|wants|like|likes|wish|"
    r"wishes|ask for|asks for|desire|can think of)\b(?!\s+(?:me|us|to)\b)|"
    r"name your (?:price|terms)|blank (?:cheque|check)|no limit (?:to|on) what (?:we|i)(?:'ll| will| can)?)",
    re.I,
)
# Kinds of benefit: the same kind promised twice is one promise; a certainty word is not a benefit itself.
_KIND = (
    (re.compile(r"refund|money back|reimburs", re.I), "refund"),
    (re.compile(r"waiv|revers|remov|drop|wip|scrap|cancel", re.I), "waiver"),
    (re.compile(r"credit", re.I), "credit"),
    (re.compile(r"voucher|gift", re.I), "voucher"),
    (re.compile(r"compensat", re.I), "compensation"),
    (re.compile(r"discount|off\b", re.I), "discount"),
    (re.compile(r"upgrad", re.I), "upgrade"),
    (re.compile(r"month", re.I), "free period"),
)
_CERTAINTY_BENEFIT = re.compile(r"guarantee|definitely|for sure|(?:will|'ll) ", re.I)


def _benefit_kind(phrase: str, benefit: str) -> str | None:
    """What kind of benefit ``benefit`` is ("refund", "credit"; "free" + the thing given), or ``None``
    for a certainty word, which only strengthens a promise."""
    if _CERTAINTY_BENEFIT.match(benefit):
        return None
    for pattern, kind in _KIND:
        if pattern.search(benefit):
            return kind
    things = sorted(_named(phrase) - _FREE_WORDS - _TIMING - _MONEY)
    return "free " + " ".join(things) if things else "free"


def promises(reply: Analysis, prof: Profile) -> Promises:
    """The reply's promised benefits that the scenario does not offer, or that its policy rules out,
    and any blank cheque it writes."""
    from autograder.rubric.criteria.concrete_help import NEGATED, clauses

    rules = _rules(prof.scenario.policy_facts)
    ungrounded, ruled_out, kinds, blank = [], [], [], []
    for sentence in reply.sentences:
        for m in _BLANK_CHEQUE.finditer(sentence):
            if not negated(sentence, m.start()):
                blank.append(m.group(0))
                ungrounded.append(sentence)
        for clause in clauses(sentence):
            if not _PROMISE.search(clause):
                continue
            fact = _waives_requirement(clause, rules, sentence)
            if fact:
                ruled_out.append((sentence, fact))
                continue
            if NEGATED.search(clause):
                continue
            benefits = _benefit_phrases(clause)
            fact = _ruled_out(clause, rules, prof) if (benefits or _OUTCOME.search(clause)) else None
            if fact:
                ruled_out.append((sentence, fact))
            elif benefits:
                names_offer = _grounded(clause, prof, situation=True)
                if len(benefits) == 1 and names_offer:  # one benefit, in a clause naming an offer
                    continue
                missing = {g for p, w, g in benefits if not _benefit_grounded(p, w, prof, names_offer)}
                if missing:
                    ungrounded.append(sentence)
                for g in sorted(missing):  # one kind per promise: its first word that gives something
                    found = [_benefit_kind(p, w) for p, w, h in benefits if h == g]
                    kinds.extend([k for k in found if k][:1])
    return Promises(
        tuple(dict.fromkeys(ungrounded)),
        tuple(dict.fromkeys(ruled_out)),
        tuple(dict.fromkeys(kinds)),
        tuple(dict.fromkeys(blank)),
    )


def promise_problems(found: Promises) -> list[Problem]:
    """Problems for promises the company can't keep (policy) or that it never offered, and for
    buying the person off (several distinct ungrounded promises, or a blank cheque)."""
    problems = []
    if found.blank_cheque or len(found.ungrounded_kinds) >= SEVERAL_PROMISES:
        problems.append(
            Problem(
                "buying_off",
                BUYING_OFF_CAP,
                "Piling on promises the company never offered (or offering anything at all) buys the person "
                "off instead of helping; offer the one or two real options that fit their problem.",
                tuple((found.blank_cheque or found.ungrounded_kinds)[:4]),
            )
        )
    if found.ruled_out:
        sentence, fact = found.ruled_out[0]
        problems.append(
            Problem(
                "policy_promise",
                POLICY_CAP,
                f"Don't promise what the company can't deliver: here {fact}.",
                (sentence,),
            )
        )
    elif found.ungrounded:
        problems.append(
            Problem(
                "ungrounded_promise",
                UNGROUNDED_CAP,
                "Only promise help this company can give here; offer one of its real options instead.",
                found.ungrounded[:2],
            )
        )
    return problems
