"""Learner-side package for the empathy in customer service course."""

from course.catalogue import Scenario, ScenarioError, load_catalogue, load_scenario

__all__ = ["Scenario", "ScenarioError", "load_catalogue", "load_scenario"]
