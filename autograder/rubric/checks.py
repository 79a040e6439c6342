"""Gaming and harm checks: problems that cap a reply's score whatever else it does.

Each guard returns :class:`Problem` objects. A problem has a ``flag`` (a stable
name shown in :attr:`ReplyResult.flags`), a ``cap`` (the highest total score a
reply with this problem can get) and one ``message`` telling the learner why.

Two families:

* **Form** (gaming or unusable text): not text, empty, absurdly long, not
  English, no words at all (emoji only), code, heavy HTML/Markdown, SHOUTING,
  the same sentence repeated, a list of keywords with no sentences (by the share
  of small words, or by part-of-speech structure from
  :func:`autograder.rubric.language.fluency`), unfilled template placeholders,
  and copying the customer's own message back (``echo``).
* **Harm**: blaming, dismissing, mocking or insulting the person. Friendly words
  elsewhere in the reply do not undo it: the seeds' first rule is to stay polite,
  and a person reading the reply remembers the insult, so harm caps the total in
  the lowest band. Milder lecturing ("you need to...", "next time make sure...")
  lowers the tone criterion and caps the total only when it recurs. Sarcasm,
  condescension and hidden blame in polite words (ironic praise, "no offence,
  but", pointed should-have advice; :func:`autograder.rubric.language.condescension`)
  count as harm too (:func:`polite_harm_problems`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from nltk.probability import FreqDist

from autograder.rubric.canonical import Canonical, canonical
from autograder.rubric.text import (
    MAX_ANALYSED_CHARS,
    STOPWORDS,
    Analysis,
    matches,
    phrases,
    stem,
    word_ngrams,
    words,
)

MAX_WORDS = 1500
MAX_CHARS = MAX_ANALYSED_CHARS

HARM_CAP = 0.15
LECTURE_CAP = 0.35


@dataclass(frozen=True)
class Problem:
    """A problem that caps the score.

    Attributes:
        flag: stable name, e.g. ``"not_english"`` or ``"blame"``.
        cap: the highest total score a reply with this problem can earn.
        message: one sentence for the learner saying what is wrong and why.
        evidence: the words that showed the problem.
    """

    flag: str
    cap: float
    message: str
    evidence: tuple[str, ...] = ()


# --------------------------------------------------------------------------- input


def check_input(reply: object) -> tuple[str | None, list[Problem]]:
    """The reply as text a reader sees (``None`` when unusable) and the problems with its type or size.

    The text is :func:`autograder.rubric.canonical.canonical`: every later check reads the same
    canonical text, with hidden stretches and invisible characters gone and look-alike letters folded.
    """
    if not isinstance(reply, str):
        return None, [Problem("not_text", 0.0, not_text_message(reply))]
    too_many_words = len(reply) > MAX_CHARS or len(reply[: MAX_CHARS * 2].split()) > MAX_WORDS
    # Enough of a very long reply to find what a reader sees first (invisible padding cannot hide it).
    seen = canonical(reply[: MAX_CHARS * 4])
    problems = []
    disguise = disguise_problem(seen)
    if not seen.text.strip():
        if disguise:
            return None, [disguise]
        return None, [Problem("empty", 0.0, "The reply is empty: write what you would say to the person.")]
    if too_many_words:
        problems.append(
            Problem(
                "too_long",
                0.1,
                f"The reply is far too long (over {MAX_WORDS} words or {MAX_CHARS} characters); "
                "a real reply is a few clear sentences.",
            )
        )
    if disguise:
        problems.append(disguise)
    return seen.text, problems


def not_text_message(reply: object) -> str:
    """One sentence saying why ``reply`` (not a ``str``) cannot be marked, and how to fix it."""
    kind = type(reply).__name__
    if reply is None:
        why = "it was None (nothing was assigned)"
        fix = "assign your reply in quotes, and make sure no line sets it to None"
    elif isinstance(reply, (bytes, bytearray)):
        why = "it was bytes (a b'...' literal)"
        fix = "write it as an ordinary string in quotes, without the b prefix"
    elif isinstance(reply, (list, tuple)):
        why = f"it was a {kind} of {len(reply)} parts"
        fix = "write one string; triple quotes let a long reply run over several lines"
    else:
        why = f"it was {kind}"
        fix = "write it in quotes"
    return f"The reply must be text (a Python string), but {why}; {fix}."


#: This many disguised characters or words (:class:`autograder.rubric.canonical.Canonical`) is a
#: deliberate trick, not a stray keystroke: a reply written only to trick a grader is in band 0.
DISGUISE_MIN = 3
DISGUISE_CAP = 0.15


def disguise_problem(c: Canonical) -> Problem | None:
    """A problem when the reply hides words from the reader or disguises its letters."""
    if c.hidden:
        return Problem(
            "hidden_text",
            DISGUISE_CAP,
            "Part of the reply is hidden from the reader (an HTML comment or hidden markup); only what the "
            "person can read is marked, so write everything you mean in plain view.",
            tuple(" ".join(h.split())[:60] for h in c.hidden[:3]),
        )
    if c.invisible + c.lookalikes + c.styled + c.marks >= DISGUISE_MIN:
        return Problem(
            "disguised_text",
            DISGUISE_CAP,
            "The reply is full of invisible characters or look-alike letters (from other alphabets or "
            "special fonts); it was marked as the plain letters a reader sees. Type it in ordinary text.",
        )
    return None


# ---------------------------------------------------------------------- form / gaming

_FOREIGN = frozenset(
    """de la que el en los las del por para una un su es lo se le les des est et une du au avec pour pas
    vous nous je ne qui sur dans und der das nicht ist ich sie wir ein eine mit zu dem auf für sind het
    een van ik niet dat wij che il della è questo não um uma com você eu obrigado gracias merci danke
    siento lamento disculpe estamos usted muy pero más ça très nos sommes désolé entschuldigung
    yang dan untuk kami anda tidak dengan ini bir için çok değil ile och att det är jag inte ikke jeg
    nie się jest że dla ang mga salamat""".split()
)
_LETTER = re.compile(r"[^\W\d_]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
_UPPER = re.compile(r"[A-Z\u00c0-\u00de]")
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]{0,200})?/?>")
_MD_STRONG = re.compile(
    r"^\s{0,3}#{1,6}\s|^\s*```|^\s*\|.*\|\s*$|\*\*[^*\n]+\*\*|__[^_\n]+__|\[[^\]\n]+\]\([^)\n]+\)", re.M
)
_MD_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.M)
_CODE_LINE = re.compile(
    r"^\s*(?:def |class |import |from \w+ import|function\b|var |let \w+\s*=|const |public |private |"
    r"#include|return\b|if\s*\(|for\s*\(|while\s*\(|print\(|console\.|select .* from|<\?php|\}|\{)"
    r"|[;{]\s*$",
    re.M | re.I,
)
_CODE_CHARS = re.compile(r"[{}\[\]();=<>_\\|`]")
# Words a grader might look for; a "reply" made mostly of them and the name is a keyword list.
_BAIT = frozenset(
    """sorry apologise apologize apology understand understanding frustrating frustrated frustration
    empathy empathise empathize feel feelings help helping refund right fix resolve care hear listen
    inconvenience upset stressful annoying appreciate thank thanks concern options solution""".split()
)


def markup_problem(text: str) -> Problem | None:
    """Heavy HTML or Markdown (a reply to a person is plain sentences)."""
    tags = len(_HTML_TAG.findall(text))
    strong = len(_MD_STRONG.findall(text))
    bullets = len(_MD_BULLET.findall(text))
    if tags >= 2 or strong >= 3 or (strong >= 2 and bullets >= 2) or bullets >= 6:
        return Problem(
            "markup",
            0.3,
            "The reply is full of HTML or Markdown formatting; write plain sentences as you would say them.",
        )
    return None


def strip_markup(text: str) -> str:
    """``text`` with HTML tags and Markdown markers removed (used to analyse marked-up replies)."""
    text = _HTML_TAG.sub(" ", text)
    text = re.sub(r"^\s{0,3}#{1,6}\s|^\s*```.*$|\*\*|__|^\s*[-*+]\s+", " ", text, flags=re.M)
    return re.sub(r"\[([^\]\n]+)\]\([^)\n]+\)", r"\1", text)


def form_problems(a: Analysis, raw: str) -> list[Problem]:
    """Problems with the form of the reply: language, code, shouting, repetition, keyword lists."""
    problems: list[Problem] = []
    sample = raw[:MAX_CHARS]
    letters = _LETTER.findall(sample)
    latin = len(letters) if sample.isascii() else len(_LATIN_LETTER.findall(sample))
    if len(letters) >= 3 and latin / len(letters) < 0.7:
        return [Problem("not_english", 0.05, "The reply is not in English; the course is marked in English.")]
    if not a.words or (not any(w.isalpha() for w in a.words) and len(letters) < 3):
        return [
            Problem("no_words", 0.0, "The reply has no words (only symbols or emoji); write it in English.")
        ]
    n = len(a.words)
    foreign = sum(w in _FOREIGN for w in a.words) / n
    english = sum(w in STOPWORDS for w in a.words) / n
    if n >= 4 and (foreign >= 0.15 or (n >= 6 and foreign >= 0.1 and english < 0.1)) and foreign > english:
        return [Problem("not_english", 0.05, "The reply is not in English; the course is marked in English.")]

    code_lines = len(_CODE_LINE.findall(sample))
    density = len(_CODE_CHARS.findall(sample)) / max(1, len(sample.replace(" ", "")))
    if code_lines >= 2 or (density > 0.08 and len(sample) >= 20):
        problems.append(
            Problem(
                "code", 0.1, "The reply looks like code, not a message to a person; write plain sentences."
            )
        )

    upper = len(_UPPER.findall(sample))
    caps_words = [w for w in re.findall(r"\b[A-Z]{3,}\b", sample)]
    if (len(letters) >= 12 and upper / len(letters) > 0.6) or (
        len(caps_words) >= 3 and len(caps_words) / n > 0.25
    ):
        problems.append(
            Problem(
                "shouting",
                0.25,
                "The reply is written in capitals, which reads as SHOUTING; use normal sentence case.",
                tuple(caps_words[:3]),
            )
        )

    problems.extend(_repetition(a))
    keyword = _keyword_list(a, english)
    if keyword:
        problems.append(keyword)
    return problems


def _norm_sentence(s: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", s.lower()))


def _repetition(a: Analysis) -> list[Problem]:
    message = Problem(
        "repetition",
        0.2,
        "The reply repeats the same words or sentence over and over; say each thing once, in your own words.",
    )
    sents = [_norm_sentence(s) for s in a.sentences]
    sents = [s for s in sents if s]
    if len(sents) >= 2:
        counts = Counter(sents)
        top, most = counts.most_common(1)[0]
        if most >= 3 or (most >= 2 and len(counts) / len(sents) <= 0.5):
            return [Problem(message.flag, message.cap, message.message, (top,))]
    redundant = _redundant_sentences(a.sentences)
    if len(redundant) >= 2 and len(redundant) / len(sents) >= 0.3:
        return [Problem(message.flag, message.cap, message.message, tuple(redundant[:3]))]
    n = len(a.words)
    if n >= 12 and len(set(a.words)) / n < 0.35:
        return [message]
    if n >= 16:
        grams = FreqDist(tuple(a.words[i : i + 4]) for i in range(n - 3))
        gram, count = grams.most_common(1)[0]
        if count >= 3 and count * 4 / n > 0.4:
            return [Problem(message.flag, message.cap, message.message, (" ".join(gram),))]
    return []


# Words that only turn up the volume of a sentence: saying the same thing "really truly" adds nothing.
_INTENSIFIERS = frozenset(
    "really truly very so deeply sincerely genuinely honestly extremely terribly awfully incredibly "
    "absolutely totally completely indeed most much such just".split()
)


def _redundant_sentences(sents: tuple[str, ...]) -> list[str]:
    """Sentences that say nothing the reply has not already said (no content word new to the reply).

    The same apology reworded ("I'm so sorry. I'm really so sorry. I am truly sorry.") is repetition
    even though no two sentences are identical.
    """
    seen: set[str] = set()
    out = []
    for sentence in sents:
        content = {stem(w) for w in words(sentence) if w not in STOPWORDS and w not in _INTENSIFIERS}
        if content and content <= seen:
            out.append(sentence)
        seen |= content
    return out


# A reply whose words mostly sit outside any clause (no subject and verb, no request, no linked noun
# phrase) is a string of keywords, whatever its share of small words (language.fluency).
FLUENCY_FLOOR = 0.7
FLUENCY_MIN_WORDS = 6


def _keyword_list(a: Analysis, english_share: float) -> Problem | None:
    from autograder.rubric.language import fluency

    n = len(a.words)
    if n < 3:
        return None
    message = Problem(
        "keyword_list",
        0.15,
        "The reply is a list of keywords, not sentences; a person needs real sentences that respond to them.",
    )
    bait = sum(w in _BAIT for w in a.words) / n
    punctuated = any(s.rstrip()[-1:] in ".!?" for s in a.sentences)
    if n < 5 and (punctuated or bait < 0.3):  # a terse real reply ("Sorry Tom, refunding now.")
        return None
    short_bits = len(a.sentences) >= 4 and n / len(a.sentences) < 2.5
    if (english_share < 0.2 and (bait >= 0.3 or (not punctuated and n >= 6))) or short_bits:
        return message
    block = _keyword_block(a)
    if block:
        return Problem(message.flag, message.cap, message.message, (block[:60],))
    if n >= FLUENCY_MIN_WORDS:
        found = fluency(a)
        if found.score < FLUENCY_FLOOR:
            return Problem(message.flag, message.cap, message.message, found.stray[:6])
    return None


def _keyword_block(a: Analysis) -> str | None:
    """A block of bait keywords tacked onto an otherwise fluent reply: a line of them, or a run of
    one- and two-word "sentences" made of them (the whole-reply measures dilute such a block)."""
    lines = [line for line in a.text.splitlines() if line.strip()]
    run: list[str] = []
    for sentence in (*a.sentences, ""):
        if sentence and len(words(sentence)) <= 2:
            run.append(sentence)
            continue
        if len(run) >= 4:
            lines.append(" ".join(run))
        run = []
    for line in lines:
        toks = words(line)
        if len(toks) >= 5:
            bait = sum(w in _BAIT for w in toks) / len(toks)
            small = sum(w in STOPWORDS for w in toks) / len(toks)
            if bait >= 0.3 and small < 0.2:
                return line
    return None


# Template slots left unfilled: "[NAME]", "[insert amount]", "{first_name}", "{{ name }}", "<customer>",
# "<<agent>>", "XXX", "___", "$NAME", "%name%".
_SLOT_WORDS = (
    r"(?:customer|client|caller|member|user|agent|rep|company|business|first|last|full|your|their|his|her|"
    r"insert|name|date|time|amount|product|order|number|item|city|day|price|plan|reference|ref|ticket|"
    r"account|address|email|phone|team|store|shop|brand)"
)
TEMPLATE = re.compile(
    r"\[\s*(?:(?-i:[A-Z][A-Z0-9 _/-]{1,30})|[^\]\n]{0,20}\b" + _SLOT_WORDS + r"\b[^\]\n]{0,20})\s*\]"
    r"|\{\{?\s*[A-Za-z_][\w .-]{0,30}\}?\}"
    r"|<<?\s*[^<>\n]{0,20}\b" + _SLOT_WORDS + r"\b[^<>\n]{0,20}>>?"
    r"|(?<![\w])[Xx]{3,}(?![\w])|_{3,}|(?<![\w$])(?-i:\$[A-Z][A-Z_]{2,})\b|%[A-Za-z_]{2,}%"
    r"|\((?:customer|client|caller)(?:'s)?(?: first| full)? name\)",
    re.I,
)
TEMPLATE_CAP = 0.25


def template_problem(raw: str) -> Problem | None:
    """Unfilled template placeholders ("[NAME]", "{first_name}", "<customer>", "XXX")."""
    found = [m.group(0) for m in TEMPLATE.finditer(raw[:MAX_CHARS])]
    if not found:
        return None
    return Problem(
        "template",
        TEMPLATE_CAP,
        f'The reply still has a template placeholder ("{found[0]}"); fill in the real details for this '
        "person before you send it.",
        tuple(dict.fromkeys(found))[:3],
    )


def echo_problem(a: Analysis, message: Analysis) -> Problem | None:
    """Copying the person's own message back (most of it, word for word)."""
    m, r = message.words, a.words
    if len(m) < 6 or len(r) < 6:
        return None
    n = 5
    shared = word_ngrams(m, n) & word_ngrams(r, n)
    if not shared:
        return None
    covered_m = set()
    for i in range(len(m) - n + 1):
        if tuple(m[i : i + n]) in shared:
            covered_m.update(range(i, i + n))
    covered_r = set()
    for i in range(len(r) - n + 1):
        if tuple(r[i : i + n]) in shared:
            covered_r.update(range(i, i + n))
    share_m = len(covered_m) / len(m)
    share_r = len(covered_r) / len(r)
    if share_m >= 0.6 or (share_m >= 0.35 and share_r >= 0.5):
        return Problem(
            "echo",
            0.25,
            "The reply copies the person's message back word for word; "
            "restate the key facts in your own words.",
        )
    return None


