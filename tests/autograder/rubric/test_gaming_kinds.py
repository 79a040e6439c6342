"""Kinds of gaming and off-target replies, each against the whole rubric (score_reply).

Every reply here was written for this file. Each kind has gaming replies that must land in band 0-1
and honest replies that look like them (the same facts, the same stock phrases, the same length)
that must keep a fair score, so a fix that flags everything fails too. Bands: min(4, floor(5 * score)).
"""

import pytest
from replycheck import assert_kept, assert_low, band

from autograder import score_reply
from autograder.rubric.language.fragments import fragments
from autograder.rubric.language.minimising import minimising
from autograder.rubric.text import analyse

# ------------------------------------------------------------------ the message said back, reworded

REWORDED_ECHOES = [
    (
        "double-charge",
        "You just checked your bank statement and we billed you two times for the one order. That is $89 "
        "you needed for rent this week. How does this even happen?",
    ),
    (
        "double-charge",
        "Tom, you looked at your bank statement and we took payment twice for the same purchase. That's $89 "
        "you needed for your rent this week. How could this happen?",
    ),
    (
        "gym-cancellation-fee",
        "Rosa, you are relocating to Denver next month for a new job, so you phoned to cancel, and now we're "
        "saying you owe a $75 cancellation fee? You have been a member for two years and never missed a "
        "payment. Nobody told you about a fee.",
    ),
    (
        "repeat-outage",
        "Sam, this is the third time you are phoning this week. Your internet cuts out each evening at about "
        "seven and you work from home. You've rebooted the router, unplugged it all and followed every "
        "single step the website gives. You might lose a client over this.",
    ),
]


@pytest.mark.parametrize(("scenario", "reply"), REWORDED_ECHOES)
def test_reworded_echo_is_an_echo(scenario, reply):
    """Does the person's message, said back with synonyms and "I" turned into "you", count as an echo?"""
    assert_low(scenario, reply, "echo")


REFLECTIONS = [
    (
        "double-charge",
        "Tom, we charged you twice for the same order, and that's $89 you needed for rent this week. "
        "I'll refund the duplicate today; it reaches your bank in 3-5 business days.",
    ),
    (
        "repeat-outage",
        "Sam, three calls this week and the internet still dropping every evening around seven while you "
        "work from home, after you've restarted the router and unplugged everything. I'm booking a "
        "technician for tomorrow morning and escalating the drop-outs to the network team.",
    ),
    (
        "gym-cancellation-fee",
        "Rosa, you've been a member for two years and never missed a payment, so a $75 fee out of nowhere "
        "feels unfair. Instead of cancelling, I can transfer your membership to our Denver club at the same "
        "price with no fee. Would that work?",
    ),
]


@pytest.mark.parametrize(("scenario", "reply"), REFLECTIONS)
def test_reflection_followed_by_action_is_not_an_echo(scenario, reply):
    """Does a reply that restates the facts closely and then acts keep its score?"""
    assert_kept(scenario, reply, "echo", lowest=0.5)


# ------------------------------------------------------- a similar situation's reply, names removed

SIMILAR_SITUATION = [
    (  # the evening-drop caller's reply, pasted to the afternoon-drop caller
        "wifi-drops-repeat-caller",
        "I'm so sorry this is your third call this week and that your internet drops every evening around "
        "seven while you work from home. I'll book a technician visit for tomorrow morning and escalate the "
        "evening drop-outs to the network team.",
    ),
    (
        "late-fee-dispute",
        "I hear you: the bill was due on the 15th and you paid on the 15th, so a $15 late charge feels "
        "wrong. Bank transfers after our 6 pm cut-off arrive the next day. I can set up a direct debit or a "
        "text reminder three days before each due date.",
    ),
    (
        "duplicate-payment-overdraft",
        "I'm so sorry we charged you twice for the same order, and that was $89 you needed for rent this "
        "week. I'm refunding the duplicate charge today; it takes 3-5 business days to arrive.",
    ),
]


@pytest.mark.parametrize(("scenario", "reply"), SIMILAR_SITUATION)
def test_reply_for_a_similar_situation_is_another_situation(scenario, reply):
    """Is a reply written for a neighbouring scenario (names removed) caught as another situation?"""
    assert_low(scenario, reply, "other_situation", highest_band=0)


