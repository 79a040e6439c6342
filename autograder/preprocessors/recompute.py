"""Recompute rubric and case-based grades outside the learner's kernel (nbgrader preprocessor).

nbgrader runs a submission in one kernel, learner code first, so learner code
can change anything the test cells use (the grader's functions, builtins,
``print``, the display system). This preprocessor runs after nbgrader's
``Execute`` and, for every test cell that ends in a call of ``grade_reply``,
``grade_cases`` or ``grade_agreement`` (or a sum of such calls):

1. reads the test cell's source (restored from the instructor's version by
   nbgrader's ``OverwriteCells``) to learn the scenario, the points, the answer
   variable or function, and the cases: constant expressions, names bound to
   them in locked cells, and ``data_file("name")``, read from the instructor's
   source folder (see :func:`evaluate`);
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
import copy
import json
from dataclasses import dataclass
from pathlib import Path

from nbformat.v4 import new_output
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Float, Integer

from autograder.sandbox import timing
from autograder.sandbox.kernel import preload_for
from autograder.sandbox.run import Limits, run

GRADERS = ("grade_reply", "grade_cases", "grade_agreement")
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
_PARAMS = {
    "grade_reply": ("scenario", "reply", "points", "only", "title"),
    "grade_cases": ("func", "cases", "points", "tolerance", "what", "explain"),
    "grade_agreement": ("func", "rows", "points", "floor", "full", "what"),
}
#: the longest list or string a ``*`` in a test cell may build
LIMIT = 100_000


@dataclass(frozen=True)
class GradingCall:
    """One ``grade_reply``, ``grade_cases`` or ``grade_agreement`` call at the end of a test cell.

    Attributes:
        kind: the helper's name.
        target: the answer variable (reply) or function name (cases, agreement).
        points: the points the call awards at most.
        scenario: the scenario id (``grade_reply``).
        only: the criteria the score is limited to (``grade_reply``), or ``None``.
        cases: ``(input, expected)`` pairs (``grade_cases``), or ``(label, reply)``
            pairs (``grade_agreement``).
        tolerance: numeric tolerance (``grade_cases``).
        what: how the cases are described to the learner.
        explain: whether failed cases are shown (visible examples, ``grade_cases``).
        floor: agreement that earns nothing (``grade_agreement``).
        full: agreement that earns all the points (``grade_agreement``).
    """

    kind: str
    target: str
    points: float
    scenario: str = ""
    only: tuple[str, ...] | None = None
    cases: tuple = ()
    tolerance: float | None = None
    what: str = "hidden examples"
    explain: bool = False
    floor: float = 0.6
    full: float = 0.85


class Unresolvable(ValueError):
    """A test cell's grading call cannot be read without running code."""


def _no_data(name: str) -> object:
    raise Unresolvable(f"data_file({name!r}) cannot be read here")


def evaluate(node: ast.expr, names: dict[str, object], data=_no_data):
    """The value of a constant expression in an instructor's cell, without running it.

    Literals, names bound to such values in locked cells, indexing and slicing,
    ``+`` and ``*`` on them, and ``data_file("name")`` (read by ``data``) are
    understood; anything else raises :class:`Unresolvable`.
    """

    def ev(part: ast.expr):
        return evaluate(part, names, data)

    match node:
        case ast.Constant(value=value):
            return value
        case ast.List(elts=elts):
            return [ev(e) for e in elts]
        case ast.Tuple(elts=elts):
            return tuple(ev(e) for e in elts)
        case ast.Set(elts=elts):
            return {ev(e) for e in elts}
        case ast.Dict(keys=keys, values=values) if None not in keys:
            return {ev(k): ev(v) for k, v in zip(keys, values, strict=True)}
        case ast.Name(id=name):
            if name in names:
                return copy.deepcopy(names[name])
            raise Unresolvable(f"{name} is not a constant defined in a locked cell")
        case ast.Subscript(value=value, slice=index):
            return ev(value)[ev(index)]
        case ast.Slice(lower=lower, upper=upper, step=step):
            return slice(*(None if part is None else ev(part) for part in (lower, upper, step)))
        case ast.UnaryOp(op=ast.USub() | ast.UAdd() as op, operand=operand):
            value = ev(operand)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise Unresolvable("a sign in front of something that is not a number")
            return -value if isinstance(op, ast.USub) else value
        case ast.BinOp(left=left, op=ast.Add(), right=right):
            return ev(left) + ev(right)
        case ast.BinOp(left=left, op=ast.Mult(), right=right):
            a, b = ev(left), ev(right)
            count, seq = (b, a) if isinstance(b, int) else (a, b)
            if isinstance(seq, (list, tuple, str)) and isinstance(count, int) and len(seq) * count > LIMIT:
                raise Unresolvable("a repeated list that is too long")
            return a * b
        case ast.Call(func=ast.Name(id="data_file"), args=[ast.Constant(value=str() as name)], keywords=[]):
            return data(name)
    raise Unresolvable(f"{ast.unparse(node)!r} is not a constant expression")


