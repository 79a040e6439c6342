"""Tests for autograder/rubric/language/condescension.py: sarcasm, condescension and hidden blame."""

import pytest

from autograder.rubric.language import FAMILIES, condescension
from autograder.rubric.text import analyse

MESSAGE = (
    "This is URGENT. I need my money back today, your app is a total scam and nobody answers the phone. "
    "I have tried everything."
)


def kinds(reply, message=MESSAGE):
    return [s.kind for s in condescension(reply, message)]


@pytest.mark.parametrize(
    ("reply", "kind"),
    [
        # sarcasm
        ("Well done finding the one setting that breaks the sync.", "ironic_praise"),
        ("Congratulations on locking yourself out for the third time this month.", "ironic_praise"),
        ("Great job ignoring all three of our reminders.", "ironic_praise"),
        ("Thanks for deleting the only copy of your invoice.", "ironic_praise"),
        ("Impressive, you managed to lose the voucher within a day.", "ironic_praise"),
        ("You somehow managed to miss every delivery slot we offered.", "ironic_praise"),
        ("I'm sure you read every email we send you.", "sarcastic_certainty"),
        ("No doubt you check your statements carefully each month.", "sarcastic_certainty"),
        ("Surely you've memorised all the terms by now.", "sarcastic_certainty"),
        ("I'm sure you read our newsletter carefully every week.", "sarcastic_certainty"),
        ("An organised customer like you surely read the renewal notice.", "sarcastic_certainty"),
        ("As you surely know, late payments carry a fee.", "sarcastic_certainty"),
        ("You must have noticed the new price on your last bill.", "sarcastic_certainty"),
        ("What a pity you had to actually open the app to check.", "mock_sympathy"),
        ("Such a shame you had to bother to scroll down the page.", "mock_sympathy"),
        ("The voucher is in your inbox, lucky you.", "mock_sympathy"),
        ("I looked into your 'urgent' request this morning.", "scare_quotes"),
        ('We investigated this "scam" and found two orders.', "scare_quotes"),
        # condescension
        ("No offence, but the due date is printed on every bill.", "offence_disclaimer"),
        ("With all due respect, the terms were clear.", "offence_disclaimer"),
        ("Don't take this the wrong way, but the guide covers this.", "offence_disclaimer"),
        ("Not to be rude, but we can't do that.", "offence_disclaimer"),
        ("As I already explained, the fee stands.", "repeat_reproach"),
        ("Like I told you, the refund takes five days.", "repeat_reproach"),
        ("For the third time, the store closes at six.", "repeat_reproach"),
        ("I have already explained how the billing cycle works.", "repeat_reproach"),
        ("Obviously you need to restart the router first.", "minimiser"),
        ("Simply click the link in the email we sent.", "minimiser"),
        ("All you have to do is read the confirmation page.", "minimiser"),
        ("It's really easy, anyone can set up autopay.", "minimiser"),
        ("You clearly need to read the welcome pack.", "minimiser"),
        ("It's not hard. You just tap Settings.", "minimiser"),
        # hidden blame
        ("You should have read the terms before signing up.", "hindsight_advice"),
        ("You could've just checked the size chart.", "hindsight_advice"),
        ("If you had checked your statement, you'd have seen the fee.", "hindsight_advice"),
        ("Next time, make sure the payment goes in before 5 pm.", "hindsight_advice"),
        ("You were supposed to return it within 14 days.", "hindsight_advice"),
        ("You should have sent it by recorded post.", "hindsight_advice"),
        ("You should have known better than to share the code.", "hindsight_advice"),
        ("Next time, don't leave the payment until the last evening.", "hindsight_advice"),
        ("You must have forgotten to switch on autopay.", "presumed_fault"),
        ("You probably clicked the wrong plan when you signed up.", "presumed_fault"),
        # irony through hyperbole: a catastrophe made of the problem, then cut down
        (
            "A parcel two days late, the cruellest thing anyone has ever endured. You'll cope somehow.",
            "mock_hyperbole",
        ),
        ("Oh, what a marvellous catastrophe. The refund is on its way.", "mock_hyperbole"),
        (
            "No internet one evening, how utterly devastating. If it's really that bad, I'll send someone.",
            "mock_hyperbole",
        ),
        ("How will you ever cope without your e-reader for a day?", "mock_hyperbole"),
        ("A late fee of $25. I'm sure your wallet will survive.", "mock_hyperbole"),
        (
            "Just a few dollars more, truly the biggest scandal in history.  I'm sure you'll manage.",
            "mock_hyperbole",
        ),
    ],
)
def test_polite_mockery_and_blame_are_found(reply, kind):
    """Is each structure of sarcasm, condescension or hidden blame found, with its evidence span?"""
    found = condescension(reply, MESSAGE)
    assert kind in [s.kind for s in found]
    signal = next(s for s in found if s.kind == kind)
    assert signal.family == FAMILIES[kind]
    assert analyse(reply).text[signal.start : signal.end] == signal.text


