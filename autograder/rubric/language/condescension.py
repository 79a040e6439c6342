"""Sarcasm, condescension and hidden blame said in polite words.

The seeds: the tone "should always be pleasant", agents must not be "driven by having the last
word, winning, or showing you're correct", and a customer who is wrong still gets "understanding of
the customer's plight" without being blamed. None of the replies this module finds contains a rude
word; each one mocks, talks down to or blames the person through its *structure*:

Sarcasm (``family="sarcasm"``)
    * ``ironic_praise``: praise or thanks ("well done", "congratulations", "great job", "thanks
      for", "impressive") aimed at something that went wrong and that the person did ("... finding
      the one setting that breaks it", "... on locking yourself out"). Praise for a good deed
      ("well done for spotting the charge") or aimed at someone else ("well done to the team") is
      sincere.
    * ``sarcastic_certainty``: feigned confidence that the person attends to everything ("I'm sure
      you read every email we send", "no doubt you check your statements daily", "a careful reader
      like you surely noticed the fee").
    * ``mock_sympathy``: pity for an ordinary effort, made trivial by "actually" ("what a
      shame you had to actually look at your statement", "lucky you"); "what a shame you had to wait
      three weeks" is sincere.
    * ``scare_quotes``: a few of the person's own words put in quotation marks ("your 'urgent'
      issue"). With the customer's message given, the quoted words must come from it; quoting an
      identifier, a number, a label on screen ('tap "Forgot password"'), their words after a verb
      of saying or feeling (you said it felt "humiliating") or a whole clause of theirs (reflective
      listening: you said "I've tried everything") is not a scare quote.
    * ``mock_hyperbole``: irony by exaggeration. The person's problem is blown up into a
      catastrophe (a superlative with universal scope: "the worst thing to ever happen to
      anyone", "the greatest hardship anyone has ever faced", "the end of the world"; or a
      catastrophe word under an intensifier: "a truly devastating catastrophe", "how utterly
      tragic") *and* cut down again in the same reply by a minimiser: feigned confidence that they
      will get through it ("I'm sure you'll survive", "I'm sure the kids will live", "you'll manage
      somehow"), a mock-concerned question ("however will you cope?"), a belittled loss ("a few
      minutes of", "a whole $25", "an entire three dollars") or a dare ("if it's really that
      unbearable"). The two together are how irony through hyperbole is built; either alone is
      sincere ("I'm really sorry, that's a truly awful experience"; "a whole week without
      internet"). Two forms need no partner: a praise word on a catastrophe ("what a wonderful
      tragedy"), and a mock-concerned question or survival framing ("however will you cope?",
      "I'm sure you'll survive").

Condescension (``family="condescension"``)
    * ``offence_disclaimer``: a disclaimer that announces the slight it precedes ("no offence,
      but", "with all due respect,", "don't take this the wrong way, but", "not to be rude, but").
      Denying offence was meant ("no offence was meant by our email") is not one.
    * ``repeat_reproach``: reproaching the person for making you repeat yourself ("as I already
      said", "like I told you", "for the third time", "I have already explained").
    * ``minimiser``: a word that makes a step sound trivial, so a person who struggled feels slow
      ("obviously/clearly/simply" before a step they are told to take, "obviously you need to",
      "all you have to do is", "it's really easy."). A step the agent offers to do with them
      ("simply click the link and I'll do the rest"), "clearly that's our mistake" and "it's easy
      to fix on our side" are not.

Hidden blame (``family="hidden_blame"``)
    * ``hindsight_advice``: what the person should have done, a counterfactual perfect with a
      past participle ("you should have read", "you could have just checked", "if you had read",
      "next time make sure", "you were supposed to"). "You shouldn't have to ..." (empathy), "you
      should have received an email" (what the company owed them), "you should have a
      confirmation in your inbox" and "you could have a refund or a voucher" (offers) are not
      blame; nor is "next time, don't hesitate to call".
    * ``presumed_fault``: assuming the person caused it ("you must have forgotten to ...", "you
      probably clicked the wrong plan"); "you may have missed our email, so I've resent it" is
      considerate, not blame.

Every pattern is a structure with slots (a praise word + an act of the person + a failure word;
a certainty frame + an attention verb + a universal quantifier; ...), not a list of sentences.
A match denied by a negation (:mod:`autograder.rubric.language.negation`: "I would never say you
should have known") does not count. Cost: a few regular expressions per reply (about 30-60
microseconds).
"""

