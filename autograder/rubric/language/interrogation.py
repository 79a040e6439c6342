"""Interrogation: a reply that only asks questions and offers nothing.

The seeds' key question ("What can we do to make this right for you?") invites the person's view,
and a good reply often ends with one or two questions. But a question does not acknowledge a
feeling, say back what happened, own a mistake or help: a reply made only of questions hands the
person all the work. :func:`interrogation` finds one: at least :data:`MIN_QUESTIONS` questions and
no statement of the agent's own (a commitment, an action taken, an apology, an acknowledgement or
any other sentence of :data:`MIN_STATEMENT_WORDS` words or more), greetings and sign-offs aside. One
short statement that carries none of those ("Just a few questions.") does not save it.

A short clarifying reply ("Aisha, could you send me your order number? I'll check where the parcel
is.") asks fewer questions and says what the agent will do, so it is not one; nor is a reply whose
questions offer something the agent will do ("Shall I refund the $89 today?").
"""

from __future__ import annotations

import re

from autograder.rubric.text import Analysis, words

MIN_QUESTIONS = 3
MIN_STATEMENT_WORDS = 6

_GREETING_OR_CLOSING = re.compile(
    r"^\s*(?:(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))\b[^.!?]{0,30}|thanks?(?: "
    r"you)?\b[^.!?]{0,40}|"
    r"(?:best|kind|warm)(?: regards| "
    r"wishes)?\b[^.!?]{0,40}|regards\b[^.!?]{0,40}|cheers\b[^.!?]{0,30}|[A-Z][a-z]+,?)"
    r"[.!,]?\s*$",
    re.IGNORECASE,
)
# A statement of the agent's own move: what they will do, have done, can do, or feel about it.
_MOVE = re.compile(
    r"\b(?:i'll|i will|we'll|we will|i've|we've|i have|we have|i can|we can|let me|let's|i'm going to|"
    r"we're going to|i am going to|i'm|i am|we're|we are|sorry|apolog\w+|understand|that's|it's|this is)\b",
    re.IGNORECASE,
)


# An offer put as a question is a move too: "Shall I refund the $89 today?", "Would you like me to
# book a technician?" ("How can I help?" and "What can we do?" offer nothing yet).
# A named option put to the person is one too: "Would the annual plan at $119 a year suit you?", "Would a
# call back on that number put your mind at rest?", "Would you like a copy of the notice?" ("Would it help
# to hear more?" and "Would you like to know your options?" name nothing).
_OFFER = re.compile(
    r"^(?:\w+,\s*)?(?:shall|should|can|could|may) (?:i|we) (?!help\b|do\b|assist\b)\w+"
    r"|\b(?:would you like|do you want|want) (?:me|us) to (?!help\b|do\b|assist\b)\w+"
    r"|^(?:\w+,\s*)?(?:and |or |so )?(?:would|could|will) (?:a|an|the|our) (?!options?\b|choices?\b|"
    r"information\b|details?\b|answer\b|questions?\b)\w+"
    r"|\bwould you like (?:a|an|the|our) (?!options?\b|choices?\b|information\b|details?\b)\w+",
    re.IGNORECASE,
)


def interrogation(reply: Analysis) -> tuple[str, ...]:
    """The questions of a reply that only asks (empty when it says or offers anything of its own)."""
    questions, statements = [], []
    for sentence in reply.sentences:
        if sentence.rstrip().endswith("?"):
            questions.append(sentence)
        elif not _GREETING_OR_CLOSING.match(sentence):
            statements.append(sentence)
    if len(questions) < MIN_QUESTIONS or any(_OFFER.search(q) for q in questions):
        return ()
    substantial = [s for s in statements if _MOVE.search(s) or len(words(s)) >= MIN_STATEMENT_WORDS]
    if substantial or len(statements) > 1:
        return ()
    return tuple(questions)
