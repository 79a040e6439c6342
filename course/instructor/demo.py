"""A demo class: 30 learners in a scratch course directory, and the whole cycle run on it.

``python -m course demo`` (``make demo``) creates ``demo/`` (a copy of this course's
``nbgrader_config.py`` and the chosen assignments), then runs every step as an instructor
would, with simulated learners fetching and submitting through the real exchange:

    generate -> release -> learners submit (some late, some not at all) -> collect
    -> autograde (parallel) -> feedback (+ release) -> export -> report

Learners range from strong to blank. Each answer cell gets one of a few alternatives
(strong to weak): for the bundled fixture assignments (``tests/fixtures/instructor``)
from ``answers/<assignment>.json``; for the course's own modules (``--modules``) the
instructor's solution, the weak answer of ``tests/fixtures/submissions/<module>/weak.json``
or nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import nbformat

from course.instructor.coursedir import CONFIG_NAME, Course

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "instructor"
FIXTURE_ASSIGNMENTS = ("ps1", "ps2")

FIRST = (
    "Amara Ben Chloe Dev Elena Farid Grace Hiro Ines Jonas Kemi Luca Maya Nikhil Olga Pablo Qi Rosa Sami "
    "Tara Umar Vera Wen Xavier Yara Zoe Aiden Bea Cyrus Dana Emil Fatima"
).split()
LAST = (
    "Okafor Schmidt Martin Patel Rossi Haddad Kim Tanaka Silva Berg Adeyemi Conti Cohen Rao Ivanova Ruiz "
    "Zhang Costa Nieminen Singh Ali Novak Liu Dubois Haddad Green Murphy Sato Farah Kowalski Weber Khan"
).split()

#: (share of the class, probabilities of answer levels 0=strong .. last=blank)
PROFILES = (
    ("strong", 0.25, (0.85, 0.15, 0.0, 0.0)),
    ("good", 0.30, (0.45, 0.40, 0.15, 0.0)),
    ("struggling", 0.30, (0.10, 0.35, 0.45, 0.10)),
    ("partial", 0.08, (0.20, 0.20, 0.20, 0.40)),
    ("blank", 0.07, (0.0, 0.0, 0.0, 1.0)),
)


@dataclass
class Learner:
    id: str
    first: str
    last: str
    profile: str
    weights: tuple[float, ...]
    late: bool
    skips: tuple[str, ...]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dir", help="the scratch course directory (default: demo/ in the repository)")
    parser.add_argument("--learners", type=int, default=30, help="class size (default 30)")
    parser.add_argument(
        "--modules",
        nargs="*",
        help="course modules from source/ to use (default: the two small bundled fixture assignments)",
    )
    parser.add_argument(
        "--fixtures",
        nargs="*",
        help=f"bundled fixture assignments to use (default: {' '.join(FIXTURE_ASSIGNMENTS)})",
    )
    parser.add_argument("--workers", type=int, help="autograde workers (default: number of cores)")
    parser.add_argument("--seed", type=int, default=7, help="random seed of the class (default 7)")
    parser.add_argument("--setup-only", action="store_true", help="create the class and stop before collect")


def cohort(size: int, assignments: list[str], seed: int) -> list[Learner]:
    rng = random.Random(seed)
    learners = []
    cut, profiles = 0.0, []
    for name, share, weights in PROFILES:
        cut += share
        profiles.append((cut, name, weights))
    for i in range(size):
        first, last = FIRST[i % len(FIRST)], LAST[(i * 7) % len(LAST)]
        position = (i + 0.5) / size
        _, profile, weights = next(p for p in profiles if position <= p[0] + 1e-9)
        late = rng.random() < 0.15
        skips = tuple(a for a in assignments[1:] if rng.random() < 0.07)
        learners.append(Learner(f"{first}.{last}".lower(), first, last, profile, weights, late, skips))
    return learners


def _answer_levels(course: Course, assignment: str, module_source: Path | None) -> dict[str, list[str]]:
    """grade_id -> alternative answers, strongest first (the blank level is added separately)."""
    path = FIXTURES / "answers" / f"{assignment}.json"
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    levels: dict[str, list[str]] = {}
    weak_path = REPO / "tests" / "fixtures" / "submissions" / assignment / "weak.json"
    weak = json.loads(weak_path.read_text(encoding="utf-8")) if weak_path.exists() else {}
    for nb_path in sorted((course.source / assignment).glob("*.ipynb")):
        for cell in nbformat.read(nb_path, as_version=4).cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("solution"):
                grade_id = meta["grade_id"]
                levels[grade_id] = [cell.source] + ([weak[grade_id]] if grade_id in weak else [])
    return levels


def _notebooks_for(
    course: Course, learner: Learner, assignment: str, levels: dict[str, list[str]], rng: random.Random
) -> dict[str, nbformat.NotebookNode]:
    out = {}
    for path in sorted((course.release / assignment).glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            options = levels.get(grade_id)
            if not options:
                continue
            level = rng.choices(range(len(learner.weights)), weights=learner.weights)[0]
            if level < len(learner.weights) - 1:  # the last level leaves the cell as released (blank)
                cell.source = options[min(level, len(options) - 1)]
        out[path.name] = nb
    return out


def create(
    target: Path, modules: list[str] | None, fixtures: list[str] | None = None
) -> tuple[Course, list[str]]:
    """A fresh scratch course at ``target`` with the repo's config and the chosen assignments."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copy(REPO / CONFIG_NAME, target / CONFIG_NAME)
    names = list(modules or fixtures or FIXTURE_ASSIGNMENTS)
    for name in names:
        origin = (REPO / "source" / name) if modules else (FIXTURES / "source" / name)
        if not origin.is_dir():
            raise SystemExit(f"error: no assignment {name} in {origin.parent}")
        shutil.copytree(origin, target / "source" / name)
    return Course(target), names