# ------------------------------------------------------------------------------ harm

_HARM: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "blame",
        phrases(
            r"(?:that'?s|that is|it'?s|it is|this is) (?:all )?"
            r"(?:on you|your (?:own )?(?:problem|fault|issue|mistake))",
            r"your (?:own )?fault",
            r"(?:only )?(?:have )?yourself to blame",
            r"you should(?:'ve| have) (?:read|checked|known|looked|paid|noticed|seen|updated|set|followed|"
            r"been more|thought|asked|done)",
            r"you (?:paid|were|are|came|got here|applied) (?:too |way )?late",
            r"(?:caused|done|created|started) by (?:customers|users|people|you)",
            r"(?:problem|issue|error|mistake) (?:is|was) (?:on|at) your (?:side|end)",
            r"user error",
            r"you(?:'re| are) late",
            r"if you(?:'d| had) (?:bothered|read|checked|paid attention|listened)",
            r"if you(?:'d| had) [^.!?]{1,60}you (?:wouldn'?t|would not|would'?ve|would have)",
            r"like (?:everyone|everybody) else",
            r"you (?:obviously|clearly) (?:didn'?t|don'?t|did not|do not|can'?t|cannot|never|weren'?t)",
            r"(?:obviously|clearly) you (?:didn'?t|don'?t|did not|do not|can'?t|never)",
            r"(?:can'?t|didn'?t|did) you (?:even )?read",
            r"learn to read",
            r"(?:read|check) the (?:terms|fine print|manual|instructions|product page|description|listing|"
            r"website|small print) (?:next time|first|before)",
            r"next time,? read",
        ),
    ),
    (
        "dismissive",
        phrases(
            r"calm (?:yourself )?down",
            r"as i (?:already |just |clearly )(?:said|told you|explained|mentioned|stated)",
            r"as i (?:said|told you)",
            r"like i (?:already |just )?(?:said|told you)",
            r"end of (?:story|discussion)",
            r"it'?s (?:all )?in the (?:terms|contract|agreement|fine print|small print)",
            r"(?:terms|conditions) you (?:agreed to|accepted|signed)",
            r"not (?:my|our) (?:problem|job|concern)",
            r"(?:^|(?<=[.!?]\s)|(?<=so )|(?<=just )|(?<=have to )|(?<=need to ))deal with it(?! for you)",
            r"get over it",
            r"suck it up",
            r"take it or leave it",
            r"rules are rules",
            r"it is what it is",
            r"i don'?t care(?! how long| what it takes)",
            r"toughen up",
            r"man up",
            r"grow (?:up|a (?:thicker|thick) skin)",
            r"(?:need|get|have) (?:a )?thicker skin",
            r"(?:stop|quit) (?:complaining|whining|moaning|crying|being (?:so )?(?:sensitive|dramatic))",
            r"before (?:you )?complain(?:ing)?",
            r"(?:take your business|go) elsewhere",
            r"find (?:another|a different) (?:provider|company|bank|store|shop|service|job)",
            r"if you don'?t like it,? (?:leave|go|tough|too bad|that'?s)",
            r"(?:no one|nobody) forced you",
            r"you(?:'re| are) not cut out",
            r"(?:maybe|perhaps) (?:this job|this|customer service) (?:isn'?t|is not) for you",
            r"if you can'?t (?:handle|take) (?:it|the heat)",
            r"(?:^|(?<=[.!?]\s))whatever(?=[.!,])",
            r"too bad for you",
            r"tough luck",
            r"your loss",
            # "I can hang up and call you back on the number on your card" is the agent's own safety step
            r"(?:or|else) hang up(?!\s+and\s+(?:i'?ll\s+|we'?ll\s+|then\s+)?(?:call|ring|phone)\b)",
            r"do your (?:own )?research",
        ),
    ),
    (
        "sarcasm",
        phrases(
            r"good luck with that",
            r"thanks for nothing",
            r"nice try",
            r"boo[- ]hoo",
            r"cry me a river",
            r"welcome to the real world",
            r"must be nice",
            r"sure you did",
            r"if you say so",
            r"whatever you say",
            r"how hard (?:is|can) it (?:be )?to",
            r"not rocket science",
            # sincere congratulations ("on the new job") are warm; aimed at what they did wrong, mockery
            r"congratulations,? you(?:'ve| have)? (?:\w+ )?"
            r"(?:managed|broke|broken|locked|missed|lost|forgot|did it)",
            r"oh,? (?:sure|great|wonderful|brilliant)",
            r"genius",
            r"seriously\?",
        ),
    ),
    (
        "rude",
        phrases(
            r"(?:you(?:'re| are)|you sound|you seem|you look) (?:being )?"
            r"(?:so |really |very |just |such an? )?"
            r"(?:stupid|dumb|useless|pathetic|clueless|ignorant|lazy|incompetent|an idiot|a moron|weak|soft|"
            r"dramatic|overreacting|hysterical|childish|entitled|rude|ridiculous|unreasonable|a baby)"
            r"(?! to\b)",  # "you're entitled to a refund" is a right, not a label
            r"idiot",
            r"moron",
            r"imbecile",
            r"crybaby",
            r"snowflake",
            r"you people",
            r"shut up",
            r"get a life",
            r"lol",
            r"lmao",
            r"smh",
            r"duh",
            r"know (?:the rules|this|my job|more) better than you",
            r"crap",
            r"wtf",
            r"f+u+c+k\w*",
            r"shit\w*",
        ),
    ),
)

