"""What every language signal returns: a named kind and the evidence span."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Signal:
    """One thing a reply says, found by a language signal.

    Attributes:
        kind: stable name of what was found, e.g. ``"ironic_praise"`` or ``"generic_apology"``.
        family: the group the kind belongs to (``"sarcasm"``, ``"condescension"``,
            ``"hidden_blame"`` or ``"boilerplate"``).
        text: the evidence, as written in the reply.
        start: character offset of the evidence in the analysed text (``Analysis.text``).
        end: character offset just after it.
    """

    kind: str
    family: str
    text: str
    start: int
    end: int