def _step(title: str) -> float:
    print(f"\n== {title}", flush=True)
    return time.monotonic()


def _done(started: float) -> None:
    print(f"   ({time.monotonic() - started:.1f} s)", flush=True)


def main(args: argparse.Namespace) -> int:
    from course.instructor import exchange, export, feedback, report, steps
    from course.instructor.autograde import autograde, summary

    began = time.monotonic()
    target = Path(args.dir).resolve() if args.dir else REPO / "demo"
    course, names = create(target, args.modules, args.fixtures)
    rng = random.Random(args.seed)
    learners = cohort(args.learners, names, args.seed)
    print(f"demo course: {course.root}")

    t = _step("validate the source (metadata)")
    result = steps.validate(course, names, execute=False)
    print(f"   {len(result.checked)} notebooks, {len(result.problems)} problems")
    _done(t)

    t = _step(f"generate and release {', '.join(names)}")
    for name in names:
        steps.generate(course, name)
        steps.release(course, name, force=True)
    _done(t)

    t = _step(f"{len(learners)} learners fetch, answer and submit through the exchange")
    with course.gradebook() as gb:
        for learner in learners:
            gb.update_or_create_student(
                learner.id,
                first_name=learner.first,
                last_name=learner.last,
                email=f"{learner.id}@example.org",
            )
    on_time = [learner for learner in learners if not learner.late]
    late = [learner for learner in learners if learner.late]
    levels = {name: _answer_levels(course, name, None) for name in names}
    for group in (on_time, late):
        if group is late:
            due = datetime.now(UTC).replace(tzinfo=None)
            with course.gradebook() as gb:
                for name in names:
                    gb.update_or_create_assignment(name, duedate=due)
            print(f"   due date set to {due:%H:%M:%S} UTC; {len(late)} learners submit after it")
            time.sleep(1.1)
        for learner in group:
            for name in names:
                if name in learner.skips:
                    continue
                exchange.submit_as(
                    course, learner.id, name, _notebooks_for(course, learner, name, levels[name], rng)
                )
    profiles = {}
    for learner in learners:
        profiles[learner.profile] = profiles.get(learner.profile, 0) + 1
    print("   profiles: " + ", ".join(f"{k} {v}" for k, v in profiles.items()))
    skipped = sum(len(learner.skips) for learner in learners)
    print(f"   {len(late)} late, {skipped} submissions missing")
    _done(t)
    if args.setup_only:
        return 0

    t = _step("collect")
    for name in names:
        steps.collect(course, name)
        print(f"   {name}: {len(course.submitted_students(name))} submissions")
    _done(t)

    ok = True
    for name in names:
        t = _step(f"autograde {name} (parallel)")
        run = autograde(course, name, workers=args.workers)
        print(summary(run))
        ok = ok and run.ok
        _done(t)

    t = _step("feedback (generate and release)")
    for name in names:
        feedback.generate(course, name)
        steps.release_feedback(course, name)
    _done(t)

    t = _step("export and report")
    out = course.root / "artifacts"
    for path in export.export_all(course, out / "export").paths:
        print(f"   {path.relative_to(course.root)}")
    page = report.write(course, out / "report.html")
    print(f"   {page.relative_to(course.root)}")
    _done(t)

    exchange.remove_learner_homes(course)
    example = next(iter(sorted(course.feedback.glob("*/*/*.html"))), None)
    print(f"\nDone in {time.monotonic() - began:.0f} s. Open:")
    print(f"  class report    {page}")
    print(f"  grades (LMS)    {out / 'export' / 'grades.csv'}")
    print(f"  criteria        {out / 'export' / 'criteria.csv'}")
    if example:
        print(f"  feedback        {example}")
    print(f"  formgrader      make instructor COURSE={course.root}")
    return 0 if ok else 1