from __future__ import annotations

import re
from functools import lru_cache

from autograder.rubric.language.negation import negated
from autograder.rubric.language.signal import Signal
from autograder.rubric.text import Analysis, analyse, words

_I = re.IGNORECASE

FAMILIES = {
    "ironic_praise": "sarcasm",
    "sarcastic_certainty": "sarcasm",
    "scare_quotes": "sarcasm",
    "mock_hyperbole": "sarcasm",
    "mock_sympathy": "sarcasm",
    "offence_disclaimer": "condescension",
    "repeat_reproach": "condescension",
    "minimiser": "condescension",
    "hindsight_advice": "hidden_blame",
    "presumed_fault": "hidden_blame",
}

# --- slots ---------------------------------------------------------------------------------------
_PRAISE = (
    r"(?:well done|congrat(?:ulation)?s|great (?:job|work)|good (?:job|work)|nice (?:job|work|going|one|try)|"
    r"bravo|kudos|way to go|hats off|impressive|brilliant|amazing)"
)
_THANKS = r"(?:thanks?|thank you|(?:i|we) (?:really )?appreciate (?:you|it))(?: so much| very much)? for"
# What went wrong: breaking, losing, missing, ignoring... (whole word forms only).
_FAILED_ACT = (
    r"(?:break|breaks|breaking|broke|broken|crash|crashed|crashing|miss|missed|missing|lose|lost|losing|"
    r"forget|forgot|forgotten|forgetting|delete|deleted|deleting|ignore|ignored|ignoring|wipe|wiped|"
    r"wiping|mess(?:ed|ing)? (?:up|it up|everything up)|ruin|ruined|ruining|overlook|overlooked|"
    r"overlooking|skip|skipped|skipping|disable|disabled|disabling|lock(?:ed|ing)? (?:yourself|yourselves|"
    r"your\w*|it|the)\b[^.!?]{0,20}?\bout)\b"
)
_FAILURE = (
    rf"(?:{_FAILED_ACT}|wrong\b|(?:the )?one (?:\w+ )?(?:thing|setting|button|option|step|way) that\b|"
    r"(?:not|never|n't) (?:read|reading|check\w*|look\w*|notic\w*|pay\w*|open\w*))"
)
_ATTENTION = (
    r"(?:read|check|checked|open|opened|look(?:ed)? (?:at|through)|go(?:ne)? through|memori[sz]ed|"
    r"study|studied|keep track of|kept track of|notice|noticed|remember|remembered|follow|followed|"
    r"pore(?:d)? over|review(?:ed)?|know|knew|saw|seen|are aware)"
)
# What nobody reads in full: feigned certainty that they do is irony ("every email we send"); certainty
# that they tried every step is sincere ("I'm sure you've followed every step on our site").
_DOCUMENT = (
    r"(?:emails?|messages?|letters?|notices?|newsletters?|updates?|terms|conditions|statements?|bills?|"
    r"pages?|words?|lines?|clauses?|texts?|notifications?|fine print|small print|policy|policies|"
    r"agreement|contract|manual|guide|faq|formats?|specifications?|specs|listings?|descriptions?|"
    r"instructions|requirements)\b"
)
_EVERY = r"(?:every|each|all (?:the|of (?:the|our))|all our|always|religiously|carefully|daily)"
# Steps the person is told to take (imperatives), for "simply click ...", "obviously read ...".
_STEP_VERB = (
    r"(?:click|tap|go to|open|select|press|read|check|follow|log in|log into|enter|type|restart|reboot|"
    r"turn (?:it )?(?:off|on)|update|scroll|download|install|reset|choose|visit|plug|unplug|switch|"
    r"sign in|change|look at)"
)
# Counterfactual perfects: "you should have read", "you could've checked" (a past participle).
_PARTICIPLE = (
    r"(?:\w+ed|known|seen|done|read|paid|set|made|kept|taken|chosen|thought|bought|put|written|"
    r"spoken|told|gone|understood|sent)"
)
# What the company owed them, not what they failed to do: "you should have received an email".
_OWED = (
    r"(?:received|been|got|gotten|heard|had|arrived|reached|delivered|charged|billed|offered|"
    r"refunded|credited|notified|informed|warned)"
)
_DILIGENCE = (
    r"(?:read|check|checked|noticed|looked|called|paid|updated|set|known|asked|saved|backed|followed|"
    r"kept|contacted|done|cancell?ed|turned|clicked|entered|chosen|ordered|enabled|made sure|thought|"
    r"realised|realized|waited|listened|double-checked|confirmed|reviewed|opened|remembered|used|tried|"
    r"been (?:more )?careful|paid attention)"
)
_PERSON_ACT = r"(?:you(?:'ve| have)? |your |yourself |(?=\w+ing\b))"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "ironic_praise",
        re.compile(
            rf"(?<![\w'])(?:oh,? )?{_PRAISE}(?!\s+to\s+(?!you\b))[,!]?\s+(?:on |for |at )?"
            rf"{_PERSON_ACT}[^.!?;]{{0,50}}?\b{_FAILURE}",
            _I,
        ),
    ),
    (  # ironic thanks thank the person for the failure itself: "thanks for deleting the invoice"
        "ironic_praise",
        re.compile(
            rf"(?<![\w'])(?:oh,? )?{_THANKS} (?:(?:just |so |really )?\w+ly )?(?:just )?{_FAILED_ACT}", _I
        ),
    ),
    (
        "ironic_praise",
        re.compile(rf"(?<![\w'])you (?:really |somehow )?managed to [^.!?;]{{0,30}}?\b{_FAILURE}", _I),
    ),
    (
        "sarcastic_certainty",
        re.compile(
            rf"(?<![\w'])(?:i'?m sure|i am sure|surely|no doubt|i bet|of course|i'?m certain|"
            rf"(?:as )?i(?:'m| am) confident)[, ]+you(?:'ve|"
            rf" have)? (?:\w+ly )?{_ATTENTION}\b[^.!?]{{0,25}}?(?:\b{_EVERY}(?: [\w'-]+){{0,2}}? {_DOCUMENT}|"
            rf"\b{_DOCUMENT}[^.!?]{{0,30}}?\b{_EVERY})",
            _I,
        ),
    ),
    (  # certainty that they attended to it, pinned on flattery: "a careful reader like you surely noticed"
        "sarcastic_certainty",
        re.compile(
            rf"(?<![\w'])(?:like you|as you are|you)[, ]+(?:surely|no doubt|must (?:surely )?have|of course)"
            rf"[, ]+(?:\w+ly )?{_ATTENTION}\b",
            _I,
        ),
    ),
    (  # pity for an ordinary effort, made trivial by "actually": "what a shame you had to actually look"
        "mock_sympathy",
        re.compile(
            r"(?<![\w'])(?:(?:(?:what|such) a (?:shame|pity|tragedy|hardship)(?: that)? )?you "
            r"(?:had|have|were|are|having) to (?:actually|bother to)|lucky (?:old )?you)\b",
            _I,
        ),
    ),
    (
        "offence_disclaimer",
        re.compile(
            r"(?<![\w'])(?:(?:with )?(?:all )?due respect,|no (?:offen[cs]e|disrespect)(?: (?:intended|"
            r"meant))?(?:,| but)|"
            r"(?:i )?mean(?:ing)? no (?:offen[cs]e|disrespect),? but|not to be (?:rude|funny|harsh|mean|"
            r"blunt),? but|"
            r"(?:don'?t|do not) take (?:this|it) (?:the wrong way|personally),? but|"
            r"i'?m not being (?:funny|rude|funny or rude),? but|i hate to (?:say|break) (?:it|this),? but|"
            r"(?:i )?don'?t mean to be (?:rude|harsh|blunt|funny),? but)",
            _I,
        ),
    ),
    (
        "repeat_reproach",
        re.compile(
            r"(?<![\w'])(?:(?:as|like) (?:i|we)(?:'ve| have)? (?:already|just|clearly|previously|explicitly)"
            r" (?:said|told you|explained|stated|mentioned|pointed out)|(?:as|like) i (?:said|"
            r"told you)(?:,| before)|"
            r"as you(?:'ve| have)? (?:already )?been told|(?:i|we)(?:'ve| have) already (?:told|"
            r"explained|said)|"
            r"(?:(?<=^)|(?<=[.!?:;] )|(?<=\n))for the "
            r"(?:second|third|fourth|fifth|last|umpteenth|hundredth|nth) time,|"
            r"as (?:clearly |already |previously )(?:stated|explained|mentioned))",
            _I,
        ),
    ),
    (
        "minimiser",
        re.compile(
            r"(?<![\w'])(?:(?:obviously|clearly)[, ]+you (?:just |simply )?(?:need|have|must|should|ought|"
            r"can|could)\b|you (?:obviously|clearly) (?:just )?(?:need|have|must|should|ought)\b|"
            rf"(?:(?<=^)|(?<=[.!?,;:] )|(?<=\byou ))(?:obviously|clearly|simply|merely)[, ]+(?:just )?"
            rf"{_STEP_VERB}\b(?![^.!?]*\b(?:i|we)(?:'ll| will)\b)|"
            r"all you (?:have|need|had|needed) to do (?:is|was)|"
            r"(?:it'?s|it is|this is|that'?s|that is) (?:really |very |so |super |quite )?(?:easy|simple|"
            r"straightforward|not (?:hard|difficult|complicated|rocket science))"
            r"(?=\s*(?:[.!;:]|$)|,? (?:just|you|all|anyone|really|honestly)\b)|"
            r"as anyone (?:can|could|would) (?:see|tell)|even a child)",
            _I | re.MULTILINE,
        ),
    ),
    (
        "hindsight_advice",
        re.compile(
            rf"(?<![\w'])(?:you (?:really |probably |honestly )?(?:should|could|ought to)(?:'ve| have) "
            rf"(?:just |really |simply |at least |easily )?(?!{_OWED}\b){_PARTICIPLE}\b|"
            rf"you(?:'d| would) have (?:known|seen|noticed)|"
            rf"if you(?:'d| had) (?:just |only |simply |bothered to )?{_DILIGENCE}\b|"
            rf"had you (?:just |only )?{_DILIGENCE}\b|"
            r"(?:next time|in (?:the )?future),? (?:please )?(?:make sure|remember to|be sure|read|check|"
            r"try to|pay|(?:don'?t|do not) (?!hesitate)|double-check|keep)|"
            r"you were (?:supposed|meant|expected|required) to|it would have helped if you(?:'d| had)|"
            # a hedged suggestion about the person's own conduct, pointed at the past or the next time:
            # "maybe keep more in the account next time", "perhaps calling ahead would have helped"
            r"(?:maybe|perhaps|you (?:might|may) (?:want|wish|like) to)\b(?! (?:i|we|i'?ll|we'?ll|our)\b)"
            r"[^.!?,;]{0,80}?(?:(?<!for )\bnext time\b|"
            r"\bwould(?:'ve| have) (?:helped|avoided|prevented|saved|stopped)\b)|"
            r"(?:next time|in (?:the )?future),? you (?:might|may) (?:want|wish) to "
            r"(?!contact|call|ask|reach|let))",
            _I,
        ),
    ),
    (
        "presumed_fault",
        re.compile(
            r"(?<![\w'])you (?:(?:must|obviously|clearly) (?:have )?(?:forgotten|forgot|missed|deleted|"
            r"clicked|entered|typed|ignored|overlooked|skipped|misread|mistyped|pressed|changed|turned off|"
            r"disabled|unsubscribed)|(?:probably|likely|must have|obviously|clearly) (?:have )?"
            r"(?:forgot(?:ten)?|ignored|deleted|misread|mistyped|"
            r"(?:clicked|entered|typed|chose|picked|selected|set up) (?:it |in )?(?:the )?wrong|"
            r"set it up wrong))\b",
            _I,
        ),
    ),
)