@pytest.mark.parametrize(
    "reply",
    [
        # sincere praise and thanks
        "Well done to the warehouse team for fixing the delay so quickly.",
        "Well done for spotting that second charge, Tom - it let me fix it fast.",
        "Congratulations on the new house! Let me move your broadband there.",
        "Thanks for telling me about the rent; that helps me put this first.",
        "Great question, and thanks for checking with us before sharing anything.",
        "Thank you for your message.",
        "Thanks for your message about the missing parcel.",
        "Thanks for telling us about your disability; I'll set up large-print bills.",
        "Congratulations on the breakfast-in-bed order, it's on its way.",
        # certainty that is empathy
        "I'm sure you've tried everything already, so let me book a technician.",
        "I'm sure this has been a long week for you.",
        "I'm sure you've followed every step on our help page already.",
        "Of course you checked all the usual fixes first.",
        # sympathy and notices that are sincere
        "What a shame you had to wait three weeks for this; I'll refund the delivery charge.",
        "You will have noticed a new line on your bill: that is the refund.",
        "Oh poor you, four calls in one day sounds exhausting.",
        # quotes that are not scare quotes
        'Tap "Forgot password" on the sign-in screen and I\'ll stay on the line.',
        'Your order "A-1234" left the warehouse this morning.',
        'You said "nobody answers the phone", and that is on us.',
        'You called the app "a total scam", and after two charges I can see why.',
        "It must have felt 'urgent' when the money left your account.",
        # disclaimers that deny offence rather than announce it
        "No offence was meant by our email, and I'm sorry it read that way.",
        "I mean it with respect: you deserved a reply days ago.",
        # plain references and instructions
        "As I mentioned on the phone, I'll call you back at 3 pm.",
        "It dropped again this evening, for the third time this week, and that's not good enough.",
        "Next time you call, ask for me and I'll pick it up straight away.",
        "I simply want to make this right for you.",
        "It's really easy to miss that setting, so let me walk you through it.",
        "Simply click the link and I'll do the rest.",
        "Simply reply to this email and I'll sort it out.",
        "Clearly that's our mistake, Tom, and I'm fixing it now.",
        "It's easy to fix on our side, so it will be done today.",
        "The app simply crashed, and that's on us.",
        # expectations of the company, and empathy
        "You should have received a confirmation email yesterday; I'm sorry it never came.",
        "You should have been told about the fee when you signed up.",
        "You shouldn't have to chase us for a refund.",
        "You should have been charged once, not twice, and that's on us.",
        "You should have a confirmation email in your inbox now.",
        "You could have a refund or a replacement - which would you prefer?",
        "You could have it delivered on Friday instead, if that suits you.",
        "Next time, don't hesitate to call me directly.",
        "You may have missed our email, so I've sent it again.",
        "You probably missed it because it went to your spam folder.",
        "I would never say you should have known about the fee.",
        # sincere intensifiers and reassurance: exaggeration or a minimiser alone is not irony
        "I'm really sorry, that's a truly awful experience.",
        "A whole week without internet when you work from home is a real hardship, and I'm sorry.",
        "I'm sure you'll love the suite, and breakfast is on us.",
        "This must be the worst week you've had in a long time; let's fix it today.",
        "Missing a prescription is devastating, and I'm sure a call like this feels frightening.",
        "What a nightmare of a day. I'm sure we can get this sorted in a few minutes.",
        "Being screamed at is one of the hardest things in this job, and I'm sure you'll get through it.",
        "How will you manage the lessons meanwhile? I'll send a backup router today.",
    ],
)
def test_sincere_replies_raise_nothing(reply):
    """Do sincere praise, quoting, plain references and empathy stay free of these signals?"""
    assert condescension(reply, MESSAGE) == ()


def test_scare_quotes_need_the_customers_own_words_when_the_message_is_given():
    """With the message given, is only a quote of the person's own words a scare quote?"""
    assert kinds("We looked at your 'urgent' issue.") == ["scare_quotes"]
    assert kinds("We looked at your 'priority' issue.") == []
    # without the message: a short quote after "your/this/the" is still a scare quote
    assert kinds("We looked at your 'priority' issue.", message=None) == ["scare_quotes"]


def test_analysis_and_text_give_the_same_signals():
    """Does passing an Analysis give the same signals as passing the text?"""
    reply = "No offence, but you should have read the email."
    assert condescension(analyse(reply)) == condescension(reply)
    assert [s.kind for s in condescension(reply)] == ["offence_disclaimer", "hindsight_advice"]
