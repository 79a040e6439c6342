"""Scenario cards and worked-example panels for the notebooks.

``show_scenario("late-fee-dispute")`` shows one scenario as a card;
``catalogue_table(ids)`` lists scenarios in a table; ``compare_replies(scenario, weak, strong)``
scores a weak and a strong reply side by side with the rubric. Each renders HTML in a notebook
and plain text elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from autograder.rubric.report import result_html, result_text, show
from autograder.rubric.scenario import Scenario, load_scenario, parse_scenario

#: What each ``company_at_fault`` value means, in the words the cards use.
FAULT = {
    True: "Yes: this is the company's mistake.",
    False: "No: the company did nothing wrong.",
    None: "Not known yet: nobody can say whose fault it is.",
}
_BOX = (
    "border:1px solid #c8c8c8; border-radius:6px; padding:8px 14px; margin:4px 0; max-width:100%;"
    " overflow-wrap:anywhere; line-height:1.45"
)


def _list(values: Iterable[str]) -> str:
    items = "".join(f"<li>{escape(v)}</li>" for v in values)
    return f"<ul style='margin:2px 0'>{items}</ul>"


def scenario_card(ref: str | Scenario, lesson: bool = True) -> tuple[str, str]:
    """``(html, text)`` of one scenario: who, what they said, facts, fault, offers (and lesson).

    ``ref`` is a scenario id, a YAML path or a loaded :class:`Scenario`; an unknown id raises
    :class:`~autograder.rubric.scenario.ScenarioError` naming the known ids.
    """
    s = load_scenario(ref)
    who = "a colleague" if s.role == "colleague" else "a customer"
    name = s.customer_name or "Someone"
    html = [
        # mathjax_ignore: amounts such as "$215 ... $35" must not be typeset as maths
        f"<div class='course-card mathjax_ignore' style='{_BOX}'>",
        f"<h4 style='margin:4px 0'>{escape(s.title)} <span style='color:#666; font-weight:normal'>"
        f"({escape(s.id)})</span></h4>",
        f"<p style='margin:4px 0'><b>Situation:</b> {escape(name)}, {who}, contacts "
        f"{escape(s.business or 'us')} by {escape(s.channel)}.</p>",
        "<blockquote style='margin:6px 0; padding-left:10px; border-left:3px solid #999'>"
        f"<i>&ldquo;{escape(s.customer_message)}&rdquo;</i></blockquote>",
    ]
    if s.policy_facts:
        html.append(f"<p style='margin:4px 0'><b>What you know:</b></p>{_list(s.policy_facts)}")
    html.append(
        f"<p style='margin:4px 0'><b>Is the company at fault?</b> {escape(FAULT[s.company_at_fault])}</p>"
    )
    html.append(f"<p style='margin:4px 0'><b>What you can offer:</b></p>{_list(s.what_we_can_offer)}")
    if lesson and s.lesson:
        html.append(f"<p style='margin:4px 0'><b>The lesson:</b> {escape(s.lesson)}</p>")
    html.append("</div>")
    text = [
        f"{s.title} ({s.id})",
        f"Situation: {name}, {who}, contacts {s.business or 'us'} by {s.channel}.",
        f'They said: "{s.customer_message}"',
        *(["What you know:"] + [f"  - {f}" for f in s.policy_facts] if s.policy_facts else []),
        f"Is the company at fault? {FAULT[s.company_at_fault]}",
        "What you can offer:",
        *[f"  - {o}" for o in s.what_we_can_offer],
        *([f"The lesson: {s.lesson}"] if lesson and s.lesson else []),
    ]
    return "".join(html), "\n".join(text)


def show_scenario(ref: str | Scenario, lesson: bool = True) -> None:
    """Display one scenario as a card (see :func:`scenario_card`)."""
    show(*scenario_card(ref, lesson))


def catalogue_table(ids: Iterable[str], sources: dict[str, str] | None = None) -> None:
    """Display a table of scenarios: id, person, channel, fault, title (and where each comes from)."""
    scenarios = [load_scenario(i) for i in ids]
    sources = sources or {}
    extra_head = "<th>comes from</th>" if sources else ""
    rows = "".join(
        f"<tr><td><code>{escape(s.id)}</code></td><td>{escape(s.customer_name)}</td><td>{escape(s.channel)}</td>"
        f"<td>{escape(FAULT[s.company_at_fault])}</td><td>{escape(s.title)}</td>"
        + (f"<td>{escape(sources.get(s.id, ''))}</td>" if sources else "")
        + "</tr>"
        for s in scenarios
    )
    html = (
        "<table class='mathjax_ignore' style='max-width:100%'><thead><tr><th>id</th><th>person</th>"
        "<th>channel</th>"
        f"<th>at fault?</th><th>what happened</th>{extra_head}</tr></thead><tbody>{rows}</tbody></table>"
    )
    text = "\n".join(
        f"{s.id:28} {s.customer_name:16} {s.channel:9} {s.title}"
        + (f"  [{sources.get(s.id, '')}]" if sources else "")
        for s in scenarios
    )
    show(html, text)


def compare_replies(scenario: dict | str | Scenario, weak: str, strong: str) -> None:
    """Score a weak and a strong reply to ``scenario`` with the rubric and show them side by side.

    ``scenario`` is a scenario id, a loaded scenario, or a mapping with the fields of a scenario
    file (validated by :func:`~autograder.rubric.scenario.parse_scenario`).
    """
    from autograder import score_reply

    s = parse_scenario(scenario) if isinstance(scenario, dict) else load_scenario(scenario)
    boxes, texts = [], []
    for label, reply in ((f"{s.title}: weak reply", weak), (f"{s.title}: strong reply", strong)):
        result = score_reply(s, reply)
        boxes.append(f"<div style='flex:1 1 300px; min-width:0'>{result_html(result, label)}</div>")
        texts.append(result_text(result, label))
    show(
        f"<div class='mathjax_ignore' style='display:flex; flex-wrap:wrap; gap:10px; max-width:100%'>"
        f"{''.join(boxes)}</div>",
        "\n\n".join(texts),
    )
