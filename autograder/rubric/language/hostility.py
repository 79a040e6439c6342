"""Hostility that the politeness of the rest of a reply does not undo: a threat against the person for
contacting us, and signs of contempt.

* :func:`threats`: a sanction promised for calling, writing or complaining ("if you call again this
  week we'll have to close your account", "any further complaints will result in your account being
  suspended"). Offers made on a condition ("if you call back, I'll put you straight through") and
  policy explained ("payments after 5 pm post the next day") are not threats.
* :func:`contempt`: an eye-roll, a face-palm or an unamused face (the emoji, or "*rolls eyes*",
  "smh", "/s"): each means "you are being ridiculous" whatever the words around it say. Friendly
  emoji are not counted.
"""

from __future__ import annotations

import re

from autograder.rubric.text import Analysis, phrases

_CONTACT = r"(?:call|ring|phone|contact|write|email|e-mail|message|complain|chase)(?: us| me)?"
_SANCTION = (
    r"(?:close|cancel|suspend|terminate|end|restrict|block|ban|blacklist)"
    r" (?:your (?:account|service|membership|plan|subscription|contract|card|booking)|you)"
)
_THREAT = phrases(
    rf"if you (?:{_CONTACT} (?:again|once more|any ?more)|keep (?:calling|ringing|complaining|writing|"
    rf"emailing))"
    rf"[^.!?]{{0,30}}?(?:we|i)(?:'ll| will|'d| would| may| might| can)(?: have to| need to| be forced to)? "
    rf"{_SANCTION}",
    r"(?:any )?(?:further|more|repeated) (?:calls|complaints|emails|messages|contact)[^.!?]{0,20}?"
    r"(?:will|may|might|could) (?:result in|lead to|mean)",
    r"(?:stop|quit) (?:calling|complaining|emailing|messaging|ringing)(?: us)?,? or",
)
_CONTEMPT = re.compile(
    r"[\U0001F644\U0001F612\U0001F926]|\*\s*(?:rolls? (?:my )?eyes|eye ?roll|face ?palm)\s*\*|"
    r"(?<![\w'])(?:smh|rolls eyes)(?![\w'])|(?<=\s)/s\b",
    re.IGNORECASE,
)


def threats(reply: Analysis) -> tuple[str, ...]:
    """The threats in ``reply`` (sanctions promised for contacting or complaining)."""
    return tuple(dict.fromkeys(m.group(0) for m in _THREAT.finditer(reply.text)))


def contempt(reply: Analysis) -> tuple[str, ...]:
    """The signs of contempt in ``reply`` (eye-roll, face-palm, unamused face; "smh", "/s")."""
    return tuple(dict.fromkeys(m.group(0) for m in _CONTEMPT.finditer(reply.text)))
