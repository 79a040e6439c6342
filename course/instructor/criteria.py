"""Per-criterion results of every written reply, recomputed in the instructor's process.

The gradebook keeps one score per test cell; the rubric's criteria live only in the
cell's displayed output. For the criterion export and the class report we recompute
them, without executing any learner code:

1. In each autograded notebook, find the test cells that call
   ``grade_reply("scenario", reply_variable, points=N[, only=[...]])`` (parsed with
   :mod:`ast`; the authoring guide requires a literal scenario id and a variable name).
2. Find the learner's text in the answer cells above it: the last assignment
   ``reply_variable = <string literal>`` (concatenated and parenthesised literals too).
3. Score it with :func:`autograder.score_reply`, the same deterministic rubric the
   test cell ran, so the criteria equal the ones the learner saw.

A reply that is not a literal string (built by code, or a syntax error) cannot be
recomputed safely: it is listed with ``resolved=False`` and no criteria, and the class
report puts it on the manual-review list. An exercise left unanswered (the variable is
never assigned) is scored as an empty reply.
"""

from __future__ import annotations

import ast
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from course.instructor.coursedir import Course


@dataclass
class ReplyCheck:
    """One graded written reply of one learner."""

    student: str
    assignment: str
    notebook: str
    grade_id: str  # the test cell's grade id
    scenario: str
    variable: str
    points: float
    reply: str | None  # None: not a literal string
    score: float | None = None  # rubric score in [0, 1]
    confidence: float | None = None
    criteria: dict[str, bool] = field(default_factory=dict)  # criterion name -> met
    credit: dict[str, float] = field(default_factory=dict)  # criterion name -> credit
    labels: dict[str, str] = field(default_factory=dict)
    flags: tuple[str, ...] = ()

    @property
    def resolved(self) -> bool:
        return self.reply is not None and self.score is not None


@dataclass
class _Call:
    scenario: str
    variable: str
    points: float
    only: list[str] | None


def _literal(node: ast.AST) -> object:
    """The value of a literal expression, with string concatenation (``"a" + "b"``) allowed."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _literal(node.left), _literal(node.right)
        if isinstance(left, str) and isinstance(right, str):
            return left + right
        raise ValueError("not a string")
    return ast.literal_eval(node)


def _parse(source: str) -> ast.Module | None:
    try:
        return ast.parse(source)
    except SyntaxError:
        return None


def grade_reply_calls(source: str) -> list[_Call]:
    """The ``grade_reply(...)`` calls of a test cell, with their literal arguments."""
    tree = _parse(source)
    calls = []
    for node in ast.walk(tree) if tree else ():
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name != "grade_reply" or len(node.args) < 2 or not isinstance(node.args[1], ast.Name):
            continue
        try:
            scenario = _literal(node.args[0])
            keywords = {k.arg: _literal(k.value) for k in node.keywords if k.arg in ("points", "only")}
            points = keywords.get("points", _literal(node.args[2]) if len(node.args) > 2 else 0)
        except (ValueError, TypeError, SyntaxError):
            continue
        if isinstance(scenario, str):
            only = keywords.get("only")
            calls.append(_Call(scenario, node.args[1].id, float(points), list(only) if only else None))
    return calls


def assigned_text(sources: list[str], variable: str) -> str | None:
    """The string last assigned to ``variable`` in ``sources``.

    ``""`` when the variable is never assigned (an unanswered exercise: nothing to score,
    every criterion missed); ``None`` when its last value is not a literal string.
    """
    value: str | None = ""
    for source in sources:
        tree = _parse(source)
        if tree is None:
            continue
        for node in tree.body:
            targets = []
            if isinstance(node, ast.Assign):
                targets = node.targets
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                targets = [node.target]
            if any(isinstance(t, ast.Name) and t.id == variable for t in targets):
                try:
                    found = _literal(node.value)
                except (ValueError, TypeError, SyntaxError):
                    found = None
                value = found if isinstance(found, str) else None
    return value


def _score(scenario: str, reply: str, only: list[str] | None):
    from autograder import score_reply

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return score_reply(scenario, reply) if only is None else score_reply(scenario, reply, only=only)


def notebook_replies(path: Path, student: str, assignment: str) -> list[ReplyCheck]:
    """Every graded written reply in one (autograded or submitted) notebook."""
    nb = nbformat.read(path, as_version=4)
    found: list[ReplyCheck] = []
    code_before: list[str] = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code":
            continue
        if meta.get("grade") and not meta.get("solution"):
            for call in grade_reply_calls(cell.source):
                text = assigned_text(code_before, call.variable)
                check = ReplyCheck(
                    student,
                    assignment,
                    path.stem,
                    str(meta.get("grade_id", "")),
                    call.scenario,
                    call.variable,
                    call.points,
                    text,
                )
                if text is not None:
                    try:
                        result = _score(call.scenario, text, call.only)
                    except Exception:  # an unknown scenario or a rubric error: leave for a human
                        result = None
                    if result is not None:
                        check.score = float(result.score)
                        check.confidence = float(getattr(result, "confidence", 1.0))
                        check.flags = tuple(result.flags)
                        for criterion in result.criteria:
                            check.criteria[criterion.name] = bool(criterion.met)
                            check.credit[criterion.name] = float(criterion.credit)
                            check.labels[criterion.name] = criterion.label
                found.append(check)
        code_before.append(cell.source)
    return found


def class_replies(
    course: Course, assignments: list[str] | None = None, skip: set[tuple[str, str]] = frozenset()
) -> list[ReplyCheck]:
    """Every graded written reply in ``autograded/`` (all learners, the given assignments).

    ``(assignment, student)`` pairs in ``skip`` (being graded) and notebooks that cannot
    be read (being written) are left out.
    """
    checks: list[ReplyCheck] = []
    root = course.autograded
    if not root.is_dir():
        return checks
    for student_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        for assignment_dir in sorted(p for p in student_dir.iterdir() if p.is_dir()):
            if assignments and assignment_dir.name not in assignments:
                continue
            if (assignment_dir.name, student_dir.name) in skip:
                continue
            for path in sorted(assignment_dir.glob("*.ipynb")):
                try:
                    checks.extend(notebook_replies(path, student_dir.name, assignment_dir.name))
                except (OSError, ValueError):  # nbformat's NotJSONError is a ValueError
                    continue
    return checks
