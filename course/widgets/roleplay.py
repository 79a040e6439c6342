"""A branching role-play: pick the agent's lines and watch how the person reacts.

Scripts live in ``course/roleplays/<id>.yaml``; each is checked when it is loaded
and any problem raises :class:`RolePlayError` naming the file and the field. A
script has a few steps; a step either offers the learner 2-3 lines to say (each
leading to another step) or ends the conversation with an outcome and a debrief::

    id: double-charge
    title: Charged twice for one order
    person: Tom
    setting: You answer the chat of an online shop.
    scenario: double-charge          # optional: the catalogue scenario it practises
    start: open
    steps:
      open:
        says: You charged me twice!
        mood: angry                  # one of MOODS
        choices:
          - say: Tom, that's our billing error; I'm refunding it now.
            next: owned
            why: Owns the mistake at once and fixes it.
          - ...
      owned:
        says: OK, thanks.
        mood: calm
        outcome: Tom gets his money back and keeps shopping with us.
        debrief: Owning the mistake took the heat out of the chat.

Role-plays are practice: nothing is graded. ``RolePlay("double-charge")`` shows the
widget; ``RolePlay.choose(index)`` picks a line as a click would (tests and browser
tests drive it this way). The buttons carry the CSS classes
``course-roleplay-choice`` and ``course-roleplay-choice-<index>``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import ipywidgets as widgets

from autograder.yamlfile import CourseFileError, read_yaml

ROLEPLAY_DIR = Path(__file__).resolve().parent.parent / "roleplays"

#: Moods from worst to best; a step's ``mood`` must be one of these.
MOODS = ("furious", "angry", "frustrated", "wary", "calm", "relieved", "pleased")
_FACES = {
    "furious": "&#128545;",
    "angry": "&#128544;",
    "frustrated": "&#128548;",
    "wary": "&#128533;",
    "calm": "&#128528;",
    "relieved": "&#128524;",
    "pleased": "&#128522;",
}
_COLOURS = {
    "furious": "#a40000",
    "angry": "#c9372c",
    "frustrated": "#d9730d",
    "wary": "#b58a00",
    "calm": "#5a7d2a",
    "relieved": "#2b8a3e",
    "pleased": "#1a7f37",
}
MIN_CHOICES, MAX_CHOICES = 2, 3


class RolePlayError(CourseFileError):
    """A role-play script is missing, unreadable or has an invalid field."""


@dataclass(frozen=True)
class Choice:
    """A line the learner can say.

    Attributes:
        say: the agent's words.
        next: the step this line leads to.
        why: why the line helps or hurts (shown in the debrief).
    """

    say: str
    next: str
    why: str


@dataclass(frozen=True)
class Step:
    """One turn of the conversation: what the person says, their mood, then choices or an ending.

    Attributes:
        id: the step's name in the script.
        says: what the person says at this point.
        mood: one of :data:`MOODS`.
        choices: 2-3 lines to choose from (empty for an ending).
        outcome: how the conversation ended (endings only).
        debrief: why it ended that way (endings only).
    """

    id: str
    says: str
    mood: str
    choices: tuple[Choice, ...] = ()
    outcome: str = ""
    debrief: str = ""

    @property
    def is_ending(self) -> bool:
        """Whether the conversation stops here."""
        return not self.choices


@dataclass(frozen=True)
class Script:
    """A validated role-play script.

    Attributes:
        id: identifier, also the file name without ``.yaml``.
        title: short human title.
        person: the name of the customer or colleague the learner talks to.
        setting: the situation, told to the learner before the first line.
        start: the first step's name.
        steps: every step by name.
        scenario: the catalogue scenario it practises ("" if none).
        source: the path the script was loaded from.
    """

    id: str
    title: str
    person: str
    setting: str
    start: str
    steps: dict[str, Step]
    scenario: str = ""
    source: str = field(default="", compare=False)

    def endings(self) -> list[Step]:
        """The steps that end the conversation."""
        return [step for step in self.steps.values() if step.is_ending]


_REQUIRED = ("id", "title", "person", "setting", "start", "steps")
_KNOWN = {*_REQUIRED, "scenario"}
_STEP_KNOWN = {"says", "mood", "choices", "outcome", "debrief"}
_CHOICE_KNOWN = {"say", "next", "why"}


def _text(path: Path, data: dict, name: str, where: str, *, required: bool = True) -> str:
    value = data.get(name, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise RolePlayError(path, f"must be text, got {type(value).__name__}", where)
    value = " ".join(value.split())
    if required and not value:
        raise RolePlayError(path, "must not be empty", where)
    return value


def _unknown(path: Path, data: dict, known: set[str], where: str, what: str) -> None:
    extra = sorted(set(data) - known)
    if extra:
        raise RolePlayError(
            path, f"is not a {what} field (known fields: {', '.join(sorted(known))})", f"{where}{extra[0]}"
        )


def _parse_step(path: Path, name: str, data: object) -> Step:
    where = f"steps.{name}"
    if not isinstance(data, dict):
        raise RolePlayError(path, "must be a mapping with says, mood and choices (or outcome)", where)
    _unknown(path, data, _STEP_KNOWN, f"{where}.", "step")
    says = _text(path, data, "says", f"{where}.says")
    mood = _text(path, data, "mood", f"{where}.mood")
    if mood not in MOODS:
        raise RolePlayError(path, f"'{mood}' is not one of {', '.join(MOODS)}", f"{where}.mood")
    raw_choices = data.get("choices")
    if raw_choices is None:
        outcome = _text(path, data, "outcome", f"{where}.outcome")
        debrief = _text(path, data, "debrief", f"{where}.debrief")
        return Step(name, says, mood, (), outcome, debrief)
    if "outcome" in data or "debrief" in data:
        field_name = "outcome" if "outcome" in data else "debrief"
        raise RolePlayError(
            path,
            "a step has either choices or an ending (outcome and debrief), not both",
            f"{where}.{field_name}",
        )
    if not isinstance(raw_choices, list):
        raise RolePlayError(path, f"must be a list, got {type(raw_choices).__name__}", f"{where}.choices")
    if not MIN_CHOICES <= len(raw_choices) <= MAX_CHOICES:
        raise RolePlayError(
            path,
            f"must offer {MIN_CHOICES} or {MAX_CHOICES} lines, got {len(raw_choices)}",
            f"{where}.choices",
        )
    choices = []
    for i, raw in enumerate(raw_choices):
        at = f"{where}.choices[{i}]"
        if not isinstance(raw, dict):
            raise RolePlayError(path, "must be a mapping with say, next and why", at)
        _unknown(path, raw, _CHOICE_KNOWN, f"{at}.", "choice")
        choices.append(
            Choice(
                say=_text(path, raw, "say", f"{at}.say"),
                next=_text(path, raw, "next", f"{at}.next"),
                why=_text(path, raw, "why", f"{at}.why"),
            )
        )
    if len({c.say for c in choices}) != len(choices):
        raise RolePlayError(path, "two choices say the same line", f"{where}.choices")
    return Step(name, says, mood, tuple(choices))


def _check_graph(path: Path, start: str, steps: dict[str, Step]) -> None:
    if start not in steps:
        raise RolePlayError(path, f"'{start}' is not a step (steps: {', '.join(steps)})", "start")
    for step in steps.values():
        for i, choice in enumerate(step.choices):
            if choice.next not in steps:
                raise RolePlayError(
                    path,
                    f"'{choice.next}' is not a step (steps: {', '.join(steps)})",
                    f"steps.{step.id}.choices[{i}].next",
                )
    # Every step reachable, and no loops: each path must reach an ending.
    state: dict[str, str] = {}

    def visit(name: str, trail: list[str]) -> None:
        if state.get(name) == "done":
            return
        if state.get(name) == "open":
            loop = " -> ".join([*trail[trail.index(name) :], name])
            raise RolePlayError(path, f"the conversation can loop forever ({loop})", f"steps.{name}")
        state[name] = "open"
        for choice in steps[name].choices:
            visit(choice.next, [*trail, name])
        state[name] = "done"

    visit(start, [])
    unreachable = [name for name in steps if name not in state]
    if unreachable:
        raise RolePlayError(path, "is never reached from the start step", f"steps.{unreachable[0]}")


def parse_script(data: object, path: str | Path = "<role-play>") -> Script:
    """Validate a mapping read from YAML and build a :class:`Script`."""
    path = Path(path)
    if not isinstance(data, dict):
        raise RolePlayError(path, "must be a YAML mapping of field: value")
    missing = [name for name in _REQUIRED if name not in data]
    if missing:
        raise RolePlayError(path, "is required but missing", missing[0])
    _unknown(path, data, _KNOWN, "", "role-play")
    script_id = _text(path, data, "id", "id")
    if not all(ch.isalnum() or ch == "-" for ch in script_id) or script_id != script_id.lower():
        raise RolePlayError(path, "must be lower-case letters, digits and hyphens", "id")
    if path.suffix == ".yaml" and path.stem != script_id:
        raise RolePlayError(path, f"'{script_id}' must match the file name '{path.stem}'", "id")
    scenario = _text(path, data, "scenario", "scenario", required=False)
    if scenario:
        from autograder.rubric.scenario import load_catalogue

        known = load_catalogue()
        if scenario not in known:
            raise RolePlayError(
                path,
                f"'{scenario}' is not in the scenario catalogue ({', '.join(sorted(known))})",
                "scenario",
            )
    raw_steps = data["steps"]
    if not isinstance(raw_steps, dict) or not raw_steps:
        raise RolePlayError(path, "must be a mapping of step name: step", "steps")
    steps = {str(name): _parse_step(path, str(name), raw) for name, raw in raw_steps.items()}
    start = _text(path, data, "start", "start")
    _check_graph(path, start, steps)
    return Script(
        id=script_id,
        title=_text(path, data, "title", "title"),
        person=_text(path, data, "person", "person"),
        setting=_text(path, data, "setting", "setting"),
        start=start,
        steps=steps,
        scenario=scenario,
        source=str(path),
    )


def load_script_file(path: str | Path) -> Script:
    """Read and validate one role-play YAML file."""
    path = Path(path)
    data = read_yaml(path, RolePlayError, "role-play")
    return parse_script(data, path)


def available_scripts(directory: str | Path = ROLEPLAY_DIR) -> list[str]:
    """The ids of the role-play scripts in ``directory``."""
    return sorted(p.stem for p in Path(directory).glob("*.yaml"))


def load_script(ref: str | Path | Script) -> Script:
    """A script from an id in ``course/roleplays/``, a path to a YAML file, or a loaded script."""
    if isinstance(ref, Script):
        return ref
    if not isinstance(ref, (str, Path)):
        raise TypeError(f"a role-play is an id, a path or a Script, not {type(ref).__name__}")
    text = str(ref)
    if isinstance(ref, Path) or text.endswith((".yaml", ".yml")) or "/" in text:
        return load_script_file(ref)
    path = ROLEPLAY_DIR / f"{text}.yaml"
    if not path.is_file():
        known = ", ".join(available_scripts())
        raise RolePlayError(ROLEPLAY_DIR, f"no role-play with id '{text}' (known ids: {known})", "id")
    return load_script_file(path)


def _bubble(who: str, text: str, agent: bool) -> str:
    side, colour = ("flex-end", "#e3effd") if agent else ("flex-start", "#f3f3f3")
    return (
        f"<div style='display:flex; justify-content:{side}; margin:3px 0'>"
        f"<div style='background:{colour}; border-radius:8px; padding:5px 10px; max-width:80%;"
        f" overflow-wrap:anywhere'><b>{escape(who)}:</b> {escape(text)}</div></div>"
    )


class RolePlay(widgets.VBox):
    """A branching conversation: the learner picks the agent's lines, the person reacts.

    ``RolePlay("late-fee-dispute")``; put it last in a cell to show it. Practice only.
    """

    def __init__(self, script: str | Path | Script, **kwargs):
        self.script = load_script(script)
        self.history: list[tuple[str, int]] = []
        self.current = self.script.start
        full = widgets.Layout(width="100%", max_width="100%")
        setting = (
            f"<h4 style='margin:4px 0'>Role-play: {escape(self.script.title)}</h4>"
            f"<p style='margin:4px 0'>{escape(self.script.setting)}</p>"
            "<p style='margin:4px 0; color:#555'><i>Practice only, not graded. Pick what you would say;"
            " you can start again as often as you like.</i></p>"
        )
        self.setting = widgets.HTML(value=setting, layout=full)
        self.mood_view = widgets.HTML(layout=full)
        self.transcript = widgets.HTML(layout=full)
        self.choices_box = widgets.VBox(layout=full)
        self.ending = widgets.HTML(layout=full)
        self.restart_button = widgets.Button(description="Start again", icon="refresh", tooltip="Start again")
        self.restart_button.add_class("course-roleplay-restart")
        self.restart_button.on_click(lambda _button: self.restart())
        self.setting.add_class("course-roleplay-setting")
        self.mood_view.add_class("course-roleplay-mood")
        self.transcript.add_class("course-roleplay-transcript")
        self.choices_box.add_class("course-roleplay-choices")
        self.ending.add_class("course-roleplay-ending")
        super().__init__(
            children=[
                self.setting,
                self.mood_view,
                self.transcript,
                self.choices_box,
                self.ending,
                self.restart_button,
            ],
            layout=widgets.Layout(
                max_width="100%", overflow="hidden", border="1px solid #c8c8c8", padding="6px 10px"
            ),
            **kwargs,
        )
        self.add_class("course-roleplay")
        self._render()

    # -- state ---------------------------------------------------------------
    @property
    def step(self) -> Step:
        """The step the conversation is at."""
        return self.script.steps[self.current]

    @property
    def mood(self) -> str:
        """The person's mood now (one of :data:`MOODS`)."""
        return self.step.mood

    @property
    def finished(self) -> bool:
        """Whether the conversation has reached an ending."""
        return self.step.is_ending

    @property
    def outcome(self) -> str:
        """How the conversation ended ("" until it has)."""
        return self.step.outcome

    @property
    def debrief(self) -> str:
        """Why it ended that way ("" until it has)."""
        return self.step.debrief

    @property
    def choices(self) -> list[str]:
        """The lines the learner can say now (empty once finished)."""
        return [choice.say for choice in self.step.choices]

    @property
    def path(self) -> list[str]:
        """The steps visited so far, from the start to the current one."""
        return [name for name, _ in self.history] + [self.current]

    # -- actions -------------------------------------------------------------
    def choose(self, index: int) -> Step:
        """Say the line at ``index`` (0-based) of :attr:`choices`, as a click would; returns the new step."""
        if self.finished:
            raise ValueError("the conversation has ended; call restart() to play again")
        if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(self.step.choices):
            raise ValueError(f"choose a line between 0 and {len(self.step.choices) - 1}, not {index!r}")
        self.history.append((self.current, index))
        self.current = self.step.choices[index].next
        self._render()
        return self.step

    def restart(self) -> None:
        """Go back to the first step."""
        self.history = []
        self.current = self.script.start
        self._render()

    # -- view ----------------------------------------------------------------
    def _mood_html(self) -> str:
        mood = self.mood
        level = MOODS.index(mood) + 1
        change = ""
        if self.history:
            before = self.script.steps[self.history[-1][0]].mood
            delta = MOODS.index(mood) - MOODS.index(before)
            if delta > 0:
                change = f" <span style='color:#1a7f37'>&#9650; better than before ({before})</span>"
            elif delta < 0:
                change = f" <span style='color:#a40000'>&#9660; worse than before ({before})</span>"
            else:
                change = " <span style='color:#555'>no change</span>"
        bar = (
            f"<span style='display:inline-block; width:140px; height:10px; background:#e5e5e5;"
            f" border-radius:5px; vertical-align:middle'><span style='display:block; height:10px;"
            f" width:{round(100 * level / len(MOODS))}%; background:{_COLOURS[mood]}; border-radius:5px'>"
            "</span></span>"
        )
        return (
            f"<div style='margin:4px 0'><b>{escape(self.script.person)}'s mood:</b> {_FACES[mood]} "
            f"<span data-mood='{mood}' style='color:{_COLOURS[mood]}'><b>{mood}</b></span> "
            f"{bar}{change}</div>"
        )

    def _transcript_html(self) -> str:
        person = self.script.person
        parts = []
        for name, index in self.history:
            step = self.script.steps[name]
            parts.append(_bubble(person, step.says, agent=False))
            parts.append(_bubble("You", step.choices[index].say, agent=True))
        parts.append(_bubble(person, self.step.says, agent=False))
        return f"<div style='max-width:100%'>{''.join(parts)}</div>"

    def _ending_html(self) -> str:
        if not self.finished:
            return ""
        good = MOODS.index(self.mood) >= MOODS.index("calm")
        colour = "#1a7f37" if good else "#a40000"
        notes = "".join(
            f"<li><i>&ldquo;{escape(self.script.steps[name].choices[index].say)}&rdquo;</i><br>"
            f"{escape(self.script.steps[name].choices[index].why)}</li>"
            for name, index in self.history
        )
        return (
            f"<div style='border-left:4px solid {colour}; padding:4px 10px; margin:6px 0'>"
            f"<p style='margin:2px 0'><b>Outcome:</b> {escape(self.outcome)}</p>"
            f"<p style='margin:2px 0'><b>Debrief:</b> {escape(self.debrief)}</p>"
            f"<p style='margin:6px 0 2px'><b>Your lines, one by one:</b></p>"
            f"<ol style='margin:2px 0; padding-left:20px'>{notes}</ol>"
            "<p style='margin:4px 0; color:#555'>Try another path with <b>Start again</b>.</p></div>"
        )

    def _choice_row(self, index: int, choice: Choice) -> widgets.HBox:
        button = widgets.Button(
            description=f"Say {chr(ord('A') + index)}",
            tooltip=choice.say,
            layout=widgets.Layout(width="90px", min_width="90px"),
        )
        button.add_class("course-roleplay-choice")
        button.add_class(f"course-roleplay-choice-{index}")
        button.on_click(lambda _button, i=index: self.choose(i))
        text = widgets.HTML(
            value=f"<div style='overflow-wrap:anywhere'>{escape(choice.say)}</div>",
            layout=widgets.Layout(flex="1 1 auto", width="auto", max_width="100%"),
        )
        return widgets.HBox([button, text], layout=widgets.Layout(width="100%", align_items="center"))

    def _render(self) -> None:
        self.mood_view.value = self._mood_html()
        self.transcript.value = self._transcript_html()
        self.choices_box.children = [self._choice_row(i, c) for i, c in enumerate(self.step.choices)]
        self.ending.value = self._ending_html()
