"""Replies in the wrong voice, replies that only ask, and replies that recite the rubric.

Every reply here was written for this file. Each kind has trick replies a person scores 0 (or, for
questions only, at most 1) and honest replies that look like them (the same facts, the same first
person, the same questions, the same words "ownership" or "acknowledge") that must keep a fair
score, so a fix that flags everything fails too. Bands: min(4, floor(5 * score)).
"""

import pytest
from replycheck import assert_kept, assert_low, band

from autograder import score_reply
from autograder.rubric.language.interrogation import interrogation
from autograder.rubric.language.meta_talk import recites_rubric
from autograder.rubric.language.speaker import claims
from autograder.rubric.scenario import load_scenario
from autograder.rubric.text import analyse

# ------------------------------------------------------------------ 1. written in the customer's voice

CUSTOMER_VOICE = [
    (
        "price-increase",
        "As a customer who has been with you for six years, I feel disrespected by this jump from $9.99 to "
        "$12.99 without any warning. I expect you to acknowledge my loyalty and offer me something fair. Is "
        "this really how you treat loyal customers?",
    ),
    (
        "meal-kit-price-rise",
        "I've ordered every week for four years and now my weekly box costs $67.99 instead of $59.99, "
        "with no "
        "notice at all. I'm on a pension, so this really hurts. I feel let down. Can you keep my old price?",
    ),
    (
        "gym-cancellation-fee",
        "I've been a member for two years and never missed a payment. I'm moving to Denver for a new job and "
        "now I owe a $75 fee that nobody mentioned? I would like the fee waived. What will you do about it?",
    ),
    (
        "birthday-gift-delay",
        "My son's birthday is on Saturday and I paid $12 for express shipping eight days ago. I'm so worried "
        "he'll have nothing to open. Please find my parcel today. Where is it?",
    ),
    (  # the company's act in the passive, said by the person
        "double-charge",
        "I noticed I was charged twice for the same order and that $89 was meant for my rent. I'm really "
        "stressed about this. Can you please sort it out today?",
    ),
    (  # a colleague's own words given back as the reply to them
        "colleague-after-abusive-chat",
        "I can't stop replaying that chat. The customer swore at me for twenty minutes and said he'd post my "
        "name online. Maybe I'm just too sensitive for this job.",
    ),
]


@pytest.mark.parametrize(("scenario", "reply"), CUSTOMER_VOICE)
def test_reply_in_the_customers_voice_answers_nobody(scenario, reply):
    """Is a reply that claims the person's facts and grievance as its own scored in band 0?"""
    assert_low(scenario, reply, "wrong_voice", highest_band=0)


AGENT_FIRST_PERSON = [
    (  # the first person borrowed to imagine their place
        "price-increase",
        "Linda, if I'd been a customer for six years and my price jumped without warning, I'd feel let down "
        "too. The new price applies to everyone, but I can move you to the annual plan, which is cheaper per "
        "month. Would that help?",
    ),
    (  # the agent's own things: "my apologies", "my team", "my manager"
        "double-charge",
        "My apologies, Tom: my team charged you twice for the same order, and I know the $89 was for your "
        "rent. I've refunded the duplicate today and I'll email you the confirmation. Shall I check your "
        "other orders?",
    ),
    (
        "late-payment-cutoff",
        "Victor, I hear you, and I'm happy to get my manager if you'd still like that. Payments made after "
        "5pm count the next day, which is why the $15 charge appeared. As this is your first late charge, I "
        "can remove it today. Shall I go ahead?",
    ),
    (  # the agent's own act with the person's verb ("booked")
        "hotel-overbooked",
        "Mr Adeyemi, I'm so sorry: you booked and paid three months ago and we've let you down at midnight "
        "with two tired kids. I've booked a family room at our partner hotel five minutes away, paid by us, "
        "and a taxi is waiting to bring you back for your sister's wedding in the morning.",
    ),
    (
        "ebook-incompatible",
        "Priya, as a member of our support team I can see why you're upset: you paid $14.99 and the book "
        "won't open on your e-reader. I can swap it today for a format your reader supports. Would that "
        "help?",
    ),
]


@pytest.mark.parametrize(("scenario", "reply"), AGENT_FIRST_PERSON)
def test_agent_speaking_in_the_first_person_keeps_its_score(scenario, reply):
    """Do replies where the agent says "I" and "my" of themselves, or imagines the person's place, keep it?"""
    assert_kept(scenario, reply, "wrong_voice")


def test_a_quoted_question_is_not_a_claim():
    """Is the person's own question, quoted back in quotation marks, left out of the voice claims?"""
    reply = analyse(
        'Linda, you asked "Is this how you treat loyal customers?" Six years matters to us, and I can move '
        "you to the annual plan."
    )
    assert claims(reply, analyse(load_scenario("price-increase").customer_message)) == ()


