"""Time spent per grading phase, for the autograde benchmark (``bench/autograde_parallel.py``).

When ``$AUTOGRADE_TIMINGS`` names a file, each phase appends one JSON line
``{"phase": name, "seconds": s, "pid": pid}`` to it; otherwise nothing is recorded.
Phases: ``kernel start`` (sandbox and kernel until it answers), ``execution`` (the
learner's cells in the kernel), ``recompute`` (the recompute step).
"""

from __future__ import annotations

import contextlib
import json
import os
import time

ENV = "AUTOGRADE_TIMINGS"


def record(phase: str, seconds: float) -> None:
    """Append one phase's duration (seconds) to ``$AUTOGRADE_TIMINGS``, if set."""
    path = os.environ.get(ENV)
    if not path:
        return
    line = json.dumps({"phase": phase, "seconds": round(seconds, 4), "pid": os.getpid()}) + "\n"
    with contextlib.suppress(OSError), open(path, "a", encoding="utf-8") as handle:
        handle.write(line)


@contextlib.contextmanager
def phase(name: str):
    """Record the duration of the ``with`` block as phase ``name``."""
    started = time.monotonic()
    try:
        yield
    finally:
        record(name, time.monotonic() - started)
