"""The reply rubric: criteria from the seed articles, gaming and harm checks, scoring, scenarios.

``score_reply(scenario, reply)`` (:mod:`autograder.rubric.scoring`) scores a written reply;
the scenario model and catalogue live in :mod:`autograder.rubric.scenario`.
"""
