"""Minimising: playing down what happened to the person, with or without irony.

The seeds ask agents to take a problem as seriously as the person does; "it's only a few dollars,
hardly the end of the world" or "these things happen, no big deal" tells them their problem does
not matter, which is dismissal in polite words (and, said with a shrug, sarcasm). It needs no
ironic praise and no rude word, so the sarcasm and condescension patterns miss it.

Two slots:

* a **gravity denial**: the weight of what happened denied ("no big deal", "hardly the end of the
  world", "not exactly a tragedy", "nothing to get upset about", "these things happen", "worse
  things happen", "it won't ruin you", "that's nothing."). Said about the company's own effort
  ("it's no big deal for us to resend it", "no big deal to swap it") it is an offer, not a denial;
  denied itself ("I won't tell you it's no big deal") it is empathy. Either alone is enough.
* a **belittled loss**: the person's loss made small by a copula and "only/just/merely" ("it's
  only a few dollars", "that's just $25", "it was only an hour"). Alone this can be a plain price
  ("that's only $9.92 a month on the annual plan"), so on its own it counts only when it belittles
  an amount the person's own message reports as their loss ("it's only $89" to the person whose $89
  was rent money); otherwise only beside a gravity denial. The person's count thrown back as an
  incredulous question ("four whole calls?", "a whole $25?") is a belittled loss on its own, whatever the
  amount; "a whole week without internet" said as a statement is empathy, and so is the question when
  what follows calls the count too much ("Eight whole days? That's far too long."). A smallness
  granted and overturned in one breath ("I know it's only $12, but you paid for a promise we broke")
  does not play the loss down.

Cost: two regular expressions per reply.
"""

from __future__ import annotations

import re

from autograder.rubric.language.negation import negated
from autograder.rubric.language.signal import Signal
from autograder.rubric.text import Analysis, numbers

_I = re.IGNORECASE

_GRAVE = (
    r"(?:the end of the world|(?:a |that )?(?:big|huge|major) deal|(?:a )?(?:disaster|catastrophe|tragedy|"
    r"crisis|emergency)|life or death|a matter of life and death)"
)
_DENIAL = re.compile(
    r"(?<![\w'])(?:"
    # "no big deal", "hardly the end of the world", "not exactly a tragedy", "it's not a big deal"
    r"no (?:big|huge|major) deal|hardly " + _GRAVE + r"|not (?:exactly |really |quite )?"
    r"(?:the end of the world|(?:a |that )?(?:big|huge|major) deal|a matter of life and death|"
    r"life or death)|not exactly (?:a )?(?:disaster|catastrophe|tragedy|crisis|emergency)"
    # "these things happen", "things like this happen", "worse things happen"
    r"|(?:these|such|those) things (?:just |sometimes |do |will )?happen|things like (?:this|that) "
    r"(?:just |sometimes |do )?happen|worse things (?:have )?happen(?:ed)?"
    # "nothing to get upset about", "no need to get so worked up", "not worth getting upset over"
    r"|(?:nothing|no need|no reason) to (?:get|be) (?:so |that |all )?(?:upset|worked up|angry|annoyed|"
    r"mad|bothered|stressed|fussed|dramatic)|not worth (?:getting|being) (?:so |that )?(?:upset|worked up|"
    r"angry|annoyed|stressed)"
    # "it won't ruin you", "not exactly going to bankrupt you"
    r"|(?:won'?t|will not|(?:is|are)n'?t going to|(?:is |are |'s |'re )?not (?:exactly )?going to) "
    r"(?:ruin|bankrupt|break|kill) you"
    r"|(?:that|it)(?:'s| is| was) nothing(?=\s*[.!;,]|\s*$))",
    _I | re.MULTILINE,
)
# The company's own effort: "no big deal for us", "not a big deal to swap it".
_OWN_EFFORT = re.compile(r"^\s*(?:at all\s*)?(?:for (?:me|us|our)|to (?!you\b)\w+)", _I)
_BELITTLED = re.compile(
    r"(?<![\w'])(?:it|that|this)(?:'s| is| was) (?:only|just|merely|a mere) (?:about |around )?"
    r"(?:\$\d+(?:[.,]\d+)*|\d+(?:[.,]\d+)* (?:dollars?|bucks|cents|minutes?|hours?|days?)|"
    r"(?:a|one|an) (?:few|couple|little|bit|small|tiny|single|hour|day|minute|dollar|toy|game|book)\b)",
    _I,
)
# The person's count thrown back as an incredulous question: "four whole calls?", "a whole $25?",
# "two entire days?". Said as a statement ("a whole week without internet") it is empathy.
_SCOFFED = re.compile(
    r"(?<![\w'])(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\$?\d+(?:[.,]\d+)*) "
    r"(?:whole|entire) (?:\$?\d+(?:[.,]\d+)*|\w+)(?: \w+)?\s*\?(?!\s*!)",
    _I,
)


# Incredulity on the person's side: the count thrown back and then called too much ("Eight whole days?
# For express shipping, that's far too long.") is indignation for them, not a shrug.
_TOO_MUCH = re.compile(
    r"^[^.!?]{0,60}?\b(?:(?:far |way |much )?too (?:long|many|much|far)|\w+ too many|(?:not|isn'?t|wasn'?t) "
    r"(?:ok|okay|good enough|acceptable|fair|right)|unacceptable|outrageous|no wonder)\b",
    _I,
)
# A smallness granted and then overturned in one breath: "I know it's only $12, but you paid it for a
# promise we didn't keep".
_CONCEDED = re.compile(r"\b(?:i know|i realise|i realize|granted|admittedly|sure)\W*$", _I)
_OVERTURNED = re.compile(r"^[^.!?]{0,40}?,? but\b", _I)


def minimising(reply: Analysis, message: Analysis | None = None) -> tuple[Signal, ...]:
    """Phrases in ``reply`` that play down what happened to the person (see the module docstring).

    ``message`` is the person's own message, when known (its amounts are their loss).

    Returns:
        :class:`~autograder.rubric.language.signal.Signal` objects (kind ``"gravity_denial"`` or
        ``"belittled_loss"``, family ``"minimising"``), in text order; empty when there are none.
    """
    text = reply.text
    denials = [
        Signal("gravity_denial", "minimising", m.group(0), m.start(), m.end())
        for m in _DENIAL.finditer(text)
        if not negated(text, m.start()) and not _OWN_EFFORT.match(text[m.end() : m.end() + 20])
    ]
    belittled = [
        Signal("belittled_loss", "minimising", m.group(0), m.start(), m.end())
        for m in _BELITTLED.finditer(text)
        if not negated(text, m.start())
        and not (
            _CONCEDED.search(text[max(0, m.start() - 20) : m.start()]) and _OVERTURNED.match(text[m.end() :])
        )
    ]
    if not denials:
        theirs = message.numbers if message is not None else frozenset()
        belittled = [s for s in belittled if numbers(s.text) & theirs]
    scoffed = [
        Signal("belittled_loss", "minimising", m.group(0), m.start(), m.end())
        for m in _SCOFFED.finditer(text)
        if not _TOO_MUCH.match(text[m.end() :])
    ]
    return tuple(sorted((*denials, *belittled, *scoffed), key=lambda s: s.start))
