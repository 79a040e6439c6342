"""``acknowledges_feeling``: the reply names the person's feeling or its impact, specifically.

The seeds: customers "want to be heard"; recognise the emotion and respond
"in a way that conveys understanding". A stock line on its own ("I understand
your frustration", "Sorry for any inconvenience") is weak: it could be pasted
under any message. Tying the feeling to *their* situation is strong.

Per sentence:

* a **feeling signal**: a feeling or impact word (stressful, worrying, unfair,
  draining, ...) or an empathic construction ("I can see why", "I'd be upset too",
  "no wonder", "that makes sense", "must be");
* **specific** when the same sentence also names something from the person's
  situation (stems shared with the message or key facts, or its numbers).

Credit: feeling + specifics 1.0; an apology for the impact tied to specifics
("I'm sorry it won't open") 0.75; a feeling signal without specifics 0.6; a
stock phrase alone 0.35; nothing 0. Reassurance that brushes the feeling aside
("don't worry") is not acknowledgement, nor is hollow boilerplate ("sorry for any
inconvenience", "we value you as a customer")
or a feeling word a negation denies ("I don't understand why you're upset").
Hollow phrases are found by :func:`autograder.rubric.language.boilerplate`.
"""

from __future__ import annotations

from autograder.rubric.criteria.base import Context, result
from autograder.rubric.language import boilerplate
from autograder.rubric.language.negation import negated
from autograder.rubric.result import CriterionResult
from autograder.rubric.text import content_stems, numbers, phrases

NAME = "acknowledges_feeling"
LABEL = "Acknowledges the feeling, specifically"

FEELING = phrases(
    r"frustrat\w*", r"upset\w*", r"annoy\w*", r"stress\w*", r"worr(?:y|ied|ying|ies|isome)", r"anxi\w+",
    r"angr\w*", r"anger", r"disappoint\w*", r"confus\w*", r"scar(?:y|ed|ing)", r"frighten\w*", r"alarm\w*",
    r"concern(?:ed|ing)", r"inconvenien\w*", r"hurt\w*", r"exhaust\w*", r"draining", r"drained",
    r"overwhelm\w*", r"unsettl\w*", r"shak(?:e|en|y|ing)", r"rattl\w*", r"demorali[sz]\w*",
    r"discourag\w*", r"unfair", r"awful", r"terrible", r"horrible", r"rough", r"hard", r"tough",
    r"difficult", r"painful", r"infuriat\w*", r"maddening", r"exasperat\w*", r"fed up", r"sick of",
    r"the last thing you need(?:ed)?", r"blindsid\w*", r"surpris\w*", r"shock\w*", r"sting\w*",
    r"insult\w*", r"betray\w*", r"let down", r"unsafe", r"uneasy", r"suspicious", r"nervous", r"wary",
    r"panic\w*", r"pressure", r"unwelcome", r"unpleasant", r"miserable", r"embarrass\w*", r"alone",
    r"(?:not|isn'?t|wasn'?t) (?:ok|okay|fair|acceptable|right)", r"a lot to (?:deal with|handle|take)",
    r"mess(?:ed)? with your", r"costing you", r"at risk", r"(?:hit|hits|hitting) hard",
)  # fmt: skip
EMPATHIC = phrases(
    r"i can (?:see|imagine|understand|hear|tell) (?:why|how|that|what)",
    r"i(?:'d| would) (?:be|feel|want|have felt)(?: [\w']+){1,6} too",
    r"would (?:\w+ ){1,2}anyone",
    r"i(?:'d| would) (?:be|feel) (?:just as|the same|exactly the same)",
    r"no wonder",
    r"(?:that|it|this) (?:makes|made) (?:complete |total |perfect )?sense",
    r"(?:completely|totally|perfectly|entirely|very) (?:understandable|fair|reasonable|valid|natural)",
    r"(?:understandable|fair|reasonable|natural|right) (?:to|that you)",
    r"you(?:'re| are) right to",
    r"you have every right",
    r"anyone would",
    r"must (?:be|feel|have been|have felt)",
    r"(?:that|it|this) sounds",
    r"of course you(?:'re| are| want| feel| would)",
    r"i hear you",
    r"i get (?:it|why|that)",
    r"it(?:'s| is) (?:ok|okay|normal) to feel",
    r"nobody (?:deserves|should have to)",
    r"no one (?:deserves|should have to)",
    r"(?:with|after|on top of) (?:everything|all that)",
    r"i understand (?:why|how|that) (?:this|that|it|you)",
    r"(?:good|smart|sensible|wise|right|fair) (?:instinct |call |question |point |move |idea )?to "
    r"(?:be|ask|check|question|worry|want|wonder|raise)",
    r"(?:good|fair) (?:question|point|instinct)",
    r"i'?m glad you (?:asked|checked|questioned|called|told|said|raised|spoke)",
    # why it matters to them: "I know how much Saturday matters", "I know what this money means to you"
    r"i (?:know|understand|can see) (?:how much|what) [\w' ]{1,30}? (?:matters?|means?)",
    # taking their side about how they were treated, or their caution: "that caller was out of line",
    # "he had no right to", "you're being careful, and that's right"
    r"out of line",
    r"crossed (?:a|the) line",
    r"(?:had|has) no right to",
    r"you(?:'re| are) (?:just )?being (?:careful|cautious|sensible|wise|smart)",
)
STOCK = phrases(
    r"i (?:completely |totally |fully )?understand your (?:frustration|concern|concerns|feelings|anger)",
    r"i (?:totally |completely )?(?:understand|know) (?:exactly )?how you feel",
    r"i feel your pain",
    r"(?:sorry|apologi[sz]e) for (?:any|the) (?:inconvenience|trouble|frustration)"
    r"(?: (?:this|that) (?:may|might)"
    r" have caused| caused)?",
    r"sorry to hear (?:that|this)",
    r"we understand your (?:frustration|concern|concerns)",
    r"i understand\.",
)
APOLOGY = phrases(
    r"(?:i'm|i am|we're|we are) (?:(?:so|really|truly|very|deeply|terribly|sincerely) )?sorry",
    r"(?:so|really|truly) sorry",
    r"my apologies",
    # chat style drops the "I'm": "hi priya, sorry the book won't open", "Sorry you've had to wait"
    # ("sorry about that" stays stock: it names nothing)
    r"(?:^|(?<=[,;:] ))sorry(?= (?:the|you|your)\b)",
)
_WE = r"(?:(?:i'm|i am|we're|we are) )?"
DISMISS = phrases(
    r"don'?t worry",
    r"no worries",
    r"nothing to worry about",
    r"don'?t be (?:upset|angry|sad)",
)
# The non-apology: sorry about the person's *reaction* to the company ("sorry you feel that way",
# "sorry if you were upset"), not about what happened to them. "Sorry if you were told something
# different" regrets a possible event, and "sorry you feel that way about yourself" (or, to a colleague,
# about their own doubts) is sympathy: the feeling is not a complaint against the speaker's side.
_REACTION = (
    r"(?:upset|offended|unhappy|dissatisfied|displeased|bothered|annoyed|frustrated|disappointed|angry|"
    r"confused|hurt|inconvenienced|put out|let down|troubled|worried|concerned|alarmed|stressed|surprised)"
)
NON_APOLOGY = phrases(
    _WE
    + r"sorry (?:that )?you (?:feel|felt|see it|think) (?:that way|like that|this way)(?! about yourself)",
    _WE + r"sorry if (?:you|anyone) (?:feel|felt|found|think|thought)(?: \w+)?",
    _WE
    + r"sorry if (?:you|anyone) (?:were|are|was|got|have been|felt)(?: \w+ly| so| at all| a bit)? "
    + _REACTION,
)
_FEELING_STEMS = frozenset(content_stems("frustrating frustration stress stressful worry upset feel feeling"))


