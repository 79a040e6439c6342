"""``invites_view``: the reply invites the person's view or choice.

The seeds: "Ask the key question": 'What can we do to make this right for
you?' - asking gives the person a say and the agent a frame of reference.

Credit per sentence, best kept:

* 1.0: a question to the person about their choice, preference or view
  ("Which would you prefer?", "Would either work?", "Does a morning visit work
  for you?", "How does that sound?", "Shall we start?");
* 0.8: another question addressed to the person ("Do you have your card?");
* 0.75: an invitation without a question mark ("Let me know which you'd
  prefer", "if you'd rather ..., just say");
* 0.5: a generic closing question ("Is there anything else I can help with?");
* 0.25: boilerplate ("Feel free to contact us", "Don't hesitate to ...").
"""

from __future__ import annotations

from autograder.rubric.criteria.base import Context, result
from autograder.rubric.result import CriterionResult
from autograder.rubric.text import phrases

NAME = "invites_view"
LABEL = "Invites their view or choice"

CHOICE = phrases(
    r"prefer\w*", r"would you like", r"would you rather", r"do you want", r"want me to",
    r"work(?:s)? for you", r"(?:does|do|would|will) (?:that|this|it|\w+day|\w+) work", r"\bor\b",
    r"suit(?:s)? you", r"sound(?:s)? (?:good|ok|okay|right|fair)?", r"either", r"which", r"options?",
    r"make (?:this|it|things) right", r"what (?:can|could|would|should) (?:we|i)", r"what would help",
    r"how would you", r"how do you feel", r"what do you think", r"shall (?:we|i)", r"should (?:we|i)",
    r"would (?:it|that|this) help", r"(?:ok|okay|all right|alright|good|fine) (?:with|for) you",
    r"happy (?:with|for me)", r"does (?:that|this|it)", r"would (?:that|this|it|a|an)", r"can i", r"could i",
    r"may i", r"do you mind", r"would you be", r"what matters", r"is (?:that|this|there a)",
)  # fmt: skip
ADDRESSED = phrases(r"you", r"your", r"we", r"us", r"let's")
GENERIC = phrases(r"anything else", r"any other (?:questions|issues)", r"any questions")
OPEN = phrases(
    r"let me know (?:which|what|if|how|whether|when)", r"tell me (?:which|what|how|if|whether|when|more)",
    r"(?:i'?d|i would) (?:love|like) to hear", r"up to you", r"your (?:call|choice)", r"whichever you",
    r"if you'?d (?:rather|prefer|like)", r"if you prefer", r"just say (?:the word|so)",
    r"(?:i'?m|i am) (?:all ears|listening)", r"when(?:ever)? you(?:'re| are) ready",
)  # fmt: skip
BOILERPLATE = phrases(
    r"(?:feel free|do not hesitate|don'?t hesitate) to (?:contact|reach|call|get in touch)",
    r"contact us (?:again )?if",
)


def evaluate(context: Context) -> CriterionResult:
    best, evidence = 0.0, []
    for sentence in context.reply.sentences:
        credit = 0.0
        if sentence.rstrip().endswith("?"):
            if GENERIC.search(sentence):
                credit = 0.5
            elif CHOICE.search(sentence):
                credit = 1.0
            elif ADDRESSED.search(sentence):
                credit = 0.8
            else:
                credit = 0.4
        elif OPEN.search(sentence):
            credit = 0.75
        elif BOILERPLATE.search(sentence):
            credit = 0.25
        if credit > best:
            best, evidence = credit, [sentence]
    if best >= 0.95:
        feedback = "You invited the person's view or choice, which gives them a say."
    elif best >= 0.5:
        feedback = (
            'Ask about their choice or view directly, for example "Which would you prefer?" or the key '
            'question from module 04, "What can we do to make this right for you?"'
        )
    else:
        feedback = (
            'End by inviting their view, for example with the key question from module 04, "What can we do '
            'to make this right for you?"'
        )
    return result(NAME, LABEL, best, evidence, feedback)
