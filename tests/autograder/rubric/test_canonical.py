"""Tests for autograder/rubric/canonical.py: the text every rubric check reads is what a reader sees."""

from autograder.rubric.canonical import canonical


def test_hidden_markup_is_removed_and_reported_but_visible_lines_stay():
    """Are a multi-line HTML comment and a Markdown comment line removed, with the lines around them kept?"""
    text = (
        "Dear Sam,\n<!-- sorry\nunderstand -->\n[//]: # (empathy empathy)\nI'll book a technician.\nThanks."
    )
    c = canonical(text)
    assert "sorry" not in c.text and "empathy" not in c.text
    assert "Dear Sam," in c.text and "I'll book a technician." in c.text and "Thanks." in c.text
    assert len(c.hidden) == 2


def test_look_alike_letters_fold_only_inside_latin_text():
    """Are Cyrillic look-alikes folded in a mixed word or inside English, but a Russian sentence kept?"""
    assert canonical("I'm s\u043erry, T\u043em.").text == "I'm sorry, Tom."
    assert canonical("This is \u0441\u0430\u0440 text").text == "This is cap text"
    russian = "\u0421\u043f\u0430\u0441\u0438\u0431\u043e \u0437\u0430 \u0437\u0432\u043e\u043d\u043e\u043a"
    assert canonical(russian).text == russian and canonical(russian).lookalikes == 0


def test_invisible_characters_are_counted_but_emoji_joiners_are_not():
    """Are zero-width, soft-hyphen and direction characters removed and counted, while the joiner
    inside an emoji sequence and a leading byte-order mark are removed without counting?"""
    c = canonical("so\u200brry fo\u00adr the wa\u200fit")
    assert c.text == "sorry for the wait" and c.invisible == 3
    ok = canonical("\ufeffThanks \U0001f469\u200d\U0001f4bb\ufe0f")
    assert ok.invisible == 0


def test_styled_letters_and_marks_become_plain_letters():
    """Do fullwidth and mathematical letters and typed-on accents become plain letters, while an
    ordinary precomposed accent is not counted as a disguise?"""
    c = canonical("\uff33\uff4f\uff52\uff52\uff59 \U0001d42c\U0001d428\U0001d42b\U0001d42b\U0001d432")
    assert c.text == "Sorry sorry" and c.styled == 10
    marked = canonical("so\u0301rry\u0308")
    assert marked.text == "sorry" and marked.marks == 2
    assert canonical("caf\u00e9 na\u00efve").marks == 0


def test_editor_leftovers_between_words_are_not_counted_but_word_splits_are():
    """Are zero-width spaces, word joiners and byte-order marks a web editor leaves between words or at
    line ends, and soft hyphens at hyphenation points, removed without counting, while the same
    characters splitting a word, or a run of them, still count?"""
    pasted = "\u200bHi Sam,\u200b\n\u200bI\u2019m sorry.\u200b "
    pasted += "\u2060Thanks,\ufeff over\u00addraft confir\u00admation"
    c = canonical(pasted)
    assert c.invisible == 0 and "overdraft confirmation" in c.text
    assert canonical("s\u200borry un\u200bder\u200bstand").invisible == 3
    assert canonical("s\u00adorry").invisible == 1
    assert canonical("Hi \u200b\u200b\u200b Sam").invisible == 3


def test_decomposed_accents_on_a_few_words_are_not_a_disguise():
    """Is an accent typed as a separate mark that composes with its letter (text pasted from a PDF or a
    Mac) left uncounted on a few words, but counted when it sits on most words?"""
    nfd = "Thanks for your patience, best wishes from Rene\u0301e at the Toy Cafe\u0301 support team today."
    assert canonical(nfd).marks == 0 and "Renee" in canonical(nfd).text
    assert canonical("so\u0301rry\u0301 te\u0301am").marks == 3
