"""Recompute rubric and case-based grades outside the learner's kernel (nbgrader preprocessor).

nbgrader runs a submission in one kernel, learner code first, so learner code
can change anything the test cells use (the grader's functions, builtins,
``print``, the display system). This preprocessor runs after nbgrader's
``Execute`` and, for every test cell that ends in ``grade_reply(...)`` or
``grade_cases(...)``:

1. reads the test cell's source (restored from the instructor's version by
   nbgrader's ``OverwriteCells``) to learn the scenario, the points, the answer
   variable or function, and the cases (literals, or names bound to literals in
   locked cells);
2. runs the learner's cells again in a fresh, limited process
   (:mod:`autograder.sandbox`) that only reports plain data back: the reply text
   and the values the function returned;
3. scores that data here, with the installed grader, and replaces the cell's
   outputs with the real feedback and points.

Learner code never runs in this process and never sees the expected answers,
so nothing it does in the kernel can change these grades.
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass
from pathlib import Path

from nbformat.v4 import new_output
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Float, Integer

from autograder.sandbox import Limits, run

GRADERS = ("grade_reply", "grade_cases")
# cells made only of these calls are practice aids; they are not re-run
_PRACTICE_CALLS = frozenset({"check_reply", "check_function", "Quiz", "show_progress", "display", "print"})
PRELOAD = [
    "nltk",
    "nltk.tokenize",
    "nltk.stem",
    "nltk.util",
    "nltk.probability",
    "nltk.sentiment",
    "math",
    "re",
]


@dataclass(frozen=True)
class GradingCall:
    """A ``grade_reply`` or ``grade_cases`` call found at the end of a test cell.

    Attributes:
        kind: ``"grade_reply"`` or ``"grade_cases"``.
        target: the answer variable (reply) or function name (cases).
        points: the points the call awards at most.
        scenario: the scenario id (``grade_reply``).
        only: the criteria the score is limited to (``grade_reply``), or ``None``.
        cases: ``(input, expected)`` pairs (``grade_cases``).
        tolerance: numeric tolerance (``grade_cases``).
        what: how the cases are described to the learner.
    """

    kind: str
    target: str
    points: float
    scenario: str = ""
    only: tuple[str, ...] | None = None
    cases: tuple = ()
    tolerance: float | None = None
    what: str = "hidden examples"


class Unresolvable(ValueError):
    """A test cell's grading call cannot be read without running code."""


def _literal(node: ast.expr, names: dict[str, object]):
    if isinstance(node, ast.Name):
        if node.id in names:
            return names[node.id]
        raise Unresolvable(f"{node.id} is not a literal defined in a locked cell")
    try:
        return ast.literal_eval(node)
    except ValueError as exc:
        raise Unresolvable(str(exc)) from None


def find_call(source: str, names: dict[str, object]) -> GradingCall | None:
    """The grading call that ends ``source``, or ``None`` if the cell ends otherwise."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    if (
        not tree.body
        or not isinstance(tree.body[-1], ast.Expr)
        or not isinstance(tree.body[-1].value, ast.Call)
    ):
        return None
    call = tree.body[-1].value
    name = call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")
    if name not in GRADERS:
        return None
    kwargs = {k.arg: k.value for k in call.keywords if k.arg}
    params = (
        ("scenario", "reply", "points", "only", "title")
        if name == "grade_reply"
        else ("func", "cases", "points", "tolerance", "what")
    )
    bound = dict(zip(params, call.args, strict=False)) | kwargs
    subject = bound.get("reply" if name == "grade_reply" else "func")
    if not isinstance(subject, ast.Name):
        raise Unresolvable(f"{name} must be given the answer's name")
    points = float(_literal(bound["points"], names))
    if name == "grade_reply":
        only = _literal(bound["only"], names) if "only" in bound else None
        return GradingCall(
            name,
            subject.id,
            points,
            scenario=str(_literal(bound["scenario"], names)),
            only=tuple(only) if only else None,
        )
    cases = tuple(tuple(pair) for pair in _literal(bound["cases"], names))
    tolerance = _literal(bound["tolerance"], names) if "tolerance" in bound else None
    what = str(_literal(bound["what"], names)) if "what" in bound else "hidden examples"
    return GradingCall(name, subject.id, points, cases=cases, tolerance=tolerance, what=what)


def locked_literals(sources: list[str]) -> dict[str, object]:
    """Top-level ``NAME = <literal>`` bindings in instructor (locked) cells."""
    names: dict[str, object] = {}
    for source in sources:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in tree.body:
            if (
                isinstance(node, ast.Assign)
                and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
            ):
                try:
                    names[node.targets[0].id] = ast.literal_eval(node.value)
                except ValueError:
                    names.pop(node.targets[0].id, None)
    return names


def is_practice_only(source: str) -> bool:
    """Whether a cell only imports things and calls practice aids (self-check, quizzes)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            func = node.value.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in _PRACTICE_CALLS:
                continue
        return False
    return True


