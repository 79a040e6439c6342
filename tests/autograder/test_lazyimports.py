"""The deferred import of rfc3987_syntax (autograder.lazyimports)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

SCRIPT = textwrap.dedent(
    """
    import sys
    import autograder, nbformat  # nbformat imports jsonschema's format checkers
    from jsonschema import FormatChecker

    stub = sys.modules["rfc3987_syntax"]
    print("deferred" if getattr(stub, "__deferred__", False) else "imported")
    checker = FormatChecker()
    print(checker.conforms("http://example.org/caf\\u00e9", "iri"), checker.conforms("ht tp://x", "iri"))
    print("deferred" if getattr(sys.modules["rfc3987_syntax"], "__deferred__", False) else "imported")
    """
)


def test_iri_validation_is_unchanged_but_paid_only_when_used():
    """Does nbformat load without rfc3987_syntax, and does an IRI check still accept and refuse as before?"""
    pytest.importorskip("rfc3987_syntax")
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True).stdout
    assert out.split("\n")[:3] == ["deferred", "True False", "imported"]
