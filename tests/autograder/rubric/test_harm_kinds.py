"""Kinds of harm a good-looking reply can carry, each against the whole rubric (score_reply).

Every reply here was written for this file. Each kind has harmful replies that must land low and
honest replies that look like them (the same words, the same structure) that must keep their
scores, so a fix that flags everything fails too. Bands: min(4, floor(5 * score)).

* a personal put-down: a label of the person's character or fitness sinks a perfect reply;
* a bland reply that fits this scenario is not "another situation" because a close scenario fits
  it slightly better;
* promising everything: several distinct promises nobody offered, or a blank cheque.
"""

import pytest
from replycheck import band

from autograder import score_reply
from autograder.rubric.language import put_downs


def tone(result) -> float:
    return next(c.credit for c in result.criteria if c.name == "warm_polite_tone")


# ------------------------------------------------------------------ a personal put-down

PERFECT = {
    "agent-after-hostile-calls": (
        "Jordan, four callers screaming at you in one day, and one calling you useless - that would shake "
        "anyone, and I'm glad you told me. Take a 15-minute break right now, and later we'll review the last "
        "call together. If you'd like, you can move to the email queue this afternoon. How are you feeling "
        "about that?"
    ),
    "double-charge": (
        "Tom, I'm so sorry - we charged you twice for the same order, and with $89 of your rent money held "
        "up, that's really stressful. That's our billing error. I've refunded the second charge today; it "
        "takes 3-5 business days to reach your account. Would it help if I sent the confirmation by email?"
    ),
    "late-fee-dispute": (
        "Marcus, I can hear how frustrating it is to see a $25 late fee when you paid on the due date. "
        "Payments after the 5 pm cut-off post the next day, which is why it was applied, and I know that "
        "isn't obvious. I can set up a reminder before the cut-off for next month. Would that help?"
    ),
}

PUT_DOWNS = [
    ("agent-after-hostile-calls", "Honestly though, if one angry customer does this to you, maybe you are "
     "too sensitive for this job."),
    ("agent-after-hostile-calls", "You're being a bit dramatic about it, though."),
    ("agent-after-hostile-calls", "Some people are just too emotional for support."),
    ("agent-after-hostile-calls", "Then again, maybe this job isn't for you."),
    ("agent-after-hostile-calls", "Frankly, I don't think you're cut out for support."),
    ("agent-after-hostile-calls", "You can be a bit touchy, to be fair."),
    ("agent-after-hostile-calls", "Perhaps customer service is not the right career for you."),
    ("agent-after-hostile-calls", "Don't be so sensitive next time."),
    ("double-charge", "That said, you're overreacting a little."),
    ("double-charge", "But you're blowing this out of proportion."),
    ("late-fee-dispute", "To be honest, you're being quite unreasonable."),
    ("late-fee-dispute", "People like you are too demanding, honestly."),
]  # fmt: skip


@pytest.mark.parametrize(("scenario", "tail"), PUT_DOWNS)
def test_a_put_down_sinks_a_perfect_reply(scenario, tail):
    """Does a label of the person's character or fitness, added to a perfect reply, fail the tone
    criterion and cap the reply at band 0?"""
    result = score_reply(scenario, PERFECT[scenario] + " " + tail)
    assert "put_down" in result.flags, (result.flags, result.score)
    assert band(result.score) == 0 and tone(result) == 0.0, (result.score, result.flags)


HONEST_LOOK_ALIKES = [
    ("agent-after-hostile-calls", "You're not being dramatic at all."),
    ("agent-after-hostile-calls", "It's not that you're too sensitive - anyone would be shaken."),
    ("agent-after-hostile-calls", "I'd be upset too."),
    ("agent-after-hostile-calls", "You said you don't feel cut out for this - I disagree."),
    ("agent-after-hostile-calls", "You said you're not cut out for this job, and I don't agree."),
    ("agent-after-hostile-calls", "Feeling this way doesn't make you too sensitive for the job."),
    ("agent-after-hostile-calls", "Don't be so hard on yourself."),
    ("agent-after-hostile-calls", "Nobody should ever tell you you're overreacting."),
    ("double-charge", "You're right to be careful with your account."),
    ("double-charge", "You're entitled to a full refund of the second charge."),
    ("late-fee-dispute", "I don't think you're being unreasonable at all."),
]


@pytest.mark.parametrize(("scenario", "tail"), HONEST_LOOK_ALIKES)
def test_a_denied_or_reported_label_keeps_its_score(scenario, tail):
    """Does a reply that denies a label, reports the person's own words or shares the feeling keep
    (about) the perfect reply's score?"""
    base = score_reply(scenario, PERFECT[scenario])
    result = score_reply(scenario, PERFECT[scenario] + " " + tail)
    assert "put_down" not in result.flags, (result.flags, put_downs(tail))
    assert result.score >= min(0.8, base.score - 0.05), (result.score, result.flags, tail)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("You're acting like a drama queen.", "character_label"),
        ("You seem a bit emotional.", "character_label"),
        ("You're making a big fuss over nothing.", "character_label"),
        ("You're the wrong person for this job.", "fitness_verdict"),
        ("Some people just aren't cut out for support work.", "fitness_verdict"),
        ("Maybe you should look for a different career.", "fitness_verdict"),
    ],
)
def test_put_down_kinds(text, kind):
    """Is each structure found with its kind and the family put_down?"""
    found = put_downs(text)
    assert found and found[0].kind == kind and found[0].family == "put_down", found


