"""What the red-team suites share: the fixture assignment (tests/fixtures/redteam), its short
grading limits, the replies and answers honest and weak submissions give, and a digest of a
folder to show grading changed nothing in it."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from autograder import score_reply
from autograder.nbgrade import earned_points

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "redteam"
ASSIGNMENT = "redteam"
# Short limits so hanging submissions cost seconds, not minutes.
CONFIG = (
    "c.Execute.timeout = 15\nc.RecomputeGrades.step_seconds = 5.0\nc.RecomputeGrades.total_seconds = 60.0\n"
)

GOOD_REPLY = (
    "Tom, I'm so sorry: we charged you twice for the same order, and that's our mistake. I know that $89 was "
    "meant for your rent this week, so I've refunded the duplicate charge today; it will reach you in 3-5 "
    "business days and a confirmation email is on its way. Would you like me to check your other orders too?"
)
WEAK_REPLY = "Sorry about the trouble. We will look into the charge."
CORRECT = "def count_words(text):\n    return len(text.split())\n"
ALWAYS_ZERO = "def count_words(text):\n    return 0\n"


def reply_cell(text: str, hack: str = "") -> str:
    """The reply cell's source: ``hack`` (learner code) then the reply as ``reply_tom``."""
    return f"{hack}\nreply_tom = {text!r}\n"


def counter(body: str) -> str:
    """A ``count_words`` definition with ``body`` (one or more lines) as its body."""
    return "def count_words(text):\n" + "".join(f"    {line}\n" for line in body.splitlines())


def rubric(text: str) -> float:
    """Points (of 4) the reply cell earns for ``text``, as the grade cell computes them."""
    return earned_points(score_reply("double-charge", text).score, 4)


def digest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` by relative path: the SHA-256 of a regular file, the target of a link."""
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = str(path.relative_to(folder))
        if path.is_symlink():
            out[rel] = "link:" + os.readlink(path)
        elif path.is_file():
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out
