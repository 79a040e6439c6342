"""Tests for autograder/rubric/scenario.py: loading and validating scenario files."""

from pathlib import Path

import pytest
import yaml

from autograder.rubric.scenario import SCENARIO_DIR, Scenario, ScenarioError, load_catalogue, load_scenario

DOCUMENTED = {
    "locked-account-2fa": ("phone", "Dana Whitfield", False, "customer"),
    "late-fee-dispute": ("phone", "Marcus Hale", False, "customer"),
    "ebook-incompatible": ("email", "Priya Nair", False, "customer"),
    "double-charge": ("chat", "Tom Becker", True, "customer"),
    "price-increase": ("email", "Linda Okafor", False, "customer"),
    "repeat-outage": ("phone", "Sam Rivera", None, "customer"),
    "agent-after-hostile-calls": ("in person", "Jordan", None, "colleague"),
}


def _write(folder: Path, name: str, data) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def _valid(**changes) -> dict:
    data = yaml.safe_load((SCENARIO_DIR / "double-charge.yaml").read_text())
    data.update(changes)
    return data


@pytest.mark.parametrize("scenario_id", sorted(DOCUMENTED))
def test_documented_scenario_facts(scenario_id):
    """Does each documented scenario carry the fixed channel, name, fault and role?"""
    scenario = load_scenario(scenario_id)
    assert (scenario.channel, scenario.customer_name, scenario.company_at_fault, scenario.role) == (
        DOCUMENTED[scenario_id]
    )
    assert scenario.what_we_can_offer and scenario.customer_message


def test_fixed_figures_are_in_the_catalogue():
    """Are the figures other checks rely on present in the scenarios?"""
    text = {
        s.id: " ".join((s.customer_message, *s.policy_facts, *s.what_we_can_offer))
        for s in load_catalogue().values()
    }
    assert "9:40 pm" in text["late-fee-dispute"] and "5 pm" in text["late-fee-dispute"]
    assert "$25" in text["late-fee-dispute"]
    assert "$14.99" in text["ebook-incompatible"]
    assert "$89" in text["double-charge"] and "3-5 business days" in text["double-charge"]
    assert "$119" in text["price-increase"] and "$7.99" in text["price-increase"]
    assert "15-minute" in text["agent-after-hostile-calls"]


def test_catalogue_holds_every_file():
    """Does the catalogue load one scenario per YAML file, keyed by id?"""
    catalogue = load_catalogue()
    assert set(DOCUMENTED) <= set(catalogue)
    assert len(catalogue) == len(list(SCENARIO_DIR.glob("*.yaml")))


def test_load_by_path_and_object(tmp_path):
    """Can a scenario be given as an id, a path or an already loaded Scenario?"""
    by_id = load_scenario("double-charge")
    by_path = load_scenario(SCENARIO_DIR / "double-charge.yaml")
    assert by_id == by_path
    assert load_scenario(by_id) is by_id
    assert isinstance(by_id, Scenario) and by_id.first_name == "Tom"


def test_unknown_id_lists_known_ids():
    """Is an unknown scenario id reported with the ids that do exist?"""
    with pytest.raises(ScenarioError, match=r"no scenario with id 'nope'.*double-charge"):
        load_scenario("nope")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"channel": "fax"}, "channel", "not one of"),
        ({"role": "manager"}, "role", "not one of"),
        ({"company_at_fault": "maybe"}, "company_at_fault", "true, false or null"),
        ({"what_we_can_offer": "a refund"}, "what_we_can_offer", "must be a list"),
        ({"what_we_can_offer": []}, "what_we_can_offer", "at least one"),
        ({"policy_facts": [""]}, "policy_facts", "item 1"),
        ({"customer_message": ""}, "customer_message", "must not be empty"),
        ({"title": 3}, "title", "must be text"),
        ({"colour": "blue"}, "colour", "not a scenario field"),
        ({"id": "Double Charge"}, "id", "lower-case"),
    ],
)
def test_malformed_field_is_named(tmp_path, changes, field, message):
    """Does a malformed field give an error naming the file and the field?"""
    data = _valid(**changes)
    path = _write(tmp_path, data["id"] if changes.get("id") is None else "double-charge", data)
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert str(path) in str(info.value)
    assert f"field '{field}'" in str(info.value)
    assert message in str(info.value)
    assert info.value.field == field


