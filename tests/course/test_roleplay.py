"""Tests for course/widgets/roleplay.py: loading role-play scripts and playing them."""

from html import escape
from pathlib import Path

import pytest
import yaml

from course.widgets import RolePlay
from course.widgets.roleplay import (
    MAX_CHOICES,
    MIN_CHOICES,
    MOODS,
    ROLEPLAY_DIR,
    RolePlayError,
    available_scripts,
    load_script,
    parse_script,
)

SHIPPED = ("double-charge", "late-fee-dispute")


def _valid() -> dict:
    return yaml.safe_load((ROLEPLAY_DIR / "double-charge.yaml").read_text(encoding="utf-8"))


def _write(folder: Path, name: str, data) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data), encoding="utf-8")
    return path


def _all_paths(script, name=None, trail=()):
    """Every sequence of choice indexes from ``name`` (default: start) to an ending."""
    name = name or script.start
    step = script.steps[name]
    if step.is_ending:
        yield trail
        return
    for i, choice in enumerate(step.choices):
        yield from _all_paths(script, choice.next, (*trail, i))


def test_are_the_two_course_scripts_shipped_and_valid():
    """Do the late-fee and double-charge role-plays load without errors?"""
    assert set(SHIPPED) <= set(available_scripts())
    for script_id in SHIPPED:
        script = load_script(script_id)
        assert script.id == script_id
        assert script.scenario == script_id
        assert len(script.endings()) >= 3


def test_does_every_step_offer_two_or_three_lines_and_every_ending_explain_itself():
    """Does every step of the shipped scripts offer 2-3 lines, and every ending an outcome and debrief?"""
    for script_id in SHIPPED:
        for step in load_script(script_id).steps.values():
            assert step.mood in MOODS
            if step.is_ending:
                assert step.outcome and step.debrief
            else:
                assert MIN_CHOICES <= len(step.choices) <= MAX_CHOICES
                assert all(choice.why for choice in step.choices)


def test_does_each_script_have_a_good_ending_and_a_bad_one():
    """Can the learner both win and lose each conversation?"""
    for script_id in SHIPPED:
        moods = {MOODS.index(step.mood) for step in load_script(script_id).endings()}
        assert max(moods) >= MOODS.index("calm")
        assert min(moods) <= MOODS.index("angry")


def test_does_the_best_path_through_the_late_fee_call_end_calmly():
    """Does listening, explaining and offering autopay end the late-fee call calmly?"""
    play = RolePlay("late-fee-dispute")
    assert play.mood == "angry"
    assert len(play.choices) == 3
    play.choose(1)
    assert play.mood == "wary"
    play.choose(0)
    play.choose(0)
    assert play.finished
    assert play.mood == "calm"
    assert "autopay" in play.outcome
    assert play.path == ["open", "listening", "explained", "resolved"]


def test_does_defending_your_authority_make_marcus_furious():
    """Does answering the challenge with 'I do know the rules' make the customer's mood worse?"""
    play = RolePlay("late-fee-dispute")
    play.choose(0)
    assert MOODS.index(play.mood) < MOODS.index("angry")
    assert "worse" in play.mood_view.value


def test_does_apologising_for_the_policy_end_badly():
    """Does apologising for the cut-off rule lead to an ending where the customer is still angry?"""
    play = RolePlay("late-fee-dispute")
    play.choose(1)
    play.choose(1)
    assert play.finished
    assert MOODS.index(play.mood) <= MOODS.index("angry")
    assert "apologise" in play.debrief.lower()


def test_does_owning_the_double_charge_win_tom_back():
    """Does owning the billing error, being honest about timing and checking other orders please Tom?"""
    play = RolePlay("double-charge")
    for index in (0, 0, 0):
        play.choose(index)
    assert play.finished
    assert play.mood == "pleased"


def test_does_every_path_end_in_an_ending():
    """Does every sequence of choices in the shipped scripts reach an ending with a debrief?"""
    for script_id in SHIPPED:
        script = load_script(script_id)
        paths = list(_all_paths(script))
        assert len(paths) >= 6
        for path in paths:
            play = RolePlay(script)
            for index in path:
                play.choose(index)
            assert play.finished
            assert escape(play.debrief) in play.ending.value
            assert escape(play.outcome) in play.ending.value


def test_does_the_debrief_show_the_why_of_each_line_chosen():
    """Does the ending list each line the learner chose with the reason it helped or hurt?"""
    play = RolePlay("double-charge")
    play.choose(1)
    play.choose(1)
    script = play.script
    html = play.ending.value
    assert "Outcome" in html and "Debrief" in html
    for name, index in play.history:
        why = script.steps[name].choices[index].why
        assert why.split()[0] in html


def test_does_restart_go_back_to_the_first_line():
    """Does Start again return to the first step with an empty history?"""
    play = RolePlay("double-charge")
    play.choose(2)
    play.restart()
    assert play.path == [play.script.start]
    assert not play.finished
    assert play.ending.value == ""