_HARM_MESSAGES = {
    "blame": "The reply blames the person; even when they made the mistake, explain what happened without "
    "pointing the finger.",
    "dismissive": "The reply dismisses the person (telling them to calm down, that it's their problem or "
    "that the rules are the rules); take their concern seriously instead.",
    "sarcasm": "The reply is sarcastic, which mocks the person; say plainly and kindly what you mean.",
    "rude": "The reply is rude or insulting; stay polite even when the person is angry.",
}

LECTURE = phrases(
    r"you need to",
    r"you must(?! be | have been | feel | have felt)",
    r"you have to",
    r"you(?:'re| are) required to",
    r"it(?:'s| is) your responsibility",
    r"(?:next time|in (?:the )?future),? (?:please )?"
    r"(?:make sure|remember|read|check|pay|be sure|you should)",
    r"you ought to",
    r"you were supposed to",
    r"as (?:clearly |plainly )?(?:stated|explained|stipulated|indicated)",
    r"clearly (?:stated|listed|shown|displayed|explained|marked)",
    r"you (?:agreed to|accepted) (?:the|our|these)",
    r"not (?:my|our) fault",
    r"(?:there'?s |there is )?nothing (?:else |more )?(?:i|we) can do",
    r"(?:i|we) can'?t do anything",
    r"(?:don'?t|try not to|not to) take it personally",
    r"you'?ll be (?:fine|ok|okay|alright|all right)",
    r"(?:everybody|everyone|we all) (?:goes|go|has|have|gets|get|deals with|deal with) "
    r"(?:through )?(?:this|that|these|those)",
    r"(?:it'?s|it is|this is) not (?:a |that )?(?:big|a big) deal",
    r"(?:^|(?<=[.!?]\s))anyway,",
    r"could be worse",
    r"(?:i|we) (?:need|have|must|want) to remind you",
    r"terms (?:of service|and conditions|of use) (?:state|say|clearly|are clear)",
    r"(?:errors|mistakes|problems) (?:on|at|from) our (?:side|end) are (?:\w+ )?rare",
    r"please review your",
    r"(?:it'?s|it is) (?:just )?part of the job",
    r"that'?s (?:just )?(?:the|our) (?:policy|rule|rules)",
    r"policy is policy",
    r"no exceptions",
    r"you missed the",
    r"sorry (?:that )?you feel (?:that|this) way",
    r"you didn'?t (?:read|check|set up|pay)",
)


