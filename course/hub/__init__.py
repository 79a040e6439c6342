"""The course on JupyterHub, on one machine: ``make hub`` (``python -m course.hub``).

One instructor account and N learner accounts. The instructor's server runs as the Unix
user who started the hub, on the course directory, with the project's ``.venv`` (so
formgrader and ``python -m course`` use the course's ``nbgrader_config.py``). Each
learner's server runs from the learners' environment (:mod:`course.hub.singleuser`, the
local twin of the Kubernetes single-user image in ``deploy/``) in the learner's own
home. Run as root, every learner is a separate Unix user with a 0700 home; otherwise all
servers run as the user who started the hub (see README, "Three ways to run the course").

Modules: :mod:`~course.hub.settings` (paths and ports of one hub),
:mod:`~course.hub.accounts` (accounts, passwords, Unix users),
:mod:`~course.hub.auth` (one password per account), :mod:`~course.hub.spawner`
(instructor and learner servers), :mod:`~course.hub.config` (JupyterHub's configuration),
:mod:`~course.hub.launcher` (start, print the accounts, stop on Ctrl-C).
"""