def test_do_the_buttons_carry_stable_classes_and_pick_their_line():
    """Do the choice buttons have stable CSS classes, and does clicking one choose its line?"""
    play = RolePlay("late-fee-dispute")
    buttons = [row.children[0] for row in play.choices_box.children]
    assert len(buttons) == 3
    for i, button in enumerate(buttons):
        assert "course-roleplay-choice" in button._dom_classes
        assert f"course-roleplay-choice-{i}" in button._dom_classes
    assert "course-roleplay" in play._dom_classes
    assert "course-roleplay-restart" in play.restart_button._dom_classes
    buttons[1].click()
    assert play.path == ["open", "listening"]
    play.restart_button.click()
    assert play.path == ["open"]


def test_does_the_widget_fit_a_narrow_window():
    """Is the widget limited to the width of its cell?"""
    play = RolePlay("double-charge")
    assert play.layout.max_width == "100%"


def test_is_a_wrong_choice_refused_with_a_clear_message():
    """Does choose() refuse an index out of range, and any choice after the end?"""
    play = RolePlay("double-charge")
    with pytest.raises(ValueError, match="between 0 and 2"):
        play.choose(3)
    with pytest.raises(ValueError):
        play.choose(True)
    play.choose(0)
    play.choose(0)
    play.choose(1)
    with pytest.raises(ValueError, match="restart"):
        play.choose(0)


def test_does_an_unknown_script_id_list_the_known_ones():
    """Does asking for a script that does not exist name the known ids?"""
    with pytest.raises(RolePlayError, match=r"known ids: .*double-charge"):
        load_script("no-such-call")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.pop("person"), "person"),
        (lambda d: d.update(start="nowhere"), "start"),
        (lambda d: d["steps"]["open"].update(mood="grumpy"), "steps.open.mood"),
        (lambda d: d["steps"]["open"]["choices"][1].update(next="missing"), "steps.open.choices[1].next"),
        (lambda d: d["steps"]["open"]["choices"][0].pop("why"), "steps.open.choices[0].why"),
        (
            lambda d: d["steps"]["open"].update(choices=d["steps"]["open"]["choices"][:1]),
            "steps.open.choices",
        ),
        (lambda d: d["steps"]["won-back"].pop("debrief"), "steps.won-back.debrief"),
        (lambda d: d["steps"]["owned"].update(outcome="Both."), "steps.owned.outcome"),
        (lambda d: d.update(scenario="not-a-scenario"), "scenario"),
        (lambda d: d.update(colour="blue"), "colour"),
        (lambda d: d["steps"]["open"].update(smile=True), "steps.open.smile"),
    ],
)
def test_does_an_invalid_script_name_the_file_and_field(tmp_path, change, field):
    """Does a broken script raise an error naming its file and the bad field?"""
    data = _valid()
    change(data)
    path = _write(tmp_path, "double-charge", data)
    with pytest.raises(RolePlayError) as caught:
        load_script(path)
    assert caught.value.field == field
    assert str(path) in str(caught.value)
    assert f"field '{field}'" in str(caught.value)


def test_is_a_loop_refused(tmp_path):
    """Does a script whose conversation can go round in circles fail to load?"""
    data = _valid()
    data["steps"]["owned"]["choices"][1]["next"] = "open"
    with pytest.raises(RolePlayError, match="loop"):
        load_script(_write(tmp_path, "double-charge", data))


def test_is_an_unreachable_step_refused(tmp_path):
    """Does a step nobody can reach fail to load, naming the step?"""
    data = _valid()
    data["steps"]["orphan"] = {"says": "Hello?", "mood": "calm", "outcome": "x", "debrief": "y"}
    with pytest.raises(RolePlayError) as caught:
        load_script(_write(tmp_path, "double-charge", data))
    assert caught.value.field == "steps.orphan"


def test_must_the_id_match_the_file_name(tmp_path):
    """Does a script whose id differs from its file name fail to load?"""
    with pytest.raises(RolePlayError, match="must match the file name"):
        load_script(_write(tmp_path, "other-name", _valid()))


def test_is_broken_yaml_reported_with_its_line(tmp_path):
    """Does a YAML syntax error name the file and the line?"""
    path = _write(tmp_path, "double-charge", "id: double-charge\nsteps: [unclosed\n")
    with pytest.raises(RolePlayError, match=r"not valid YAML at line \d+"):
        load_script(path)


def test_is_a_missing_file_reported():
    """Does loading a path that does not exist say so?"""
    with pytest.raises(RolePlayError, match="no such role-play file"):
        load_script(Path("/nonexistent/double-charge.yaml"))


def test_is_a_non_mapping_refused():
    """Does a script that is not a mapping fail with a clear message?"""
    with pytest.raises(RolePlayError, match="mapping"):
        parse_script(["a", "list"])