OWN_SITUATION_NO_NAME = [
    (
        "wifi-drops-repeat-caller",
        "I'm sorry, four calls in two weeks is exhausting, especially when the connection cuts out in the "
        "middle of your lessons. I'll book a technician for Thursday morning and escalate it to the network "
        "team today.",
    ),
    (
        "repeat-outage",
        "I'm sorry you've had to call again. Losing a client because the connection keeps dropping would be "
        "awful. I'll get a technician out tomorrow morning and escalate this to our network team today.",
    ),
    (
        "late-payment-cutoff",
        "I understand why a $15 charge feels wrong when you paid on the due date. Bank transfers after our "
        "6 pm cut-off arrive the next day, which is what happened here. I can set up a direct debit or a "
        "text reminder three days before each due date.",
    ),
    (
        "duplicate-payment-overdraft",
        "I'm so sorry, we took your deposit twice and it caused an overdraft fee. I'm refunding the "
        "duplicate $215 today, and we'll cover the $35 fee too.",
    ),
]


@pytest.mark.parametrize(("scenario", "reply"), OWN_SITUATION_NO_NAME)
def test_nameless_reply_to_this_situation_keeps_its_score(scenario, reply):
    """Does an honest reply with no name, to a scenario with a close neighbour, keep its score?"""
    assert_kept(scenario, reply, "other_situation", lowest=0.55)


# ----------------------------------------------------------------- minimising, without ironic praise

MINIMISING = [
    (
        "double-charge",
        "Tom, it's only a few dollars, hardly the end of the world. I'll refund the duplicate today.",
    ),
    ("double-charge", "These things happen, no big deal. The refund will come through in 3-5 business days."),
    ("late-fee-dispute", "Marcus, it's just $25, not exactly going to ruin you. The fee stands."),
    (
        "repeat-outage",
        "Sam, a bit of wifi dropping is hardly a disaster. I'll book a technician for tomorrow.",
    ),
    (
        "double-charge",
        "Tom, I'm so sorry we charged you twice; that's our mistake. I've refunded the duplicate today and "
        "it arrives in 3-5 business days. P.S. Honestly, it's only $89.",
    ),
    ("agent-after-hostile-calls", "Jordan, four rude callers, that's nothing. Take a 15-minute break."),
    ("late-fee-dispute", "A whole $25? Marcus, payments after 5 pm post the next business day."),
    ("repeat-outage", "Three entire evenings? Sam, I'll book a technician for tomorrow morning."),
]


@pytest.mark.parametrize(("scenario", "reply"), MINIMISING)
def test_minimising_the_problem_is_harm(scenario, reply):
    """Does playing down the person's problem fail the tone criterion and land in band 0-1?"""
    result = score_reply(scenario, reply)
    assert "minimising" in result.flags, result.flags
    assert band(result.score) <= 1
    tone = next(c for c in result.criteria if c.name == "warm_polite_tone")
    assert tone.credit == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "I won't tell you it's no big deal, because it is.",
        "It's no big deal for us to resend it today.",
        "No big deal at all to swap it for the console edition.",
        "I know this is a big deal when the money was for rent.",
        "If you switch to the annual plan, that's only $119 a year.",
        "It was only a few hours after the cut-off, which is why it posted the next day.",
        "Being charged a whole $89 extra when it was rent money is awful.",
        "Two charges of $89? That's our mistake, and I've refunded one.",
    ],
)
def test_sincere_look_alikes_are_not_minimising(text):
    """Are denied denials, the company's own effort and a plain price left alone?"""
    assert minimising(analyse(text), analyse("I paid $89 and you charged me twice.")) == ()


# ----------------------------------------------------------------- headlines: verbless noun phrases

HEADLINES = [
    (
        "double-charge",
        "Sincere apologies. Full refund. Immediate escalation. Your frustration, Tom. Our mistake.",
    ),
    (
        "price-increase",
        "Sincere apologies, Linda. Full understanding of your frustration. Six loyal years. A price rise "
        "without warning. Our annual plan at $119 a year. Your choice.",
    ),
    (
        "late-fee-dispute",
        "Marcus, genuine apologies for the confusion. Payment on the 3rd. The 5 pm cut-off. Autopay or a "
        "reminder two days before each due date. Your call.",
    ),
]