# --- irony through hyperbole (mock_hyperbole) ------------------------------------------------------
_INTENSIFIER = (
    r"(?:truly|absolutely|utterly|totally|completely|simply|positively|downright|unbelievably|"
    r"incredibly|genuinely|such an?|what an?|how)"
)
_CATASTROPHE = (
    r"(?:trag(?:edy|edies|ic|ically)|catastroph\w*|disast(?:er|rous)\w*|calamit\w*|devastat\w*|"
    r"apocalyp\w*|hardships?|ordeals?|cris[ie]s|atrocit\w*|injustices?|betrayals?|torment|"
    r"heartbreak\w*|end of the world|end of days)"
)
_HYPERBOLE = re.compile(
    # a superlative with universal scope
    r"(?<![\w'])(?:worst|greatest|biggest|cruell?est|saddest|hardest|gravest|most \w+)\b[^.!?;]{0,40}?"
    r"\b(?:ever|in (?:all |human |recorded )?history|of all time|in the (?:whole |entire )?world|"
    r"known to (?:man|mankind|humanity)|anyone (?:has )?(?:ever )?(?:faced|suffered|endured|known|seen))\b"
    r"|(?<![\w'])(?:the )?(?:absolute |very |actual )?end of the world\b"
    # a catastrophe word under an intensifier
    rf"|(?<![\w']){_INTENSIFIER} (?:\w+ )?{_CATASTROPHE}\b",
    _I,
)
_PRAISE_WORD = (
    r"(?:wonderful|lovely|delightful|marvell?ous|fantastic|fabulous|brilliant|splendid|great|perfect)"
)
_SURVIVE = (
    r"(?:survive|live|cope|manage|recover|get over it|get by|pull through|make it|pull yourself together)"
)
_MOCK_ALONE = re.compile(
    # a praise word on a catastrophe: "what a wonderful tragedy"
    rf"(?<![\w']){_PRAISE_WORD} {_CATASTROPHE}\b"
    # a mock-concerned question: "however will you cope?", "how will you ever survive?" (a plain
    # "how will you manage?" can be a practical question, and needs the exaggeration beside it)
    rf"|(?<![\w'])(?:however|how on earth) (?:will|would|shall|can|could) (?:you|he|she|they|the \w+)"
    rf" (?:\w+ )?(?:ever )?{_SURVIVE}\b[^.!?]{{0,60}}\?"
    rf"|(?<![\w'])how (?:will|would|shall|can|could) (?:you|he|she|they|the \w+) (?:possibly )?ever "
    rf"{_SURVIVE}\b[^.!?]{{0,60}}\?"
    # survival framing for a service problem: "I'm sure you'll survive", "I'm sure the kids will live"
    r"|(?<![\w'])(?:i'?m sure|i am sure|surely|no doubt)[, ]+(?:you|he|she|they|the \w+|your \w+)"
    r"(?:'ll| will) (?:\w+ )?(?:survive|live|pull through)\b",
    _I,
)
_MINIMISING = re.compile(
    rf"(?<![\w'])(?:i'?m sure|i am sure|surely|no doubt)[, ]+(?:you|he|she|they|the \w+|your \w+)"
    rf"(?:'ll| will| can)? (?:\w+ )?{_SURVIVE}\b"
    rf"|(?<![\w'])how (?:will|would|can|could) (?:you|he|she|they|the \w+) (?:\w+ )?{_SURVIVE}\b"
    r"[^.!?]{0,60}\?"
    r"|(?<![\w'])(?:you|he|she|they)(?:'ll| will) (?:\w+ )?(?:manage|cope|survive|get by|live)\b"
    r"[^.!?]{0,15}\bsomehow\b|\bsomehow (?:survive|cope|manage|recover|get by|live)\b"
    r"|(?<![\w'])(?:a|an) (?:whole|entire) (?:\$?\d[\w.]*|one|two|three|four|five|few|couple|single|"
    r"night|day|hour|minute|week|dollar)\b"
    r"|(?<![\w'])(?:a few|a couple of|a mere|mere|just a few|only a few) "
    r"(?:minutes|hours|dollars|cents|bucks)\b"
    r"|(?<![\w'])if (?:it'?s|it is|that'?s|that is) (?:really |truly )?(?:that|so) (?:unbearable|bad|"
    r"terrible|awful|hard|tragic|upsetting|important|devastating)\b",
    _I,
)


