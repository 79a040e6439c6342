"""The scenario catalogue: one YAML file per customer (or colleague) scenario.

An instructor adds a scenario by dropping a new ``<id>.yaml`` file into
``autograder/rubric/scenarios/``; :func:`load_scenario` and :func:`load_catalogue` read and
validate it. Any problem raises :class:`ScenarioError` naming the file and field.
"""

from __future__ import annotations

import re
import re._constants as _sre
import re._parser as _sre_parse
from dataclasses import dataclass, field, fields
from functools import cache
from pathlib import Path

from autograder.yamlfile import CourseFileError, read_yaml

SCENARIO_DIR = Path(__file__).parent / "scenarios"
CHANNELS = ("phone", "chat", "email", "in person")
ROLES = ("customer", "colleague")


class ScenarioError(CourseFileError):
    """A scenario file is missing, unreadable or has an invalid field."""


@dataclass(frozen=True)
class RedLine:
    """Something the scenario's lesson says not to do, and how to recognise it in a reply.

    Attributes:
        rule: one sentence shown to a learner whose reply crosses the line.
        signals: case-insensitive regular expressions, each matched within one sentence of the
            reply; a match that is negated ("I will never ask for your PIN") does not count.
        examples: sentences that cross the line (optional in the file); every signal must match at
            least one of them and every one must be matched by a signal, so a signal that can never
            match is refused when the scenario loads.
    """

    rule: str
    signals: tuple[re.Pattern[str], ...]
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scenario:
    """One situation a learner replies to.

    Attributes:
        id: stable identifier, also the file name without ``.yaml``.
        title: a short human title.
        channel: ``phone``, ``chat``, ``email`` or ``in person``.
        customer_name: the person's name, or ``""`` when they did not give one.
        customer_message: what the person said or wrote.
        company_at_fault: ``True`` (our mistake), ``False`` (not ours) or ``None`` (unknown).
        what_we_can_offer: concrete things the agent is able to do.
        policy_facts: facts about the policy or situation the agent knows.
        role: ``customer``, or ``colleague`` when the learner answers as a team lead.
        business: the kind of organisation the agent works for.
        key_facts: short phrases a reply that listened would reflect back.
        lesson: the point of the scenario, for teaching material.
        red_lines: what the lesson says not to do (:class:`RedLine`); crossing one caps the reply.
        source: the path the scenario was loaded from.
    """

    id: str
    title: str
    channel: str
    customer_name: str
    customer_message: str
    company_at_fault: bool | None
    what_we_can_offer: tuple[str, ...]
    policy_facts: tuple[str, ...]
    role: str
    business: str = ""
    key_facts: tuple[str, ...] = ()
    lesson: str = ""
    red_lines: tuple[RedLine, ...] = ()
    source: str = field(default="", compare=False)

    @property
    def first_name(self) -> str:
        """The first word of the person's name ("" when there is no name)."""
        return self.customer_name.split()[0] if self.customer_name.strip() else ""


_REQUIRED = (
    "id",
    "title",
    "channel",
    "customer_name",
    "customer_message",
    "company_at_fault",
    "what_we_can_offer",
    "policy_facts",
    "role",
)
_OPTIONAL_TEXT = ("business", "lesson")
_KNOWN = set(_REQUIRED) | set(_OPTIONAL_TEXT) | {"key_facts", "red_lines"}


def _text(path: Path, data: dict, name: str, *, allow_empty: bool = False) -> str:
    value = data.get(name, "")
    if value is None and allow_empty:
        return ""
    if not isinstance(value, str):
        raise ScenarioError(path, f"must be text, got {type(value).__name__}", name)
    value = " ".join(value.split())
    if not value and not allow_empty:
        raise ScenarioError(path, "must not be empty", name)
    return value


def _text_list(path: Path, data: dict, name: str, *, required: bool = True) -> tuple[str, ...]:
    value = data.get(name, [])
    if not isinstance(value, list):
        raise ScenarioError(path, f"must be a list of text items, got {type(value).__name__}", name)
    if required and not value:
        raise ScenarioError(path, "must list at least one item", name)
    items = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise ScenarioError(path, f"item {i + 1} must be non-empty text", name)
        items.append(" ".join(item.split()))
    return tuple(items)


_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)


def _first_literals(items) -> set[int]:
    """The literal characters a parsed pattern piece can start with, through groups and alternatives.

    Only the first item that consumes text counts: past an optional piece ("[^.]{0,20}", "(a |)") the
    next literal is also reachable after the characters it consumes, so it is left out.
    """
    for op, av in items:
        if op is _sre.AT or op in (_sre.ASSERT, _sre.ASSERT_NOT):
            continue  # zero width
        if op is _sre.LITERAL:
            return {av}
        if op is _sre.SUBPATTERN:
            return _first_literals(av[3])
        if op is _sre.BRANCH:
            return set().union(*(_first_literals(branch) for branch in av[1]))
        if op in _REPEATS:
            return _first_literals(av[2])
        if op is _sre.IN and all(o is not _sre.NEGATE for o, _ in av):  # "(?:a|\\.)" is parsed as a set
            return {c for o, c in av if o is _sre.LITERAL}
        return set()
    return set()