def test_missing_field_is_named(tmp_path):
    """Is a missing required field named in the error?"""
    data = _valid()
    del data["role"]
    path = _write(tmp_path, "double-charge", data)
    with pytest.raises(ScenarioError, match="field 'role': is required"):
        load_scenario(path)


def test_id_must_match_file_name(tmp_path):
    """Is a scenario whose id differs from its file name rejected?"""
    path = _write(tmp_path, "other-name", _valid())
    with pytest.raises(ScenarioError, match="must match the file name 'other-name'"):
        load_scenario(path)


def test_invalid_yaml_gives_line(tmp_path):
    """Does a YAML syntax error name the file and the line?"""
    path = _write(tmp_path, "broken", "id: broken\ntitle: [unclosed\n")
    with pytest.raises(ScenarioError, match=r"broken.yaml: is not valid YAML at line \d+"):
        load_scenario(path)


def test_not_a_mapping(tmp_path):
    """Is a YAML list instead of a mapping rejected clearly?"""
    path = _write(tmp_path, "listy", "- a\n- b\n")
    with pytest.raises(ScenarioError, match="must be a YAML mapping"):
        load_scenario(path)


def test_missing_file(tmp_path):
    """Is a missing scenario file reported by path?"""
    with pytest.raises(ScenarioError, match="no such scenario file"):
        load_scenario(tmp_path / "ghost.yaml")


def test_catalogue_of_folder_with_bad_file(tmp_path):
    """Does one bad file in a folder stop the catalogue with that file's name?"""
    _write(tmp_path, "double-charge", _valid())
    _write(tmp_path, "bad", _valid(id="bad", channel="pigeon"))
    with pytest.raises(ScenarioError, match=r"bad\.yaml: field 'channel'"):
        load_catalogue(tmp_path)


def test_new_scenario_is_picked_up(tmp_path):
    """Does adding a file add a scenario (the instructor's way to extend the catalogue)?"""
    _write(tmp_path, "double-charge", _valid())
    _write(tmp_path, "lost-parcel", _valid(id="lost-parcel", customer_name=""))
    catalogue = load_catalogue(tmp_path)
    assert sorted(catalogue) == ["double-charge", "lost-parcel"]
    assert catalogue["lost-parcel"].first_name == ""


def test_red_lines_are_read_and_compiled(tmp_path):
    """Is a valid red_lines entry read with its rule and case-insensitive signals?"""
    path = _write(
        tmp_path,
        "double-charge",
        _valid(red_lines=[{"rule": "Don't send him to his bank.", "signals": [r"\bcall your bank\b"]}]),
    )
    line = load_scenario(path).red_lines[0]
    assert line.rule == "Don't send him to his bank."
    assert line.signals[0].search("Please CALL YOUR BANK today")


@pytest.mark.parametrize(
    ("red_lines", "field"),
    [
        ("not a list", "red_lines"),
        (["just text"], "red_lines[1]"),
        ([{"signals": ["x"]}], "red_lines[1].rule"),
        ([{"rule": "Don't.", "signals": []}], "red_lines[1].signals"),
        ([{"rule": "Don't.", "signals": ["(unclosed"]}], "red_lines[1].signals[1]"),
        ([{"rule": "Don't.", "signals": ["x"], "severity": 2}], "red_lines[1].severity"),
    ],
)
def test_a_malformed_red_line_names_the_file_and_field(tmp_path, red_lines, field):
    """Does each kind of malformed red_lines entry raise an error naming the file and the field?"""
    path = _write(tmp_path, "double-charge", _valid(red_lines=red_lines))
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert str(path) in str(info.value) and f"field '{field}'" in str(info.value)


# ------------------------------------------------------------------ red-line signals that can never match


@pytest.mark.parametrize(
    "signal",
    [
        r"\b(sorry)\b[^.?!]{0,40}\b(price|\$12\.99)\b",  # a leading \b before an alternative's "$"
        r"\b\$75\b",
        r"\b(?:\(|fee)",
        r"you (were|are) \b-",
        r"\b[\$£]\d+",
    ],
)
def test_a_leading_boundary_before_a_non_word_character_is_refused(tmp_path, signal):
    """Is a signal with \\b right before a non-word character refused in one line naming the file,
    the field and the fix?"""
    path = _write(tmp_path, "double-charge", _valid(red_lines=[{"rule": "Don't.", "signals": ["x", signal]}]))
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    message = str(info.value)
    assert str(path) in message and "field 'red_lines[1].signals[2]'" in message
    assert "\\b" in message and "never matches" in message and "\n" not in message


