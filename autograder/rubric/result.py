"""Typed results of scoring a reply."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class CriterionResult:
    """How one reply fared on one rubric criterion.

    Attributes:
        name: stable identifier of the criterion, e.g. ``"uses_name"``.
        label: short human label, e.g. ``"Uses the person's name"``.
        met: whether the criterion counts as met.
        credit: degree of credit in [0, 1] (partial credit; ``met`` is ``credit >= 0.5``
            unless the criterion says otherwise).
        weight: the criterion's weight in the total (from ``autograder.rubric.WEIGHTS``).
        evidence: the words in the reply that earned (or cost) the credit.
        feedback: one sentence a learner can act on.
    """

    name: str
    label: str
    met: bool
    credit: float
    weight: float
    evidence: tuple[str, ...] = ()
    feedback: str = ""


@dataclass(frozen=True)
class ReplyResult:
    """The rubric's verdict on one reply to one scenario.

    Attributes:
        scenario_id: the scenario the reply answers.
        score: overall score in [0, 1].
        criteria: one :class:`CriterionResult` per criterion, in rubric order.
        flags: problems that cap the score (e.g. ``"empty"``, ``"not_english"``,
            ``"blame"``), each explained in :attr:`feedback`.
        feedback: sentences for the learner: problems first, then what to improve,
            then what was done well.
        confidence: how sure the rubric is, in [0, 1]; low values mark replies worth
            a human look.
    """

    scenario_id: str
    score: float
    criteria: tuple[CriterionResult, ...]
    flags: tuple[str, ...] = ()
    feedback: tuple[str, ...] = ()
    confidence: float = 1.0
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def met(self) -> tuple[CriterionResult, ...]:
        """Criteria the reply met."""
        return tuple(c for c in self.criteria if c.met)

    @property
    def missed(self) -> tuple[CriterionResult, ...]:
        """Criteria the reply did not meet."""
        return tuple(c for c in self.criteria if not c.met)

    def points(self, out_of: float) -> float:
        """The score scaled to ``out_of`` points, rounded to two decimals."""
        return round(self.score * out_of, 2)

    def to_dict(self) -> dict:
        """A JSON-ready dictionary."""
        data = asdict(self)
        data.pop("extra")
        return data