# Words that turn what follows into reported speech or deny it: "you're being told you're late" and
# "nobody should tell you you're overreacting" reflect, "it's not your fault" reassures; neither blames.
_REPORTED = re.compile(
    r"(?:(?:told|tell|telling|call|calls|called|calling)(?:\s+(?:you|me|us))?|say|says|said|saying|think|"
    r"thinks|feel|feels|felt|like|claim\w*|hear|heard|being|seem|seems|as if|that|not|never|n't|mean|means|"
    r"meant)\s+(?:that\s+)?$",
    re.I,
)


# Pointing to where a rule is written ("it's in the agreement") dismisses the person only when it closes
# the matter; when the same sentence turns to a way forward ("..., but you may not need to pay it") it is
# the plain explanation the seeds ask for.
_CITES_RULE = re.compile(
    r"\b(?:in the (?:terms|contract|agreement|fine print|small print)|you (?:agreed to|"
    r"accepted|signed))\b",
    re.I,
)
_TURNS = re.compile(
    r"^[^.!?]*?(?:,\s*|\s)(?:but|though|although|however|yet|so)\s+(?:\w+\s+){0,6}?"
    r"(?:i|we|you)\b",
    re.I,
)


# An instruction denied: "I won't tell you to toughen up", "nobody should ask you to calm down". Said
# without the denial ("I'm telling you to calm down") it is the order itself.
_INSTRUCTED = re.compile(
    r"\b(?:tell|tells|telling|told|ask|asks|asking|asked)\s+(?:you|anyone)\s+to\s+$", re.I
)