def python_source(source: str) -> str:
    """A cell's source as plain Python (IPython magics and ``!`` commands become calls)."""
    from IPython.core.inputtransformer2 import TransformerManager

    try:
        return TransformerManager().transform_cell(source)
    except Exception:  # a cell IPython cannot parse fails in the child as it did in the kernel
        return source


def _args(given) -> list:
    """Arguments for one case: a tuple input is spread, anything else is one argument (as in run_cases)."""
    return list(given) if isinstance(given, tuple) else [given]


class RecomputeGrades(NbGraderPreprocessor):
    """Replace the in-kernel results of rubric and case tests with ones computed outside the kernel."""

    step_seconds = Float(30.0, help="Time limit for one learner cell or one graded answer.").tag(config=True)
    total_seconds = Float(180.0, help="Time limit for all of one notebook.s learner cells.").tag(config=True)
    memory_mb = Integer(2048, help="Address-space limit (MiB) for that run.").tag(config=True)

    def preprocess(self, nb, resources):
        workdir = Path(resources.get("metadata", {}).get("path") or ".")
        locked = [
            c.source
            for c in nb.cells
            if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("locked")
        ]
        names = locked_literals(locked)
        steps, graded = [], []
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("grade") and not meta.get("solution"):
                try:
                    call = find_call(cell.source, names)
                except (Unresolvable, KeyError, TypeError, ValueError) as exc:
                    self.log.warning("Cannot recompute %s: %s", meta.get("grade_id"), exc)
                    continue
                if call is None:
                    continue
                key = str(index)
                if call.kind == "grade_reply":
                    steps.append({"read": call.target, "key": key})
                else:
                    steps.append(
                        {"call": call.target, "inputs": [_args(g) for g, _ in call.cases], "key": key}
                    )
                graded.append((index, call))
            elif not is_practice_only(cell.source):
                steps.append({"exec": python_source(cell.source)})
        if not graded:
            return nb, resources
        limits = Limits(
            step_seconds=self.step_seconds,
            total_seconds=self.total_seconds,
            memory_bytes=self.memory_mb * 1024**2,
        )
        outcome = run(steps, workdir=workdir, limits=limits, preload=PRELOAD)
        for index, call in graded:
            key = str(index)
            problem = outcome.problems.get(key, "")
            nb.cells[index].outputs = self._outputs(call, outcome.data.get(key), problem)
        return nb, resources

    def _outputs(self, call: GradingCall, data, problem: str) -> list:
        from autograder import nbgrade
        from autograder.report import result_html, result_text

        if data is None:
            return _result(0.0, f"Your code could not be graded: it {problem or 'did not run'}. 0 points.")
        if call.kind == "grade_reply":
            if "value" not in data:
                what = (
                    "is not defined" if data.get("missing") == "undefined" else f"is a {data.get('missing')}"
                )
                return _result(0.0, f"{call.target} {what}, not your reply as text: 0 points.")
            result, earned = nbgrade.score_points(call.scenario, data["value"], call.points, call.only)
            html = result_html(result, "Rubric feedback", earned, call.points)
            text = result_text(result, "Rubric feedback", earned, call.points)
            return [_display(html, text), _value(earned)]
        outcomes = [
            nbgrade.judge(item, expected, call.tolerance)
            for item, (_, expected) in zip(data, call.cases, strict=True)
        ]
        earned, message = nbgrade.case_points(outcomes, call.points, call.what)
        return _result(earned, message)


def _display(html: str, text: str):
    return new_output("display_data", data={"text/html": html, "text/plain": text})


def _value(points: float):
    return new_output("execute_result", data={"text/plain": repr(float(points))}, execution_count=None)


def _result(points: float, message: str) -> list:
    return [new_output("stream", name="stdout", text=message + "\n"), _value(points)]


def dumps(value) -> str:
    """JSON text of plain data (used by tests to compare with the sandbox's view)."""
    return json.dumps(value, sort_keys=True)