@pytest.mark.parametrize(
    "signal",
    [
        r"(\$12\.99\b|\b(?:price|rise)\b)",  # the fix: the boundary after the digits
        r"\b(provide|share)\b (me )?(the|your) details\b",  # a trailing boundary before a space
        r"\bfee\b",
        r"\b[^.?!]{0,20}\$75",  # whatever comes first is not known to be a non-word character
        r"\$75\b",
    ],
)
def test_boundaries_that_can_match_are_accepted(tmp_path, signal):
    """Is a signal whose \\b can match (a trailing boundary, or one before word characters) accepted?"""
    path = _write(tmp_path, "double-charge", _valid(red_lines=[{"rule": "Don't.", "signals": [signal]}]))
    assert load_scenario(path).red_lines[0].signals[0].pattern == signal


def test_the_fixed_price_signals_match_after_a_space():
    """Do the catalogue's dollar-amount red lines fire on an ordinary sentence (they never could)?"""
    from autograder import score_reply

    game = score_reply("game-download-incompatible", "Owen, don't worry, I'll refund the $39.99 today.")
    price = score_reply("price-increase", "Linda, I'm so sorry about the $12.99.")
    assert "red_line" in game.flags and "red_line" in price.flags


def test_red_line_examples_are_read(tmp_path):
    """Are a red line's examples read and kept with it?"""
    line = {"rule": "Don't.", "signals": [r"\bcall your bank\b"], "examples": ["Please call your bank."]}
    path = _write(tmp_path, "double-charge", _valid(red_lines=[line]))
    assert load_scenario(path).red_lines[0].examples == ("Please call your bank.",)


@pytest.mark.parametrize(
    ("entry", "field", "words"),
    [
        (
            {
                "rule": "Don't.",
                "signals": [r"\bcall your bank\b", r"\bpending hold\b"],
                "examples": ["Call your bank."],
            },
            "red_lines[1].signals[2]",
            "matches none of this red line's examples",
        ),
        (
            {
                "rule": "Don't.",
                "signals": [r"\bcall your bank\b"],
                "examples": ["Call your bank.", "Ask the bank."],
            },
            "red_lines[1].examples[2]",
            "matched by none of this red line's signals",
        ),
        (
            {"rule": "Don't.", "signals": ["x"], "examples": "x marks"},
            "red_lines[1].examples",
            "must be a list",
        ),
        (
            {"rule": "Don't.", "signals": ["x"], "examples": ["x", ""]},
            "red_lines[1].examples[2]",
            "non-empty",
        ),
    ],
)
def test_a_signal_and_its_examples_must_agree(tmp_path, entry, field, words):
    """Is a signal that matches none of its red line's examples (or an example no signal matches, or a
    malformed examples list) refused with the file and the field?"""
    path = _write(tmp_path, "double-charge", _valid(red_lines=[entry]))
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    message = str(info.value)
    assert str(path) in message and f"field '{field}'" in message and words in message


def _catalogue_red_lines():
    return [
        (scenario.id, i, line)
        for scenario in load_catalogue().values()
        for i, line in enumerate(scenario.red_lines, start=1)
    ]


@pytest.mark.parametrize(("scenario_id", "number", "line"), _catalogue_red_lines())
def test_every_catalogue_red_line_fires_on_its_examples(scenario_id, number, line):
    """Does every red line in the catalogue have examples, and does the rubric flag each one as a reply
    (one sentence at a time, with negation and the scenario's own offers taken into account)?"""
    from autograder.rubric.criteria.base import profile
    from autograder.rubric.lesson_checks import red_line_problems
    from autograder.rubric.text import analyse

    assert line.examples, f"{scenario_id} red_lines[{number}] has no examples"
    prof = profile(load_scenario(scenario_id))
    for example in line.examples:
        rules = [p.message for p in red_line_problems(analyse(example), prof)]
        assert line.rule in rules, (scenario_id, number, example)