def _mock_hyperbole(text: str) -> list[Signal]:
    found = [
        Signal("mock_hyperbole", "sarcasm", m.group(0), m.start(), m.end())
        for m in _MOCK_ALONE.finditer(text)
        if not negated(text, m.start())
    ]
    if found:
        return found
    minimised = [m for m in _MINIMISING.finditer(text) if not negated(text, m.start())]
    if not minimised:
        return []
    return [
        Signal("mock_hyperbole", "sarcasm", m.group(0), m.start(), m.end())
        for m in _HYPERBOLE.finditer(text)
        if not negated(text, m.start())
    ]


# Sincere praise is for a good deed: "well done for spotting the charge".
_GOOD_DEED = re.compile(
    r"\b(?:spott\w*|catch\w*|caught|flag\w*|report\w*|check\w*|ask\w*|tell\w*|told|letting|rais\w*|"
    r"your patience|your understanding|bearing with|hold\w*)\b",
    _I,
)
_QUOTE = re.compile(r"(?:\"([^\"\n]{1,80})\"|(?<![\w])'([^'\n]{1,80})'(?![\w]))")
_LABEL_BEFORE = re.compile(
    r"(?:click|tap|press|select|choose|open|type|enter|search for|find|look for|called|named|labelled|"
    r"labeled|"
    r"marked|says|said|reads|under|the word|the phrase|option|button|tab|menu|setting)\W*$",
    _I,
)
_LABEL_AFTER = re.compile(
    r"^\W*(?:button|link|option|tab|menu|setting|field|box|page|screen|icon|folder)\b", _I
)
# Quoting their words back after a verb of saying is reflective listening: you called it "a joke".
_REPORTED_BEFORE = re.compile(
    r"(?:\bsaid|\bsays?|\bsaying|\bcalled(?: (?:it|this|that|us|me|them|(?:the|our|your) [\w-]+))?|"
    r"\bdescribed(?: (?:it|this|(?:the|our|your) [\w-]+))?(?: as)?|"
    r"\bwrote|\bwriting|\bmentioned|\bput it|\bwords?|\bused|"
    r"\bfelt(?: (?:like|so))?|\bfeels?(?: (?:like|so))?|\bfeeling|\bhear(?:d)?(?: you)?|"
    r"\bsound(?:s|ed)?(?: (?:like|so))?)[\s,:]*$",
    _I,
)
_SCARE_BEFORE = re.compile(r"(?:\byour|\bthis|\bthese|\bso-called|\bthe|\bsuch)\s*$", _I)


