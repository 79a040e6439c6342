"""Tests for autograder/rubric/relevance.py: does the reply answer this person's situation?"""

from pathlib import Path

import yaml

from autograder import score_reply
from autograder.rubric.relevance import relevance_problem, specificity
from autograder.rubric.scenario import load_scenario
from autograder.rubric.text import analyse

NEW_SCENARIO = {
    "id": "cracked-phone-screen",
    "title": "A phone delivered with a cracked screen",
    "channel": "chat",
    "business": "an electronics shop",
    "customer_name": "Keiko Tanaka",
    "customer_message": (
        "The phone I ordered arrived this morning with a cracked screen. It was a present for my "
        "daughter's graduation on Sunday. I can't believe you sent it like this."
    ),
    "company_at_fault": None,
    "role": "customer",
    "what_we_can_offer": [
        "send a new phone by overnight courier so it arrives on Friday",
        "email a prepaid return label for the cracked one",
    ],
    "policy_facts": ["we don't know yet whether it cracked in the warehouse or in transit"],
}
GOOD = (
    "Keiko, I'm so sorry: a cracked screen on your daughter's graduation present is the last thing you "
    "needed. I'm sending a new phone by overnight courier so it arrives on Friday, before Sunday, and I'll "
    "email a prepaid return label for the cracked one. Would that work for you?"
)
# A fine reply, but to Tom's double charge.
OTHER = (
    "I'm so sorry, we charged you twice for the same order and that's $89 you needed for rent. That was "
    "our billing error. I'm refunding the duplicate today; it reaches your bank in 3-5 business days."
)


def _path(tmp_path: Path) -> Path:
    path = tmp_path / "cracked-phone-screen.yaml"
    path.write_text(yaml.safe_dump(NEW_SCENARIO), encoding="utf-8")
    return path


def test_a_scenario_given_only_as_a_path_is_judged_against_its_own_text(tmp_path):
    """Does a scenario outside the catalogue tell its own good reply from another situation's?"""
    path = _path(tmp_path)
    assert relevance_problem(analyse(GOOD), load_scenario(path)) is None
    problem = relevance_problem(analyse(OTHER), load_scenario(path))
    assert problem is not None and problem.flag == "other_situation"
    result = score_reply(str(path), OTHER)
    assert result.score <= 0.2 and "this person's situation" in result.feedback[0]


def test_a_wrong_customer_name_is_strong_evidence():
    """Is a good reply that calls Linda 'Priya' about an ebook capped as another situation?"""
    reply = (
        "Priya, I can see why you're annoyed that the book won't open on your e-reader after paying $14.99. "
        "I can exchange it for an edition your reader supports. Which would you prefer?"
    )
    found = specificity(analyse(reply), load_scenario("price-increase"))
    assert found.wrong_name == "Priya"
    result = score_reply("price-increase", reply)
    assert "other_situation" in result.flags and result.score < 0.2


def test_nothing_specific_is_capped_in_band_one():
    """Is a polite reply that could be sent to anyone capped in band 1 with feedback saying so?"""
    reply = (
        "Thanks for getting in touch. I completely understand, and I'm sorry you've had this experience. "
        "I'll do everything I can to sort it out for you as soon as possible. Is there anything else?"
    )
    result = score_reply("birthday-gift-delay", reply)
    assert "not_specific" in result.flags
    assert 0.2 <= result.score < 0.4 or result.score < 0.2
    assert any("specific to this person's situation" in s for s in result.feedback)


def test_a_short_specific_reply_is_not_called_generic():
    """Does a short reply that names the problem in a word pair ("charged ... twice") count as specific?"""
    reply = "So sorry you were charged twice. I'm reversing the extra charge right now."
    assert relevance_problem(analyse(reply), load_scenario("double-charge")) is None


# Replies that fit any customer and share with their scenario only words any English text uses.
COMMON_WORDS_ONLY = [
    (
        "meal-kit-price-rise",
        "I think it's been a long year, and I know things change. Let me see what I can do for you.",
    ),
    (
        "late-payment-cutoff",
        "I've made a note and put it through, someone will show you what to do next. Thanks for waiting.",
    ),
    (
        "repeat-outage",
        "I'm sorry, I know it's hard when you're at home trying to get things done. We'll use every option.",
    ),
    (
        "colleague-after-abusive-chat",
        "I'm sorry, it sounds like it's been a lot. Stop for a moment, live in the present, "
        "and we can talk at the end of the day.",
    ),
    ("gym-cancellation-fee", "Never mind, it happens every year. I'll make sure it's all sorted for you."),
]


def test_common_english_words_are_not_evidence_of_the_situation():
    """Is a reply whose only shared words are common in any English text ("think", "year", "end") generic?"""
    for scenario, reply in COMMON_WORDS_ONLY:
        problem = relevance_problem(analyse(reply), load_scenario(scenario))
        assert problem is not None and problem.flag == "not_specific", (scenario, reply, problem)


def test_topical_words_that_are_also_common_still_count_with_a_distinctive_one():
    """Do everyday but topical words ("game", "son") still tie a reply to its situation beside rarer ones?"""
    reply = "I'm sorry the game won't start for your son. I can swap it for the console edition today."
    found = specificity(analyse(reply), load_scenario("game-download-incompatible"))
    assert {"game", "consol"} <= set(found.own_terms)
    assert relevance_problem(analyse(reply), load_scenario("game-download-incompatible")) is None


def test_idiomatic_number_words_are_not_the_scenarios_numbers():
    """Is "in a day or two" no evidence for a scenario with a "two", while "at 2 pm" is?"""
    scenario = load_scenario("wifi-drops-repeat-caller")
    vague = "I'm sorry it keeps happening. I'll get back to you in a day or two."
    assert "2" not in specificity(analyse(vague), scenario).own_evidence
    assert relevance_problem(analyse(vague), scenario).flag == "not_specific"
    digits = "I'm sorry it keeps cutting out at 2 pm. I'll get back to you today."
    assert "2" in specificity(analyse(digits), scenario).own_evidence


def test_common_words_do_not_make_a_generic_reply_about_something_else():
    """Is a generic reply full of everyday words capped as generic, not as another situation?"""
    reply = (
        "I know this has taken a lot of your time and I'm sorry it keeps happening. The right people will "
        "look at it and get back to you."
    )
    problem = relevance_problem(analyse(reply), load_scenario("wifi-drops-repeat-caller"))
    assert problem is not None and problem.flag == "not_specific"