def _word(c: int) -> bool:
    return chr(c).isalnum() or chr(c) == "_"


def _ends_in_word(items, word_before: bool) -> bool:
    """Whether a parsed pattern piece always ends with a word character (``word_before``: what
    precedes it does, for a piece that may match nothing)."""
    for op, av in reversed(items):
        if op is _sre.AT or op in (_sre.ASSERT, _sre.ASSERT_NOT):
            continue
        if op is _sre.LITERAL:
            return _word(av)
        if op is _sre.SUBPATTERN:
            return _ends_in_word(av[3], word_before)
        if op is _sre.BRANCH:
            return all(_ends_in_word(branch, word_before) for branch in av[1])
        if op in _REPEATS and av[0] >= 1:
            return _ends_in_word(av[2], word_before)
        return False
    return word_before


def _dead_boundaries(items, word_before: bool = False) -> set[str]:
    """Non-word characters that directly follow a leading ``\\b`` somewhere in a parsed pattern.

    A ``\\b`` that does not come right after a word character ("\\b\\$39", "[^.]{0,20}\\b\\$39") and is
    followed by a non-word character needs a letter or digit glued to that character, so it never
    matches after a space: the pattern silently never fires. "refund\\b " (a trailing boundary) is fine.
    """
    found: set[str] = set()
    for i, (op, av) in enumerate(items):
        before = _ends_in_word(items[:i], word_before)
        if op is _sre.AT and av is _sre.AT_BOUNDARY and not before:
            found |= {chr(c) for c in _first_literals(items[i + 1 :]) if not _word(c)}
        elif op is _sre.SUBPATTERN:
            found |= _dead_boundaries(av[3], before)
        elif op is _sre.BRANCH:
            for branch in av[1]:
                found |= _dead_boundaries(branch, before)
        elif op in _REPEATS:
            found |= _dead_boundaries(av[2], before)
    return found


def _signal(path: Path, signal: object, where: str) -> re.Pattern[str]:
    if not isinstance(signal, str) or not signal.strip():
        raise ScenarioError(path, "must be a non-empty regular expression", where)
    try:
        compiled = re.compile(signal, re.IGNORECASE)
    except re.error as exc:
        raise ScenarioError(
            path, f"is not a valid regular expression ({exc}); quote it in single quotes", where
        ) from None
    dead = sorted(_dead_boundaries(_sre_parse.parse(signal, re.IGNORECASE)))
    if dead:
        raise ScenarioError(
            path,
            f"has \\b directly before '{dead[0]}', a non-word character, so it never matches after a space; "
            f"drop that \\b (put it after the word characters instead, e.g. '\\$39\\.99\\b')",
            where,
        )
    return compiled


def _red_lines(path: Path, data: dict) -> tuple[RedLine, ...]:
    value = data.get("red_lines", [])
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ScenarioError(
            path,
            f"must be a list of entries with 'rule' and 'signals', got {type(value).__name__}",
            "red_lines",
        )
    lines = []
    for i, entry in enumerate(value, start=1):
        where = f"red_lines[{i}]"
        if not isinstance(entry, dict):
            raise ScenarioError(path, "must be a mapping with 'rule' and 'signals'", where)
        unknown = sorted(set(entry) - {"rule", "signals", "examples"})
        if unknown:
            raise ScenarioError(
                path,
                "is not a red-line field (known fields: rule, signals, examples)",
                f"{where}.{unknown[0]}",
            )
        rule = entry.get("rule")
        if not isinstance(rule, str) or not rule.strip():
            raise ScenarioError(path, "must be a sentence shown to the learner", f"{where}.rule")
        signals = entry.get("signals")
        if not isinstance(signals, list) or not signals:
            raise ScenarioError(path, "must list at least one regular expression", f"{where}.signals")
        compiled = [
            _signal(path, signal, f"{where}.signals[{j}]") for j, signal in enumerate(signals, start=1)
        ]
        examples = _examples(path, entry.get("examples", []), f"{where}.examples")
        _check_examples(path, where, compiled, examples)
        lines.append(RedLine(" ".join(rule.split()), tuple(compiled), examples))
    return tuple(lines)


