"""``warm_polite_tone``: polite and warm, not stiff, and never harsh.

The seeds: "Their tone should always be pleasant and their choice of language
should always be polite - though not overly formal"; present "an approachable,
pleasant demeanour"; do not be "driven by having the last word".

:func:`politeness` is a general politeness signal built from the strategies of
Danescu-Niculescu-Mizil et al. (2013, "A computational approach to politeness"):
gratitude, deference, greetings, "please" (less polite at the start of a
request), indirect requests ("could you", "would you mind"), apologies, hedges,
first-person-plural framing and the positive/negative lexicon (VADER) raise it;
direct questions (especially "why"), a second-person or "so/but" start,
factuality markers ("actually", "in fact", "obviously"), SHOUTED words, "!!" and
insults lower it. The weights are set by hand from the direction and rough
size of the effects in that paper, not fitted to any data.

The criterion maps the signal into [0, 1] and then subtracts for stiff
corporate boilerplate ("We sincerely apologize for any inconvenience this may
have caused", "Please note that", "Have a wonderful day") and for lecturing
("you need to", "next time make sure"). Harm (blame, dismissal, sarcasm,
rudeness) earns 0.
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache

from autograder.rubric import checks
from autograder.rubric.criteria.base import Context, result
from autograder.rubric.result import CriterionResult
from autograder.rubric.text import analyse, phrases

NAME = "warm_polite_tone"
LABEL = "Warm, polite tone"

_STRATEGIES: tuple[tuple[float, int, re.Pattern[str]], ...] = (
    # (weight, most times counted, pattern)
    (0.9, 1, phrases(r"thanks?", r"thank you", r"appreciat\w*", r"grateful")),
    (0.6, 1, re.compile(r"(?:^|[.!?]\s+)(?:great|good|nice|interesting|excellent|wonderful|cool)\b", re.I)),
    (0.4, 1, re.compile(r"^\s*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings)\b", re.I)),
    (0.5, 1, re.compile(r"(?<![.!?]\s)(?<!^)\bplease\b", re.I)),
    (-0.2, 1, re.compile(r"(?:^|[.!?]\s+)please\b", re.I)),
    (0.7, 1, phrases(r"could you", r"would you", r"would it be", r"would you mind", r"i was wondering",
                     r"wondering (?:if|whether)", r"if you (?:could|would|don'?t mind)", r"do you mind")),
    (0.3, 1, phrases(r"by the way", r"btw")),
    (0.2, 1, phrases(r"can you", r"will you")),
    (0.6, 1, phrases(r"sorry", r"apologi[sz]e\w*", r"apologies", r"excuse me", r"forgive", r"pardon")),
    (0.3, 2, phrases(r"i think", r"i believe", r"i guess", r"i suppose", r"perhaps", r"maybe", r"possibly",
                     r"probably", r"might", r"seems?", r"somewhat", r"(?:i )?suggest\w*", r"a (?:bit|little)",
                     r"kind of", r"sort of", r"i wonder", r"in my opinion", r"not sure", r"hopefully",
                     r"i hope")),
    (0.15, 1, phrases(r"we", r"our", r"us", r"let'?s")),
    (0.4, 1, phrases(r"happy to", r"glad to", r"of course", r"absolutely", r"my pleasure", r"no problem",
                     r"welcome", r"great question", r"good (?:point|question|idea|catch)")),
    (-0.5, 2, re.compile(r"(?:^|[.!?]\s+)(?:what|who|where|when|which|how)\b[^.!?]*\?", re.I)),
    (-0.8, 2, re.compile(r"(?:^|[.!?,]\s+)why\b", re.I)),
    (-0.4, 2, re.compile(r"(?:^|[.!?]\s+)(?:so|then|and|but|or)\b", re.I)),
    (-0.5, 2, re.compile(r"(?:^|[.!?]\s+)(?:you|your|you're|you've|you'll)\b", re.I)),
    (-0.5, 2, phrases(r"in fact", r"actually", r"the fact (?:is|that)", r"the point is", r"the truth is",
                      r"obviously", r"clearly", r"frankly", r"seriously", r"really\?", r"of course not",
                      r"no offen[cs]e", r"honestly")),
    (-0.4, 2, re.compile(r"[!?]{2,}")),
    (-0.3, 3, re.compile(r"\b[A-Z]{3,}\b")),
    (-0.4, 2, phrases(r"you must(?! be | have been | feel )", r"you need to", r"you have to", r"you should",
                      r"don'?t", r"stop", r"never", r"wrong", r"not (?:my|our)")),
)  # fmt: skip
_RUDE = dict(checks._HARM)["rude"]
FORMAL = phrases(
    r"(?:we|i) (?:sincerely |deeply )?(?:apologi[sz]e|regret) (?:for )?(?:any|the) inconvenience",
    r"(?:any|the) inconvenience (?:this|that|it) (?:may|might) have caused",
    r"please (?:note|be advised|be aware)",
    r"kindly",
    r"as (?:stated|outlined|specified|set out|detailed) in",
    r"(?:per|pursuant to|in accordance with) (?:our|the) (?:terms|policy|policies|agreement)",
    r"terms and conditions",
    r"have a (?:wonderful|great|nice|good|pleasant|lovely) day",
    r"thank you for (?:contacting|choosing|reaching out to) (?:us|our)",
    r"(?:we|i) value (?:your|you as a)",
    r"your (?:call|business|satisfaction) is (?:important|our priority)",
    r"(?:we|i) regret to inform",
    r"(?:do not|don'?t) hesitate",
    r"at your earliest convenience",
    r"valued customer",
    r"dear (?:customer|sir|madam)",
    r"rest assured",
    r"hereby",
    r"aforementioned",
    r"(?:we|i) appreciate your (?:patience|understanding)",
    r"(?:we|i) thank you for your (?:patience|understanding|feedback)",
    r"should you (?:have|require|need)",
    r"further assistance",
    r"(?:we|i) trust (?:this|that)",
)


SENTIMENT_CHARS = 1500  # VADER reads at most this much (its cost grows with length)


@lru_cache(maxsize=1)
def _vader():
    """NLTK's VADER with a faster (same-result) tokenisation step; built once."""
    from autograder.nltkdata import VADER, require

    require(VADER)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from nltk.sentiment import vader

        class _SentiText(vader.SentiText):
            # NLTK builds a dict of every word joined with every punctuation mark to strip punctuation
            # from tokens (most of VADER's time on short texts); this looks the same pairs up directly.
            def _words_and_emoticons(self):
                words_only = {
                    w for w in self.REGEX_REMOVE_PUNCTUATION.sub("", self.text).split() if len(w) > 1
                }
                out = []
                for we in self.text.split():
                    if len(we) <= 1:
                        continue
                    stripped = we
                    if we.isalnum():
                        out.append(we)
                        continue
                    for p in self.PUNC_LIST:
                        if we.startswith(p) and we[len(p) :] in words_only:
                            stripped = we[len(p) :]
                    for p in self.PUNC_LIST:
                        if we.endswith(p) and we[: -len(p)] in words_only:
                            stripped = we[: -len(p)]
                    out.append(stripped)
                return out

        class _Analyzer(vader.SentimentIntensityAnalyzer):
            def polarity_scores(self, text):
                sentitext = _SentiText(
                    text, self.constants.PUNC_LIST, self.constants.REGEX_REMOVE_PUNCTUATION
                )
                sentiments = []
                tokens = sentitext.words_and_emoticons
                first_index = {}
                for idx, token in enumerate(tokens):
                    first_index.setdefault(token, idx)
                for item in tokens:
                    i = first_index[item]
                    if (
                        i < len(tokens) - 1 and item.lower() == "kind" and tokens[i + 1].lower() == "of"
                    ) or item.lower() in self.constants.BOOSTER_DICT:
                        sentiments.append(0)
                        continue
                    sentiments = self.sentiment_valence(0, sentitext, item, i, sentiments)
                sentiments = self._but_check(tokens, sentiments)
                return self.score_valence(sentiments, text)

        return _Analyzer()


