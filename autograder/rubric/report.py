"""Render a :class:`ReplyResult` for learners: HTML for notebooks, text for terminals."""

from __future__ import annotations

from html import escape

from autograder.rubric.result import ReplyResult

_STYLE = (
    "font-family: var(--jp-content-font-family, sans-serif); font-size: 14px; line-height: 1.45;"
    "max-width: 100%; overflow-wrap: anywhere; border: 1px solid #c8c8c8; border-radius: 6px;"
    "padding: 8px 12px; margin: 4px 0;"
)


def _headline(result: ReplyResult, title: str, earned: float | None, points: float | None) -> str:
    if points is None or earned is None:
        return f"{title}: {result.score:.0%}"
    return f"{title}: {earned:g} / {points:g} points (rubric score {result.score:.0%})"


def general_feedback(result: ReplyResult, limit: int = 4) -> list[str]:
    """Up to ``limit`` general feedback sentences, leaving out those a criterion already shows.

    The rubric's general feedback repeats each missed criterion's tip; learners read each tip
    once, next to its criterion.
    """
    tips = {" ".join(c.feedback.split()) for c in result.criteria if c.feedback}
    return [s for s in result.feedback if s and " ".join(s.split()) not in tips][:limit]


def result_html(
    result: ReplyResult,
    title: str = "Rubric feedback",
    earned: float | None = None,
    points: float | None = None,
) -> str:
    """Criteria met and missed, with evidence and advice, as a self-contained HTML block."""
    headline = _headline(result, title, earned, points)
    parts = [
        # mathjax_ignore: JupyterLab must not typeset amounts such as "$5 ... $9" as maths
        f'<div class="course-feedback mathjax_ignore" style="{_STYLE}">',
        f"<h4 style='margin:4px 0'>{escape(headline)}</h4>",
    ]
    if result.flags:
        parts.append("<p style='color:#a40000'><b>Problems:</b> " + escape(", ".join(result.flags)) + "</p>")
    parts.append("<ul style='padding-left:18px; margin:4px 0'>")
    for criterion in result.criteria:
        mark, colour = ("&#10004;", "#1a7f37") if criterion.met else ("&#10008;", "#a40000")
        evidence = ""
        if criterion.evidence:
            quoted = " / ".join(f"&ldquo;{escape(e)}&rdquo;" for e in criterion.evidence[:3])
            evidence = f" <span style='color:#555'>{quoted}</span>"
        advice = f"<br><span>{escape(criterion.feedback)}</span>" if criterion.feedback else ""
        parts.append(
            f"<li style='list-style:none'><span style='color:{colour}'>{mark}</span> "
            f"<b>{escape(criterion.label)}</b>{evidence}{advice}</li>"
        )
    parts.append("</ul>")
    general = general_feedback(result)
    if general:
        parts.append("<p style='margin:4px 0'>" + "<br>".join(escape(s) for s in general) + "</p>")
    parts.append("</div>")
    return "".join(parts)


def result_text(
    result: ReplyResult,
    title: str = "Rubric feedback",
    earned: float | None = None,
    points: float | None = None,
) -> str:
    """The same content as :func:`result_html`, as plain text."""
    lines = [_headline(result, title, earned, points)]
    if result.flags:
        lines.append("Problems: " + ", ".join(result.flags))
    for criterion in result.criteria:
        mark = "[x]" if criterion.met else "[ ]"
        evidence = f'  ("{" / ".join(criterion.evidence[:3])}")' if criterion.evidence else ""
        lines.append(f"  {mark} {criterion.label}{evidence}")
        if criterion.feedback:
            lines.append(f"      {criterion.feedback}")
    lines.extend(f"  - {sentence}" for sentence in general_feedback(result))
    return "\n".join(lines)


class Feedback:
    """Rich feedback: notebooks render the HTML, terminals and plain-text viewers the text."""

    def __init__(self, html: str, text: str):
        self.html = html
        self.text = text

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text


def show(html: str, text: str) -> None:
    """Display rich feedback in a notebook, or print the text elsewhere (never to stderr)."""
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython ships with the course
        print(text)
        return
    if get_ipython() is None:
        print(text)
    else:
        display(Feedback(html, text))
