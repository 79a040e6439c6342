"""A multiple-choice question with feedback for every answer."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import ipywidgets as widgets


@dataclass(frozen=True)
class Option:
    """One answer to a quiz question.

    Attributes:
        text: the answer as the learner sees it.
        correct: whether choosing it is right.
        why: the feedback shown when it is chosen (why it is right or wrong).
    """

    text: str
    correct: bool
    why: str


class Quiz(widgets.VBox):
    """A question, its options as radio buttons, a Check button and per-answer feedback.

    ``Quiz(question, [(text, correct, why), ...])``; put it last in a cell to show it.
    """

    def __init__(self, question: str, options: list[tuple[str, bool, str]], **kwargs):
        self.options = [Option(*option) for option in options]
        if not any(option.correct for option in self.options):
            raise ValueError(f"quiz {question!r} has no correct option")
        self.question = question
        self.attempts = 0
        self.choice = widgets.RadioButtons(
            options=[option.text for option in self.options],
            value=None,
            layout=widgets.Layout(width="auto", max_width="100%"),
        )
        self.button = widgets.Button(description="Check", button_style="primary", icon="check")
        self.feedback = widgets.HTML(value="")
        self.button.on_click(self._check)
        title = widgets.HTML(value=f"<b>{escape(question)}</b>", layout=widgets.Layout(max_width="100%"))
        super().__init__(
            children=[title, self.choice, self.button, self.feedback],
            layout=widgets.Layout(max_width="100%", overflow="hidden"),
            **kwargs,
        )
        self.add_class("course-quiz")

    def answer(self, text: str) -> str:
        """Choose ``text`` and check it, as a click would; returns the feedback HTML."""
        self.choice.value = text
        self._check(None)
        return self.feedback.value

    def _check(self, _button) -> None:
        if self.choice.value is None:
            self.feedback.value = "<i>Choose an answer first.</i>"
            return
        self.attempts += 1
        option = next(o for o in self.options if o.text == self.choice.value)
        verdict, colour = ("Right.", "#1a7f37") if option.correct else ("Not quite.", "#a40000")
        self.feedback.value = f"<span style='color:{colour}'><b>{verdict}</b></span> {escape(option.why)}"
