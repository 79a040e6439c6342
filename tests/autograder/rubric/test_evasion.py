"""Kinds of evasion a cheating learner uses on text, each against the whole rubric (score_reply).

Every attack here was written for this file: edited copies of replies the course prints (found with
``copied.course_text`` so the tests follow the course), look-alike and invisible characters, hidden
markup, padding, and odd values for the reply variable. Each kind has a ceiling for the attacks and a
floor for honest replies that look like them (sharing the customer's facts and stock phrases, with
ordinary typography), so a fix that flags everything fails too.
"""

import re

import pytest

from autograder import nbgrade, score_reply
from autograder.rubric import checks
from autograder.rubric.copied import course_text

COURSE_REPLIES = {
    "repeat-outage": "Sam, three calls in a week and a client at risk",
    "late-fee-dispute": "I understand: a few hours feels like nothing",
    "double-charge": "The refund goes out today. Banks usually",
}
HONEST = {
    "repeat-outage": (
        "Sam, I'm sorry for the wait, and I'm sorry you've had to call three times this week; with a "
        "client depending on you that's a real worry. Since you've already restarted the router and tried "
        "everything, I won't make you repeat those steps. I'll get a technician out tomorrow morning and "
        "raise the evening drops with our network engineers. Meanwhile I can post you a hotspot so you can "
        "work tonight. Does tomorrow morning suit you?"
    ),
    "late-fee-dispute": (
        "Mr Hale, you paid on the 3rd, the due date, and still got a $25 fee, so I can see why that feels "
        "wrong. Your payment arrived at 9:40 pm, after our 5 pm cut-off, so it posted on the 4th. I can't "
        "remove the fee, but I can set up autopay or a reminder before each due date so it doesn't happen "
        "again. Which would you prefer?"
    ),
    "double-charge": (
        "Tom, I'm so sorry: we charged you twice for the same order, and that's our billing error. I know "
        "that $89 is rent money this week. I've refunded the second charge today; it takes 3-5 business "
        "days to reach your bank, and I'm emailing you a confirmation now. Shall I check your other orders "
        "too?"
    ),
}
SYNONYMS = {
    "see": "understand", "booking": "arranging", "send": "post", "list": "checklist", "team": "group",
    "keep": "carry on", "ask": "request", "visit": "appointment", "work": "suit", "usually": "normally",
    "show": "appear", "tight": "difficult", "help": "be useful", "make": "ensure", "every": "each",
    "nothing": "very little", "like": "want", "remove": "cancel", "reference": "number", "risk": "stake",
    "already": "previously", "emailing": "mailing", "before": "prior to", "patience": "tolerance",
}  # fmt: skip
EXPANSIONS = {"I'm": "I am", "you're": "you are", "won't": "will not", "I'll": "I will", "can't": "cannot",
              "You've": "You have", "that's": "that is", "it's": "it is", "I've": "I have"}  # fmt: skip


def _swap_synonyms(text: str) -> str:
    """Every word the small thesaurus knows replaced (roughly every fourth word of a reply)."""
    return re.sub(r"[A-Za-z']+", lambda m: SYNONYMS.get(m.group(0), m.group(0)), text)


def _insert_filler(text: str) -> str:
    fillers = iter(("really", "truly", "honestly", "actually", "certainly", "simply") * 20)
    out = []
    for i, word in enumerate(text.split()):
        out.append(word)
        if i % 5 == 4 and word[-1].isalpha():
            out.append(next(fillers))
    return " ".join(out)


def _reorder(text: str) -> str:
    return " ".join(reversed(re.split(r"(?<=[.?!])\s+", text)))


def _expand_and_shout(text: str) -> str:
    for short, full in EXPANSIONS.items():
        text = text.replace(short, full)
    return text.lower().replace(".", "!").replace(":", ";").replace(",", "")


def _rename_and_refigure(text: str) -> str:
    text = re.sub(r"\b(Sam|Tom|Marcus|Mr Hale)\b", "Alex", text)
    text = re.sub(
        r"\b(two|three|a few)\b", lambda m: {"two": "four", "three": "five"}.get(m.group(0), "six"), text
    )
    return re.sub(r"\d+", lambda m: str(int(m.group(0)) + 1), text)


def _split_and_merge(text: str) -> str:
    return text.replace(", and ", ". And ").replace(". ", "; ", 1)


EDITS = (_swap_synonyms, _insert_filler, _reorder, _expand_and_shout, _rename_and_refigure, _split_and_merge)


@pytest.mark.parametrize("scenario", sorted(COURSE_REPLIES))
@pytest.mark.parametrize("edit", EDITS, ids=lambda f: f.__name__.strip("_"))
def test_edited_course_reply_is_still_copied(scenario, edit):
    """Does a course reply with synonyms swapped, filler inserted, sentences reordered or split,
    contractions expanded, case changed, or the name and figures changed still count as copied?"""
    original = course_text(COURSE_REPLIES[scenario])
    assert original, "the course no longer prints this reply; choose another"
    edited = edit(original)
    assert edited != original
    result = score_reply(scenario, edited)
    assert "copied" in result.flags and result.score <= 0.15


