"""nbgrader's configuration for learners' servers (the hub's learners' environment, the image).

Installed as ``<env>/etc/jupyter/nbgrader_config.py`` by ``make hub-setup`` and as
``/etc/jupyter/nbgrader_config.py`` in the Kubernetes image (``deploy/Dockerfile``). The
hub's spawner sets ``COURSE_EXCHANGE_ROOT`` and ``COURSE_ID``; the defaults are nbgrader's
shared exchange and this course.
"""

import os

c = get_config()  # noqa: F821 - provided by nbgrader/traitlets

c.CourseDirectory.course_id = os.environ.get("COURSE_ID") or "empathy-in-customer-service"
c.Exchange.root = os.environ.get("COURSE_EXCHANGE_ROOT") or "/srv/nbgrader/exchange"