# ------------------------------------------------------------------ 2. addressed to a third party

THIRD_PARTY_NOTES = [
    (  # surname with a title, "this one", "handle her"
        "locked-account-2fa",
        "Hi Sarah, escalating this one. Ms Whitfield has been locked out since this morning and doesn't want "
        "to give her details over the phone. She seems quite agitated. Can you advise how you want me to "
        "handle her?",
    ),
    (
        "price-increase",
        "Hi Mark, quick one. Mrs Okafor isn't happy about going from $9.99 to $12.99 after six years "
        "with us. "
        "She feels we don't value loyal customers. How would you like me to handle her?",
    ),
    (  # a ticket's shorthand: no article, no name
        "double-charge",
        "Escalating this one: customer charged twice for the same order, $89 needed for rent. He's "
        "upset. Can "
        "you approve a refund of the duplicate today so I can call him back?",
    ),
    (  # the person by role, with a greeting to the team
        "gym-cancellation-fee",
        "Team, I've got a member on the line who's moving to Denver and disputes the $75 cancellation fee. "
        "She says nobody told her about it. Should I waive it or hold firm with her?",
    ),
    (
        "charged-after-cancelling",
        "FYI team: Rita Alvarez cancelled her family plan last month but was still charged $24.99. It was "
        "money for her daughter's school trip. Could someone refund her today?",
    ),
    (
        "hotel-overbooked",
        "Hi Priya, can you take this one? Mr Adeyemi and his two kids have been travelling eleven hours "
        "and we "
        "have no room for them. His sister's wedding is tomorrow. What should I offer him?",
    ),
]


@pytest.mark.parametrize(("scenario", "reply"), THIRD_PARTY_NOTES)
def test_note_about_the_person_to_somebody_else_is_band_0(scenario, reply):
    """Is a note to a manager, a colleague or a ticket about the person scored in band 0?"""
    assert_low(scenario, reply, "wrong_voice", highest_band=0)


ADDRESSED_WITH_THIRD_PERSONS = [
    (  # a title and surname used to address them; a manager as "she"
        "double-charge",
        "Mr Becker, I'm so sorry we charged you twice; that $89 was your rent money and it's our mistake. "
        "I've asked my manager, Sarah, to approve the refund and she has: it arrives in 3-5 business days. "
        "Would you like me to check your other orders?",
    ),
    (  # in a colleague scenario, the customer is somebody else
        "colleague-after-abusive-chat",
        "Hi Leo, that was awful. The customer who threatened you was completely out of line and he had no "
        "right to. I'll report his threat to the team lead today. Take a break now; would you like to talk "
        "it through over a coffee?",
    ),
    (  # "escalating this one" said to the person, with an engineer as "she"
        "repeat-outage",
        "Sam, I'm escalating this one to our network team today, and the engineer, Maria, will call you; "
        "she's senior and can see the line history. I'm sorry you've had to call three times with a client "
        "at stake. Which evening number is best?",
    ),
    (  # the person's son as "he" and "him"
        "birthday-gift-delay",
        "Aisha, I'm so sorry: your son's present is stuck and his birthday is Saturday. I'll call the "
        "courier "
        "now, and if it can't reach you by Friday I'll send a replacement by next-day delivery so you "
        "can give "
        "him his gift on time. Is the same address right?",
    ),
    (
        "locked-account-2fa",
        "Thank you for your patience, Ms Whitfield. I'm sorry you've been locked out since this morning with "
        "bills due today. You don't need to tell me anything over the phone: I'll send a one-time code "
        "to the "
        "phone on file so you can get back in. Shall I stay on the line while you try?",
    ),
]


@pytest.mark.parametrize(("scenario", "reply"), ADDRESSED_WITH_THIRD_PERSONS)
def test_reply_to_the_person_that_mentions_others_keeps_its_score(scenario, reply):
    """Do replies to the person that address them by title or mention a manager or a son keep their score?"""
    assert_kept(scenario, reply, "wrong_voice")


# ------------------------------------------------------------------ 3. all questions, nothing offered

ONLY_QUESTIONS = [
    (
        "gym-cancellation-fee",
        "How are you feeling about all this, Rosa? Is the move to Denver exciting? Would it help to hear "
        "more "
        "about the $75 fee? What would make this right for you? Would you like to know your options?",
    ),
    (
        "double-charge",
        "Tom, how did you notice the double charge? Was it the same order both times? Is the $89 for "
        "rent this "
        "week? What would make this right for you? Would you like to hear your options?",
    ),
    (  # one short statement of nothing does not save it
        "wifi-drops-repeat-caller",
        "Hello Nadia. A few questions. Is it every afternoon around two? Does it happen during your lessons? "
        "Have the parents said anything? What would you like us to do?",
    ),
]