def _calls(node: ast.expr) -> list[ast.Call] | None:
    """The grading calls of ``grade_x(...)`` or ``grade_x(...) + grade_y(...) + ...``, else ``None``."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _calls(node.left), _calls(node.right)
        return left + right if left is not None and right is not None else None
    if isinstance(node, ast.Call):
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        return [node] if name in GRADERS else None
    return None


def _grading_call(call: ast.Call, names: dict[str, object], data) -> GradingCall:
    name = call.func.id if isinstance(call.func, ast.Name) else call.func.attr
    kwargs = {k.arg: k.value for k in call.keywords if k.arg}
    bound = dict(zip(_PARAMS[name], call.args, strict=False)) | kwargs
    subject = bound.get("reply" if name == "grade_reply" else "func")
    if not isinstance(subject, ast.Name):
        raise Unresolvable(f"{name} must be given the answer's name")

    def arg(key: str, default=None):
        return evaluate(bound[key], names, data) if key in bound else default

    points = float(arg("points"))
    if name == "grade_reply":
        only = arg("only")
        return GradingCall(
            name, subject.id, points, scenario=str(arg("scenario")), only=tuple(only) if only else None
        )
    if name == "grade_agreement":
        from autograder.agreement import labelled_pairs

        return GradingCall(
            name,
            subject.id,
            points,
            cases=tuple(labelled_pairs(arg("rows"))),
            what=str(arg("what", "labelled replies")),
            floor=float(arg("floor", 0.6)),
            full=float(arg("full", 0.85)),
        )
    return GradingCall(
        name,
        subject.id,
        points,
        cases=tuple(tuple(pair) for pair in arg("cases")),
        tolerance=arg("tolerance"),
        what=str(arg("what", "hidden examples")),
        explain=bool(arg("explain", False)),
    )


def find_calls(source: str, names: dict[str, object], data=_no_data) -> list[GradingCall]:
    """The grading calls whose sum ends ``source`` (empty if the cell ends otherwise)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    if not tree.body or not isinstance(tree.body[-1], ast.Expr):
        return []
    calls = _calls(tree.body[-1].value)
    if not calls:
        return []
    try:
        return [_grading_call(call, names, data) for call in calls]
    except Unresolvable:
        raise
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise Unresolvable(f"{type(exc).__name__}: {exc}") from None


def locked_literals(sources: list[str], data=_no_data) -> dict[str, object]:
    """Top-level ``NAME = <constant expression>`` bindings in instructor (locked) cells, in order."""
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
                    names[node.targets[0].id] = evaluate(node.value, names, data)
                except (Unresolvable, KeyError, TypeError, ValueError, IndexError):
                    names.pop(node.targets[0].id, None)
    return names


def locked_sources(nb) -> list[str]:
    """The sources of the instructor's locked code cells (restored by nbgrader when grading)."""
    return [
        c.source for c in nb.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("locked")
    ]


def file_reader(folder: Path):
    """A ``data_file`` reader for files in ``folder`` (and nowhere else); problems are Unresolvable."""
    from autograder.nbgrade import read_data_file

    folder = folder.resolve()

    def read(name: str) -> object:
        path = (folder / name).resolve()
        if not path.is_relative_to(folder) or not path.is_file():
            raise Unresolvable(f"data_file({name!r}): no such file in {folder}")
        try:
            return read_data_file(path)
        except (OSError, ValueError) as exc:
            raise Unresolvable(f"data_file({name!r}): {exc}") from None

    return read


def grading_problems(nb, folder: Path) -> list[str]:
    """Why test cells of a source notebook would be graded in the learner's kernel only.

    Every autograded test cell should end in grading calls that this
    preprocessor can read (constant cases, data files in ``folder``) and that
    award exactly the cell's points; otherwise learner code could change its grade.
    """
    data = file_reader(folder)
    names = locked_literals(locked_sources(nb), data)
    problems = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or not meta.get("grade") or meta.get("solution"):
            continue
        grade_id = meta.get("grade_id")
        try:
            calls = find_calls(cell.source, names, data)
        except Unresolvable as exc:
            problems.append(f"test cell {grade_id!r} cannot be recomputed: {exc}")
            continue
        if not calls:
            problems.append(
                f"test cell {grade_id!r} does not end in grade_reply, grade_cases or grade_agreement "
                "(its grade would come from the learner's kernel)"
            )
        elif abs(sum(call.points for call in calls) - float(meta.get("points", 0))) > 1e-9:
            problems.append(
                f"test cell {grade_id!r} awards {sum(call.points for call in calls):g} points "
                f"but is worth {meta.get('points')}"
            )
    return problems


