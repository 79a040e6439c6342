"""``uses_name``: the reply addresses the person by name.

The seeds: asking for and using the person's name "adds personality to a
conversation and shows that you do care", and "Let me see what I can do" is most
endearing "when the statement includes the caller's name".

* Met when the first name, the full name or a title with the surname
  ("Ms Nair") appears as a whole word (any case).
* Greeting the person with a *different* name ("Hi Tom" to Priya) earns nothing.
* **Not applicable** when the scenario has no name (``customer_name: ""``): the
  criterion is reported as met with full credit and a note, and the rubric
  leaves it out of the total (its weight is 0 for that reply), so a reply is
  neither rewarded nor punished for a name nobody gave.
"""

from __future__ import annotations

import re
from functools import lru_cache

from autograder.rubric.criteria.base import Context, result
from autograder.rubric.result import CriterionResult

NAME = "uses_name"
LABEL = "Uses the person's name"

_GREETING = re.compile(
    r"^\s*(?:(?i:hi|hello|hey|dear|good (?:morning|afternoon|evening))\s+)?([A-Z][a-z]+)\s*[,!:]"
)
_NOT_NAMES = frozenset(
    "hi hello hey dear thanks thank sorry yes no okay ok well look listen sure so right absolutely first "
    "unfortunately good great wow oh".split()
)


@lru_cache(maxsize=256)
def _name_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the names as a whole word, or a title with the surname ("Ms Nair")."""
    options = [re.escape(n) for n in names]
    if len(names) > 2:
        options.append(rf"(?:mr|mrs|ms|miss|mx|dr)\.?\s+{re.escape(names[-1])}")
    return re.compile(rf"(?<![\w'])(?:{'|'.join(options)})(?![\w'])", re.IGNORECASE)


def applies(context: Context) -> bool:
    """Whether the scenario gives a name to use."""
    return bool(context.profile.first_name)


def evaluate(context: Context) -> CriterionResult:
    profile = context.profile
    if not applies(context):
        return result(
            NAME, LABEL, 1.0, (), "This person gave no name, so using one is not expected here.", met=True
        )
    text = context.reply.text
    found = _name_pattern(profile.names).search(text)
    if found:
        return result(NAME, LABEL, 1.0, [found.group(0)], f"You addressed {profile.first_name} by name.")
    greeting = _GREETING.match(text)
    if greeting and greeting.group(1).lower() not in _NOT_NAMES:
        wrong = greeting.group(1)
        return result(
            NAME,
            LABEL,
            0.0,
            [wrong],
            f"You called the person {wrong}, but their name is {profile.first_name}; check the name before "
            "you send.",
        )
    return result(
        NAME,
        LABEL,
        0.0,
        (),
        f'Use the person\'s name (for example "{profile.first_name}, ...") so the reply feels personal.',
    )
