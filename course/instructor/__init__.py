"""Instructor tools: the whole nbgrader cycle as one command (``python -m course``).

Built on nbgrader's own API and converters: validate, generate, release, collect,
autograde (in parallel, resumable), feedback, export and a class report. See
``docs/instructor.md``.
"""