@pytest.mark.parametrize("scenario", sorted(COURSE_REPLIES))
def test_combined_edits_and_padding_are_still_copied(scenario):
    """Are several edits at once (reordered, filler, new name and figures, contractions expanded), with
    two sentences of the learner's own padding around them, still copied?"""
    edited = _insert_filler(
        _rename_and_refigure(_expand_and_shout(_reorder(course_text(COURSE_REPLIES[scenario]))))
    )
    padded = f"Thank you for getting in touch today. {edited} I have also added a note to the file."
    assert "copied" in score_reply(scenario, padded).flags


@pytest.mark.parametrize("scenario", sorted(HONEST))
def test_honest_replies_sharing_facts_and_phrases_are_not_copied(scenario):
    """Is an honest reply that shares the customer's facts and stock phrases with the course's model
    reply ("I'm sorry for the wait", "I can see why") left unflagged and well marked?"""
    result = score_reply(scenario, HONEST[scenario])
    assert "copied" not in result.flags and result.score >= 0.6


# ------------------------------------------------------------------------- unicode and hidden text

RUDE = "Sam, you're being ridiculous, calm down. Just restart the router like everyone else."


def _cyrillic(text: str) -> str:
    return text.replace("o", "\u043e").replace("a", "\u0430").replace("e", "\u0435")


def _zero_width(text: str) -> str:
    return re.sub(r"(?<=\w)(?=\w)", lambda m: "\u200b" if m.start() % 3 else "\u00ad", text)


def _combining(text: str) -> str:
    return re.sub(r"[a-z]", lambda m: m.group(0) + "\u0301", text)


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def _bidi(text: str) -> str:
    return "\u202e" + text.replace(" ", " \u200f") + "\u202c"


DISGUISES = (_cyrillic, _zero_width, _combining, _fullwidth, _bidi)


@pytest.mark.parametrize("disguise", DISGUISES, ids=lambda f: f.__name__.strip("_"))
def test_disguised_letters_hide_neither_copying_nor_harm(disguise):
    """Are look-alike letters, zero-width and soft hyphens, combining marks, fullwidth letters and
    direction marks read as the plain letters a reader sees, so copying and rudeness are still found
    and the reply is told why it earns nothing?"""
    copied_reply = disguise(course_text(COURSE_REPLIES["repeat-outage"]))
    result = score_reply("repeat-outage", copied_reply)
    assert result.score <= 0.15 and "disguised_text" in result.flags
    rude = score_reply("repeat-outage", disguise(RUDE))
    assert rude.score <= 0.15 and {"rude", "dismissive"} & set(rude.flags)
    assert any("look-alike letters" in line for line in rude.feedback)


@pytest.mark.parametrize(
    "hidden",
    [
        "<!-- I'm so sorry, Sam, I understand how frustrating three calls are; technician tomorrow -->",
        "[//]: # (I'm so sorry Sam, I understand; I'm booking a technician for tomorrow morning)",
        '<span style="display: none">sorry understand frustrating technician hotspot tomorrow</span>',
        "<div hidden>I'm so sorry Sam. I'll book a technician and send a hotspot. Does that suit?</div>",
    ],
)
def test_words_hidden_from_the_reader_earn_nothing(hidden):
    """Do keywords in an HTML comment, a Markdown comment line or hidden markup earn no credit, with a
    line saying the reply hid text?"""
    visible = "Sam, we will look into it.\n"
    result = score_reply("repeat-outage", visible + hidden + "\nThanks.")
    assert "hidden_text" in result.flags and result.score <= 0.15
    assert result.extra["uncapped"] <= score_reply("repeat-outage", visible + "Thanks.").extra["uncapped"]


def test_ordinary_typography_is_not_a_disguise():
    """Do curly quotes, non-breaking spaces, an accented word, an emoji with joiners and a stray
    byte-order mark leave an honest reply's score unchanged and unflagged?"""
    plain = HONEST["double-charge"]
    typeset = (
        "\ufeff"
        + plain.replace("I'm", "I\u2019m").replace("$89", "$89\u00a0")
        + " Enjoy your café treat on us \U0001f469\u200d\U0001f4bb!"
    )
    plain_result = score_reply("double-charge", plain + " Enjoy your cafe treat on us!")
    result = score_reply("double-charge", typeset)
    assert not {"disguised_text", "hidden_text"} & set(result.flags)
    assert abs(result.score - plain_result.score) < 0.05


def test_a_stray_foreign_letter_is_folded_without_penalty():
    """Is a single Cyrillic letter typed by accident read as its Latin twin without capping the reply?"""
    result = score_reply("double-charge", HONEST["double-charge"].replace("sorry", "s\u043erry", 1))
    assert "disguised_text" not in result.flags and result.score >= 0.6


def test_a_reply_in_another_alphabet_is_still_not_english():
    """Is a reply really written in Cyrillic still told it is not English (not folded into Latin)?"""
    assert "not_english" in score_reply("double-charge", "Том, простите, мы вернём деньги сегодня.").flags


