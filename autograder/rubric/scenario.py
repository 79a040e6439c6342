"""The scenario catalogue: one YAML file per customer (or colleague) scenario.

An instructor adds a scenario by dropping a new ``<id>.yaml`` file into
``autograder/rubric/scenarios/``; :func:`load_scenario` and :func:`load_catalogue` read and
validate it. Any problem raises :class:`ScenarioError` naming the file and field.
"""

from __future__ import annotations

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
_KNOWN = (
    set(_REQUIRED) | set(_OPTIONAL_TEXT) | {"key_facts", "red_lines"}
)  # red_lines: issue 9 validates them


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
