"""Hollow boilerplate: stock phrases that acknowledge nothing.

The seeds: customers "want to be heard"; empathy means "recognizing a customer's emotions and
responding in a way that conveys understanding", and "customers are customers and not simply
problems". A stock phrase could be pasted under any message: its object is **generic** ("any
inconvenience", "you as a customer", "your feedback") and nothing in its clause names **this**
person's situation. As a class, a hollow phrase is a frame plus a generic object with no specific
referent after it:

* ``generic_apology``: sorry / apologise / regret + a generic trouble word ("any inconvenience",
  "the trouble", "any frustration this may have caused", "the issues you may have experienced");
* ``generic_value``: we value / appreciate / care about + you or your business, loyalty,
  patience, understanding... ("we value you as a customer", "valued customer");
* ``importance_claim``: your call / feedback / satisfaction ... is important / a priority / means
  a lot; "we take this very seriously";
* ``striving``: we strive / aim / are committed / pride ourselves + to provide / deliver the best /
  excellent service or experience;
* ``stock_thanks``: thank you for contacting us / reaching out / your patience / your
  understanding / bringing this to our attention / choosing us;
* ``stock_closing``: "don't hesitate to contact us", "if you have any other questions", "is there
  anything else I can help with", "have a great day", "we look forward to serving you", "rest
  assured", "we're here to help".

A phrase is **specific**, and so not hollow, when the rest of its clause names something: a number,
or a content word of the customer's message when it is given ("sorry for the trouble with the
$89 charge"), or, without a message, any content word outside the generic service vocabulary.
"Sorry for any inconvenience" stays hollow; "sorry for this problem" points at their situation
(unless hedged: "this may have caused"); "I'm sorry the fee landed the week your rent was due"
never matches at all (no generic object).

Cost: a few regular expressions per reply (about 30-50 microseconds), cached per text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from autograder.rubric.language.signal import Signal
from autograder.rubric.text import Analysis, analyse, is_content, stem, words

_I = re.IGNORECASE

_TROUBLE = (
    r"(?:inconvenience|inconveniences|trouble|frustration|frustrations|issues?|problems?|difficult(?:y|ies)|"
    r"disruption|confusion|disappointment|hassle|annoyance|stress|upset|concern|concerns|"
    r"situation|experience|matter)"
)
_CAUSED = (
    r"(?:[ ,]+(?:that |which )?(?:this|that|it|we|our \w+)? ?(?:may|might|could|has|have|will)? ?(?:have )?"
    r"(?:caused|created|brought|resulted in)(?: (?:to )?you)?"
    r"|[ ,]+(?:that |which )?you (?:may|might|could)? ?(?:have )?(?:experienced|encountered|faced|suffered|"
    r"had|been caused|been put through))?"
)
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "generic_apology",
        re.compile(
            r"(?<![\w'])(?:(?:i|we)(?:'m|'re| am| are)? (?:so |very |truly |really |deeply |sincerely |"
            r"terribly )?"
            r"(?:sorry|apologi[sz]e|regret)|(?:our |my )?(?:sincere |deepest )?apologies|(?:so |very |"
            r"truly )?sorry)"
            rf" (?:for|about) (?:any|all(?: the)?|the|this|that) (?:\w+ )?{_TROUBLE}\b{_CAUSED}",
            _I,
        ),
    ),
    (
        "generic_value",
        re.compile(
            r"(?<![\w'])(?:(?:i|we) (?:truly |really |greatly |deeply |very much |do )?"
            r"(?:value|appreciate|treasure|care about|cherish) "
            r"(?:you(?: as (?:a|our) (?:valued |loyal )?customer)?(?=[ ,.!;]*(?:$|and\b|[.!;]|very|so|more))|"
            r"(?:your|our) (?:business|custom|loyalty|patronage|patience|understanding|feedback|time|trust|"
            r"support|customers?|cooperation)(?: (?:very much|greatly|so much))?)|valued customer|"
            r"we care about (?:our|all our|each of our) customers)",
            _I,
        ),
    ),
    (
        "importance_claim",
        re.compile(
            r"(?<![\w'])(?:(?:your|customer|our customers'?) (?:call|feedback|business|satisfaction|"
            r"experience|"
            r"concerns?|opinion|custom|comments?|input|time|happiness|trust) (?:is|are|means|matters)"
            r" (?:very |extremely |really |so |truly )?(?:important|valuable|valued|a (?:top )?priority|"
            r"our (?:top |number one |highest |first )?priority|everything|a lot)(?: to (?:us|me))?|"
            r"(?:we|i) take (?:your (?:concerns?|feedback|complaint)|this|these matters|customer \w+) "
            r"(?:very |extremely |really )?seriously)",
            _I,
        ),
    ),
    (
        "striving",
        re.compile(
            r"(?<![\w'])(?:we|our (?:team|company)|the company|i) (?:always |constantly |continually )?"
            r"(?:strive|aim|endeavou?r|(?:are|is|am) committed|pride ourselves|work hard|"
            r"(?:are|is) dedicated|do our best|"
            r"try our best|are passionate about|seek)(?: to| on| in)? (?:\w+ ){0,3}?"
            r"(?:the |an? )?(?:best|excellent|exceptional|outstanding|high[- ]quality|quality|great|seamless|"
            r"superior|first[- ]class|world[- ]class)(?: possible)? (?:customer )?(?:service|experience|"
            r"support|products?|care|value)",
            _I,
        ),
    ),
    (
        "stock_thanks",
        re.compile(
            r"(?<![\w'])(?:thank you|thanks|(?:i|we) (?:really )?appreciate (?:you|it)) (?:so much |"
            r"very much )?"
            r"for (?:contacting|reaching out|getting in touch|writing (?:to us|in)|calling|your (?:patience|"
            r"understanding|feedback|business|loyalty|cooperation|inquiry|enquiry|email|message|time|call|"
            r"continued (?:support|business|patronage)|support)|bringing this to (?:our|my) attention|"
            r"choosing|being a (?:valued |loyal )?customer)(?: (?:us|our \w+|me))?",
            _I,
        ),
    ),
    (
        "stock_closing",
        re.compile(
            r"(?<![\w'])(?:(?:please )?(?:do not|don'?t) hesitate to (?:contact|reach out|get in touch|"
            r"call|ask)"
            r"(?: (?:us|me))?|if you have any (?:other |further |more |additional )?(?:questions|concerns|"
            r"issues|problems)|is there anything else (?:i|we) can (?:help|assist|do)(?: you)?(?: with)?|"
            r"have an? (?:great|nice|good|wonderful|lovely|pleasant|fantastic|blessed) (?:day|evening|"
            r"weekend|one)|we look forward to (?:serving|hearing from|helping|assisting) you|rest assured|"
            r"(?:we are|we're|i am|i'm) (?:always )?here (?:to (?:help|assist)|for you)|"
            r"feel free to (?:contact|"
            r"reach out|get in touch)|at your earliest convenience|(?:we|i) hope this helps)",
            _I,
        ),
    ),
)

# Words a stock phrase's clause may contain and still name nothing specific.
_GENERIC_WORDS = frozenset(
    stem(w)
    for w in """inconvenience trouble frustration issue problem difficulty disruption confusion
    disappointment hassle annoyance stress upset concern delay situation experience matter caused cause
    may might could have has experienced encountered faced suffered customer customers valued loyal
    business custom loyalty patience understanding feedback time trust support service services team
    company product products best excellent quality great today day contact contacting reach reaching
    touch question questions help assist assistance possible always continue continued serve serving
    sincerely deeply truly really very much please again kindly apologise apologize apology apologies
    sorry regret thank thanks appreciate value important priority any all every anything else further
    additional other more hesitate hope hopefully resolve resolved resolution soon asap shortly note
    attention bringing choosing provide ensure offer""".split()
)
_DEICTIC = re.compile(r"\b(?:for|about) (?:this|that) ", _I)
_HEDGE = re.compile(r"\b(?:may|might|could)\b", _I)
_CLAUSE_END = re.compile(r"[.!?;:\n]|\bbut\b|\band (?:i|we)(?:'ll| will)\b", _I)


@dataclass(frozen=True)
class Boilerplate:
    """The hollow stock phrases of a reply.

    Attributes:
        spans: the :class:`~autograder.rubric.language.signal.Signal` objects found (family
            ``"boilerplate"``; kinds as in the module docstring), in text order.
        share: the share of the reply's words inside those phrases, in [0, 1].
        words: how many words the reply has.
    """

    spans: tuple[Signal, ...]
    share: float
    words: int

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds found, each once, in text order."""
        return tuple(dict.fromkeys(s.kind for s in self.spans))


