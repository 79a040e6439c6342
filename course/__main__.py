"""``python -m course``: the instructor's command line (see :mod:`course.instructor.cli`)."""

from __future__ import annotations

import sys

from course.instructor.cli import main

if __name__ == "__main__":
    sys.exit(main())
