"""JupyterHub's configuration for the course, from the launcher's :class:`HubSettings`.

The launcher writes ``<state>/jupyterhub_config.py``, two lines that call
:func:`configure` with ``<state>/settings.json``.
"""

from __future__ import annotations

from pathlib import Path

from course.hub.settings import HubSettings, load

CONFIG_FILE = "jupyterhub_config.py"
#: A cold JupyterLab on 2 busy cores can take a while to answer: seconds.
START_TIMEOUT = 300


def configure(c, settings: HubSettings | str | Path) -> None:
    """Fill JupyterHub's traitlets config ``c`` for the hub described by ``settings``."""
    s = settings if isinstance(settings, HubSettings) else load(settings)
    c.JupyterHub.bind_url = f"http://{s.ip}:{s.port}"
    c.JupyterHub.hub_ip = "127.0.0.1"
    c.JupyterHub.hub_port = s.hub_port
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{s.proxy_api_port}"
    c.ConfigurableHTTPProxy.command = [str(s.proxy)]
    c.JupyterHub.db_url = f"sqlite:///{s.state / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(s.state / "jupyterhub_cookie_secret")
    c.JupyterHub.pid_file = str(s.state / "jupyterhub.pid")
    # servers stop with the hub (Ctrl-C): nothing is left running
    c.JupyterHub.cleanup_servers = True
    c.JupyterHub.cleanup_proxy = True

    c.JupyterHub.authenticator_class = "course.hub.auth.AccountsAuthenticator"
    c.AccountsAuthenticator.passwords_file = str(s.state / "accounts.json")
    c.Authenticator.allowed_users = {*s.graders, *s.learners}
    c.Authenticator.admin_users = {s.instructor}

    c.JupyterHub.spawner_class = "course.hub.spawner.CourseSpawner"
    c.CourseSpawner.graders = s.graders
    c.CourseSpawner.course_dir = str(s.course)
    c.CourseSpawner.instructor_env = str(s.instructor_env)
    c.CourseSpawner.learner_env = str(s.learner_env)
    c.CourseSpawner.exchange_root = str(s.exchange)
    c.CourseSpawner.course_id = s.course_id
    c.CourseSpawner.separate_users = s.separate_users
    c.CourseSpawner.homes = str(s.homes)
    c.Spawner.default_url = "/lab"
    c.Spawner.start_timeout = START_TIMEOUT
    c.Spawner.http_timeout = START_TIMEOUT


def write_config_file(settings: HubSettings) -> Path:
    """``<state>/jupyterhub_config.py`` reading ``settings`` back; returns its path."""
    settings.save()
    path = settings.state / CONFIG_FILE
    path.write_text(
        '"""Written by `python -m course.hub` (make hub); edit course/hub/config.py instead."""\n'
        "from course.hub.config import configure\n\n"
        f"configure(get_config(), {str(settings.path)!r})  # noqa: F821\n",
        encoding="utf-8",
    )
    return path
