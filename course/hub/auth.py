"""Log in with one password per account (a local or test class, not a university's login).

JupyterHub's own ``SharedPasswordAuthenticator`` lets anyone who knows the shared
password log in as any learner, which would let one learner open another's work. Here
every account has its own random password (:mod:`course.hub.accounts`), checked in
constant time. For a real class, use the university's login (``OAuthenticator``,
``LDAPAuthenticator``, ...) as in ``deploy/config.yaml``.
"""

from __future__ import annotations

import json
from pathlib import Path
from secrets import compare_digest

from jupyterhub.auth import Authenticator
from traitlets import Unicode


class AccountsAuthenticator(Authenticator):
    """Accept ``username`` with its own password from ``passwords_file`` (``{name: password}``)."""

    passwords_file = Unicode(config=True, help="JSON file {account name: password} (mode 0600).")

    def _passwords(self) -> dict[str, str]:
        return json.loads(Path(self.passwords_file).read_text(encoding="utf-8"))

    async def authenticate(self, handler, data):
        name = (data.get("username") or "").strip()
        given = data.get("password") or ""
        expected = self._passwords().get(name)
        if expected and compare_digest(given.encode(), expected.encode()):
            return name
        self.log.warning("Failed login for %r", name)
        return None
