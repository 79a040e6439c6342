"""Defer slow optional imports that every process of the course pays for and almost never uses.

``nbformat`` imports ``jsonschema``, whose format checkers import ``rfc3987_syntax`` when
it is installed (``jsonschema[format-nongpl]``, pulled in by Jupyter): that module builds
a ``lark`` grammar at import time, about 2 s of CPU, for the ``iri`` formats that no
notebook schema uses (python-jsonschema/jsonschema#1392). :func:`defer` puts a stand-in
in its place whose ``is_valid_syntax`` imports the real module on first use, so
validation is unchanged and only a process that checks an ``iri`` pays for it.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types

SLOW = "rfc3987_syntax"


def _real(name: str):
    if getattr(sys.modules.get(name), "__deferred__", False):
        del sys.modules[name]
    return importlib.import_module(name)


def defer(name: str = SLOW) -> None:
    """Replace ``name`` (not yet imported, installed) with a stand-in that imports it on first use."""
    if name in sys.modules or importlib.util.find_spec(name) is None:
        return
    stub = types.ModuleType(name, f"stand-in for {name}, imported on first use")
    stub.__deferred__ = True

    def is_valid_syntax(*args, **kwargs):
        return _real(name).is_valid_syntax(*args, **kwargs)

    stub.is_valid_syntax = is_valid_syntax

    def __getattr__(attr: str):
        if attr.startswith("__"):  # tools that scan sys.modules ask for __file__ and the like
            raise AttributeError(attr)
        return getattr(_real(name), attr)

    stub.__getattr__ = __getattr__
    sys.modules[name] = stub
