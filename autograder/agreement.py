"""Grading a learner's own empathy scorer by how well it orders labelled replies.

The capstone asks learners for a function that scores a reply from 0 to 1.
It is judged by pairwise agreement with human labels: of all pairs of replies
with different labels, the share the scores put in the same order (a tie
counts half). Agreement does not care about the scale of the scores, only
their order, so any sensible 0-to-1 scorer can reach full marks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class AgreementResult:
    """How a scorer did on a set of labelled replies.

    Attributes:
        points: the points earned.
        agreement: pairwise agreement with the labels, or ``None`` when the
            scores could not be used (an error or a score outside 0 to 1).
        message: one line for the learner saying what happened and why.
    """

    points: float
    agreement: float | None
    message: str


def labelled_pairs(rows: Sequence) -> list[tuple[int, str]]:
    """``(label, reply)`` pairs from pairs or from mappings with ``label`` and ``reply`` (CSV rows)."""
    pairs = []
    for row in rows:
        if isinstance(row, Mapping):
            pairs.append((int(row["label"]), str(row["reply"])))
        else:
            label, reply = row
            pairs.append((int(label), str(reply)))
    return pairs


def pairwise_agreement(scores: Sequence[float], labels: Sequence[int]) -> float:
    """Share of differently labelled pairs that ``scores`` put in the same order (ties count half)."""
    agree = pairs = 0.0
    for i in range(len(labels)):
        for j in range(i + 1, len(labels)):
            if labels[i] == labels[j]:
                continue
            pairs += 1
            same_way = (scores[i] - scores[j]) * (labels[i] - labels[j])
            agree += 1 if same_way > 0 else 0.5 if same_way == 0 else 0
    return agree / pairs if pairs else 0.5


def bad_score(item: Mapping) -> str:
    """Why one returned value (as ``nbgrade.plain`` gives it) is not a usable score, or ``""``."""
    if "value" not in item:
        return str(item.get("error", "gave no result"))
    value = item["value"]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"returned {value!r}, not a number"
    if not 0 <= value <= 1:
        return f"returned {value!r}, outside 0 to 1"
    return ""


def agreement_points(
    items: Sequence[Mapping],
    labels: Sequence[int],
    points: float,
    floor: float,
    full: float,
    what: str,
) -> AgreementResult:
    """Points for the scores in ``items`` (one per labelled reply, as :func:`plain` gives them).

    Agreement at or above ``full`` earns all the points; between ``floor`` and
    ``full`` the points rise in proportion; at or below ``floor`` nothing. When
    ``floor == full`` it is a pass mark: all the points or none. One unusable
    score (an error, not a number, outside 0 to 1) earns nothing, with the reason.
    """
    for item in items:
        problem = bad_score(item)
        if problem:
            return AgreementResult(
                0.0, None, f"Your scorer {problem} on one of the {what}: 0 / {points:g} points."
            )
    agreement = pairwise_agreement([float(item["value"]) for item in items], labels)
    if full > floor:
        share = min(1.0, max(0.0, (agreement - floor) / (full - floor)))
    else:
        share = 1.0 if agreement >= full else 0.0
    earned = round(points * share, 2)
    return AgreementResult(
        earned,
        agreement,
        f"Pairwise agreement on {len(items)} {what}: {agreement:.2f} "
        f"(full points from {full:.2f}): {earned:g} / {points:g} points.",
    )
