"""Restatement: the person's message said back in other words, with nothing added.

Reflecting the key facts is good practice; a reply that *only* hands the message back ("You
checked your bank statement and we billed you two times for the one order. That is $89 you needed
for rent this week. How does this even happen?") is an echo whatever words it swaps: synonyms,
reordering and first person turned into second leave the same facts and no move of the agent's own.
:func:`autograder.rubric.checks.echo_problem` catches the word-for-word copy; this module catches
the reworded one.

A reply is a **restatement** when

* most of what it says comes from the message: at least :data:`FROM_MESSAGE` of its content stems
  (the person's names aside) are the message's, and it covers at least :data:`COVERAGE` of the
  message's content stems; and
* it makes **no move of its own**: no clause where the agent speaks for themselves ("I'll", "we
  can", "I've", "let me", "I'm sorry", "I understand", "that sounds ...", "our error", "on us") that
  the message does not already hold, and no question whose content is not the message's ("Would a
  refund today help?").

A reply that restates the facts and then commits to one thing ("I'll refund it today") is not a
restatement: that is reflection followed by action, and so is one that states an offer or fact only the
company has in another voice ("The duplicate is refunded today", "No personal details are needed: a
one-time code goes to the phone on file").
"""

from __future__ import annotations

import re

from autograder.rubric.text import Analysis, content_stems

FROM_MESSAGE = 0.6
COVERAGE = 0.5
MIN_STEMS = 4

_MOVE = re.compile(
    r"(?<![\w'])(?:(?:i|we)(?:'ll| will| shall| can| could| would| want| need|'d|'ve| have|'m| am|'re| are)"
    r"\b(?:\s+\w+)?|let (?:me|us)\b(?:\s+\w+)?|sorry\b|apolog\w*|thank\w*|understand\w*|"
    r"(?:i|we) (?:hear|see|know|get|imagine|realise|realize|appreciate)\b(?:\s+\w+)?|"
    r"(?:that|it|this) (?:sounds|must be|must have)\b(?:\s+\w+)?|"
    # owning the mistake: "that's our error, not yours", "this one's on us"
    r"(?:our|my) (?:own |\w+ )?(?:fault|mistake|error)\b|on us\b)",
    re.IGNORECASE,
)


_VOICE = re.compile(r"(?:i|we)('m| am|'re| are)?\b")


def _their_voice(phrase: str) -> str:
    """``phrase`` as the person would have said it to the agent: "we're telling" -> "you're telling"."""
    m = _VOICE.match(phrase)
    if not m:
        return phrase
    return ("you're" if m.group(1) else "you") + phrase[m.end() :]


def _moves(reply: Analysis, message: Analysis) -> list[str]:
    """The agent's own moves in ``reply``: phrases of its own voice the message does not hold (as
    written, or with the voice turned round: "we're telling you" from "you're telling me")."""
    out = []
    for m in _MOVE.finditer(reply.text):
        phrase = m.group(0).lower()
        if phrase not in message.lower and _their_voice(phrase) not in message.lower:
            out.append(m.group(0))
    return out


def restated(
    reply: Analysis,
    message: Analysis,
    names: frozenset[str] = frozenset(),
    own: tuple[frozenset[str], ...] = (),
) -> bool:
    """Whether ``reply`` only says ``message`` back in other words (see the module docstring).

    Args:
        reply: the reply's analysis.
        message: the person's message, analysed.
        names: stems of the person's names (left out of both sides).
        own: content stems of what only the company knows or can do (each offer and policy fact of the
            scenario); a sentence carrying two of one item's stems that the message lacks ("the duplicate
            is refunded today", "a one-time code goes to the phone on file") is a move of the agent's
            own in any voice.
    """
    said = reply.content - names
    theirs = message.content - names
    if len(said) < MIN_STEMS or len(theirs) < MIN_STEMS:
        return False
    shared = said & theirs
    if len(shared) / len(said) < FROM_MESSAGE or len(shared) / len(theirs) < COVERAGE:
        return False
    if _moves(reply, message):
        return False
    extra = tuple(item - theirs - names for item in own)
    for sentence in reply.sentences:
        stems = content_stems(sentence)
        if any(len(stems & item) >= 2 for item in extra):
            return False  # the company's own offer or fact, told in any voice
    for sentence in reply.sentences:
        if sentence.rstrip().endswith("?"):
            asked = content_stems(sentence) - names
            if asked and len(asked & theirs) / len(asked) < FROM_MESSAGE:
                return False  # a question of their own
    return True
