"""A plain progress bar for long runs: counts, rate and the time left."""

from __future__ import annotations

import sys
import time
from typing import TextIO


def clock(seconds: float) -> str:
    seconds = max(0, round(seconds))
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


class Progress:
    """``[#####.....] 12/30 graded 10 skipped 1 failed 1 | 0:25 elapsed, ~0:31 left``.

    Redraws one line on a terminal; elsewhere (CI logs, pipes) prints a line per step.
    """

    def __init__(self, total: int, label: str = "", stream: TextIO | None = None, width: int = 24):
        self.total = total
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width
        self.counts: dict[str, int] = {}
        self.started = time.monotonic()
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.enabled = True

    @property
    def done(self) -> int:
        return sum(self.counts.values())

    def eta(self) -> float | None:
        """Seconds left, from the pace of the submissions actually graded (skips are free)."""
        worked = self.done - self.counts.get("skipped", 0)
        if worked <= 0:
            return None
        elapsed = time.monotonic() - self.started
        return elapsed / worked * (self.total - self.done)

    def line(self) -> str:
        filled = int(self.width * self.done / self.total) if self.total else self.width
        bar = "#" * filled + "." * (self.width - filled)
        counts = " ".join(f"{name} {n}" for name, n in sorted(self.counts.items()))
        elapsed = clock(time.monotonic() - self.started)
        eta = self.eta()
        left = f", ~{clock(eta)} left" if eta is not None and self.done < self.total else ""
        return f"{self.label}[{bar}] {self.done}/{self.total} {counts} | {elapsed} elapsed{left}"

    def step(self, status: str, note: str = "") -> None:
        self.counts[status] = self.counts.get(status, 0) + 1
        if not self.enabled:
            return
        if self.tty:
            if note:
                self.stream.write("\r\033[K" + note + "\n")
            self.stream.write("\r\033[K" + self.line())
        else:
            self.stream.write(self.line() + (f"  {note}" if note else "") + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.tty:
            self.stream.write("\n")
            self.stream.flush()
