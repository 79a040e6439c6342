"""The instructor's whole nbgrader cycle: python -m course COMMAND (or empathy-course COMMAND).

    validate -> generate -> release -> (learners fetch and submit) -> collect
    -> autograde -> (manual grading in formgrader) -> feedback -> export -> report

Every step runs nbgrader's own API on the course directory (the folder holding
``nbgrader_config.py``; this repository's root by default). ``demo`` builds a scratch
class of 30 learners and runs the cycle end to end.
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
from pathlib import Path

from course.instructor.coursedir import Course, CourseError, find_root

EPILOG = "Settings live in nbgrader_config.py; see docs/instructor.md for the whole cycle."


def _course(args: argparse.Namespace) -> Course:
    return Course(Path(args.course) if args.course else find_root())


def _assignments(course: Course, names: list[str], every: bool) -> list[str]:
    if every:
        names = course.source_assignments()
    if not names:
        raise CourseError("name at least one assignment (or --all)")
    return names


def _out(course: Course, value: str | None, default: str) -> Path:
    return Path(value).resolve() if value else course.root / "artifacts" / default


def cmd_validate(args: argparse.Namespace) -> int:
    from course.instructor import steps

    course = _course(args)
    result = steps.validate(course, args.assignment or None, execute=not args.no_execute)
    for problem in result.problems:
        print(f"{problem.notebook.relative_to(course.root)}: {problem.message}")
    print(f"{len(result.checked)} notebooks checked, {len(result.problems)} problems")
    return 1 if result.problems else 0


def cmd_generate(args: argparse.Namespace) -> int:
    from course.instructor import steps

    course = _course(args)
    for name in _assignments(course, args.assignment, args.all):
        steps.generate(course, name)
        print(f"generated {course.release.name}/{name} (and its gradebook entry)")
    return 0


def cmd_release(args: argparse.Namespace) -> int:
    from course.instructor import steps

    course = _course(args)
    for name in _assignments(course, args.assignment, args.all):
        steps.release(course, name, force=args.force)
        print(f"released {name} to the exchange at {course.exchange_root}")
    return 0


def cmd_collect(args: argparse.Namespace) -> int:
    from course.instructor import ids, steps

    course = _course(args)
    for name in _assignments(course, args.assignment, args.all):
        steps.collect(course, name, before_duedate=args.before_duedate)
        which = " (each learner's newest made by the due date)" if args.before_duedate else ""
        print(f"collected {name}: {len(course.submitted_students(name))} submissions in submitted/{which}")
        for line in ids.case_warnings(course, name):
            print(f"warning: {line}")
    return 0


def cmd_autograde(args: argparse.Namespace) -> int:
    from course.instructor import calendar
    from course.instructor.autograde import autograde, summary

    course = _course(args)
    failed = False
    for name in _assignments(course, args.assignment, args.all):
        if args.all and not course.submitted_students(name):
            print(f"{name}: no submissions yet, skipped")
            continue
        run = autograde(
            course,
            name,
            students=args.student or None,
            workers=args.workers,
            timeout=args.timeout,
            submission_timeout=args.submission_timeout,
            force=args.force,
            progress=not args.quiet,
            isolation=not args.no_isolation,
        )
        print(summary(run))
        if run.interrupted:
            return 130
        for change in calendar.refresh_late_penalties(course, name):
            print(
                f"  {change.student}: late penalty of {change.notebook} recomputed for the current due date "
                f"and extension: {change.before:g} -> {change.after:g} points"
            )
        failed = failed or not run.ok
    return 1 if failed else 0


def cmd_feedback(args: argparse.Namespace) -> int:
    from course.instructor import checks, feedback, steps

    course = _course(args)
    for name in _assignments(course, args.assignment, args.all):
        if args.all and not checks.learners_with(course.autograded, name):
            print(f"{name}: nothing autograded yet, skipped")
            continue
        feedback.generate(course, name, args.student)
        print(f"feedback for {name} in {course.feedback.name}/<learner>/{name}/")
        if args.release:
            steps.release_feedback(course, name, args.student)
            print(f"released feedback for {name} to the exchange")
    return 0


def cmd_release_feedback(args: argparse.Namespace) -> int:
    from course.instructor import steps

    course = _course(args)
    for name in _assignments(course, args.assignment, args.all):
        steps.release_feedback(course, name, args.student)
        print(f"released feedback for {name} to the exchange")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from course.instructor import export

    course = _course(args)
    exported = export.export_all(course, _out(course, args.out, "export"))
    for path in exported.paths:
        print(f"wrote {path}")
    if exported.grading:
        being = ", ".join(f"{student} ({assignment})" for assignment, student in exported.grading)
        print(f"note: being autograded right now, so left empty: {being}; export again when it ends")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from course.instructor import report

    course = _course(args)
    path = report.write(course, _out(course, args.out, "report.html"), base_url=args.base_url)
    print(f"wrote {path}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from course.instructor import demo

    return demo.main(args)


def _add_assignments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("assignment", nargs="*", help="assignment name(s), e.g. 01-empathy-vs-sympathy")
    parser.add_argument("--all", action="store_true", help="every assignment in source/")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m course",
        description=textwrap.dedent(__doc__ or "").strip().split("\n\n")[0],
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--course", help="the course directory (default: the nearest with nbgrader_config.py)"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, func, help: str, description: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=description, epilog=EPILOG)
        p.set_defaults(func=func)
        return p

    p = command(
        "validate",
        cmd_validate,
        "check the source notebooks (metadata; tests pass on the solutions)",
        "Check every source notebook (or the named assignments): nbgrader cell metadata, unique "
        "grade ids, that every test cell's grade can be recomputed outside the learner's kernel "
        "(it ends in grade_reply, grade_cases or grade_agreement with constant cases), and (unless "
        "--no-execute) that every test cell passes on the instructor's solution, with nbgrader's "
        "validator. Exits 1 when there is a problem.",
    )
    p.add_argument("assignment", nargs="*", help="assignment name(s); default: all in source/")
    p.add_argument("--no-execute", action="store_true", help="only check metadata (fast)")

    p = command(
        "generate",
        cmd_generate,
        "generate the student version in release/ (nbgrader generate_assignment)",
        "Generate the student version of each assignment into release/ with nbgrader "
        "generate_assignment (solutions and hidden tests removed) and record the assignment, "
        "its cells and points in the gradebook. Re-running overwrites the release.",
    )
    _add_assignments(p)

    p = command(
        "release",
        cmd_release,
        "release assignments to the exchange (nbgrader release_assignment)",
        "Copy the generated release to the exchange (c.Exchange.root in nbgrader_config.py; "
        "./exchange by default) where learners fetch it. Creates the exchange folder if needed.",
    )
    _add_assignments(p)
    p.add_argument("--force", action="store_true", help="replace an assignment already released")

    p = command(
        "collect",
        cmd_collect,
        "collect submissions from the exchange into submitted/ (nbgrader collect --update)",
        "Copy each learner's newest submission from the exchange into submitted/<learner>/"
        "<assignment>/ (nbgrader collect --update: newer submissions replace older ones). "
        "Warns about learner ids that differ from another only in case.",
    )
    _add_assignments(p)
    p.add_argument(
        "--before-duedate",
        action="store_true",
        help="take each learner's newest submission made by the due date (with extension) when there "
        "is one, so a late resubmission does not replace an on-time one (nbgrader collect --before-duedate)",
    )

    p = command(
        "autograde",
        cmd_autograde,
        "autograde submissions in parallel, with progress, timeouts and resume",
        "Autograde the collected submissions with nbgrader, several at a time (one worker "
        "process per core by default). Scores are those of `nbgrader autograde`. Ctrl-C stops "
        "after the submissions being graded (twice: at once). A stopped or killed run can be "
        "started again: submissions already graded from the same submitted files are skipped. "
        "A submission that cannot be graded (no notebook, an unreadable one, an nbgrader error) "
        "is named with its cause and never scored 0; a renamed notebook or work saved in a copy "
        "is graded as the expected notebook. Late penalties are recomputed for the current due "
        "dates and extensions after each run. A hanging cell is stopped after --timeout seconds and "
        "scores zero; a whole submission is stopped after --submission-timeout seconds.",
    )
    _add_assignments(p)
    p.add_argument("--student", action="append", help="only this learner (repeatable)")
    p.add_argument("--workers", type=int, help="parallel workers (default: number of cores)")
    p.add_argument("--timeout", type=int, help="per-cell timeout in seconds (default: Execute.timeout)")
    p.add_argument(
        "--submission-timeout", type=float, help="wall-clock limit per submission in seconds (default 900)"
    )
    p.add_argument("--force", action="store_true", help="grade again even what is already graded")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument(
        "--no-isolation",
        action="store_true",
        help="grade without bubblewrap where it cannot run (warned about, and recorded for the class report)",
    )

    p = command(
        "feedback",
        cmd_feedback,
        "generate per-learner HTML feedback (optionally release it)",
        "Generate feedback/<learner>/<assignment>/*.html with nbgrader generate_feedback: the "
        "points of every cell and, for each written reply, the rubric's criteria met and missed "
        "with advice. Hidden tests are removed. --release also puts it in the exchange.",
    )
    _add_assignments(p)
    p.add_argument("--student", help="only this learner")
    p.add_argument("--release", action="store_true", help="release the feedback to learners too")

    p = command(
        "release-feedback",
        cmd_release_feedback,
        "release generated feedback to the exchange (nbgrader release_feedback)",
        "Put the generated feedback in the exchange, where learners fetch it with "
        "`nbgrader fetch_feedback` or the Assignments tab.",
    )
    _add_assignments(p)
    p.add_argument("--student", help="only this learner")

    p = command(
        "export",
        cmd_export,
        "export grades and per-criterion results as CSV",
        "Write grades.csv (one row per learner, a column per assignment, total: for a "
        "learning management system), grades-long.csv (nbgrader's export), criteria.csv "
        "(learner x rubric criterion) and replies.csv (one row per written reply).",
    )
    p.add_argument("--out", help="output folder (default: artifacts/export in the course)")

    p = command(
        "report",
        cmd_report,
        "write the class report (HTML with plots)",
        "Write one HTML page: score distribution per assignment, mastery per rubric criterion "
        "across the class, and the written replies the rubric was least sure about, with links "
        "to formgrader.",
    )
    p.add_argument("--out", help="output file (default: artifacts/report.html in the course)")
    p.add_argument("--base-url", default="http://localhost:8888", help="JupyterLab URL for formgrader links")

    p = command(
        "demo",
        cmd_demo,
        "build a demo class of 30 learners and run the whole cycle",
        "Create a scratch course directory with a realistic class (learners from strong to "
        "blank, some late, some missing), then run generate, release, submit, collect, "
        "autograde, feedback, export and report on it.",
    )
    from course.instructor.demo import add_arguments

    add_arguments(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    # nbgrader runs `alembic` when it creates a gradebook: make this environment's tools findable
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except CourseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        from course.instructor import dblock

        if not dblock.is_busy_error(exc):
            raise
        course = _course(args)
        path = dblock.sqlite_path(course.db_url) or course.db_url
        print(
            f"error: {dblock.BUSY_MESSAGE.format(path=path, seconds=dblock.BUSY_TIMEOUT_MS / 1000)}",
            file=sys.stderr,
        )
        return 2
