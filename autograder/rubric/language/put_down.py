"""Personal put-downs: a verdict on the person's character or fitness instead of on the problem.

The seeds: customers (and colleagues) "are people, not problems", and empathy takes a feeling
seriously without judging the person who has it. A reply can do everything else right and still
end by labelling the person ("maybe you are too sensitive for this job", "you're being a bit
dramatic", "some people are just too emotional for support"). Whatever else it says, that label is
what the person takes away, so it is harm (:mod:`autograder.rubric.checks` caps it at band 0, like
sarcasm).

Every pattern is a structure with slots, not a list of sentences:

``character_label`` (family ``put_down``)
    * the person as subject ("you're", "you are being", "you seem", "you can be", "you get") + a
      label that judges character: one that is pejorative whatever its degree ("dramatic",
      "touchy", "needy", "unreasonable", "entitled", "overreacting", "thin-skinned", "a drama
      queen"), or a trait word that only judges under an excess or a disapproving degree ("*too*
      sensitive", "*so* emotional", "*a bit* soft", "*being* sensitive"). "You're very sensitive
      to what customers need" and "you're emotional right now, and that's normal" describe, they
      do not judge.
    * a behaviour verdict with the person as subject: "you're overreacting", "you're making a
      fuss", "you're blowing this out of proportion", "you're taking it too personally".
    * a generalisation pinned on them: "some people are just too emotional for support", "people
      like you are too sensitive".
    * an order not to have the trait: "don't be so sensitive", "no need to get so emotional".

``fitness_verdict`` (family ``put_down``)
    * the person is unfit for the job: "you're not cut out for this", "you're the wrong person for
      this job", "I don't think you're cut out for support", "maybe this job isn't for you",
      "perhaps support is not the right job for you", "some people just aren't cut out for it",
      "maybe you should look for a different career".

Not put-downs: the label denied ("you're not being dramatic at all", "it's not that you're too
sensitive - anyone would be shaken"; :mod:`autograder.rubric.language.negation`), the person's own
words reported back ("you said you don't feel cut out for this - I disagree", "if you're worried
you're too sensitive, you aren't"), and feelings shared or validated ("I'd be upset too", "you're
right to be careful"). Cost: a few regular expressions per reply.
"""

from __future__ import annotations

import re
from functools import lru_cache

from autograder.rubric.language.negation import negated
from autograder.rubric.language.signal import Signal
from autograder.rubric.text import Analysis, analyse

_I = re.IGNORECASE
FAMILY = "put_down"