def _specific(sentence: str, context: Context) -> list[str]:
    stems = content_stems(sentence) - _FEELING_STEMS
    shared = stems & context.profile.situation
    nums = numbers(sentence) & context.profile.message.numbers
    return sorted(shared | nums)


# Hollow phrases that pose as acknowledgement ("sorry for any inconvenience", "we value you as a
# customer", "your feedback is important to us", "we strive to..."); stock thanks and closings never
# claim a feeling, so they are left as they are.
_HOLLOW_KINDS = frozenset({"generic_apology", "generic_value", "importance_claim", "striving"})


def _without_hollow(text: str, context: Context) -> str:
    """``text`` with hollow acknowledgement blanked out (offsets kept)."""
    chars = list(text)
    for span in boilerplate(text, context.profile.message).spans:
        if span.kind in _HOLLOW_KINDS:
            chars[span.start : span.end] = " " * (span.end - span.start)
    return "".join(chars)


def _affirmed(pattern, sentence: str) -> list[str]:
    """Matches a negation does not deny: "I don't understand why you're upset" acknowledges nothing."""
    return [m.group(0) for m in pattern.finditer(sentence) if not negated(sentence, m.start())]


def evaluate(context: Context) -> CriterionResult:
    best, evidence = 0.0, []
    text = context.reply.text
    stripped = _without_hollow(text, context)
    at = 0
    for sentence in context.reply.sentences:
        found = text.find(sentence, at)
        if found >= 0:
            at = found + len(sentence)
            own = stripped[found:at]
        else:
            own = _without_hollow(sentence, context)
        clean = DISMISS.sub(" ", own)
        if context.scenario.role != "colleague":
            clean = NON_APOLOGY.sub(" ", clean)
        feeling = _affirmed(FEELING, clean) + _affirmed(EMPATHIC, clean)
        stock = _affirmed(STOCK, clean)
        apology = _affirmed(APOLOGY, clean)
        if not (feeling or stock or apology):
            continue
        specific = _specific(clean, context)
        rest = STOCK.sub(" ", clean)
        real_feeling = _affirmed(FEELING, rest) + _affirmed(EMPATHIC, rest)
        if real_feeling and specific:
            credit = 1.0
        elif stock and specific:
            credit = 0.8
        elif apology and specific:
            credit = 0.75
        elif real_feeling:
            credit = 0.6
        elif stock or apology:
            credit = 0.35
        else:
            credit = 0.0
        if credit > best:
            best, evidence = credit, [sentence]
    if best >= 0.95:
        feedback = "You named how this feels for the person and tied it to what happened to them."
    elif best >= 0.5:
        feedback = (
            "Tie the feeling to their situation (for example what it costs them or why it matters), "
            "not just a general word."
        )
    elif best > 0:
        feedback = (
            'A stock line like "I understand your frustration" sounds scripted; say what is hard about '
            "their situation in your own words."
        )
    else:
        feedback = "Acknowledge how the person feels about what happened before you move to the solution."
    return result(NAME, LABEL, best, evidence, feedback)
