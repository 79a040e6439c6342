"""The child side of :mod:`autograder.sandbox` (never imported by the grading process).

Reads a job from standard input::

    {"result_fd": int, "preload": [module, ...], "skip": [index, ...], "steps": [step, ...]}

where a step is ``{"exec": source}``, ``{"read": name, "key": k}`` or
``{"call": name, "inputs": [[arg, ...], ...], "key": k}``. The steps run in order
in one namespace, so each read or call sees the state at its place in the
notebook. After each step one JSON line goes to ``result_fd``:
``{"i": index}`` (a cell ran), ``{"i": index, "error": why}`` (a cell raised),
``{"i": index, "key": k, "data": result}`` (a read or call), and ``{"done": true}`` at
the end. The first line is ``{"confined": true}``, or ``{"unconfined": why}`` alone when the
sandbox could not be set up (no step ran). A read gives ``{"value": text}`` or
``{"missing": why}``; a call gives one ``{"value": v}`` or ``{"error": why}`` per input.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys

from autograder.nbgrade import STDERR_MESSAGE, plain
from autograder.sandbox import guardrails


class _Inert:
    """Stands in for IPython in the child: every attribute and call is accepted and does nothing."""

    def __getattr__(self, name):
        return self

    def __call__(self, *args, **kwargs):
        return self

    def __setattr__(self, name, value):
        pass

    def __getitem__(self, key):
        return self


def _namespace() -> dict:
    inert = _Inert()
    return {"__name__": "__main__", "get_ipython": lambda: inert, "display": lambda *a, **k: None}


def _read(namespace: dict, name: str) -> dict:
    if name not in namespace:
        return {"missing": "undefined"}
    value = namespace[name]
    return {"value": str(value)} if type(value) is str else {"missing": type(value).__name__}


def _call(namespace: dict, name: str, inputs: list) -> list:
    func = namespace.get(name)
    results = []
    for args in inputs:
        if not callable(func):
            results.append({"error": f"{name} is not defined as a function"})
            continue
        errors = io.StringIO()
        try:
            with contextlib.redirect_stderr(errors):
                item = plain(func(*args))
        except BaseException as exc:  # one failing case costs that case only
            item = {"error": f"raised {type(exc).__name__}: {exc}"[:300]}
        if errors.getvalue() and "value" in item:
            item = {"error": STDERR_MESSAGE}
        results.append(item)
    return results


def main() -> None:
    from autograder.sandbox import confine

    job = json.loads(sys.stdin.read())
    out = os.fdopen(job["result_fd"], "w", encoding="utf-8")
    if confine.wanted():  # its own bounded /submission (the submission's files), /tmp and /dev/shm
        try:
            confine.seal(confine.enter())
        except (confine.Unconfined, OSError, ValueError) as exc:  # the grader's failure, not the learner's
            out.write(json.dumps({"unconfined": str(exc)}) + "\n")
            out.flush()
            os._exit(3)
        out.write(
            json.dumps({"confined": True}) + "\n"
        )  # before any learner code, which could forge the rest
        out.flush()
    for module in job.get("preload", ()):  # imported before the guard rails, as the grader would
        with contextlib.suppress(ImportError):
            __import__(module)
    guardrails.install([os.getcwd()], guardrails.private_paths(os.getcwd()))
    skip = set(job.get("skip", ()))
    namespace = _namespace()
    sink = io.StringIO()

    def send(message: dict) -> None:
        out.write(json.dumps(message) + "\n")
        out.flush()

    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        for index, step in enumerate(job["steps"]):
            if index in skip:
                continue
            if "exec" in step:
                try:
                    exec(compile(step["exec"], "<answer cell>", "exec"), namespace)
                    send({"i": index})
                except BaseException as exc:  # learner code: SystemExit and KeyboardInterrupt included
                    send({"i": index, "error": f"{type(exc).__name__}: {exc}"[:300]})
            elif "read" in step:
                send({"i": index, "key": step["key"], "data": _read(namespace, step["read"])})
            else:
                send({"i": index, "key": step["key"], "data": _call(namespace, step["call"], step["inputs"])})
            sink.seek(0)
            sink.truncate()
        send({"done": True})
    os._exit(0)


if __name__ == "__main__":
    main()
