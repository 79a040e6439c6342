"""Learner actions in JupyterLab, built on :mod:`labdriver`: the steps the journeys are made of."""

from __future__ import annotations

import re

import labdriver as lab
import pytest

SELF_CHECK = re.compile(r"""check_reply\(\s*["']([\w-]+)["']\s*,\s*(\w+)""")


def code_cells(page) -> list[dict]:
    """Every code cell of the active notebook: its source, prompt and error/stderr output text."""
    return page.evaluate(
        """(sel) => {
            const nb = [...document.querySelectorAll(sel)].pop();
            return [...nb.querySelectorAll('.jp-CodeCell')].map((cell, index) => ({
                index,
                source: (cell.querySelector('.cm-content') || {}).textContent || '',
                lines: [...cell.querySelectorAll('.cm-line')].map(l => l.textContent).join('\\n'),
                prompt: (cell.querySelector('.jp-InputPrompt') || {}).textContent || '',
                stderr: [...cell.querySelectorAll(
                    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
                    .map(o => o.textContent).join('\\n'),
            }));
        }""",
        lab.NOTEBOOK,
    )


def is_stub(cell: dict) -> bool:
    """An answer cell the learner has not answered yet (nbgrader's stub is still there)."""
    return "raise NotImplementedError" in cell["lines"]


def raw_errors(page, allow_stubs: bool = True) -> list[str]:
    """Tracebacks and stderr shown to the learner, except (optionally) unanswered stubs' own error."""
    problems = []
    for cell in code_cells(page):
        if not cell["stderr"].strip():
            continue
        if allow_stubs and is_stub(cell) and "NotImplementedError" in cell["stderr"]:
            continue
        first = cell["lines"].strip().splitlines()[:1]
        problems.append(f"cell {cell['index']} ({first[0] if first else ''!r}): {cell['stderr'][:400]}")
    return problems


def answer_quiz(page, quiz, max_tries: int = 5) -> list[str]:
    """Click the options of ``quiz`` one after another, pressing Check, until it says "Right."."""
    verdicts = []
    options = quiz.locator(".widget-radio-box input[type=radio]")
    feedback = quiz.locator(".widget-html").last
    for i in range(min(options.count(), max_tries)):
        options.nth(i).check()
        before = feedback.inner_text()
        quiz.locator("button", has_text="Check").click()
        page.wait_for_function(
            "([el, before]) => el.innerText !== before && el.innerText.trim() !== ''",
            arg=[feedback.element_handle(), before],
            timeout=lab.SHORT_TIMEOUT,
        )
        verdict = feedback.inner_text().strip()
        verdicts.append(verdict)
        if verdict.startswith("Right."):
            break
    return verdicts


def reply_for(scenario_id: str) -> str:
    """A learner's reasonable (not model) reply to a catalogue scenario."""
    from autograder.rubric.scenario import load_scenario

    scenario = load_scenario(scenario_id)
    name = scenario.customer_name or "Hi"
    return (
        f"{name}, I'm sorry this has been so frustrating, and thank you for telling us. "
        "I can see why you are upset. I'm looking into it myself right now and "
        "I will email you today with what I have done. Would that work for you?"
    )


def write_reply_and_self_check(page, shot=None) -> tuple[str, str]:
    """Type a reply into the first written-reply answer cell, run it, run its self-check.

    Returns ``(scenario id, feedback text)``; the feedback is the rendered ``.course-feedback``.
    """
    cells = code_cells(page)
    check = next((c for c in cells if SELF_CHECK.search(c["lines"])), None)
    assert check is not None, "no check_reply self-check cell in this notebook"
    scenario, variable = SELF_CHECK.search(check["lines"]).groups()
    answer = next(
        c for c in reversed(cells[: check["index"]]) if is_stub(c) and f"{variable} =" in c["lines"]
    )
    nb = lab.active_notebook(page)
    answer_cell = nb.locator(".jp-CodeCell").nth(answer["index"])
    lab.show(page, answer_cell)
    text = answer["lines"].replace("raise NotImplementedError()", f'{variable} = "{reply_for(scenario)}"')
    lab.replace_cell_text(page, answer_cell, text)
    if shot:
        shot(page, "reply-typed")
    lab.run_cell(page, answer_cell)
    check_cell = nb.locator(".jp-CodeCell").nth(check["index"])
    lab.run_cell(page, check_cell)
    feedback = check_cell.locator(".course-feedback")
    feedback.wait_for(timeout=lab.STEP_TIMEOUT)
    lab.show(page, feedback)
    return scenario, feedback.inner_text()


def save(page) -> None:
    """Ctrl+S, and wait until the tab no longer shows unsaved changes."""
    lab.active_notebook(page).locator(".jp-Notebook").click(position={"x": 5, "y": 5})
    page.keyboard.press("Control+s")
    # the main area's tab: the side bars have a current tab too, never dirty
    page.wait_for_selector(
        "#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current:not(.jp-mod-dirty)", timeout=lab.SHORT_TIMEOUT
    )


def close_all_tabs(page, discard: bool = True) -> None:
    """File > Close All Tabs; unsaved notebooks are discarded (or saved when ``discard`` is false)."""
    lab.run_menu(page, "File", "application:close-all")
    answer = "Discard" if discard else "Save"
    for _ in range(20):
        try:
            page.wait_for_function(
                """() => !document.querySelector('#jp-main-dock-panel .jp-NotebookPanel:not(.lm-mod-hidden)')
                    || document.querySelector('.jp-Dialog')""",
                timeout=lab.SHORT_TIMEOUT,
            )
        except Exception:
            break
        dialog = page.locator(".jp-Dialog")
        if not dialog.count():
            return
        dialog.locator(".jp-Dialog-button", has_text=answer).first.click()
        dialog.first.wait_for(state="detached", timeout=lab.SHORT_TIMEOUT)
    raise AssertionError(f"tabs did not close: {lab.popups(page)}")


def require_modules(*prefixes: str, release=lab.RELEASE) -> dict[str, str]:
    """``{prefix: notebook path}`` of released modules; skip when one is not released yet."""
    found = {}
    for prefix in prefixes:
        module = lab.find_module(prefix, release)
        notebook = lab.module_notebook(module, release) if module else None
        if notebook is None:
            pytest.skip(f"module {prefix}* is not in {release} yet (run `make release`)")
        found[prefix] = notebook
    return found