def _scare_quotes(text: str, message: Analysis | None) -> list[Signal]:
    found = []
    message_words = frozenset(message.words) if message is not None else frozenset()
    for m in _QUOTE.finditer(text):
        quoted = m.group(1) if m.group(1) is not None else m.group(2)
        qwords = words(quoted)
        if not qwords or len(qwords) > 3 or any(not w.isalpha() for w in qwords):
            continue  # an identifier or number, or a whole clause (reflective listening)
        before, after = text[max(0, m.start() - 40) : m.start()], text[m.end() : m.end() + 20]
        if _LABEL_BEFORE.search(before) or _LABEL_AFTER.search(after):
            continue  # a label on screen: tap "Forgot password"
        if _REPORTED_BEFORE.search(before):
            continue  # their words reported back: you said it felt "humiliating"
        if message is not None:
            if not set(qwords) <= message_words:
                continue
        elif not _SCARE_BEFORE.search(before):
            continue
        found.append(Signal("scare_quotes", "sarcasm", m.group(0), m.start(), m.end()))
    return found


@lru_cache(maxsize=4096)
def _signals(text: str, message_text: str | None) -> tuple[Signal, ...]:
    found: list[Signal] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if negated(text, m.start()):
                continue
            if (
                kind == "ironic_praise"
                and _GOOD_DEED.search(m.group(0))
                and not re.search(
                    r"\b(?:break|broke|crash|lock|delet|ignor|wip|mess|ruin|one \w+ that)", m.group(0), _I
                )
            ):
                continue
            found.append(Signal(kind, FAMILIES[kind], m.group(0), m.start(), m.end()))
    found.extend(_mock_hyperbole(text))
    message = analyse(message_text) if message_text is not None else None
    found.extend(_scare_quotes(text, message))
    found.sort(key=lambda s: s.start)
    return tuple(found)


def condescension(reply: Analysis | str, message: Analysis | str | None = None) -> tuple[Signal, ...]:
    """Sarcasm, condescension and hidden blame in ``reply`` (see the module docstring).

    Args:
        reply: the reply (an :class:`Analysis` or a text).
        message: the customer's message, when known: scare quotes then must quote its words.

    Returns:
        the :class:`~autograder.rubric.language.signal.Signal` objects found, in text order
        (offsets into ``Analysis.text``); empty when the reply has none.
    """
    text = reply.text if isinstance(reply, Analysis) else analyse(reply).text
    message_text = None if message is None else getattr(message, "text", message)
    return _signals(text, message_text)
