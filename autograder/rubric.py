"""PLACEHOLDER: replaced by the rubric engine (criteria in autograder/criteria/)."""

from __future__ import annotations

from autograder.result import CriterionResult, ReplyResult
from course.catalogue import load_scenario

WEIGHTS: dict[str, float] = {"placeholder": 1.0}


def score_reply(scenario, reply) -> ReplyResult:
    scenario = load_scenario(scenario)
    text = reply if isinstance(reply, str) else ""
    ok = bool(text.strip())
    crit = CriterionResult("placeholder", "Placeholder", ok, float(ok), 1.0, (), "")
    return ReplyResult(scenario.id, 0.5 if ok else 0.0, (crit,))
