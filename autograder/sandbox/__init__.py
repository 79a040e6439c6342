"""Where learner code runs while grading: isolation, the grading kernel and the recompute step.

Kept apart from the rubric (:mod:`autograder.rubric`), which never runs learner code.
"""