def _examples(path: Path, value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ScenarioError(path, f"must be a list of example sentences, got {type(value).__name__}", where)
    for k, item in enumerate(value, start=1):
        if not isinstance(item, str) or not item.strip():
            raise ScenarioError(path, "must be a non-empty example sentence", f"{where}[{k}]")
    return tuple(" ".join(item.split()) for item in value)


def _check_examples(
    path: Path, where: str, signals: list[re.Pattern[str]], examples: tuple[str, ...]
) -> None:
    """Every signal must match one of the red line's examples, and every example must be matched."""
    if not examples:
        return
    for j, signal in enumerate(signals, start=1):
        if not any(signal.search(e) for e in examples):
            raise ScenarioError(
                path,
                "matches none of this red line's examples; fix the pattern, or add an example sentence it "
                "must match",
                f"{where}.signals[{j}]",
            )
    for k, example in enumerate(examples, start=1):
        if not any(signal.search(example) for signal in signals):
            raise ScenarioError(
                path,
                "is matched by none of this red line's signals; fix the signals, or remove the example",
                f"{where}.examples[{k}]",
            )


def parse_scenario(data: object, path: str | Path = "<scenario>") -> Scenario:
    """Validate a mapping read from YAML and build a :class:`Scenario`."""
    path = Path(path)
    if not isinstance(data, dict):
        raise ScenarioError(path, "must be a YAML mapping of field: value")
    missing = [name for name in _REQUIRED if name not in data]
    if missing:
        raise ScenarioError(path, "is required but missing", missing[0])
    unknown = sorted(set(data) - _KNOWN)
    if unknown:
        known = ", ".join(sorted(_KNOWN))
        raise ScenarioError(path, f"is not a scenario field (known fields: {known})", unknown[0])

    scenario_id = _text(path, data, "id")
    if not all(ch.isalnum() or ch == "-" for ch in scenario_id) or scenario_id != scenario_id.lower():
        raise ScenarioError(path, "must be lower-case letters, digits and hyphens", "id")
    if path.suffix == ".yaml" and path.stem != scenario_id:
        raise ScenarioError(path, f"'{scenario_id}' must match the file name '{path.stem}'", "id")
    channel = _text(path, data, "channel")
    if channel not in CHANNELS:
        raise ScenarioError(path, f"'{channel}' is not one of {', '.join(CHANNELS)}", "channel")
    role = _text(path, data, "role")
    if role not in ROLES:
        raise ScenarioError(path, f"'{role}' is not one of {', '.join(ROLES)}", "role")
    at_fault = data["company_at_fault"]
    if at_fault not in (True, False, None):
        raise ScenarioError(path, "must be true, false or null (unknown)", "company_at_fault")

    return Scenario(
        id=scenario_id,
        title=_text(path, data, "title"),
        channel=channel,
        customer_name=_text(path, data, "customer_name", allow_empty=True),
        customer_message=_text(path, data, "customer_message"),
        company_at_fault=at_fault,
        what_we_can_offer=_text_list(path, data, "what_we_can_offer"),
        policy_facts=_text_list(path, data, "policy_facts", required=False),
        role=role,
        business=_text(path, data, "business", allow_empty=True),
        key_facts=_text_list(path, data, "key_facts", required=False),
        lesson=_text(path, data, "lesson", allow_empty=True),
        red_lines=_red_lines(path, data),
        source=str(path),
    )


def load_scenario_file(path: str | Path) -> Scenario:
    """Read and validate one scenario YAML file."""
    path = Path(path)
    data = read_yaml(path, ScenarioError, "scenario")
    return parse_scenario(data, path)


@cache
def _load_dir(directory: str) -> dict[str, Scenario]:
    scenarios = {}
    for path in sorted(Path(directory).glob("*.yaml")):
        scenario = load_scenario_file(path)
        scenarios[scenario.id] = scenario
    return scenarios


def load_catalogue(directory: str | Path = SCENARIO_DIR) -> dict[str, Scenario]:
    """Every scenario in ``directory`` keyed by id (validated; cached per directory)."""
    directory = Path(directory)
    if not directory.is_dir():
        raise ScenarioError(directory, "scenario folder does not exist")
    return dict(_load_dir(str(directory.resolve())))


def load_scenario(ref: str | Path | Scenario) -> Scenario:
    """A scenario from an id in the catalogue, a path to a YAML file, or a loaded scenario."""
    if isinstance(ref, Scenario):
        return ref
    if not isinstance(ref, (str, Path)):
        raise TypeError(f"a scenario is an id, a path or a Scenario, not {type(ref).__name__}")
    text = str(ref)
    if isinstance(ref, Path) or text.endswith((".yaml", ".yml")) or "/" in text:
        return load_scenario_file(ref)
    catalogue = load_catalogue()
    if text not in catalogue:
        known = ", ".join(sorted(catalogue))
        raise ScenarioError(SCENARIO_DIR, f"no scenario with id '{text}' (known ids: {known})", "id")
    return catalogue[text]


def scenario_fields() -> list[str]:
    """The field names a scenario file may use, in documentation order."""
    return [f.name for f in fields(Scenario) if f.name != "source"]