@lru_cache(maxsize=4096)
def sentiment(text: str) -> float:
    """VADER's compound sentiment of ``text`` in [-1, 1]."""
    return _vader().polarity_scores(text[:SENTIMENT_CHARS])["compound"]


def strategies(text: str) -> float:
    """The summed politeness strategies of ``text`` (no sentiment)."""
    total = 0.0
    for weight, most, pattern in _STRATEGIES:
        count = len(pattern.findall(text))
        if count:
            total += weight * min(count, most)
    total -= 1.5 * min(2, len(_RUDE.findall(text)))
    return total


def politeness(text: str) -> float:
    """How polite ``text`` reads: politeness strategies plus sentiment (about -5 to +5; 0 is neutral)."""
    if not isinstance(text, str) or not text.strip():
        return 0.0
    text = analyse(text).text
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return strategies(text) + 1.0 * sentiment(text)


def evaluate(context: Context) -> CriterionResult:
    text = context.reply.text
    harm = context.harm
    if harm:
        words = [e for p in harm for e in p.evidence]
        return result(NAME, LABEL, 0.0, words, harm[0].message)
    # Reflecting their bad news back ("charged twice", "called useless") is not a cold tone.
    signal = strategies(text) + max(-0.25, sentiment(text))
    credit = 0.55 + 0.15 * max(-3.0, min(3.0, signal))
    formal = FORMAL.findall(text)
    lecture = list(context.lecture)
    credit -= min(0.45, 0.15 * len(formal)) + min(0.6, 0.3 * len(lecture))
    if lecture:
        feedback = (
            "Drop the lecturing (" + f'"{lecture[0]}"' + "); explain kindly and focus on what you can do."
        )
        evidence = lecture
    elif formal:
        feedback = (
            f'Phrases like "{formal[0]}" sound stiff and scripted; '
            "say it the way you would to a person in front "
            "of you."
        )
        evidence = formal
    elif credit >= 0.75:
        feedback = "Your tone is warm and polite without being stiff."
        evidence = []
    else:
        feedback = (
            'Warm up the tone: thank them, use "we" and "let\'s", and soften requests ("would you ...").'
        )
        evidence = []
    return result(NAME, LABEL, credit, evidence, feedback)
