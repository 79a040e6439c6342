"""``python -m course.hub``: start the course's JupyterHub (``make hub``)."""

import sys

from course.hub.launcher import main

sys.exit(main())
