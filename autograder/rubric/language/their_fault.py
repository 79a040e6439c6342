"""The company's own error put on the person: "the $89 was your error", "because of your own double
payment", "you charged yourself twice", "you didn't complete the cancellation properly"; or denied
("your bank charged you twice, not us"; :func:`denied_fault`) or only granted "if" (:func:`doubted_fault`).

Only meaningful where the scenario says the error is the company's (``company_at_fault: true``):
there, any sentence that makes the mistake the person's contradicts the facts and blames them, however
politely it is put and whatever is offered after it. Denied ones ("none of this is your error", "it
wasn't your mistake", "through no fault of your own") are the opposite and are not counted.
"""

from __future__ import annotations

from autograder.rubric.language.negation import finditer_affirmed
from autograder.rubric.text import Analysis, phrases

_THEIR_FAULT = phrases(
    r"your (?:own )?(?:error|mistake|fault|doing|oversight|slip-up)",
    r"(?:error|mistake|fault|problem) (?:was|is) (?:all )?yours",
    r"(?:because|as a result|a result) of your own",
    r"you (?:\w+ )?(?:charged|billed|double-charged|overcharged|booked|double-booked) yourself",
    r"you (?:didn'?t|did not|never|failed to) (?:complete|finish|confirm|submit|finalise|finalize|process)"
    r" (?:the|your) (?:cancellation|booking|request|order|payment)(?: properly| correctly| in full)?",
)


def their_fault(reply: Analysis) -> tuple[str, ...]:
    """The affirmed phrases of ``reply`` that make an error the person's own."""
    return tuple(dict.fromkeys(m.group(0) for m in finditer_affirmed(reply, _THEIR_FAULT)))


_DOUBTED = phrases(
    r"if (?:it|this|that) (?:was|were|is|turns out to be|turned out to be|proves to be) (?:really |actually |"
    r"indeed "
    r"|truly )?(?:our|my|the company'?s) (?:fault|mistake|error|doing)",
    r"if (?:we|i) (?:really |actually |indeed |truly |did |have |had |were )+(?:\w+ )?(?:charged|billed|took|"
    r"taken|"
    r"overbooked|double-booked|made (?:a|an|the) (?:mistake|error))",
    r"if (?:there )?(?:really |actually |truly )?(?:was|were|is) (?:an? )?(?:error|mistake|double charge|no "
    r"room)",
    r"if you (?:really |actually |truly |indeed )?did",
    r"if there (?:really |actually |truly )(?:was|were|is)",
    r"if (?:what you say|that|this|your account|your story) is (?:really |actually )?(?:true|correct|the "
    r"case|accurate)",
    r"should (?:it|that|this) (?:be|turn out to be|prove to be) (?:the case|our (?:fault|mistake|error))",
    r"assuming (?:that )?(?:it|this|that) (?:was|is|were) (?:really |actually )?(?:our|an?) (?:fault|mistake|"
    r"error)",
)


def doubted_fault(reply: Analysis) -> tuple[str, ...]:
    """The conditions in ``reply`` that put the company's error, or the person's account of it, in doubt
    ("if it turns out to be our fault", "if you did cancel"); "even if" and "as if" do not doubt."""
    found = []
    for m in finditer_affirmed(reply, _DOUBTED):
        before = reply.text[max(0, m.start() - 5) : m.start()].lower()
        if not before.endswith(("even ", "as ")):
            found.append(m.group(0).strip())
    return tuple(dict.fromkeys(found))


_DENIED = phrases(
    r"not (?:us|our (?:fault|error|mistake|doing|problem)|on our (?:side|end))",
    r"(?:wasn'?t|isn'?t|was not|is not) (?:us|our (?:fault|error|mistake|doing|problem)|on our (?:side|end))",
    r"nothing to do with us",
    r"(?:we|i) (?:didn'?t|did not|never) (?:charge|bill|overbook|double-book|double-charge)(?:d)? you",
)


def denied_fault(reply: Analysis) -> tuple[str, ...]:
    """The phrases of ``reply`` that deny the company's error ("not us", "it wasn't our fault")."""
    return tuple(dict.fromkeys(m.group(0) for m in _DENIED.finditer(reply.text)))
