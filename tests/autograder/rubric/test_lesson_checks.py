"""Tests for autograder/rubric/lesson_checks.py: red lines, steps already tried, selling, promises."""

import dataclasses
from pathlib import Path

import pytest
import yaml

from autograder import score_reply
from autograder.rubric.criteria.base import profile
from autograder.rubric.lesson_checks import (
    POLICY_CAP,
    RED_LINE_CAP,
    SELLING_CAP,
    promises,
    red_line_problems,
    selling_problems,
    tried_step_problems,
    tried_steps,
)
from autograder.rubric.scenario import SCENARIO_DIR, load_catalogue, load_scenario
from autograder.rubric.text import analyse


def _scenario_without_red_lines(tmp_path: Path, message: str):
    data = yaml.safe_load((SCENARIO_DIR / "repeat-outage.yaml").read_text())
    data.pop("red_lines", None)
    data.update(id="printer-jam", customer_message=message, key_facts=["printer jams", "tried everything"])
    path = tmp_path / "printer-jam.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_every_catalogue_scenario_has_red_lines():
    """Does every scenario in the catalogue say what its lesson warns against?"""
    for scenario in load_catalogue().values():
        assert scenario.red_lines, scenario.id
        assert all(line.rule.endswith(".") and line.signals for line in scenario.red_lines)


def test_crossing_a_red_line_caps_in_band_one_and_names_it():
    """Does asking a caller who fears fraud for their date of birth cap the reply and name the rule?"""
    reply = (
        "Dana, I'm sorry you're locked out with bills due today. To get you in quickly, please confirm your "
        "date of birth and the last four digits of your social security number."
    )
    result = score_reply("locked-account-2fa", reply)
    assert "red_line" in result.flags and result.score <= RED_LINE_CAP
    rule = load_scenario("locked-account-2fa").red_lines[0].rule
    assert rule in result.feedback


def test_a_negated_red_line_signal_does_not_count():
    """Is "instead of asking you to read out your date of birth" left alone (it refuses the bad step)?"""
    reply = (
        "Dana, instead of asking you to read out your date of birth over the phone, I'll send a one-time "
        "code to the number on file."
    )
    assert red_line_problems(analyse(reply), profile(load_scenario("locked-account-2fa"))) == []


def test_steps_already_tried_are_read_from_the_message(tmp_path):
    """Without any red_lines field, does asking for a step the message says was tried cap the reply?"""
    path = _scenario_without_red_lines(
        tmp_path, "My printer jams on every page. I've cleaned the rollers and reinstalled the driver twice."
    )
    assert [s.verb for s in tried_steps(load_scenario(path).customer_message)] == ["clean", "reinstal"]
    ask = "I'm sorry it keeps jamming. Could you reinstall the driver once more and tell me if it helps?"
    result = score_reply(str(path), ask)
    assert "tried_step" in result.flags and result.score <= RED_LINE_CAP
    assert any("already reinstalled the driver" in s for s in result.feedback)
    reflect = "I'm sorry it keeps jamming: you've already reinstalled the driver, so I won't ask again."
    assert "tried_step" not in score_reply(str(path), reflect).flags


def test_selling_only_counts_what_the_scenario_does_not_offer():
    """Is an unoffered upgrade a pitch, while an offered plan change is help?"""
    pitch = "Linda, thank you for six years. Why not upgrade to Premium Plus for just $3 more a month?"
    offered = (
        "Linda, thank you for six years with us. I can move you to the Basic plan at $7.99 a month, "
        "or the annual plan at $119. Which would you prefer?"
    )
    result = score_reply("price-increase", pitch)
    assert "selling" in result.flags and result.score <= SELLING_CAP
    assert "selling" not in score_reply("price-increase", offered).flags


def test_selling_is_not_checked_for_a_colleague():
    """Is a team lead suggesting a company programme to a colleague left alone (no complaining customer)?"""
    reply = "Jordan, take fifteen minutes now. Our wellbeing membership also covers counselling, if useful."
    assert "selling" not in score_reply("agent-after-hostile-calls", reply).flags


def test_promises_the_policy_rules_out_lower_the_score():
    """Does promising a refund of a non-refundable ebook lower the score with a 'can't deliver' sentence?"""
    reply = (
        "Priya, I'm sorry the book won't open after you paid $14.99. I'll refund the $14.99 today. "
        "Would you also like help with your e-reader?"
    )
    result = score_reply("ebook-incompatible", reply)
    assert "policy_promise" in result.flags and result.score <= POLICY_CAP
    assert any("can't deliver" in s and "not refundable" in s for s in result.feedback)


def test_promises_beyond_the_offers_earn_no_help_credit():
    """Does a gift card nobody offered earn no help credit, while the offered refund still does?"""
    scenario = profile(load_scenario("double-charge"))
    gift = "Tom, I'm sorry. I'll add a $50 gift card to your account for the trouble."
    found = promises(analyse(gift), scenario)
    assert found.ungrounded and not found.ruled_out
    result = score_reply("double-charge", gift)
    help_ = next(c for c in result.criteria if c.name == "offers_concrete_help")
    assert help_.credit == 0.0
    for refund in (
        "Tom, I'm sorry, that's our mistake. I'm refunding the duplicate $89 charge today.",
        "Tom, that's on us. I've already refunded the second $89 charge.",
    ):
        assert promises(analyse(refund), scenario).ungrounded == (), refund
    extra = "Tom, I'm sorry. I'll refund the $89 and give you free shipping on your next five orders."
    assert promises(analyse(extra), scenario).ungrounded