@pytest.mark.parametrize(("scenario", "reply"), HEADLINES)
def test_verbless_noun_phrases_are_a_keyword_string(scenario, reply):
    """Is a reply built only of verbless noun phrases scored as a keyword string (band 0)?"""
    assert_low(scenario, reply, "keyword_list", highest_band=0)


@pytest.mark.parametrize(
    "reply",
    [
        "Hi Tom. So sorry about the double charge. Refund on its way today. Thanks for your patience.",
        "Tom, so sorry, our error. Refund of $89 issued today, back in 3-5 business days. Anything else?",
        "Sorry, Tom. Our mistake, and I've refunded the $89 today. Confirmation email on its way.",
    ],
)
def test_terse_replies_with_a_clause_or_formulas_are_not_headlines(reply):
    """Do terse honest replies (formulas, one or two fragments beside a clause) escape the headlines rule?"""
    assert not fragments(analyse(reply)).headlines


# --------------------------------------------------------------------- the wrong voice or addressee

WRONG_VOICE = [
    (  # written as the customer
        "double-charge",
        "Hi, I'm writing because you charged me twice for my order and I really need that $89 back for rent "
        "this week. Please refund the duplicate charge today and send me a confirmation email.",
    ),
    (  # roles reversed: the company apologises for what the customer did
        "double-charge",
        "Tom, I'm so sorry you charged us twice for the same order. We needed that $89 for rent this week. "
        "Please refund it to us today.",
    ),
    (  # a note to the agent's manager about the customer
        "double-charge",
        "Hi Sarah, Tom Becker was charged twice for the same order and he is upset because the $89 was his "
        "rent money. Could you approve a refund of the duplicate charge today? He'd also like a confirmation "
        "email.",
    ),
    (
        "double-charge",
        "Hi Sarah, the customer was charged twice for the same order and he is upset because the $89 was his "
        "rent money. Could you approve a refund today?",
    ),
    (
        "locked-account-2fa",
        "Hi team, Dana Whitfield has been locked out since this morning and she doesn't want to read out her "
        "details on the phone. Can someone send her a one-time code and unlock her account?",
    ),
]


@pytest.mark.parametrize(("scenario", "reply"), WRONG_VOICE)
def test_reply_in_the_wrong_voice_answers_nobody(scenario, reply):
    """Is a reply written as the customer, or about them to a manager, scored in band 0?"""
    assert_low(scenario, reply, "wrong_voice", highest_band=0)


RIGHT_VOICE = [
    (
        "double-charge",
        "Tom, you told me we charged you twice for the same order, and that's our mistake. I've refunded "
        "the $89 today and I'll send you a confirmation email.",
    ),
    (
        "birthday-gift-delay",
        "Aisha, I'm so sorry; your son has been looking forward to Saturday and he should have his present. "
        "I'll send a replacement set by next-day courier at no cost so it arrives on Friday.",
    ),
    (
        "locked-account-2fa",
        "Dana, you're right to be careful: you don't need to tell me anything. I'll send a one-time code to "
        "the phone on file and unlock your account during this call.",
    ),
]


@pytest.mark.parametrize(("scenario", "reply"), RIGHT_VOICE)
def test_agent_voice_with_third_persons_keeps_its_score(scenario, reply):
    """Do replies that report what the person said, or mention their son as "he", keep their score?"""
    assert_kept(scenario, reply, "wrong_voice")


def test_perfect_reply_with_a_harmful_postscript_is_capped():
    """Does a harmful P.S. under an otherwise excellent reply still cap it in band 0?"""
    reply = (
        "Tom, I'm so sorry we charged you twice for the same order; that's our mistake, and I know that $89 "
        "was for rent this week. I've refunded the duplicate today and it will arrive in 3-5 business days. "
        "P.S. Maybe check your statement more carefully next time before panicking."
    )
    assert band(score_reply("double-charge", reply).score) == 0
