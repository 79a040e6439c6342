"""Instant self-check for learners, inside their own kernel.

``check_reply`` shows the rubric's criterion feedback for a written reply;
``check_function`` runs a function on the visible examples. Neither reveals
hidden tests or model answers, and the final grade may use more examples.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from autograder.nbgrade import run_cases
from autograder.rubric.report import result_html, result_text, show
from course import progress

HIDDEN_NOTE = "Self-check uses the visible examples only; the final grade also uses hidden ones."


def check_reply(scenario: str, reply: object, only: Sequence[str] | None = None) -> None:
    """Show how ``reply`` does on the rubric for ``scenario`` (criteria met and missed, with advice)."""
    from autograder import score_reply

    if not isinstance(reply, str):
        show(
            '<p><b>Write your reply as text between quotes</b>, e.g. <code>reply = "Tom, ..."</code>.</p>',
            "Write your reply as text between quotes.",
        )
        return
    result = score_reply(scenario, reply, only=only)
    show(result_html(result, "Self-check"), result_text(result, "Self-check"))
    progress.record(f"reply:{scenario}", result.score)


def next_step(name: str, outcomes: Sequence[tuple[bool, str]]) -> str:
    """One sentence on what to try next, from the self-check outcomes of ``name``."""
    failed = [note for ok, note in outcomes if not ok]
    if not failed:
        return "All visible examples pass. Next: think of a case they do not cover, and try it."
    if all("NotImplementedError" in note for note in failed):
        return (
            f"You have not written {name} yet: in the answer cell, delete the line "
            "raise NotImplementedError() and write your code in its place."
        )
    if any("raised" in note for note in failed):
        return (
            f"{name} stops with an error on some examples. Read the error above, fix that line, "
            f'and run the answer cell again before this one. Stuck? Run hint("{name}").'
        )
    return (
        f"Look at the first example marked with a cross: work it out by hand from the instructions, "
        f'and compare with what {name} returned. Stuck? Run hint("{name}") for a nudge.'
    )


def check_function(
    func: object, cases: Sequence[tuple[object, object]], tolerance: float | None = None
) -> None:
    """Run ``func`` on visible ``(input, expected)`` examples and show which pass."""
    outcomes = run_cases(func, cases, tolerance)
    passed = sum(ok for ok, _ in outcomes)
    name = getattr(func, "__name__", "your answer")
    rows, text = [], [f"Self-check of {name}: {passed} of {len(cases)} visible examples pass."]
    for (given, expected), (ok, note) in zip(cases, outcomes, strict=True):
        mark = "&#10004;" if ok else "&#10008;"
        shown = note if not ok else "ok"
        rows.append(
            f"<tr><td>{mark}</td><td><code>{escape(repr(given))}</code></td>"
            f"<td><code>{escape(repr(expected))}</code></td><td>{escape(shown)}</td></tr>"
        )
        text.append(f"  {'PASS' if ok else 'FAIL'} {given!r} -> expected {expected!r}: {shown}")
    advice = next_step(name, outcomes)
    text.extend([f"Next: {advice}", HIDDEN_NOTE])
    html = (
        f"<div class='course-feedback mathjax_ignore'><h4>Self-check of <code>{escape(name)}</code>: "
        f"{passed} of {len(cases)} visible examples pass</h4>"
        "<table><thead><tr><th></th><th>input</th><th>expected</th><th>result</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table><p><b>Next:</b> {escape(advice)}</p>"
        f"<p><i>{HIDDEN_NOTE}</i></p></div>"
    )
    show(html, "\n".join(text))
    if cases:
        progress.record(f"function:{name}", passed / len(cases))
