"""Learner-side package for the empathy in customer service course."""

from autograder.rubric.scenario import Scenario, ScenarioError, load_catalogue, load_scenario

__all__ = ["Scenario", "ScenarioError", "load_catalogue", "load_scenario"]
