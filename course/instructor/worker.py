"""One autograde worker process: grades submissions it reads from stdin, one JSON line each.

Started by :mod:`course.instructor.autograde` (forked from the scheduler, see :func:`serve`,
or as ``python -m course.instructor.worker``); not meant to be run by hand. Each task
``{"assignment": ..., "student": ..., "force": bool}`` is graded with nbgrader's own
``NbGraderAPI.autograde`` (the code behind ``nbgrader autograde ASSIGNMENT --student S``),
with gradebook sessions serialised across workers (:mod:`course.instructor.dblock`). The
answer is one JSON line on the original stdout; nbgrader's log goes to a per-submission
file under ``.instructor/logs``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time

from course.instructor import dblock, state
from course.instructor.coursedir import Course
from course.instructor.dblock import FileLock
from course.instructor.intake import failure_cause, graded_view


def _watch_parent(parent: int) -> None:
    """Exit when the scheduler dies (killed with -9), so no worker is left grading alone."""
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(3)


def submission_score(course: Course, assignment: str, student: str) -> tuple[float, float]:
    with course.gradebook() as gb:
        submission = gb.find_submission(assignment, student)
        return float(submission.score), float(submission.max_score)


def grade_one(course: Course, api, task: dict) -> dict:
    assignment, student = task["assignment"], task["student"]
    started = time.monotonic()
    lock = state.lock_path(course, assignment, student)
    lock.parent.mkdir(parents=True, exist_ok=True)
    # one grader per submission, even across runs (an old run's orphan finishing up)
    with FileLock(lock):
        submitted = course.submitted / student / assignment
        if not task.get("force") and state.is_done(course, assignment, student):
            return {"status": "skipped", "seconds": 0.0}
        state.clear_record(course, assignment, student)
        stamp = state.fingerprint(submitted)
        with graded_view(course, api.coursedir, assignment, student):  # a renamed notebook, a worked copy
            result = api.autograde(assignment, student, force=True, create=True)
        log = course.state / "logs" / assignment / f"{student}.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(result.get("log", "") + "\n" + result.get("error", ""), encoding="utf-8")
        seconds = round(time.monotonic() - started, 3)
        if not result.get("success"):
            cause = failure_cause(result.get("log", "") + "\n" + result.get("error", ""))
            return {"status": "failed", "seconds": seconds, "error": cause}
        score, max_score = submission_score(course, assignment, student)
        state.write_record(
            course, assignment, student, fingerprint=stamp, score=score, max_score=max_score, seconds=seconds
        )
        return {"status": "graded", "seconds": seconds, "score": score, "max_score": max_score}


def warm() -> None:
    """Import what grading needs, so processes forked afterwards start with it loaded.

    ``python -m course autograde`` calls this in the scheduler before it forks its workers
    (:func:`serve`): the imports (nbgrader, nbconvert, SQLAlchemy, the sandbox and the
    rubric, about 2 s of CPU) are paid once per run instead of once per worker.
    """
    import nbgrader.apps.api
    import nbgrader.converters.autograde  # noqa: F401

    import autograder.agreement
    import autograder.nbgrade
    import autograder.preprocessors.execute
    import autograder.preprocessors.recompute
    import autograder.rubric.report  # noqa: F401


def serve(course_root: str, timeout: int | None, tasks, channel) -> int:
    """Grade the tasks read from ``tasks`` (JSON lines), answering one JSON line each on ``channel``."""
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()
    course = Course(course_root)
    overrides = {} if timeout is None else {"Execute.timeout": timeout}
    config = course.config(**overrides)
    dblock.install(str(config.CourseDirectory.db_url))
    api = course.api(config)
    channel.write(json.dumps({"ready": os.getpid()}) + "\n")
    channel.flush()
    for line in tasks:
        task = json.loads(line)
        try:
            answer = grade_one(course, api, task)
        except Exception as exc:  # report and carry on with the next submission
            answer = {"status": "failed", "seconds": 0.0, "error": f"{type(exc).__name__}: {exc}"}
        channel.write(json.dumps({**task, **answer}) + "\n")
        channel.flush()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--course", required=True)
    parser.add_argument("--timeout", type=int, default=None, help="per-cell timeout (Execute.timeout)")
    args = parser.parse_args(argv)

    channel = os.fdopen(os.dup(sys.stdout.fileno()), "w", buffering=1)
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # stray prints must not corrupt the channel
    return serve(args.course, args.timeout, sys.stdin, channel)


if __name__ == "__main__":
    sys.exit(main())