def data_reader(resources: dict, preprocessor):
    """A ``data_file`` reader for the instructor's source folder of the assignment being graded."""
    from nbgrader.coursedir import CourseDirectory

    assignment = resources.get("nbgrader", {}).get("assignment")
    if not assignment:
        return _no_data
    owner = preprocessor.parent
    while owner is not None and getattr(owner, "coursedir", None) is None:
        owner = getattr(owner, "parent", None)
    coursedir = owner.coursedir if owner is not None else CourseDirectory(config=preprocessor.config)
    return file_reader(Path(coursedir.format_path(coursedir.source_directory, ".", assignment)))


def recomputed_cells(nb, resources: dict, preprocessor) -> set[int]:
    """Indices of the test cells :class:`RecomputeGrades` grades (they need not run in the kernel).

    ``preprocessor``: any nbgrader preprocessor of the same chain (to find the course directory).
    """
    data = data_reader(resources, preprocessor)
    names = locked_literals(locked_sources(nb), data)
    found = set()
    for index, cell in enumerate(nb.cells):
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or not meta.get("grade") or meta.get("solution"):
            continue
        try:
            if find_calls(cell.source, names, data):
                found.add(index)
        except Unresolvable:
            continue
    return found


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


class RecomputeGrades(NbGraderPreprocessor):
    """Replace the in-kernel results of rubric and case tests with ones computed outside the kernel."""

    step_seconds = Float(30.0, help="Time limit for one learner cell or one graded answer.").tag(config=True)
    total_seconds = Float(180.0, help="Time limit for all of one notebook.s learner cells.").tag(config=True)
    memory_mb = Integer(2048, help="Address-space limit (MiB) for that run.").tag(config=True)

    def preprocess(self, nb, resources):
        workdir = Path(resources.get("metadata", {}).get("path") or ".")
        data = self._data_reader(resources)
        names = locked_literals(locked_sources(nb), data)
        steps, graded = [], []
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("grade") and not meta.get("solution"):
                try:
                    calls = find_calls(cell.source, names, data)
                except Unresolvable as exc:
                    self.log.warning("Cannot recompute %s: %s", meta.get("grade_id"), exc)
                    continue
                for number, call in enumerate(calls):
                    key = f"{index}.{number}"
                    if call.kind == "grade_reply":
                        steps.append({"read": call.target, "key": key})
                    elif call.kind == "grade_cases":
                        # one step per case: a case that hangs or ends the process costs that case only
                        for case, given in enumerate(_inputs(call)):
                            steps.append({"call": call.target, "inputs": [given], "key": f"{key}.{case}"})
                    else:
                        steps.append({"call": call.target, "inputs": _inputs(call), "key": key})
                if calls:
                    graded.append((index, calls))
            elif not is_practice_only(cell.source):
                steps.append({"exec": python_source(cell.source)})
        if not graded:
            return nb, resources
        steps = _through_last_answer(steps)
        limits = Limits(
            step_seconds=self.step_seconds,
            total_seconds=self.total_seconds,
            memory_bytes=self.memory_mb * 1024**2,
        )
        with timing.phase("recompute"):
            sources = [step["exec"] for step in steps if "exec" in step]
            outcome = run(steps, workdir=workdir, limits=limits, preload=preload_for(sources, tuple(PRELOAD)))
        for index, calls in graded:
            outputs, total = [], 0.0
            for number, call in enumerate(calls):
                key = f"{index}.{number}"
                if call.kind == "grade_cases":
                    data, problem = per_case(call, key, outcome)
                else:
                    data, problem = outcome.data.get(key), outcome.problems.get(key, "")
                shown, earned = self._outputs(call, data, problem)
                outputs += shown
                total += earned
            nb.cells[index].outputs = [*outputs, _value(round(total, 2))]
        return nb, resources

    def _data_reader(self, resources):
        return data_reader(resources, self)

    def _outputs(self, call: GradingCall, data, problem: str) -> tuple[list, float]:
        """The outputs that report one call's result, and the points it earns."""
        from autograder import nbgrade
        from autograder.agreement import agreement_points
        from autograder.rubric.report import result_html, result_text

        if data is None:
            return _said(f"Your code could not be graded: it {problem or 'did not run'}. 0 points."), 0.0
        if not well_formed(call, data):
            self.log.warning("Learner code sent a forged result for %s: %.200r", call.target, data)
            return _said(FORGED), 0.0
        if call.kind == "grade_reply":
            if "value" not in data:
                what = (
                    "is not defined" if data.get("missing") == "undefined" else f"is a {data.get('missing')}"
                )
                return _said(f"{call.target} {what}, not your reply as text: 0 points."), 0.0
            result, earned = nbgrade.score_points(call.scenario, data["value"], call.points, call.only)
            html = result_html(result, "Rubric feedback", earned, call.points)
            text = result_text(result, "Rubric feedback", earned, call.points)
            return [_display(html, text)], earned
        if call.kind == "grade_agreement":
            labels = [label for label, _ in call.cases]
            result = agreement_points(data, labels, call.points, call.floor, call.full, call.what)
            return _said(result.message), result.points
        outcomes = [
            nbgrade.judge(item, expected, call.tolerance)
            for item, (_, expected) in zip(data, call.cases, strict=True)
        ]
        explain = (call.target, call.cases) if call.explain else None
        earned, message = nbgrade.case_points(outcomes, call.points, call.what, explain)
        stopped = sum(note.startswith("stopped: ") for _, note in outcomes)
        if stopped:
            message += f"\n{stopped} of them could not be checked: your code {problem}."
        return _said(message), earned