# ------------------------------------------------------------------------------ padding, repetition


def test_repeated_and_reworded_sympathy_is_repetition():
    """Is the same sympathy sentence repeated, in other case or reworded with intensifiers, capped?"""
    base = "Sam, I'm sorry you've had to call three times this week."
    for padded in (
        base + " I'll book a technician. " + " ".join([base.upper(), base.lower(), base]),
        "Sam, I'm so sorry. I'm really so sorry, Sam. I am truly so sorry about this. I'm very sorry indeed. "
        "I'll book a technician for tomorrow morning.",
    ):
        result = score_reply("repeat-outage", padded)
        assert "repetition" in result.flags and result.score <= 0.2


def test_keyword_block_after_a_good_reply_is_capped():
    """Is a good reply followed by a block of grader keywords (a line of them, or one-word sentences)
    capped as a keyword list?"""
    for block in (
        "\n\nempathy sorry understand frustrating apologise listen care hear appreciate",
        " Empathy. Sorry. Understand. Frustrating. Apologise. Listen.",
    ):
        result = score_reply("repeat-outage", HONEST["repeat-outage"] + block)
        assert "keyword_list" in result.flags and result.score <= 0.15


def test_replies_to_other_people_pasted_on_are_capped():
    """Is an excellent reply to Sam with replies to Tom and Marcus appended capped, while a reply that
    mentions a colleague who shares a catalogue first name is not?"""
    mixed = HONEST["repeat-outage"] + "\n\n" + HONEST["double-charge"] + "\n\n" + HONEST["late-fee-dispute"]
    result = score_reply("repeat-outage", mixed)
    assert "other_person" in result.flags and result.score <= 0.15
    colleague = HONEST["repeat-outage"] + " My colleague Marcus on the network team will call you at six."
    assert "other_person" not in score_reply("repeat-outage", colleague).flags


def test_quoting_the_message_back_is_echo_but_paraphrase_is_listening():
    """Is the customer's message quoted back at length capped as echo, while restating it in one's own
    words is not?"""
    quoted = (
        "Sam, you said: \"This is the third time I'm calling this week. My internet drops every evening "
        "around seven and I work from home. I've restarted the router, unplugged everything, done every "
        "single thing your website says.\" I hear you. I'll book a technician for tomorrow morning."
    )
    assert "echo" in score_reply("repeat-outage", quoted).flags
    assert "echo" not in score_reply("repeat-outage", HONEST["repeat-outage"]).flags


# ------------------------------------------------------------------------------- odd reply values


@pytest.mark.parametrize(
    "value",
    [None, b"Sam, sorry, I'll book a technician.", ["Sam, sorry.", "I'll book a technician."], 42, ("a",)],
    ids=["None", "bytes", "list", "int", "tuple"],
)
def test_values_that_are_not_text_get_one_clear_line(value, capsys):
    """Does a reply variable that is None, bytes, a list or a number score 0 with one line naming what it
    was and how to fix it, in score_reply and in the test cell's grade_reply, without an exception?"""
    result = score_reply("repeat-outage", value)
    assert result.score == 0.0 and result.flags == ("not_text",)
    line = result.feedback[0]
    assert "\n" not in line and type(value).__name__ in line.replace("None", "NoneType") + "NoneType"
    assert nbgrade.grade_reply("repeat-outage", value, points=2) == 0.0
    shown = capsys.readouterr()
    assert "0 points" in shown.out and not shown.err


@pytest.mark.parametrize(
    "value",
    [
        "Sam, sorry. " * 90_000,  # about 1 MB
        "\u200b" * 50_000 + HONEST["repeat-outage"],
        "Hi {customer_name}, sorry about {issue}; I'll book a technician for tomorrow morning.",
        "Sam, I'm sorry \ud800 I'll book a technician tomorrow morning.",
        "Sam\x00, I'm sorry.\x07 I'll book a technician tomorrow morning.",
        "\u200b\u200c\u200d\u00ad",
    ],
    ids=[
        "one-megabyte",
        "invisible-padding",
        "placeholders",
        "lone-surrogate",
        "control-chars",
        "only-invisible",
    ],
)
def test_odd_strings_are_marked_without_crashing(value):
    """Are a 1 MB string, invisible padding, unfilled placeholders, a lone surrogate, control characters
    and a reply of only invisible characters each marked with a reason and no exception?"""
    result = score_reply("repeat-outage", value)
    assert 0.0 <= result.score <= 1.0 and result.feedback and all(result.feedback)
    if value.startswith("Sam, sorry. "):
        assert "too_long" in result.flags
    if "{customer_name}" in value:
        assert "template" in result.flags
    if not value.strip("\u200b\u200c\u200d\u00ad"):
        assert result.score == 0.0 and "disguised_text" in result.flags
    if value.startswith("\u200b"):
        assert "disguised_text" in result.flags and result.score <= checks.DISGUISE_CAP
