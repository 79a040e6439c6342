"""Fragments: a reply made of verbless noun phrases, one after another, is headlines, not sentences.

Conversation allows a few verbless pieces ("Hi Tom.", "So sorry about the wait.", "Refund on its way
today.", "Any questions?"), and :mod:`autograder.rubric.language.fluency` rightly counts each as
fluent on its own. A reply built *only* of them ("Sincere apologies. Full refund. Immediate
escalation. Your frustration, Tom. Our mistake.") says nothing to anyone: no sentence says who did
or will do what. Such a string reads each grader trigger as a separate headline.

A sentence here is a **fragment** when no token is tagged as a verb or modal (Penn Treebank
``VB*``/``MD``, from :mod:`autograder.rubric.language.tagger`). Conversational formulas (a greeting,
an apology or thanks: "Sincere apologies, Linda.", "Thanks for your patience.") and questions
("Refund or voucher?") are set aside: they are what conversation allows without a verb. A reply
is **headlines** when at least :data:`MIN_FRAGMENTS` of what remains are fragments and they hold at
least :data:`FRAGMENT_SHARE` of its words: a terse honest reply has at most one or two fragments
beside real clauses ("Tom, so sorry about the double charge, our error. Refund of $89 issued
today. Anything else I can check?").

Cost: one tagging pass (cached per sentence by the tagger).
"""

from __future__ import annotations

from dataclasses import dataclass

from autograder.rubric.language import tagger
from autograder.rubric.text import Analysis, words

MIN_FRAGMENTS = 3
FRAGMENT_SHARE = 0.6

_VERB_TAGS = frozenset("VB VBD VBG VBN VBP VBZ MD".split())
# Heads of the verbless formulas of conversation.
_FORMULA = frozenset(
    """sorry apologies apology thanks thank hi hello hey dear regards welcome congratulations cheers
    please best kind""".split()
)


@dataclass(frozen=True)
class Fragments:
    """The verbless pieces of a reply.

    Attributes:
        fragments: the sentences with no verb (formulas and questions aside), in order.
        share: their share of the words of the sentences that are neither formulas nor questions.
        headlines: whether the reply is made of them (see the module docstring).
    """

    fragments: tuple[str, ...]
    share: float
    headlines: bool


def fragments(reply: Analysis) -> Fragments:
    """The verbless pieces of ``reply`` and whether it is built only of them."""
    found: list[str] = []
    total = verbless = 0
    for sentence in reply.sentences:
        toks = words(sentence)
        # a formula may follow the person's name: "Tom - so sorry."
        if not toks or sentence.rstrip().endswith("?") or any(w in _FORMULA for w in toks[:3]):
            continue
        total += len(toks)
        if not any(t in _VERB_TAGS for _, t in tagger.tag(sentence)):
            found.append(sentence)
            verbless += len(toks)
    share = verbless / total if total else 0.0
    return Fragments(tuple(found), round(share, 3), len(found) >= MIN_FRAGMENTS and share >= FRAGMENT_SHARE)
