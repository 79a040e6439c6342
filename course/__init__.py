"""Learner-side package for the empathy in customer service course.

What the notebooks import: self-check (``check_reply``, ``check_function``), progressive
hints (``hint``), scenario cards (``show_scenario``, ``catalogue_table``, ``compare_replies``) and the
scenario catalogue (``load_scenario``, ``load_catalogue``, ``parse_scenario``), and
``use_course_nltk_data()``, which points NLTK at the course's offline data (VADER's lexicon).
"""

from autograder.nltkdata import register as use_course_nltk_data
from autograder.rubric.report import show
from autograder.rubric.scenario import Scenario, ScenarioError, load_catalogue, load_scenario, parse_scenario
from course.cards import FAULT, catalogue_table, compare_replies, show_scenario
from course.hints import hint
from course.selfcheck import check_function, check_reply

__all__ = [
    "FAULT",
    "Scenario",
    "ScenarioError",
    "catalogue_table",
    "check_function",
    "check_reply",
    "compare_replies",
    "hint",
    "load_catalogue",
    "load_scenario",
    "parse_scenario",
    "show",
    "show_scenario",
    "use_course_nltk_data",
]