FORGED = (
    "Your code could not be graded: it wrote into the grader's own results channel instead of "
    "returning its answers. 0 points."
)


def per_case(call: GradingCall, key: str, outcome) -> tuple[list | None, str]:
    """The results of a ``grade_cases`` call run one case per step, as one list, and why any is missing.

    A case whose step hung or ended the process gets ``{"error": "stopped: <why>"}``; a case
    whose result is not a one-item list (forged by learner code) makes the whole list forged.
    """
    data, problems = [], []
    for case in range(len(call.cases)):
        item = outcome.data.get(f"{key}.{case}")
        if item is None:
            why = outcome.problems.get(f"{key}.{case}", "did not run")
            problems.append(why)
            data.append({"error": f"stopped: {why}"})
        elif isinstance(item, list) and len(item) == 1:
            data.append(item[0])
        else:
            return item, ""
    if len(problems) == len(call.cases):
        return None, problems[0]
    return data, problems[0] if problems else ""


def well_formed(call: GradingCall, data: object) -> bool:
    """Whether ``data`` has the shape the sandbox child reports for ``call``.

    The child reports ``{"value": text}`` or ``{"missing": why}`` for a reply, and one
    ``{"value": json}`` or ``{"error": why}`` per case for a function. Learner code runs in
    that same process and can reach its result pipe, so anything else is a forgery: it is
    scored 0 with a note, never allowed to stop the grading of the notebook.
    """
    if call.kind == "grade_reply":
        if not isinstance(data, dict):
            return False
        missing = "value" not in data and isinstance(data.get("missing"), str)
        return isinstance(data.get("value"), str) or missing
    if not isinstance(data, list) or len(data) != len(call.cases):
        return False
    return all(isinstance(i, dict) and ("value" in i or isinstance(i.get("error"), str)) for i in data)


def _through_last_answer(steps: list[dict]) -> list[dict]:
    """``steps`` up to the last read or call: learner cells after it cannot change any answer read.

    A notebook with thousands of cells added after its last test cell then costs the
    recompute step nothing for them (they still run in nbgrader's kernel, within its budget).
    """
    last = max((i for i, step in enumerate(steps) if "key" in step), default=-1)
    return steps[: last + 1]


def _inputs(call: GradingCall) -> list[list]:
    """Arguments for each call of the learner's function (a tuple input is spread, as in run_cases)."""
    if call.kind == "grade_agreement":
        return [[reply] for _, reply in call.cases]
    return [list(given) if isinstance(given, tuple) else [given] for given, _ in call.cases]


def _display(html: str, text: str):
    return new_output("display_data", data={"text/html": html, "text/plain": text})


def _value(points: float):
    return new_output("execute_result", data={"text/plain": repr(float(points))}, execution_count=None)


def _said(message: str) -> list:
    return [new_output("stream", name="stdout", text=message + "\n")]


def dumps(value) -> str:
    """JSON text of plain data (used by tests to compare with the sandbox's view)."""
    return json.dumps(value, sort_keys=True)