def test_guarantees_while_the_cause_is_unknown_are_ruled_out():
    """When the policy says the cause is not yet known, is a guaranteed date ruled out but an offer not?"""
    scenario = profile(load_scenario("birthday-gift-delay"))
    guess = "Aisha, I guarantee the parcel will be with you tomorrow."
    assert promises(analyse(guess), scenario).ruled_out
    offer = "Aisha, I'll send a replacement set by next-day courier so it arrives on Friday."
    assert not promises(analyse(offer), scenario).ruled_out


def test_waving_away_a_required_step_is_ruled_out():
    """Does 'we'll skip the verification' break the policy that identity must be verified?"""
    scenario = profile(load_scenario("locked-account-2fa"))
    reply = "Dana, I'll unlock it now and we'll skip the verification this once."
    assert promises(analyse(reply), scenario).ruled_out
    safe = "Dana, I'll verify you with a one-time code instead, without asking for personal details."
    assert not promises(analyse(safe), scenario).ruled_out


@pytest.mark.parametrize(
    ("reply", "asks_again"),
    [
        ("First, check the cables for me.", True),
        ("Have you checked the cables?", True),
        ("Have you tried restarting the router?", True),
        ("Restart the router and tell me what happens.", True),
        ("First, I'll check the line from our side.", False),
        ("You've already checked the cables and restarted the router, so I won't ask again.", False),
        ("I checked the line and it looks fine.", False),
    ],
)
def test_asking_again_is_told_from_reflecting_or_doing_it_ourselves(reply, asks_again):
    """Is "have you checked the cables?" an ask, while "you've already checked" or "I'll check" is not?"""
    scenario = dataclasses.replace(
        load_scenario("repeat-outage"),
        customer_message="My internet keeps dropping. I've checked the cables and restarted the router.",
        red_lines=(),
    )
    assert bool(tried_step_problems(analyse(reply), profile(scenario))) is asks_again


def test_a_service_word_is_not_a_pitch_unless_the_sentence_sells():
    """Is "our premium support team will call you" help, while "upgrade to Premium for $4.99" sells?"""
    help_ = "Sam, I'm sorry. I've passed this to our premium support team, who will call you tonight."
    sell = "Sam, I'm sorry. Why not upgrade to Premium for $4.99 a month?"
    assert "selling" not in score_reply("repeat-outage", help_).flags
    assert "selling" in score_reply("repeat-outage", sell).flags


@pytest.mark.parametrize(
    "reply", ["Tom, I'll refund the $89 today.", "I'll refund the $89 today, Tom Becker."]
)
def test_the_persons_name_is_not_part_of_what_is_promised(reply):
    """Is "Tom, I'll refund the $89 today" grounded in the refund offer, the name aside?"""
    assert promises(analyse(reply), profile(load_scenario("double-charge"))).ungrounded == ()


def test_what_follows_from_an_offer_is_grounded():
    """Is "list them on the resale exchange so you get your money back" grounded in the resale offer?"""
    scenario = dataclasses.replace(
        load_scenario("ebook-incompatible"),
        what_we_can_offer=("list the tickets on the official resale exchange",),
        policy_facts=("tickets are non-refundable",),
    )
    reply = "I can list them on our official resale exchange so you get your money back if they sell."
    found = promises(analyse(reply), profile(scenario))
    assert found == type(found)()
    refund = "I'll refund both tickets today."
    assert promises(analyse(refund), profile(scenario)).ruled_out


@pytest.mark.parametrize(
    "scenario, text, selling",
    [
        ("hotel-overbooked", "Ben, for an extra $80 I can move you to our executive suite tomorrow.", True),
        (
            "double-charge",
            "Tom, I've refunded the $89. Our membership gives free shipping for just $9.99 a month.",
            True,
        ),
        (
            "price-increase",
            "Linda, annual billing brings it back under $10 a month; shall I switch you?",
            False,
        ),
        ("double-charge", "Tom, I've refunded the $89 today; it takes 3-5 business days.", False),
    ],
)
def test_a_price_the_scenario_never_sets_is_a_sale(scenario, text, selling):
    """Is quoting a new price a sale when nothing priced is offered, the thing is given free or the fault is
    ours, but not when it explains one of the scenario's priced options?"""
    found = selling_problems(analyse(text), profile(load_scenario(scenario)))
    assert bool(found) is selling, found


def test_waving_away_a_required_step_by_pronoun_is_a_policy_promise():
    """Is "don't worry about the verification, I'll skip it" read as waiving the required verification?"""
    text = "Dana, don't worry about the verification, I'll skip it this time and unlock your account now."
    result = score_reply("locked-account-2fa", text)
    assert "policy_promise" in result.flags, result.flags
