"""Tests for autograder/rubric/language/negation.py: what a negation denies, and what it doesn't."""

import pytest

from autograder.rubric.criteria.acknowledgement import FEELING
from autograder.rubric.criteria.ownership import AGREES_UNFAIR
from autograder.rubric.language import matches_affirmed, matches_negated, negated, negation_cue, scopes
from autograder.rubric.text import analyse, phrases

HELP = phrases(r"help", r"refund\w*", r"fix\w*", r"waive", r"call you", r"send")
BLAME = phrases(r"your fault", r"you(?:'re| are) (?:stupid|careless|overreacting)", r"blam\w*")


@pytest.mark.parametrize(
    "sentence",
    [
        "I don't understand why you're upset.",
        "i dont see why you would be frustrated",
        "Honestly, nobody here is worried about it.",
        "There's nothing stressful about a two-day wait.",
        "I never said this was unfair.",
        "You shouldn't be annoyed by a small fee.",
        "We are not concerned, and neither should you be worried.",
        "Without any hurt feelings, we move on.",
    ],
)
def test_denied_feelings_are_not_acknowledgement(sentence):
    """Is a feeling word inside a negation's scope left out of the affirmed matches?"""
    assert matches_affirmed(sentence, FEELING) == []
    assert matches_negated(sentence, FEELING)


@pytest.mark.parametrize(
    ("sentence", "feeling"),
    [
        ("I don't blame you for being upset.", "upset"),
        ("I'm not surprised you're frustrated after three calls.", "frustrated"),
        ("I can't imagine how stressful this week has been.", "stressful"),
        ("There's nothing wrong with feeling annoyed about this.", "annoyed"),
        ("No wonder you're worried about the rent.", "worried"),
        ("I don't doubt it has been exhausting.", "exhausting"),
        ("Not only is it unfair, it cost you a day off work.", "unfair"),
        ("No, you're right to be upset.", "upset"),
        ("Isn't it maddening when a payment goes missing?", "maddening"),
        ("I can't help but feel this was unfair on you.", "unfair"),
        ("I couldn't help thinking how stressful the week must have been.", "stressful"),
    ],
)
def test_idioms_and_double_negatives_affirm_the_feeling(sentence, feeling):
    """Do idioms ("no wonder") and double forms ("I don't blame you") leave the feeling affirmed?"""
    assert feeling in matches_affirmed(sentence, FEELING)


@pytest.mark.parametrize(
    ("sentence", "affirmed", "denied"),
    [
        ("I can't help with that, but I can refund it today.", ["refund"], ["help"]),
        ("We won't be refunding the fee.", [], ["refunding"]),
        ("I'm unable to waive it this time.", [], ["waive"]),
        ("Instead of a refund, we could offer credit.", [], ["refund"]),
        ("I'll refund it at no extra cost to you.", ["refund"], []),
        ("I can't wait to help you sort this out.", ["help"], []),
        ("Why don't I send you a new card right now?", ["send"], []),
        ("No problem at all, I'll fix it now.", ["fix"], []),
        ("I won't refund it, and I'll call you to explain why.", ["call you"], ["refund"]),
        ("I couldn't be happier to help.", ["help"], []),
    ],
)
def test_commitments_respect_negation(sentence, affirmed, denied):
    """Is "I can't help with that" no commitment, while idioms and the next clause still count?"""
    assert matches_affirmed(sentence, HELP) == affirmed
    assert matches_negated(sentence, HELP) == denied


@pytest.mark.parametrize(
    ("sentence", "agrees"),
    [
        ("It isn't a scam.", False),
        ("This is not a scam, and we never ask for your PIN.", False),
        ("It's definitely not a rip-off.", False),
        ("Nobody thinks the fee is unfair.", False),
        ("I don't think the policy is unfair.", False),
        ("Honestly, the fee is a rip-off.", True),
        ("You're right, the fee is unfair.", True),
        ("It's not just unfair, the fee is a scam.", True),
    ],
)
def test_scam_and_unfair_patterns_respect_negation(sentence, agrees):
    """Does "it isn't a scam" stop agreeing that it is one, while a plain agreement still counts?"""
    assert bool(matches_affirmed(sentence, AGREES_UNFAIR)) is agrees


@pytest.mark.parametrize(
    ("sentence", "blames"),
    [
        ("It's not your fault.", False),
        ("You're not careless, the reminder never went out.", False),
        ("I don't think you're overreacting at all.", False),
        ("Nobody is blaming you here.", False),
        ("Frankly, it's your fault.", True),
        ("You're overreacting.", True),
        ("It's your fault, not ours.", True),
        ("I'm not saying much, but it's your fault.", True),
    ],
)
def test_blame_respects_negation(sentence, blames):
    """Does denied blame ("it's not your fault") stop counting as blame, and plain blame still count?"""
    assert bool(matches_affirmed(sentence, BLAME)) is blames


def test_scope_ends_at_the_clause():
    """Does a negation stop at punctuation and at "but", leaving the next clause affirmed?"""
    text = "We can't refund the fee; I can waive next month's, but I won't charge you twice."
    found = scopes(text)
    assert [s.cue for s in found] == ["can't", "won't"]
    assert text[found[0].start : found[0].end].strip() == "refund the fee"
    assert text[found[1].start : found[1].end].strip() == "charge you twice"


def test_offsets_work_on_an_analysis_and_a_sentence_alike():
    """Is the answer the same for the whole reply (an Analysis) and for the sentence alone?"""
    reply = "Thanks for calling. I don't understand why you're upset. I'll fix it."
    a = analyse(reply)
    sentence = a.sentences[1]
    assert negated(a, a.text.index("upset")) is True
    assert negated(sentence, sentence.index("upset")) is True
    assert negation_cue(a, a.text.index("upset")) == "don't"
    assert negated(a, a.text.index("fix")) is False


def test_a_cue_inside_the_match_is_the_patterns_own():
    """Does a pattern that contains its own cue ("nobody should have to") stay affirmed?"""
    pattern = phrases(r"nobody should have to \w+", r"not (?:ok|okay|fair)")
    assert matches_affirmed("Nobody should have to wait this long.", pattern) == [
        "Nobody should have to wait"
    ]
    assert matches_affirmed("That's not fair on you.", pattern) == ["not fair"]