def _unreported(pattern: re.Pattern[str], text: str) -> list[str]:
    from autograder.rubric.language.negation import negated

    found = []
    for m in pattern.finditer(text):
        before = text[max(0, m.start() - 30) : m.start()]
        if _REPORTED.search(before):
            continue
        order = _INSTRUCTED.search(before)
        if order and negated(text, m.start() - len(before) + order.start()):
            continue
        if _CITES_RULE.search(m.group(0)) and _TURNS.search(text[m.end() :]):
            continue
        found.append(m.group(0))
    return found


def harm_problems(a: Analysis) -> list[Problem]:
    """Blame, dismissal, sarcasm or rudeness (each caps the total at :data:`HARM_CAP`)."""
    problems = []
    for flag, pattern in _HARM:
        found = _unreported(pattern, a.text)
        if found:
            problems.append(Problem(flag, HARM_CAP, _HARM_MESSAGES[flag], tuple(dict.fromkeys(found))))
    return problems


_POLITE_HARM = {
    "sarcasm": (
        HARM_CAP,
        'The reply is sarcastic ("{0}"), which mocks the person; say plainly and kindly what you mean.',
    ),
    "condescension": (
        HARM_CAP,
        'The reply talks down to the person ("{0}"); explain things as you would to a respected equal.',
    ),
    "hidden_blame": (
        HARM_CAP,
        'The reply hints that this is the person\'s own fault ("{0}"); explain what happened without '
        "pointing back at them.",
    ),
    "put_down": (
        HARM_CAP,
        'The reply passes judgement on the person ("{0}"); take the feeling seriously and judge the '
        "situation, never the person who feels it.",
    ),
}


