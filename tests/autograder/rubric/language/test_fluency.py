"""Tests for autograder/rubric/language/fluency.py: sentences versus strings of keywords."""

import pytest

from autograder.rubric.language import fluency
from autograder.rubric.language.fluency import KEYWORD_LIST_BELOW

KEYWORD_STRINGS = [
    # content words with a few small words and even a real clause mixed in
    "Marcus late fee the 3rd cut-off sorry we understand you autopay reminder happy to help",
    "Dana locked account sorry frustrating security code text verify we help you today",
    "gift delay birthday Priya sorry express shipping upgrade the refund we understand",
    "outage third time engineer visit sorry the credit apology understand your frustration help",
    "ebook format refund sorry a compatible edition app the reader we care",
    "price increase six years loyal Linda sorry annual plan discount the value you",
    "hotel room overbooked the suite upgrade sorry voucher night apologise understand",
    "empathy sorry understand feelings frustration help refund resolve apologise listen care",
    "Tom double charge $89 rent sorry refund our mistake confirmation email",
    # phrases side by side with commas and determiners, and no verb
    "the late fee, a double charge, the rent money, our refund",
    "Sorry. Your frustration. The double charge. Our refund. Happy to help.",
]
GENUINE = [
    # lower case, no punctuation, learner English
    "sorry priya the gift is late and it was for your birthday i upgrade it to express so it come on friday",
    "hello dana i understand you are worried about the call, we never ask your password, i send the code now",
    "so sorry linda the price go up and nobody tell you, i can move you to the yearly plan it's cheaper",
    "Tom im very sorry we took the money two times. its our mistake. i give back the $89 today",
    "i hear you marcus paying one day late and getting a fee feels unfair i have removed it this time",
    "thank you for telling me about the outage. third time this week is too much, i book a engineer tomorrow",
    "dear customer, very sorry for problem. we are check your account and we will give money back tomorrow.",
    # ordinary written replies
    "Your ebook won't open on your reader, which is annoying after paying. I'll swap it for one that works.",
    "We overbooked the hotel and that's on us. I've found you a room nearby and we'll cover the taxi.",
    "Hi Sam. Four angry calls in a row would rattle anyone. Take five minutes, and let's talk after.",
    "Three calls in one week with the line dropping every evening - I'd be fed up too. I'll send help.",
    "Thanks, Jordan! Good instinct to check first. Not a scam, I promise.",
    # telegraphic but written to be read
    "Order #A1234: refund issued today. Card ending 4421. 3-5 business days. Sorry for the mix-up, Tom!",
    "Sam - three drops this week, after you've already rebooted everything. Not good enough. "
    "Engineer booked: Thursday 8-10am. Backup: 20GB hotspot, posting today.",
    "Yes, absolutely. Refund done. Anything else?",
    "Apologies, Marcus. Late fee removed. Autopay reminder set for the 1st.",
    "Linda, so sorry about the surprise price rise - our fault. Annual plan available, saves you $36.",
    "Hi Sam, really sorry about the evenings - third drop this week. Engineer booked for Thursday.",
    "Your options: a refund, a replacement, or store credit.",
    # questions, possessives, coordinated verbs, a clause without its subject
    "Is there anything else I can sort out for you? Does Thursday morning suit you?",
    "I'll refund the $25 late fee and credit your account for the trouble. Would that help?",
    "I'll give your whole family a free week's stay next summer.",
    "Refunding the extra $89 now; you'll see it within 3-5 business days.",
    "Must be tiring, calling three times. Payments after 5 pm post the next business day.",
    "Gutted for you, Linda - six loyal years and a price rise with no warning. Annual plan? Saves you $36.",
]


@pytest.mark.parametrize("reply", KEYWORD_STRINGS)
def test_keyword_strings_score_low_whatever_their_small_words(reply):
    """Does a string of keywords score under the keyword-list line, even with small words mixed in?"""
    result = fluency(reply)
    assert result.score < KEYWORD_LIST_BELOW, (result.score, result.stray)
    assert result.stray  # the words that are in no clause, for feedback


@pytest.mark.parametrize("reply", GENUINE)
def test_genuine_replies_keep_high_fluency(reply):
    """Do replies in lower case, without punctuation or in learner English still read as sentences?"""
    result = fluency(reply)
    assert result.score >= 0.85, (result.score, result.stray)


def test_capitals_and_punctuation_do_not_change_the_verdict():
    """Is the same reply as fluent in lower case without punctuation as it is written properly?"""
    proper = "I'm sorry, Tom. We charged you twice, and I've refunded the second charge today."
    plain = "im sorry tom we charged you twice and ive refunded the second charge today"
    assert fluency(proper).score >= 0.9
    assert fluency(plain).score >= 0.9


def test_result_shapes():
    """Does the result give a score in [0, 1], per-sentence counts and the stray words?"""
    result = fluency("Hi Tom. Refund double charge rent money sorry.")
    assert 0.0 <= result.score <= 1.0
    assert [s.sentence for s in result.sentences] == ["Hi Tom.", "Refund double charge rent money sorry."]
    assert result.sentences[0].score == 1.0
    assert result.sentences[1].fluent < result.sentences[1].words
    assert "charge" in result.stray
    assert fluency("").score == 1.0


def test_fragments_alone_are_not_sentences():
    """Does a reply of one-word keyword "sentences" lose fluency while a greeting and thanks keep it?"""
    assert fluency("Refund. Apology. Frustration. Help.").score < KEYWORD_LIST_BELOW
    assert fluency("Hi Tom! Thanks so much. Sorry again.").score == 1.0


# Keywords glued with prepositions: every phrase is "linked", yet no clause holds them.
GLUED = [
    "Apology for delay of parcel with tracking on birthday for son in Saturday of express with refund.",
    "Sorry of frustration with fee at cut-off for payment on date of autopay with reminder for you.",
    "Priya sorry with book of format for reader on app with exchange of edition for refund understand.",
    "Dana apology for lock of account with code on phone for security of login with help for you today.",
]
# Learner English that drops articles and stacks a few prepositions is still made of clauses.
PREPOSITIONAL_BUT_GENUINE = [
    "I book technician for tomorrow morning for you, he come at 9 with new router.",
    "We move your membership to our club in Denver at same price, no fee for you.",
    "You get refund of $89 on card in 3-5 days and email for confirm.",
    "Sorry for wait, I send new set by courier on Friday for birthday of your son.",
    "i take you off from chat for rest of shift and we talk at end of day about customer.",
    "Thanks for your patience with the delay on your order from our store in Denver.",
]


@pytest.mark.parametrize("reply", GLUED)
def test_keywords_glued_with_prepositions_are_not_sentences(reply):
    """Does a verb-free chain of prepositions and bare keywords score under the keyword-list line?"""
    result = fluency(reply)
    assert result.score < KEYWORD_LIST_BELOW, (result.score, result.stray)
    assert any(w in ("of", "for", "with", "on") for w in result.stray)  # the glue is named as stray


@pytest.mark.parametrize("reply", PREPOSITIONAL_BUT_GENUINE)
def test_prepositions_in_learner_english_are_not_glue(reply):
    """Do learner replies with dropped articles and a few prepositional phrases keep high fluency?"""
    result = fluency(reply)
    assert result.score >= 0.85, (result.score, result.stray)