def _specific(tail: str, message: frozenset[str] | None) -> bool:
    for w in words(tail):
        if w[:1].isdigit() or w[:1] == "$":
            return True
        if not is_content(w):
            continue
        s = stem(w)
        if message is not None:
            if s in message and s not in _GENERIC_WORDS:
                return True
        elif s not in _GENERIC_WORDS:
            return True
    return False


@lru_cache(maxsize=4096)
def _boilerplate(text: str, message_text: str | None) -> Boilerplate:
    message = None
    if message_text is not None:
        m = analyse(message_text)
        message = frozenset(m.stems) | m.numbers
    spans: list[Signal] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            rest = text[m.end() : m.end() + 160]
            stop = _CLAUSE_END.search(rest)
            tail = rest[: stop.start()] if stop else rest
            if _specific(tail, message):
                continue
            # "sorry for this problem" points at their situation; "any", "the" and "may have caused" don't
            if kind == "generic_apology" and _DEICTIC.search(m.group(0)) and not _HEDGE.search(m.group(0)):
                continue
            end = m.end() + len(tail.rstrip())
            spans.append(Signal(kind, "boilerplate", text[m.start() : end], m.start(), end))
            taken.append((m.start(), end))
    spans.sort(key=lambda s: s.start)
    total = len(words(text))
    covered = sum(len(words(s.text)) for s in spans)
    return Boilerplate(tuple(spans), round(min(1.0, covered / total), 3) if total else 0.0, total)


def boilerplate(reply: Analysis | str, message: Analysis | str | None = None) -> Boilerplate:
    """The hollow stock phrases in ``reply`` and the share of its words they take up.

    Args:
        reply: the reply (an :class:`Analysis` or a text).
        message: the customer's message, when known; then only its words make a phrase specific.

    Returns:
        a :class:`Boilerplate` (offsets into ``Analysis.text``).
    """
    text = reply.text if isinstance(reply, Analysis) else analyse(reply).text
    message_text = None if message is None else (message.text if isinstance(message, Analysis) else message)
    return _boilerplate(text, message_text)


def strip_boilerplate(text: str, message: Analysis | str | None = None) -> str:
    """``text`` with its hollow phrases blanked out by spaces (offsets of the rest unchanged).

    For criteria that look for a feeling word: "Sorry for any frustration this may have caused"
    then has no feeling word left, "I'm sorry the fee hit the week rent was due" is untouched.
    ``text`` is used as given (pass ``Analysis.text`` or a sentence of it).
    """
    found = _boilerplate(text, None if message is None else getattr(message, "text", message))
    out = text
    for s in found.spans:
        out = out[: s.start] + " " * (s.end - s.start) + out[s.end :]
    return out