def polite_harm_problems(
    a: Analysis, message: Analysis | None = None, already: tuple[str, ...] = ()
) -> list[Problem]:
    """Sarcasm, condescension, hidden blame and personal put-downs without rude words (each caps the
    total at :data:`HARM_CAP`).

    ``message`` is the person's own message (for scare quotes around their words); families in
    ``already`` (flags other harm checks raised) are not reported twice.
    """
    from autograder.rubric.language import condescension, put_downs

    by_family: dict[str, list[str]] = {}
    for signal in (*condescension(a, message), *put_downs(a)):
        by_family.setdefault(signal.family, []).append(signal.text)
    problems = []
    for family, found in by_family.items():
        if family in already or family not in _POLITE_HARM:
            continue
        cap, text = _POLITE_HARM[family]
        problems.append(Problem(family, cap, text.format(found[0].strip()), tuple(dict.fromkeys(found))))
    return problems


def lecture_phrases(a: Analysis) -> list[str]:
    """Lecturing or defensive phrases ("you need to", "not our fault", "next time make sure")."""
    return matches(LECTURE, a.text)


def lecture_problem(found: list[str]) -> Problem | None:
    """Repeated lecturing (``found`` by :func:`lecture_phrases`) caps the total at :data:`LECTURE_CAP`.

    One instance only costs tone.
    """
    if len(found) >= 2:
        return Problem(
            "lecturing",
            LECTURE_CAP,
            "The reply lectures the person about what they should have done; explain the situation once, "
            "kindly, and move on to what you can do.",
            tuple(dict.fromkeys(found)),
        )
    return None