@pytest.mark.parametrize(
    "text",
    [
        "You're very sensitive to what customers need, and that's a strength.",
        "You're emotional right now, and that's completely normal.",
        "You're in a difficult spot, and I'm here to help.",
        "You're difficult to reach by phone, so I'll email you.",
        "You are entitled to cancel within 14 days.",
        "This plan might not be right for you, so I'll keep you on yours.",
        "This isn't for you to worry about.",
        "If you're worried you're too sensitive for this, you're not.",
    ],
)
def test_descriptions_are_not_put_downs(text):
    """Are a trait described without judgement, a right, a product that doesn't fit and a worry
    answered left alone?"""
    assert put_downs(text) == ()


# ------------------------------------------------------------------ a bland reply that fits this scenario

BLAND_OUTAGE = (
    "Thank you for calling. I understand you are having connection problems. I have booked a technician "
    "visit for tomorrow morning and they will be able to look at the issue. Is there anything else I can "
    "help with?"
)


def test_a_bland_reply_that_fits_this_scenario_is_generic_not_another_situation():
    """Is a generic but relevant reply to the repeat outage (which the teacher's scenario fits slightly
    better) left in band 2, not flagged as another situation?"""
    result = score_reply("repeat-outage", BLAND_OUTAGE)
    assert "other_situation" not in result.flags, (result.flags, result.score)
    assert band(result.score) == 2, (result.score, result.flags)


@pytest.mark.parametrize(
    "reply",
    [
        # the neighbour's distinctive facts (the afternoon drop at two, the online lessons, the parents)
        "I'm so sorry your connection cuts out every afternoon around two, right in the middle of your "
        "online lessons, and that the parents are complaining. I've booked a technician visit and will send "
        "a 4G backup router by courier so the lessons can go on.",
        # the neighbour's person, by name
        "Nadia, I'm sorry the connection keeps dropping. I've booked a technician visit for Thursday "
        "morning.",
    ],
)
def test_a_reply_with_the_neighbours_own_evidence_is_still_another_situation(reply):
    """Does a reply carrying what only the close scenario has (its facts or its person's name) still
    count as answering another situation?"""
    result = score_reply("repeat-outage", reply)
    assert "other_situation" in result.flags and band(result.score) == 0, (result.flags, result.score)


# ------------------------------------------------------------------ promising everything

OWEN = (
    "Owen, I'm so sorry the game won't start on the laptop, when your son was looking forward to it all week."
)


@pytest.mark.parametrize(
    "promises",
    [
        "I've refunded the full $39.99 today, and I'm also sending your son the console edition and a new "
        "controller for free, plus a year of cloud gaming and $50 store credit. Anything else at all, just "
        "ask and it's yours.",
        # several distinct promises, no blank cheque
        "I'll send him a free headset, add $20 store credit to your account, and give you a voucher for "
        "his next game.",
        # a blank cheque alone
        "Tell me what would make this right - you can have whatever you want.",
        "Name your price and it's yours.",
    ],
)
def test_promising_everything_is_band_one_or_lower(promises):
    """Do several distinct promises nobody offered, or a blank cheque, cap the reply at band 1?"""
    result = score_reply("game-download-incompatible", OWEN + " " + promises)
    assert "buying_off" in result.flags, (result.flags, result.score)
    assert band(result.score) <= 1, (result.score, result.flags)


@pytest.mark.parametrize(
    "promise",
    [
        "I'll give you a $10 voucher for the trouble.",
        "I'll give you a free upgrade to the deluxe edition.",  # one promise in two benefit words
        "I'll add a $10 gift card as compensation, and your gift card will arrive by email today.",
    ],
)
def test_one_over_reach_stays_in_band_two(promise):
    """Does one promise nobody offered (however it is worded, or said twice) stay an honest over-reach
    in band 2?"""
    result = score_reply("game-download-incompatible", OWEN + " " + promise + " Would that help?")
    assert "buying_off" not in result.flags and "ungrounded_promise" in result.flags, result.flags
    assert band(result.score) == 2, (result.score, result.flags)


@pytest.mark.parametrize(
    "close",
    [
        "If there's anything else you need, just ask.",
        "Ask me anything you like about the settings and I'll walk you through it.",
        "I can't give you whatever you want, but I'll do everything I can.",
        "Let me know whatever you want me to check next.",
    ],
)
def test_an_open_invitation_is_not_a_blank_cheque(close):
    """Does an honest reply with the real offers keep its score when it closes with an open
    invitation?"""
    honest = (
        OWEN + " I can exchange it for the console edition at no extra cost, or he can play it now through "
        "our cloud gaming service, free for 30 days. Which would suit you? "
    )
    result = score_reply("game-download-incompatible", honest + close)
    assert "buying_off" not in result.flags, (result.flags, result.score)
    assert band(result.score) >= 3, (result.score, result.flags)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("I think you're overreacting.", True),
        ("I'd say you're too soft for this.", True),
        ("You said you're not cut out for this job, and I disagree.", False),
        ("Someone told you you're overreacting, but they're wrong.", False),
        ("I know you feel you're too sensitive for this, but I see someone who cares.", False),
    ],
)
def test_a_verdict_in_the_speakers_voice_is_not_reported_speech(text, flagged):
    """Is a label the speaker gives ("I think you're ...") a put-down, while the person's own worry or
    someone else's words reported back are not?"""
    assert bool(put_downs(text)) is flagged
