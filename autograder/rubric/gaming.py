"""Problems for kinds of gaming and harm that the form and harm checks of :mod:`checks` let through.

Each function returns a :class:`~autograder.rubric.checks.Problem` (or a list of them) with one
sentence of feedback, or nothing:

* :func:`minimising_problems`: playing down what happened to the person ("it's only a few dollars,
  hardly the end of the world"; :mod:`autograder.rubric.language.minimising`). Harm: caps at
  :data:`~autograder.rubric.checks.HARM_CAP`.
* :func:`restatement_problem`: the person's message said back in other words with no move of the
  agent's own (:mod:`autograder.rubric.restatement`). Flagged ``echo`` like the word-for-word copy.
* :func:`headlines_problem`: a reply made only of verbless noun phrases ("Full refund. Immediate
  escalation. Our mistake."; :mod:`autograder.rubric.language.fragments`). A keyword string.
* :func:`interrogation_problem`: a reply that only asks questions and offers nothing of its own
  (:mod:`autograder.rubric.language.interrogation`). Caps at band 1.
* :func:`meta_talk_problem`: a reply that describes its own speech acts in the rubric's terms ("I
  reflect the key facts. I offer concrete help."; :mod:`autograder.rubric.language.meta_talk`).
  Written to a grader: band 0.
"""

from __future__ import annotations

from autograder.rubric.checks import HARM_CAP, Problem
from autograder.rubric.language.fragments import fragments
from autograder.rubric.language.interrogation import interrogation
from autograder.rubric.language.meta_talk import recites_rubric
from autograder.rubric.language.minimising import minimising
from autograder.rubric.restatement import restated
from autograder.rubric.text import Analysis, stem, words

KEYWORD_CAP = 0.15
ECHO_CAP = 0.25  # as the word-for-word echo (checks.echo_problem)
INTERROGATION_CAP = 0.39  # band 1 at most: "poor", not harm, so a polite one keeps checks.POOR_FLOOR
META_CAP = 0.15


def restatement_problem(
    reply: Analysis, message: Analysis, customer_name: str, own: tuple[frozenset[str], ...] = ()
) -> Problem | None:
    """The person's message said back in other words, adding nothing (see :mod:`restatement`).

    ``own``: content stems of each of the scenario's offers and policy facts.
    """
    names = frozenset(stem(w) for w in words(customer_name))
    if not restated(reply, message, names, own):
        return None
    return Problem(
        "echo",
        ECHO_CAP,
        "The reply only says the person's message back to them in other words; show you understand "
        "how it affects them and say what you will do.",
    )


def minimising_problems(reply: Analysis, message: Analysis | None = None) -> list[Problem]:
    """Playing down the person's problem (a harm: the tone criterion fails and the total is capped).

    ``message`` is the person's own message, when known.
    """
    found = minimising(reply, message)
    if not found:
        return []
    evidence = tuple(dict.fromkeys(s.text.strip(" ,.") for s in found))
    return [
        Problem(
            "minimising",
            HARM_CAP,
            f'The reply plays down what happened to the person ("{evidence[0]}"); take the problem as '
            "seriously as they do.",
            evidence,
        )
    ]


def headlines_problem(reply: Analysis) -> Problem | None:
    """A reply built only of verbless noun phrases (a keyword string in the form of headlines)."""
    found = fragments(reply)
    if not found.headlines:
        return None
    return Problem(
        "keyword_list",
        KEYWORD_CAP,
        "The reply is a string of noun phrases with no sentence saying who did or will do what; "
        "write real sentences to the person.",
        found.fragments[:4],
    )


def interrogation_problem(reply: Analysis) -> Problem | None:
    """A reply made only of questions, with no statement of the agent's own (see :mod:`interrogation`)."""
    found = interrogation(reply)
    if not found:
        return None
    return Problem(
        "interrogation",
        INTERROGATION_CAP,
        "The reply only asks questions; a question invites their view but does not acknowledge, own or "
        "help, so say what you understand and what you will do before you ask.",
        found[:3],
    )


def meta_talk_problem(reply: Analysis) -> Problem | None:
    """A reply that names its own speech acts in the rubric's terms instead of performing them."""
    found = recites_rubric(reply)
    if not found:
        return None
    return Problem(
        "meta_talk",
        META_CAP,
        "The reply describes what it does in the rubric's words instead of doing it; say sorry, name what "
        "happened and offer help in your own words to the person.",
        found[:4],
    )
