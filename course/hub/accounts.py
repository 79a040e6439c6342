"""The hub's accounts: names, one password each, and (as root) the learners' Unix users.

Passwords live in ``<state>/accounts.json`` (mode 0600), made on first start and kept, so
a class can log in again after a restart. As root, each learner is a Unix user created
with ``useradd`` and marked in its comment field (:data:`MARKER`); the hub never touches
a Unix user without that mark.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
from pathlib import Path

MARKER = "empathy-course hub learner"
NAME = re.compile(r"^[a-z_][a-z0-9_-]{0,30}$")


class HubError(Exception):
    """A problem the person starting the hub can fix; the message says how."""


def learner_names(count: int, prefix: str = "learner") -> list[str]:
    """``[prefix1, ..., prefixN]``; raises :class:`HubError` for a count below 1 or a bad prefix."""
    if count < 1:
        raise HubError(f"LEARNERS={count}: a class needs at least one learner")
    names = [f"{prefix}{i}" for i in range(1, count + 1)]
    check_names(names)
    return names


def check_names(names: list[str]) -> None:
    for name in names:
        if not NAME.match(name):
            raise HubError(
                f"account name {name!r}: use lower-case letters, digits, '-' or '_' "
                "(at most 31, starting with a letter), as Unix user names"
            )


def passwords(path: Path, names: list[str]) -> dict[str, str]:
    """``{name: password}`` for ``names``, from ``path``; new names get a new random password."""
    known: dict[str, str] = {}
    if path.exists():
        try:
            known = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise HubError(f"{path}: not valid JSON ({exc}); delete it to make new passwords") from None
    wanted = {name: known.get(name) or secrets.token_urlsafe(9) for name in names}
    if wanted != known:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".part")
        tmp.touch(mode=0o600)
        tmp.write_text(json.dumps(wanted, indent=2) + "\n", encoding="utf-8")
        tmp.replace(path)
    os.chmod(path, 0o600)
    return wanted


def ensure_unix_user(name: str) -> Path:
    """Create the learner's Unix user (as root) with a 0700 home; return the home.

    Raises :class:`HubError` when a Unix user of that name exists without the course's mark.
    """
    import pwd

    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        useradd = shutil.which("useradd") or "/usr/sbin/useradd"
        proc = subprocess.run(
            [useradd, "--create-home", "--shell", "/bin/bash", "--user-group", "--comment", MARKER, name],
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            raise HubError(f"could not create the Unix user {name!r}: {proc.stderr.strip()}") from None
        entry = pwd.getpwnam(name)
    else:
        if MARKER not in entry.pw_gecos:
            raise HubError(
                f"a Unix user {name!r} already exists and is not a course learner: "
                "choose other learner names (LEARNER_PREFIX=...)"
            )
    home = Path(entry.pw_dir)
    home.mkdir(parents=True, exist_ok=True)
    os.chown(home, entry.pw_uid, entry.pw_gid)
    os.chmod(home, 0o700)
    return home


def empty_home(home: Path, owner: str | None = None) -> None:
    """Remove everything in a learner's home (a fresh class); only for the course's own accounts."""
    if owner is not None:
        import pwd

        if MARKER not in pwd.getpwnam(owner).pw_gecos:
            raise HubError(f"{owner!r} is not a course learner account: its home is left alone")
    if not home.is_dir():
        return
    for item in home.iterdir():
        if item.is_dir() and not item.is_symlink():
            shutil.rmtree(item)
        else:
            item.unlink()
