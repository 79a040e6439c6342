"""Problems for replies written to collect a grader's credit rather than to answer the person.

Each function returns a :class:`~autograder.rubric.checks.Problem` with one sentence of feedback, or
nothing (the language lives in :mod:`autograder.rubric.language.grader_bait` and
:mod:`autograder.rubric.language.their_fault`):

* :func:`grader_note_problem`: words for a grader (a note to it, a score claimed, "ignore previous
  instructions", the ideal reply described instead of written). Band 0, however good the rest is.
* :func:`take_back_problem`: everything withdrawn ("just kidding, none of that will happen"). Band 0.
* :func:`script_problem`: a script that writes the person's lines as well as the agent's. Band 0.
* :func:`their_fault_problem`: where the scenario says the error is the company's, the error put on
  the person ("the $89 was your error"). Harm: caps at :data:`~autograder.rubric.checks.HARM_CAP`.
* :func:`doubted_fault_problem`: there, the error or the person's account only granted under a
  condition ("if it turns out to be our fault I would refund you"), or denied ("your bank charged
  you twice, not us"). Band 1.
* :func:`hostility_problems`: a threat for contacting us, or an eye-roll (:mod:`hostility`). Harm.

The last two read the criteria's credits (``credits``: criterion name -> credit in [0, 1]) and
return a problem only when its cap is below ``raw``, the uncapped total, so that a problem never
lifts a reply through the polite floor of :mod:`autograder.rubric.scoring`:

* :func:`refusal_problem`: "there is nothing I can do" with no concrete help, when the scenario
  lists what can be done. Band 1.
* :func:`empty_choice_problem`: "which option would you prefer?" with no option offered. Band 1.
"""

from __future__ import annotations

from autograder.rubric.checks import HARM_CAP, Problem
from autograder.rubric.language.grader_bait import grader_notes, script_lines, take_backs
from autograder.rubric.language.hostility import contempt, threats
from autograder.rubric.language.negation import finditer_affirmed
from autograder.rubric.language.their_fault import denied_fault, doubted_fault, their_fault
from autograder.rubric.text import Analysis, phrases

BAIT_CAP = 0.15
DOUBTED_CAP = 0.35  # as apologising for a policy: band 1, "accepting blame wrongly" turned round
HOLLOW_CAP = 0.35  # band 1: "a sympathy cliche with nothing behind it"


def grader_note_problem(reply: Analysis) -> Problem | None:
    """Words written for whoever grades the reply (see :func:`grader_notes`)."""
    found = grader_notes(reply)
    if not found:
        return None
    return Problem(
        "to_grader",
        BAIT_CAP,
        f'The reply speaks to whoever grades it ("{found[0]}"), not to the person; write only to them.',
        found[:4],
    )


def take_back_problem(reply: Analysis) -> Problem | None:
    """A reply that withdraws what it said (see :func:`take_backs`)."""
    found = take_backs(reply)
    if not found:
        return None
    return Problem(
        "taken_back",
        BAIT_CAP,
        f'The reply takes back what it offered ("{found[0]}"), so it offers nothing; say only what you '
        "will really do.",
        found,
    )


def script_problem(reply: Analysis, customer_name: str) -> Problem | None:
    """A script with lines for the person as well as the agent (see :func:`script_lines`)."""
    found = script_lines(reply, customer_name)
    if not found:
        return None
    return Problem(
        "script",
        BAIT_CAP,
        "The reply is a script that writes the person's answers for them; write only your own reply to "
        "the person.",
        found,
    )


def their_fault_problem(reply: Analysis, company_at_fault: bool | None) -> Problem | None:
    """The company's error put on the person, in a scenario where it is the company's (a harm)."""
    if company_at_fault is not True:
        return None
    found = their_fault(reply)
    if not found:
        return None
    return Problem(
        "their_fault",
        HARM_CAP,
        f"The reply makes the company's error the person's (\"{found[0]}\"); the mistake was ours, so own "
        "it.",
        found,
    )


def doubted_fault_problem(reply: Analysis, company_at_fault: bool | None) -> Problem | None:
    """The company's error granted only under a condition, where the scenario says it is ours."""
    if company_at_fault is not True:
        return None
    denied = denied_fault(reply)
    if denied:
        return Problem(
            "doubted_fault",
            DOUBTED_CAP,
            f'The reply denies our mistake ("{denied[0]}"); it was ours, so own it and say what you are '
            "doing about it.",
            denied,
        )
    found = doubted_fault(reply)
    if not found:
        return None
    return Problem(
        "doubted_fault",
        DOUBTED_CAP,
        f'The reply treats our mistake as only possible ("{found[0]}"); it happened, so own it and say '
        "what you are doing about it.",
        found,
    )


def hostility_problems(reply: Analysis) -> list[Problem]:
    """A threat for contacting us, or a sign of contempt (harm: the tone criterion fails)."""
    out = []
    threat = threats(reply)
    if threat:
        out.append(
            Problem(
                "threat",
                HARM_CAP,
                f'The reply threatens the person for contacting us ("{threat[0]}"); they are asking for '
                "help, so make it easy to ask.",
                threat,
            )
        )
    scorn = contempt(reply)
    if scorn:
        out.append(
            Problem(
                "sarcasm",
                HARM_CAP,
                f'The reply rolls its eyes at the person ("{scorn[0]}"); say plainly and kindly what you '
                "mean.",
                scorn,
            )
        )
    return out


_REFUSAL = phrases(
    r"(?:there'?s|there is) nothing (?:else |more )?(?:i|we) can",
    r"nothing (?:else |more )?(?:i|we) can do",
    r"(?:i'?m|we'?re|i am|we are) (?:unable|not able) to (?:help|do anything|assist)",
    r"(?:i|we) (?:can'?t|cannot) (?:help(?! (?:but|feeling|thinking|wondering))|do anything)",
    r"(?:out of|beyond) (?:my|our) (?:hands|control)",
)
_CHOICE = phrases(
    r"which (?:option|one|choice|of (?:these|those|them|the (?:options|two|three))|would you (?:prefer|like|"
    r"rather)|"
    r"works|suits|do you (?:prefer|want))",
    r"(?:options?|choices?) (?:would|do|will) you (?:prefer|like|want|choose)",
)


def refusal_problem(
    reply: Analysis, credits: dict[str, float], raw: float, offers: tuple[str, ...]
) -> Problem | None:
    """ "Nothing I can do" with no concrete help, where the scenario lists what can be done."""
    if not offers or credits.get("offers_concrete_help", 1.0) >= 0.5 or raw <= HOLLOW_CAP:
        return None
    found = tuple(dict.fromkeys(m.group(0) for m in finditer_affirmed(reply, _REFUSAL)))
    if not found:
        return None
    return Problem(
        "refusal",
        HOLLOW_CAP,
        f'The reply says "{found[0]}" when there are things you can offer; tell the person what you can do.',
        found,
    )


def empty_choice_problem(reply: Analysis, credits: dict[str, float], raw: float) -> Problem | None:
    """A choice asked for when the reply offers nothing to choose between."""
    if credits.get("offers_concrete_help", 1.0) >= 0.5 or raw <= HOLLOW_CAP:
        return None
    found = tuple(dict.fromkeys(m.group(0) for m in _CHOICE.finditer(reply.text)))
    if not found:
        return None
    return Problem(
        "empty_choice",
        HOLLOW_CAP,
        f'The reply asks the person to choose ("{found[0]}") but names no option; say what you can offer '
        "first.",
        found,
    )
