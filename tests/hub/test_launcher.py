"""The pieces of ``make hub`` that need no running hub: accounts, passwords, settings, config."""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import stat
from pathlib import Path

import pytest
from traitlets.config import Config

from course.hub import accounts, launcher
from course.hub.accounts import HubError
from course.hub.auth import AccountsAuthenticator
from course.hub.config import configure, write_config_file
from course.hub.settings import HubSettings, load

REPO = Path(__file__).resolve().parents[2]


def settings(tmp_path: Path) -> HubSettings:
    return HubSettings(
        course=REPO,
        course_id="empathy-in-customer-service",
        state=tmp_path / "state",
        exchange=tmp_path / "exchange",
        learner_env=tmp_path / "env",
        instructor_env=tmp_path / "venv",
        proxy=tmp_path / "chp",
        learners=["learner1", "learner2"],
        tas=["ta1"],
        port=8123,
        hub_port=8124,
        proxy_api_port=8125,
    )


def test_learner_names_are_numbered_and_checked():
    """Are learner names PREFIX1..N, and are a count below one and a bad prefix refused?"""
    assert accounts.learner_names(3) == ["learner1", "learner2", "learner3"]
    with pytest.raises(HubError, match="at least one learner"):
        accounts.learner_names(0)
    with pytest.raises(HubError, match="Unix user names"):
        accounts.learner_names(2, "Bad Name")


def test_passwords_are_private_kept_and_extended(tmp_path):
    """Does each account get its own password, kept across starts, in a 0600 file?"""
    path = tmp_path / "accounts.json"
    first = accounts.passwords(path, ["instructor", "learner1"])
    assert len(set(first.values())) == 2 and all(len(p) >= 12 for p in first.values())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = accounts.passwords(path, ["instructor", "learner1", "learner2"])
    assert {k: again[k] for k in first} == first and again["learner2"] not in first.values()
    path.write_text("{not json")
    with pytest.raises(HubError, match=r"accounts\.json"):
        accounts.passwords(path, ["instructor"])


def test_settings_round_trip_and_config(tmp_path):
    """Does JupyterHub's config, read back from the saved settings, name the course's pieces?"""
    s = settings(tmp_path)
    path = write_config_file(s)
    assert load(s.path) == s
    c = Config()
    configure(c, s.path)
    assert c.JupyterHub.bind_url == "http://127.0.0.1:8123"
    assert c.JupyterHub.hub_port == 8124
    assert c.JupyterHub.spawner_class == "course.hub.spawner.CourseSpawner"
    assert c.JupyterHub.authenticator_class == "course.hub.auth.AccountsAuthenticator"
    assert c.Authenticator.allowed_users == {"instructor", "ta1", "learner1", "learner2"}
    assert c.Authenticator.admin_users == {"instructor"}
    assert c.CourseSpawner.graders == ["instructor", "ta1"]
    assert c.CourseSpawner.course_dir == str(REPO)
    assert c.JupyterHub.cleanup_servers is True
    namespace = {"get_config": Config}
    exec(compile(path.read_text(), str(path), "exec"), namespace)


def test_each_account_logs_in_with_its_own_password_only(tmp_path):
    """Is a learner refused with another account's password, or with none?"""
    path = tmp_path / "accounts.json"
    passwords = accounts.passwords(path, ["learner1", "learner2"])
    auth = AccountsAuthenticator(passwords_file=str(path))

    def login(name, password):
        # a thread of its own: earlier tests (Playwright's sync API) may leave a loop running in this one
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            coro = auth.authenticate(None, {"username": name, "password": password})
            return pool.submit(asyncio.run, coro).result()

    assert login("learner1", passwords["learner1"]) == "learner1"
    assert login("learner1", passwords["learner2"]) is None
    assert login("learner1", "") is None
    assert login("nobody", passwords["learner1"]) is None


def test_exchange_is_made_1777(tmp_path):
    root = launcher.prepare_exchange(tmp_path / "x" / "exchange")
    assert stat.S_IMODE(root.stat().st_mode) == 0o1777


def test_course_directory_is_closed_to_other_users(tmp_path):
    """As root, does the hub take other users' access to the course directory away, and say so?"""
    course = tmp_path / "course"
    course.mkdir()
    os.chmod(course, 0o755)
    note = launcher.protect_course(course)
    assert stat.S_IMODE(course.stat().st_mode) == 0o750 and "0o755" in note
    assert launcher.protect_course(course) is None


def test_missing_pieces_name_the_fix(tmp_path):
    """Without the proxy or the learners' environment, does the message say `make hub-setup`?"""
    with pytest.raises(HubError, match="make hub-setup"):
        launcher.check_ready(settings(tmp_path))


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root (Unix users)")
def test_a_unix_user_without_the_course_mark_is_left_alone(tmp_path):
    """Does the hub refuse to use or empty the home of a Unix user it did not create?"""
    with pytest.raises(HubError, match="not a course learner"):
        accounts.ensure_unix_user("root")
    with pytest.raises(HubError, match="left alone"):
        accounts.empty_home(tmp_path, "root")


def test_banner_lists_every_account(tmp_path):
    s = settings(tmp_path)
    text = launcher.banner(s, {"instructor": "p0", "ta1": "pt", "learner1": "p1", "learner2": "p2"})
    assert "http://127.0.0.1:8123/" in text and "Ctrl-C" in text
    for name, password in (("instructor", "p0"), ("ta1", "pt"), ("learner1", "p1"), ("learner2", "p2")):
        assert any(name in line and password in line for line in text.splitlines())
