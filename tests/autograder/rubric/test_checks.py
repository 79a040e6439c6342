"""Tests for the anti-gaming and harm guards (autograder.rubric.checks)."""

import pytest

from autograder import score_reply
from autograder.rubric import checks
from autograder.rubric.text import analyse


def _form(reply: str) -> set[str]:
    return {p.flag for p in checks.form_problems(analyse(reply), reply)}


@pytest.mark.parametrize(
    ("value", "flag"), [(None, "not_text"), (42, "not_text"), (b"hi", "not_text"), ("  \n", "empty")]
)
def test_unusable_input(value, flag):
    """Is non-text or blank input flagged with a zero cap and a message?"""
    text, problems = checks.check_input(value)
    assert text is None
    assert problems[0].flag == flag and problems[0].cap == 0.0 and problems[0].message


def test_too_long_by_words_and_by_characters():
    """Is a reply over 1500 words, or over 10,000 characters, flagged too_long?"""
    assert checks.check_input("word " * 1600)[1][0].flag == "too_long"
    assert checks.check_input("x" * 10_001)[1][0].flag == "too_long"
    assert checks.check_input("A normal reply.")[1] == []


@pytest.mark.parametrize(
    ("reply", "flag"),
    [
        ("Lo siento mucho, vamos a resolver su problema hoy mismo.", "not_english"),
        ("Es tut mir leid, wir haben das Problem nicht gelöst.", "not_english"),
        ("Mohon maaf, kami akan segera membantu anda dengan masalah ini.", "not_english"),
        ("申し訳ありません。すぐに返金いたします。", "not_english"),
        ("😊🙏👍", "no_words"),
        ("def reply(x):\n    return x;\nprint(reply(1));", "code"),
        ("TOM I AM SO SORRY WE WILL REFUND YOU TODAY", "shouting"),
        ("I'm sorry. I'm sorry. I'm sorry.", "repetition"),
        ("sorry understand frustrating Tom refund help make this right", "keyword_list"),
        ("Sorry. Frustrating. Refund. Help. Understand.", "keyword_list"),
        ("Linda 😊 sorry 🙏 options 👍", "keyword_list"),
    ],
)
def test_form_problems(reply, flag):
    """Is each kind of gaming or unusable text flagged?"""
    assert flag in _form(reply)


@pytest.mark.parametrize(
    "reply",
    [
        "Tom, I'm sorry we charged you twice. I've refunded the $89 today.",
        "Hi Sam, I've booked a technician (9-11 am) for tomorrow. Does that work?",
        "Thanks, Linda. Your plan is $12.99 a month; the Basic plan is $7.99. Want me to switch you?",
        "I'll send the code by SMS to the number on file.",
        "Sorry Tom, refunding now.",
    ],
)
def test_normal_replies_have_no_form_problems(reply):
    """Do ordinary replies, with numbers, brackets or an acronym, pass the form guards?"""
    assert _form(reply) == set()


def test_markup_heavy_reply_is_flagged_and_stripped():
    """Is heavy HTML flagged, and does strip_markup leave the plain words?"""
    html = "<p>Hi <b>Tom</b>,</p><p>sorry about that.</p>"
    assert checks.markup_problem(html).flag == "markup"
    assert "<" not in checks.strip_markup(html)
    assert checks.markup_problem("Two options:\n- a refund\n- an exchange") is None


def test_echo_of_the_message_is_flagged():
    """Is copying the customer's message back flagged as echo, but quoting a few words not?"""
    message = analyse(
        "I just checked my bank statement and you charged me twice for the same order. "
        "That's $89 I needed for rent this week. How does this even happen?"
    )
    assert checks.echo_problem(analyse(message.text), message).flag == "echo"
    own_words = analyse("You were charged twice for the same order, and that money was for rent.")
    assert checks.echo_problem(own_words, message) is None


@pytest.mark.parametrize(
    ("reply", "flag"),
    [
        ("Frankly, you paid late and that's your problem.", "blame"),
        ("You should have read the product page.", "blame"),
        ("Calm down, sir.", "dismissive"),
        ("As I already said, the cut-off is 5 pm.", "dismissive"),
        ("It's in the terms. End of story.", "dismissive"),
        ("Check before you complain next time.", "dismissive"),
        ("Toughen up, it happens.", "dismissive"),
        ("Good luck with that.", "sarcasm"),
        ("You're being ridiculous.", "rude"),
    ],
)
def test_harm_is_flagged(reply, flag):
    """Is blame, dismissal, sarcasm or rudeness flagged with the harm cap?"""
    problems = {p.flag: p for p in checks.harm_problems(analyse(reply))}
    assert flag in problems
    assert problems[flag].cap == checks.HARM_CAP


@pytest.mark.parametrize(
    "reply",
    [
        "You paid on the 3rd and you're being told you're late, which feels unfair.",
        "Being called useless is awful, Jordan.",
        "It's not your fault, and I'll sort it out.",
        "You should have the refund within 3-5 business days.",
        "Hello Tom, whatever works for you works for me.",
    ],
)
def test_kind_replies_are_not_harm(reply):
    """Are reflections of the complaint and kind phrasings not mistaken for harm?"""
    assert checks.harm_problems(analyse(reply)) == []


def test_lecturing_caps_only_when_repeated():
    """Does one lecturing phrase not cap, while repeated lecturing does?"""
    once = checks.lecture_phrases(analyse("You need to confirm the code first."))
    twice = checks.lecture_phrases(
        analyse("You need to pay on time. Next time, make sure you read the terms.")
    )
    assert checks.lecture_problem(once) is None
    assert checks.lecture_problem(twice).flag == "lecturing"


def test_sincere_congratulations_are_not_sarcasm():
    """Is "congratulations on the new job" warm, while "congratulations, you managed to..." is mockery?"""
    sincere = score_reply(
        "gym-cancellation-fee", "Rosa, congratulations on the new job, and thank you for two years with us."
    )
    mocking = score_reply("locked-account-2fa", "Congratulations, you managed to lock yourself out again.")
    assert "sarcasm" not in sincere.flags
    assert "sarcasm" in mocking.flags


@pytest.mark.parametrize(
    "text, dismissive",
    [
        ("It's in the agreement for leaving before February, but you may not need to pay it.", False),
        ("It's in the agreement. End of story.", True),
        ("It's in the contract. Nothing more I can do.", True),
        ("I can hang up and call you back on the number on your card, if you'd feel safer.", False),
        ("Read me the code or hang up.", True),
    ],
)
def test_pointing_to_a_rule_dismisses_only_when_it_closes_the_matter(text, dismissive):
    """Is citing the agreement, or offering to hang up and call back, dismissive only if it shuts them out?"""
    flags = [p.flag for p in checks.harm_problems(analyse(text))]
    assert ("dismissive" in flags) is dismissive, flags
