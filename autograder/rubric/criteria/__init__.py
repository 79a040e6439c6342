"""The rubric's criteria, one small module each.

Every module defines ``NAME`` (the stable criterion name), ``LABEL`` and
``evaluate(context) -> CriterionResult``; :mod:`autograder.rubric.scoring` lists them in
rubric order with their weights. Shared helpers live in
:mod:`autograder.rubric.criteria.base`.
"""