# --- slots ---------------------------------------------------------------------------------------
# The person as the subject of a copula or a verb of seeming.
_YOU = (
    r"you(?:'re| are| were|'ve been| have been| seem(?:ed)?| sound(?:ed)?| look(?:ed)?| come across as|"
    r" came across as| can be| could be| tend to be| get| got| might be| may be| must be| act| acted|"
    r"(?:'re| are) acting| just seem| really are| really seem)"
)
_PEOPLE = r"(?:(?:some|certain) (?:people|folks|agents|staff)|people like you)(?: just| simply)?"
_FILLER = (
    r"(?:just|simply|honestly|frankly|clearly|obviously|probably|maybe|perhaps|really|being|getting|"
    r"acting|a bit|a little|a tad|kind of|sort of|rather|quite|very|pretty|so|such|way|far|overly|"
    r"entirely|completely|totally|utterly|incredibly|ridiculously|extremely|slightly|somewhat|super|like)"
)
_FILLERS = rf"(?: {_FILLER})*"
# Labels that judge whatever their degree.
_LABEL = (
    r"(?:(?:over|hyper)-?sensitive|thin-skinned|touchy|dramatic|melodramatic|over-?emotional|needy|clingy|"
    r"unreasonable|entitled|hysterical|precious|petty|whiny|whingey|whingy|childish|immature|irrational|"
    r"high-maintenance|over the top|difficult|paranoid|ridiculous|silly|"
    r"an? (?:drama queen|snowflake|cry-?baby|whinger|moaner|complainer|diva|princess|pushover))"
)
# Traits that judge only under an excess or a disapproving degree ("too sensitive", "so emotional").
_TRAIT = r"(?:sensitive|emotional|soft|weak|fragile|demanding|negative|easily (?:upset|offended|rattled))"
_EXCESS = (
    r"(?:(?:way |far |much |a (?:bit|little|tad) |just |simply )?too|overly|so|a (?:bit|little|tad)|"
    r"kind of|sort of|being(?: (?:so|too|a (?:bit|little)|overly))?|getting(?: (?:so|too|a (?:bit|little)|"
    r"overly))?|such an?)"
)
# Doing something the speaker judges out of proportion.
_BEHAVIOUR = (
    r"(?:over-?reacting|over-?thinking (?:it|this|things)|making (?:such |a )?(?:(?:big|huge|whole) )?"
    r"(?:fuss|drama|scene|song and dance|mountain out of)|making (?:a big deal|too much) (?:out )?of|"
    r"blowing (?:this|it|that|things|everything) (?:way |all |a bit |a little )?out of proportion|"
    r"taking (?:this|it|that|things|everything) (?:way |far |a bit |a little |just )?too "
    r"(?:personally|seriously|hard|much to heart))"
)
# A job, as what the person is unfit for.
_JOB = (
    r"(?:(?:this|the|that|your|a) (?:job|work|role|line of work|career|field|position)|support(?: work)?|"
    r"customer (?:service|support)(?: work)?|(?:this|the) (?:kind|sort|type) of (?:job|work|role))"
)
# What may stand between "this job isn't" and "for you" in a verdict on fitness ("isn't really the right
# job for you", "just isn't meant for you"); "this job isn't easy for you today" says the job is hard.
_FIT_FOR = (
    r"(?:(?:really|just|simply|quite|necessarily|honestly|maybe|perhaps|probably) )*"
    r"(?:(?:the|a|an) (?:(?:right|best|good|ideal|great) )?"
    r"(?:job|one|fit|career|role|place|work|line of work|thing|path|match) )?"
    r"(?:(?:meant|made|suited|right|built|cut out) )?for "
)
# The person's own words or worries, reported back ("you said you're not cut out for this", "someone
# told you you're overreacting"); a verdict in the speaker's own voice ("I think you're overreacting",
# "I'd say you're too soft") is not reported speech.
_REPORTED_BEFORE = re.compile(
    r"(?:\b(?:you|anyone|anybody|someone|somebody|nobody|no one|people|they|others|he|she|(?:the |a )?"
    r"(?:caller|customer)s?)(?:'re| are|'ve| have| were)?(?:\s+\w+){0,2}?\s+(?:said|say|says|saying|think|"
    r"thinks|thinking|thought|feel|feels|feeling|felt|worr(?:y|ies|ied|ying)|afraid|fear|fears|feared|scared|"
    r"wonder(?:s|ing|ed)?|believe|believes|believed|mentioned|wrote)|"
    r"\b(?:told|tell|tells|telling|call|calls|called|calling) (?:me|us|you)|\bwhether)(?: that)?\s+$",
    _I,
)
_CHARACTER: tuple[re.Pattern[str], ...] = (
    re.compile(rf"(?<![\w']){_YOU}{_FILLERS} {_LABEL}\b(?!-| to\b)", _I),
    re.compile(rf"(?<![\w']){_YOU}{_FILLERS} {_EXCESS} {_TRAIT}\b(?! to (?:the|what|how|other|their))", _I),
    re.compile(rf"(?<![\w'])you(?:'re| are)(?: just| simply| really| clearly| a bit| a little)? "
               rf"{_BEHAVIOUR}", _I),
    re.compile(r"(?<![\w'])you(?: always| just| really)? (?:take|took) (?:things|it|this|that|everything) "
               r"(?:way |far |a bit |a little |just )?too (?:personally|seriously|hard|much to heart)", _I),
    re.compile(rf"(?<![\w']){_PEOPLE} (?:are|get|seem)(?: just| simply)? (?:(?:way |far |much )?too|overly) "
               rf"(?:{_TRAIT}|{_LABEL})\b", _I),
    # an order not to have the trait: its own "don't" is part of the put-down, not a denial of it
    re.compile(rf"(?<![\w'])(?:don'?t|do not|no need to|try not to|stop|quit) (?:be|being|get|getting) "
               rf"(?:so |such an? |too |overly )(?:{_TRAIT}|{_LABEL})\b", _I),
)  # fmt: skip
_NOT_SUBJECT = (
    r"(?:you(?:'re| are| were)(?: just| simply| clearly| probably| really)? not|"
    r"you (?:just |simply |clearly |probably |really )?(?:aren't|weren't|may not be|might not be|don't seem|"
    rf"do not seem|don't look|do not look)|{_PEOPLE} (?:aren't|are not))"
)
_FITNESS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"(?<![\w']){_NOT_SUBJECT}(?: really| quite| just)? (?:cut out|built|made|suited) "
               r"(?:for|to)\b", _I),
    re.compile(rf"(?<![\w']){_YOU}(?: just| simply| clearly| probably| really)? (?:the wrong (?:person|fit)|"
               r"not the right (?:person|fit)|a bad fit) for\b", _I),
    re.compile(r"(?<![\w'])(?:i )?(?:don'?t|do not) (?:really )?(?:think|believe|reckon) you(?:'re| are)"
               r"(?: really)? (?:cut out|suited|made|built|the right (?:person|fit)) for\b", _I),
    re.compile(r"(?<![\w'])(?:i'?m|i am) not (?:sure|convinced) you(?:'re| are)(?: really)? "
               r"(?:cut out|suited|made|built|the right (?:person|fit)) for\b", _I),
    re.compile(rf"(?<![\w']){_JOB} (?:\w+ )?(?:is(?:n't| not)|may not be|might not be|probably isn't|"
               rf"just isn't) {_FIT_FOR}you\b(?!\s+to\b)", _I),
    re.compile(r"(?<![\w'])you (?:should|could|might want to|ought to|need to) "
               r"(?:find|look for|look at|consider|think about|try) (?:a |another |a different |some other |"
               r"a new )(?:job|career|line of work|field)\b", _I),
)  # fmt: skip
_ORDERS = _CHARACTER[-1]


@lru_cache(maxsize=4096)
def _signals(text: str) -> tuple[Signal, ...]:
    found: list[Signal] = []
    for kind, patterns in (("character_label", _CHARACTER), ("fitness_verdict", _FITNESS)):
        for pattern in patterns:
            for m in pattern.finditer(text):
                before = text[max(0, m.start() - 40) : m.start()]
                if pattern is not _ORDERS and (negated(text, m.start()) or _REPORTED_BEFORE.search(before)):
                    continue
                found.append(Signal(kind, FAMILY, m.group(0), m.start(), m.end()))
    found.sort(key=lambda s: s.start)
    return tuple(found)


def put_downs(reply: Analysis | str) -> tuple[Signal, ...]:
    """Labels of the person's character or fitness in ``reply`` (see the module docstring).

    Args:
        reply: the reply (an :class:`Analysis` or a text).

    Returns:
        the :class:`~autograder.rubric.language.signal.Signal` objects found (kinds
        ``character_label`` and ``fitness_verdict``, family ``put_down``), in text order, offsets
        into ``Analysis.text``; empty when the reply judges no one.
    """
    text = reply.text if isinstance(reply, Analysis) else analyse(reply).text
    return _signals(text)
