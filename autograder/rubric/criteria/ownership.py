"""``fitting_ownership``: the reply takes the kind of ownership the facts call for.

The seeds: "If the customer is right and the company is wrong, they should admit
to it right away and correct the malfeasance. If the company is right and the
customer is wrong, they must avoid accepting blame - while expressing
understanding of the customer's plight. They should also never apologize for
pricing or policies."

By the scenario's ``company_at_fault``:

* ``True`` (our mistake): owning it ("that's on us", "our mistake", "we charged
  you twice") *and* apologising earns 1.0; only one of the two 0.6-0.65; an
  apology hedged into boilerplate ("any inconvenience this may have caused")
  0.5; neither, or shifting the blame elsewhere, 0.1.
* ``False`` (not our mistake): understanding without accepting blame earns 1.0
  (a plain reply without understanding 0.55; defensive "it's not our fault"
  0.4). Apologising for a policy, price or fee, agreeing that the rules are
  unfair, or accepting blame ("this is entirely our fault") earns 0 and raises
  the ``wrong_ownership`` flag, which caps the total (see the rubric): it
  teaches the customer the company was wrong when it was not.
* ``None`` (not known): no blame either way. Understanding or an apology for the
  trouble earns 1.0; declaring it the company's fault before anyone knows 0.45.
"""

from __future__ import annotations

import re

from autograder.rubric.criteria.acknowledgement import EMPATHIC, FEELING
from autograder.rubric.criteria.base import Context, result
from autograder.rubric.language.negation import negated
from autograder.rubric.result import CriterionResult
from autograder.rubric.text import EMOJI, content_stems, phrases

NAME = "fitting_ownership"
LABEL = "Takes ownership that fits the fault"

APOLOGY = re.compile(r"(?<![\w'])(sorry|apologi[sz]e[sd]?|apologies|apologising|apologizing)(?![\w'])", re.I)
OWNS = phrases(
    r"(?:our|my) (?:own |\w+ )?(?:fault|mistake|error|bad|slip|oversight|blunder|slip-up)",
    r"(?:that'?s|that is|this is|it'?s|it is|that was|this was) (?:entirely |completely |all )?on (?:us|me)",
    r"we (?:messed|screwed|slipped|dropped the ball|got (?:it|this|that) wrong|made (?:a|an|the) "
    r"(?:mistake|error))",
    r"we (?:have |'ve )?(?:charged|billed|taken|double[- ]charged|overcharged)",
    r"(?:error|mistake|glitch|problem) (?:was )?on our (?:side|end|part)",
    r"(?:shouldn'?t|should not|should never) have happened",
    r"we (?:take|accept) (?:full )?responsibility",
    r"i (?:take|accept) (?:full )?responsibility",
    r"we (?:let you down|failed you|should have)",
    r"that was us",
)
NEGATED_OWN = re.compile(r"(?:not|n't|never)\s+(?:\w+\s+)?$", re.I)
AGREES_UNFAIR = phrases(
    r"you(?:'re| are) (?:totally |completely |absolutely |so )?right,? (?:the|our|this|that) (?:\w+ )?"
    r"(?:fee|price|rule|rules|policy|charge|terms)",
    r"(?:unfair|silly|stupid|ridiculous|absurd|outrageous|wrong|dumb|unreasonable) "
    r"(?:policy|policies|rule|rules|"
    r"fee|fees|price|prices|terms)",
    r"(?:policy|policies|rule|rules|fee|fees|price|prices|terms) (?:is|are) (?:totally |so |really )?"
    r"(?:unfair|"
    r"silly|stupid|ridiculous|absurd|outrageous|wrong|too high|a rip-?off|a scam)",
    r"(?:a|total|complete) (?:rip-?off|scam)",
)
# "I can see why it feels like a scam" names their view of it; it does not agree with it.
PERCEPTION = re.compile(
    r"\b(?:feel|feels|felt|look|looks|looked|seem|seems|sound|sounds|think|thought|why|how)\b[^.!?]*$", re.I
)


def _agrees_unfair(text: str) -> list[str]:
    # "It isn't a scam" denies it; "I can see why it feels like a scam" names their view.
    return [
        m.group(0)
        for m in AGREES_UNFAIR.finditer(text)
        if not PERCEPTION.search(text[max(0, m.start() - 40) : m.start()]) and not negated(text, m.start())
    ]


DEFLECT = phrases(
    r"not (?:my|our) fault",
    r"(?:your|the) bank'?s? (?:fault|error|mistake)",
    r"nothing (?:to do with|wrong on) (?:us|our (?:end|side))",
    r"(?:we|i) (?:did|do) nothing wrong",
)
BOILERPLATE = phrases(r"(?:any|the) inconvenience (?:this|that) (?:may|might) have caused")
UNDERSTANDING = phrases(
    r"i (?:can |completely |totally |fully )?(?:see|understand|imagine|hear|get)",
    r"(?:makes|made) sense",
    r"understandable",
    r"no wonder",
    r"i(?:'d| would) (?:be|feel)",
    r"must (?:be|feel|have)",
    r"sounds",
    r"frustrat\w*|stress\w*|worr\w*|upset\w*|confus\w*|disappoint\w*|surpris\w*|unsettl\w*",
    r"you(?:'re| are) right to",
    r"thank you for|thanks for|i appreciate",
)


