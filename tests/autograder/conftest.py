"""Shared helpers for the rubric tests: build a criterion's context for a reply."""

from __future__ import annotations

import dataclasses

import pytest

from autograder.rubric.criteria.base import Context, profile
from autograder.rubric.scenario import load_scenario
from autograder.rubric.text import analyse


def make_context(scenario_id: str, reply: str, **changes) -> Context:
    """The context a criterion sees for ``reply`` to ``scenario_id`` (scenario fields overridable)."""
    scenario = load_scenario(scenario_id)
    if changes:
        scenario = dataclasses.replace(scenario, **changes)
    return Context(analyse(reply), profile(scenario))


@pytest.fixture
def criterion_context():
    """``context(scenario_id, reply, **scenario_changes)`` -> Context."""
    return make_context