@pytest.mark.parametrize(("scenario", "reply"), ONLY_QUESTIONS)
def test_a_reply_of_questions_only_is_at_most_band_1(scenario, reply):
    """Does a reply that only asks, and neither acknowledges, owns nor helps, score at most band 1?"""
    assert_low(scenario, reply, "interrogation", highest_band=1)
    feedback = score_reply(scenario, reply).feedback
    assert any("only asks questions" in line for line in feedback)


def test_good_reply_ending_with_two_questions_keeps_its_score():
    """Does an excellent reply that ends with two questions keep band 4?"""
    reply = (
        "Nadia, four calls in two weeks with lessons being cut off is exhausting, I'm sorry. I'll book a "
        "technician visit this week and credit your account for the lost time. Which afternoon suits you? "
        "And is two o'clock still the usual time it drops?"
    )
    assert_kept("wifi-drops-repeat-caller", reply, "interrogation", lowest=0.8)


def test_short_clarifying_reply_is_not_an_interrogation():
    """Does a short reply that asks for the order number, where asking is right, stay in band 1-2 or above?"""
    reply = "Aisha, could you send me your order number? I'll check where the parcel is."
    result = score_reply("birthday-gift-delay", reply)
    assert "interrogation" not in result.flags
    assert band(result.score) >= 1
    assert interrogation(analyse("Could you send me your order number? And the postcode?")) == ()


def test_questions_with_statements_of_help_are_not_an_interrogation():
    """Are three questions beside a statement of what the agent will do left alone?"""
    reply = analyse(
        "Harold, what happened to your neighbour is frightening. Would you rather ring the number on your "
        "card? Or visit a branch? Or shall I send a code to your phone? I won't ask for anything on this "
        "call."
    )
    assert interrogation(reply) == ()


def test_offers_put_as_questions_are_not_an_interrogation():
    """Is a reply whose questions offer what the agent will do left alone?"""
    reply = analyse(
        "Tom, shall I refund the duplicate $89 today? Would you like me to check your other orders too? "
        "Is the card ending 4421 still the right one?"
    )
    assert interrogation(reply) == ()
    assert interrogation(analyse("How can I help? What can we do? Would you like to know your options?"))


# ------------------------------------------------------------------ 4. the rubric recited

RECITED = [
    (
        "double-charge",
        "Tom, I acknowledge your feeling of frustration. I reflect the key facts: you were charged twice and "
        "the $89 was for rent. I take ownership of the company's mistake. I say sorry plainly. I offer "
        "concrete help. I invite your view. I am warm and polite throughout.",
    ),
    (
        "price-increase",
        "Linda, in this reply I show empathy for your feelings about the price going from $9.99 to $12.99. I "
        "reflect the key facts and I practise active listening. I offer concrete help and I invite your "
        "view.",
    ),
    (
        "gym-cancellation-fee",
        "Rosa, I validate your feelings about the $75 fee before your move to Denver. I restate the key "
        "facts "
        "and I use your name. I commit to action and I offer practical options. I remain respectful "
        "throughout.",
    ),
]


@pytest.mark.parametrize(("scenario", "reply"), RECITED)
def test_a_reply_that_recites_the_rubric_is_band_0(scenario, reply):
    """Is a reply that describes its own speech acts in the criteria's terms scored in band 0?"""
    assert_low(scenario, reply, "meta_talk", highest_band=0)


SINCERE_DESCRIPTIONS = [
    (
        "double-charge",
        "Tom, I take full ownership of this mistake: we charged you twice, and I want to acknowledge how "
        "stressful that is with $89 of your rent at stake. I've refunded the duplicate today (3-5 business "
        "days) and I'll send a confirmation email. Shall I check your other orders too?",
    ),
    (
        "double-charge",
        "Tom, I take full ownership: we charged you twice, and I acknowledge your frustration, especially "
        "with $89 of rent at stake. I've refunded it today and you'll get a confirmation email. Anything "
        "else "
        "I can check?",
    ),
]


@pytest.mark.parametrize(("scenario", "reply"), SINCERE_DESCRIPTIONS)
def test_one_sincere_ownership_or_acknowledgement_keeps_its_score(scenario, reply):
    """Does an honest "I take full ownership" or "I acknowledge your frustration" keep a good score?"""
    assert_kept(scenario, reply, "meta_talk", lowest=0.8)
    assert recites_rubric(analyse(reply)) == ()