def _clause_after(text: str, end: int) -> str:
    """What an apology is for: the words after it up to the next clause of the agent's own ("I'm sorry
    the game won't start - our policy means..." is sorry for the game, not the policy)."""
    rest = text[end : end + 160]
    clause = re.split(rf"[.;!?\n]|{EMOJI}| but | however |, and i| and i'", rest, maxsplit=1)[0]
    # A dash or ", and I'll" after an apology with an object of its own starts another clause; a bare
    # "I'm sorry - our policy..." is still sorry for what follows.
    own, *after = re.split(r" - |, and (?:i|we)\b", clause, maxsplit=1, flags=re.I)
    return own if after and content_stems(own) else clause


def _owns(text: str) -> list[str]:
    found = []
    for m in OWNS.finditer(text):
        if NEGATED_OWN.search(text[max(0, m.start() - 20) : m.start()]):
            continue
        found.append(m.group(0))
    return found


# "Sorry if you were told something different" regrets what they may have been told about the policy,
# on a condition the agent can't yet check; it neither apologises for the policy nor accepts blame.
MISINFORMED = re.compile(
    r"^\s*if (?:you|anyone) (?:were|was|got)(?: never| not|n't)? (?:told|given|shown|sent|promised|advised|"
    r"informed|misinformed)\b",
    re.I,
)


def _policy_apologies(context: Context) -> list[str]:
    text = context.reply.text
    found = []
    for m in APOLOGY.finditer(text):
        clause = _clause_after(text, m.end())
        if MISINFORMED.match(clause):
            continue
        if content_stems(clause) & context.profile.policy:
            found.append(m.group(0) + clause)
    return found


def evaluate(context: Context) -> CriterionResult:
    fault = context.scenario.company_at_fault
    text = context.reply.text
    apologies = APOLOGY.findall(text)
    owns = _owns(text)
    deflects = DEFLECT.findall(text)
    understanding = UNDERSTANDING.findall(text) + FEELING.findall(text) + EMPATHIC.findall(text)
    if fault is True:
        if deflects:
            return result(
                NAME,
                LABEL,
                0.1,
                deflects,
                "This one is the company's mistake: own it instead of shifting the blame.",
            )
        boiler = BOILERPLATE.findall(text)
        if apologies and owns:
            return result(
                NAME, LABEL, 1.0, owns + apologies[:1], "You owned the company's mistake and apologised."
            )
        if apologies and boiler:
            return result(
                NAME,
                LABEL,
                0.5,
                boiler,
                "Say plainly that it was the company's mistake (\"that's on us\") instead of "
                '"any inconvenience '
                'this may have caused".',
            )
        if apologies:
            return result(
                NAME,
                LABEL,
                0.65,
                apologies[:1],
                'Say plainly that the mistake was the company\'s ("that was our error"), '
                "not only that you're sorry.",
            )
        if owns:
            return result(NAME, LABEL, 0.6, owns, "You owned the mistake; also say sorry plainly.")
        return result(
            NAME,
            LABEL,
            0.1,
            (),
            "This was the company's mistake: own it and apologise plainly before fixing it.",
        )

    wrong = _policy_apologies(context) + _agrees_unfair(text) + (owns if fault is False else [])
    if fault is False:
        if wrong:
            return result(
                NAME,
                LABEL,
                0.0,
                wrong,
                "Don't apologise for a policy or price or accept blame that isn't the company's; show you "
                "understand how they feel instead.",
            )
        if deflects:
            return result(
                NAME,
                LABEL,
                0.4,
                deflects,
                "Saying it isn't the company's fault sounds defensive; "
                "show you understand their side and help.",
            )
        if understanding or apologies:  # an apology for their trouble (not the policy) is understanding
            return result(
                NAME,
                LABEL,
                1.0,
                (understanding + apologies)[:2],
                "You showed understanding without apologising for the policy or taking blame that isn't the "
                "company's.",
            )
        return result(
            NAME,
            LABEL,
            0.55,
            (),
            "You avoided wrongly taking blame; now also show you understand why they are upset.",
        )

    # Fault unknown: no blame either way.
    if wrong or owns:
        return result(
            NAME,
            LABEL,
            0.45,
            wrong + owns,
            "Nobody knows yet whose fault this is, so don't declare it the company's fault; "
            "apologise for the "
            "trouble and find out.",
        )
    if understanding or apologies:
        return result(
            NAME,
            LABEL,
            1.0,
            (understanding + apologies)[:2],
            "You took the situation seriously without pointing blame either way.",
        )
    return result(
        NAME,
        LABEL,
        0.55,
        (),
        "Show you take the situation seriously (an apology for the trouble is fine here).",
    )
