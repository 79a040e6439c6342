"""Fluency: whether a reply is made of sentences or is a string of keywords.

A reply written to be read is made of **clauses**: a subject and a verb ("we charged you
twice"), a request or instruction opening on a verb ("please check your inbox", "let me fix
it"), or one of the short verbless formulas of conversation ("Hi Tom", "So sorry about the
wait", "Thanks for your patience"). Inside a clause, noun phrases are **linked**: to the verb (as
its subject or object), by a preposition or conjunction ("a refund *for* the fee"), or as a name
someone is addressed by. A string of keywords ("Marcus late fee the 3rd cut-off sorry we
understand you autopay reminder happy to help") has stretches that are none of these: noun
phrases juxtaposed with no verb or link between them, however many small words are mixed in.

The signal uses part-of-speech tags from NLTK's averaged perceptron tagger
(:mod:`autograder.rubric.language.tagger`; Penn Treebank tags), so it does not depend on capital
letters, punctuation or exact spelling: "sorry tom we charge you two times this is our mistake i
refund the money now" (lower case, no punctuation, non-native grammar) is still clauses.

Per sentence, the tagged tokens are cut into **segments** at punctuation, at conversational words
("sorry", "thanks", "please", "hi") and where a new subject starts a run-on clause ("... our mistake
i refund ..."). A segment is a clause when it has a subject before a verb (a bare singular noun
must agree with it: "billing brings" but not "frustration understand"), opens on a verb or on
"please", has an infinitive ("good instinct to be careful"), or is a formula ("sorry about the
wait"). Its words count as **fluent** unless they are a noun phrase juxtaposed to the previous one
with nothing linking them (a name or pronoun as the first object, as in "send Tom a card", a new
clause's subject and time words like "today" are allowed), a pile of three or more bare nouns, a
second verb straight after a verb that takes none ("refund resolve"), or a determiner with no noun
after it. A segment that is no clause counts as fluent when its parts are linked by a preposition
or conjunction ("three calls in one week with the line dropping every evening", judged as above),
when it is short (at most :data:`FRAGMENT_WORDS` words with a verb, determiner, adverb or
adjective: "Refund issued", "Not a scam"), or when it is a name addressed beside a clause ("Tom,
..."); otherwise all its words are stray. Two repairs make learner English read as it is meant: a
noun the tagger puts after "we"/"I" or a modal is a verb ("we value/NN you"), and apostrophe-less
contractions ("im", "dont", "its our") are spelled out before tagging.

Links can be abused too: keywords glued with prepositions ("sorry for frustration of refund with
delay on order for you") are all "linked", yet no clause holds them. English hangs only a few
prepositional phrases on one head before it needs a verb, and builds each of them on a determined
phrase ("the delay on your order"), not a bare keyword. So a **verb-free chain** (the tokens between
two verbs other than participles, sentence ends, colons or subordinators such as "while", "if",
"so"; commas do not end it) is scored: one point per preposition or "and"/"or" adding a noun
phrase and, when no verb hosts the chain (it opens the sentence or follows "sorry"), one more when
a preposition's object is a bare noun or a conversational word ("of refund", "in sorry"). A verb
takes several adjuncts, and learners drop articles after one ("you get refund on card in 3-5
days"); a verbless phrase must nest each new phrase in the last noun. A chain over
:data:`MAX_CHAIN` points is a string of keywords, and its words are stray. Real replies stay under
it, learner English with dropped articles included ("we talk at end of day about customer").
The **score** is the share of
fluent words among all words tagged (punctuation aside), in [0, 1]: ordinary replies score about
0.9-1.0, keyword strings below 0.7 even with a real clause mixed in; :data:`KEYWORD_LIST_BELOW` is
the suggested line.

Cost: tagging plus one pass, about 0.2-0.4 ms of CPU for a typical reply (cached per text); at
most :data:`MAX_WORDS` words are read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from autograder.rubric.language import tagger
from autograder.rubric.text import STOPWORDS, Analysis

MAX_WORDS = 200
FRAGMENT_WORDS = 3
KEYWORD_LIST_BELOW = 0.75  # a reply of 6+ words scoring under this is a keyword list, not sentences

_NOUN = frozenset("NN NNS NNP NNPS CD FW SYM $ #".split())
_PRONOUN = frozenset("PRP EX WP".split())
_DET = frozenset("DT PDT PRP$ POS WP$".split())
_ADJ = frozenset("JJ JJR JJS".split())
_VERB = frozenset("VB VBD VBG VBN VBP VBZ MD".split())
_FINITE = frozenset("VBD VBP VBZ MD".split())
_ADV = frozenset("RB RBR RBS RP".split())
_LINK = frozenset("IN TO CC WDT WRB".split())
# Closed classes: a word the tagger puts there that is no function word was forced there by
# a context that is not a sentence ("voucher/CC"); it is counted as the noun it is.
_CLOSED = frozenset("CC DT PDT IN TO PRP PRP$ MD WDT WP WP$ WRB EX POS".split())
_FUNCTION = STOPWORDS | frozenset(
    """'s 'm 're 've 'll 'd n't ca wo cannot unless although though whether since upon within without
    via per across behind beyond toward towards despite except like near onto past till than must shall
    might may could would should will can ought next last""".split()
)
# Auxiliaries that open a question ("Is there anything else...?", "Does the morning suit you?").
_QUESTION_OPENERS = frozenset(
    "is are was were am do does did has have had can could would will shall should may might must".split()
)
_PUNCT = frozenset(". , : ( ) `` '' -LRB- -RRB-".split())
# Words of conversation that may stand alone or open a new segment, whatever their tag.
_DISCOURSE = frozenset(
    """sorry thanks please hi hello hey dear ok okay yes no sure well oh again regards best cheers
    welcome congratulations great apologies fine alright right anyway""".split()
)
_SUBJECTS = frozenset("i we he she they".split())
_INDEFINITE = frozenset(
    """everybody everyone everything somebody someone something anybody anyone anything nobody nothing
    none""".split()
)
_OPENS_SEGMENT = frozenset("thank".split())
# Verbs a bare singular noun can be the subject of in plain or learner English ("refund is on its way").
_LIGHT_VERBS = frozenset(
    "is was be been will would can could should may might must has have had 's 'll 'd wo ca".split()
)
MAX_NOUN_RUN = 3
# Points a verb-free chain of prepositional phrases may reach (see the module docstring).
MAX_CHAIN = 6
# Words that open a clause, not a prepositional phrase: they end a verb-free chain.
_SUBORDINATORS = frozenset(
    "while if so because although though when until unless since whether that than as once whereas".split()
)
# Verbs that take a bare verb after them: auxiliaries and "let/help/make/go/come/please/try".
_DITRANSITIVE = frozenset(
    """give gives gave giving send sends sent sending offer offers offered offering owe owes owed show
    showed tell told email emailed pay paid lend lent grant granted issue issued get got buy bought
    book booked find found save saved bring brought promise promised leave left refund refunded
    credit credited""".split()
)
_PREDETERMINERS = frozenset("all both half such what quite".split())
_VERB_CHAINERS = frozenset(
    """be am is are was were been being do does did have has had 's 're 'm 've 'd 'll let help make
    go come please try dare need thank""".split()
)
_NAMES_SAFE = frozenset(["i", "i'm", "i've", "i'll", "i'd"])
_TIME = frozenset(
    """today tomorrow tonight yesterday now week weekend month morning afternoon evening night day
    days hour hours minute minutes moment time monday tuesday wednesday thursday friday saturday sunday
    asap""".split()
)
_TIME_PHRASE = _TIME | frozenset(
    "this next last every each the a one two three few morning business working".split()
)
_IMPERATIVE_OPENERS = frozenset("please let just kindly do don't".split())


@dataclass(frozen=True)
class SentenceFluency:
    """The fluency of one sentence.

    Attributes:
        sentence: the sentence as written.
        words: words tagged (punctuation aside).
        fluent: how many of them are in a clause and linked (see the module docstring).
        stray: the words that are not, as written, in order (evidence for feedback).
    """

    sentence: str
    words: int
    fluent: int
    stray: tuple[str, ...]

    @property
    def score(self) -> float:
        """``fluent / words`` in [0, 1] (1.0 for a sentence with no words)."""
        return self.fluent / self.words if self.words else 1.0


@dataclass(frozen=True)
class Fluency:
    """The fluency of a reply.

    Attributes:
        score: share of the reply's words that are in linked clauses, in [0, 1] (1.0 when empty).
        sentences: the per-sentence results, in order.
        stray: words that are not in a clause (at most 12, as written), for feedback.
    """

    score: float
    sentences: tuple[SentenceFluency, ...]
    stray: tuple[str, ...]


def _cls(word: str, tag: str) -> str:
    low = word.lower()
    if low in _DISCOURSE or tag == "UH":
        return "U"
    if low == "thank" or low in ("'d", "'ll", "'m", "'re", "'ve"):  # never nouns or possessives
        return "V"
    if tag in _PUNCT:
        return "."
    if tag in _CLOSED and low not in _FUNCTION:
        return "N"
    if tag in _VERB and low in STOPWORDS and low not in _QUESTION_OPENERS and low not in _VERB_CHAINERS:
        return "D" if low in ("that", "this", "these", "those", "which", "what") else "R"
    if tag in _PRONOUN or low in _INDEFINITE:
        return "P"
    if tag in _NOUN:
        return "N"
    if tag in _DET:
        return "D"
    if tag in _ADJ:
        return "A"
    if tag in _VERB:
        return "V"
    if tag in _ADV:
        return "R"
    if tag in _LINK:
        return "L"
    return "R"


def _classes(tagged: tuple[tuple[str, str], ...]) -> list[str]:
    """Coarse classes, with one repair of tags that a context forces: after a nominative pronoun
    or a modal, English has a verb, never a noun ("we value/NN you", "I'll book/NN a technician")."""
    out: list[str] = []
    prev_low = prev_tag = ""
    for i, (word, tag) in enumerate(tagged):
        c = _cls(word, tag)
        after_subject = bool(out) and out[-1] == "P" and prev_low in _SUBJECTS
        next_tag = tagged[i + 1][1] if i + 1 < len(tagged) else ""
        # "... and credit/NN your account", "to post/NN the form": a noun does not take an object
        coordinated = prev_tag in ("CC", "TO") and next_tag in ("DT", "PRP$", "PRP") and tag == "NN"
        if c == "N" and (((after_subject or prev_tag == "MD") and tag in ("NN", "NNS", "JJ")) or coordinated):
            c = "V"
        out.append(c)
        prev_low, prev_tag = word.lower(), tag
    return out


def _segments(tagged: tuple[tuple[str, str], ...]) -> list[list[tuple[str, str, str]]]:
    segments: list[list[tuple[str, str, str]]] = [[]]
    n = len(tagged)
    classes = _classes(tagged)
    only_adverbs = True  # the current segment is empty or adverbs only ("So sorry": keep together)
    for i, (word, tag) in enumerate(tagged):
        c = classes[i]
        if c == ".":
            segments.append([])
            only_adverbs = True
            continue
        cur = segments[-1]
        prev_c = cur[-1][2] if cur else ""
        low = word.lower()
        nxt = classes[i + 1] if i + 1 < n else ""
        if not only_adverbs and (
            (c == "U" and low not in ("no", "well", "right", "fine", "best", "great", "sure"))
            or low in _OPENS_SEGMENT
        ):
            # "sorry", "thanks", "please", "hi": a new segment of conversation
            segments.append([])
        elif low in _SUBJECTS and prev_c in ("N", "A", "R", "U") and nxt == "V" and cur:
            # a run-on: "... our mistake i refund the money"
            segments.append([])
        if not segments[-1]:
            only_adverbs = True
        segments[-1].append((word, tag, c))
        only_adverbs = only_adverbs and c == "R"
    return [s for s in segments if s]


def _subject_before(seg: list[tuple[str, str, str]], first: int, k: int) -> bool:
    """Whether the words before the verb at ``k`` end in a plausible subject."""
    j = k - 1
    while j >= first and (seg[j][2] == "R" or seg[j][1] == "MD"):
        j -= 1
    if j < first:
        return False
    _, tag, c = seg[j]
    if c == "P" or (c == "D" and tag == "DT"):  # "we charged", "this is"
        return True
    if c == "V" and tag == "VBG":  # a gerund: "billing brings it"
        return seg[k][1] == "VBZ"
    if c != "N":
        return False
    i = j
    while i > first and seg[i - 1][2] in "DAN":
        i -= 1
    phrase = seg[i : j + 1]
    if any(x[2] == "D" for x in phrase) or tag in ("NNS", "NNPS", "NNP", "CD"):
        return True
    # a bare singular noun agrees with "brings", "is", "will", "charged" ("refund is on its way",
    # "annual billing brings it down"), not with "understand" ("frustration understand")
    verb = seg[k]
    return verb[1] in ("VBZ", "VBD", "MD") or verb[0].lower() in _LIGHT_VERBS or seg[j + 1][1] == "MD"


def _is_clause(seg: list[tuple[str, str, str]], opening: bool = False) -> bool:
    classes = [c for _, _, c in seg]
    words = [w.lower() for w, _, _ in seg]
    first = 0
    while first < len(seg) and classes[first] == "U":
        first += 1
    if first == len(seg):
        return True  # "Thanks!", "Hi", "Sorry"
    rest = seg[first:]
    if len(rest) <= FRAGMENT_WORDS and (first or any(c in "VLDRA" for _, _, c in rest)):
        return True  # "Hi Tom", "Refund issued", "Not a scam", "Good news", "Frankly"
    # opens on a verb: "check your inbox", "please unplug it", "let's", "thank you"
    opener = seg[first][1] in ("VB", "VBP", "MD") or words[first] in _QUESTION_OPENERS
    # "Refunding the extra $89 now", "Booked for Friday": a clause with its subject left out, when it
    # opens the sentence (after "sorry", a participle is one more keyword)
    if classes[first] == "V" and seg[first][1] in ("VBG", "VBN") and opening and first == 0:
        opener = True
    if (classes[first] == "V" and opener) or (words[first] in _IMPERATIVE_OPENERS and first + 1 < len(seg)):
        return True
    if first and words[first - 1] == "please":
        return True
    # an adjunct or subordinate phrase: "With $89 of your rent money on the line", "so it ..."
    if classes[first] == "L":
        return True
    # a subject before a verb
    for k in range(first + 1, len(seg)):
        if classes[k] == "V" and seg[k][1] != "VBG" and _subject_before(seg, first, k):
            return True
        # an infinitive: "good instinct to be careful", "nice to meet you"
        if classes[k] == "V" and words[k - 1] == "to":
            return True
    # a formula: "sorry about the wait", "so sorry for the trouble", "happy to help"
    j = first
    while j < len(seg) and classes[j] == "R":
        j += 1
    return j + 1 < len(seg) and classes[j] in "AU" and classes[j + 1] == "L"


def _numeric(token: tuple[str, str, str]) -> bool:
    """A number or an amount ("3", "$89", "20GB"), whatever its tag."""
    return token[1] == "CD" or token[0][:1] in "$0123456789"


def _chunks(seg: list[tuple[str, str, str]]) -> tuple[list[tuple[int, int]], list[int]]:
    """Noun phrase chunks ``(start, end)`` (determiner/adjective/noun runs ending in a noun, and
    pronouns), and the indexes of determiners with no noun after them."""
    chunks: list[tuple[int, int]] = []
    dangling: list[int] = []
    n = len(seg)
    k = 0
    while k < n:
        c = seg[k][2]
        if c == "P":
            chunks.append((k, k))
            k += 1
            continue
        if c in "DAN":
            j = k
            nouns = int(c == "N" and not _numeric(seg[k]))
            while j + 1 < n and seg[j + 1][2] in "DAN":
                nxt = seg[j + 1][2]
                if seg[j + 1][1] == "POS" or seg[j][1] == "POS":
                    j += 1  # "a week's stay", "Tom's order"
                    continue
                if nxt == "D" and not (seg[j][2] == "D" and seg[j][0].lower() in _PREDETERMINERS):
                    break  # a determiner opens a phrase: "fee the", "how frustrating this is"
                if seg[j][2] == "N" and nxt == "A" and not _numeric(seg[j]):
                    break  # "fee the", "charge sorry": a new phrase
                if nxt == "N" and nouns >= MAX_NOUN_RUN:
                    break  # a pile of nouns
                nouns += nxt == "N" and not _numeric(seg[j + 1])
                j += 1
            if seg[j][2] == "N" or (seg[j][2] == "D" and j == k):
                chunks.append((k, j))
            elif seg[j][2] == "D":
                dangling.append(j)  # "the" with no noun: "fee the"
            k = j + 1
            continue
        k += 1
    return chunks, dangling


def _one_phrase(seg: list[tuple[str, str, str]]) -> bool:
    """Whether the segment is a single noun phrase (with adverbs around it): "3-5 business days"."""
    chunks, dangling = _chunks(seg)
    timeless = [
        (a, b) for a, b in chunks if not {w.lower() for w, _, _ in seg[a : b + 1]} & _TIME or len(chunks) == 1
    ]
    if len(timeless) != 1 or dangling:
        return False
    start, end = timeless[0]
    phrase = seg[start : end + 1]
    # a modified phrase ("two options", "a full refund"), not a bare keyword ("Refund.")
    if len(phrase) < 2 or not any(c in "DA" or t == "CD" for _, t, c in phrase):
        return False
    covered = {i for a, b in chunks for i in range(a, b + 1)}
    return all(c in "RU" for i, (_, _, c) in enumerate(seg) if i not in covered)


def _stray(seg: list[tuple[str, str, str]]) -> list[int]:
    """Indexes of words in a clause that nothing links: juxtaposed noun phrases, dangling determiners."""
    n = len(seg)
    chunks, out = _chunks(seg)
    # a pile of bare nouns with no determiner or modifier ("feelings frustration help")
    for s1, e1 in chunks:
        phrase = seg[s1 : e1 + 1]
        if e1 - s1 + 1 >= MAX_NOUN_RUN and all(t in ("NN", "NNS") for _, t, _ in phrase):
            out.extend(range(s1, e1 + 1))
    # two verbs in a row with no auxiliary or link between them ("refund resolve")
    for k in range(1, n):
        if seg[k][2] == "V" and seg[k - 1][2] == "V" and seg[k][1] not in ("VBG", "VBN"):
            first = seg[k - 1][0].lower()
            if first not in _VERB_CHAINERS and seg[k - 1][1] != "MD":
                out.append(k)
    for (s1, e1), (s2, e2) in pairwise(chunks):
        if s2 != e1 + 1:
            continue  # something links them
        first_words = {w.lower() for w, _, _ in seg[s1 : e1 + 1]}
        second_words = {w.lower() for w, _, _ in seg[s2 : e2 + 1]}
        if first_words <= _TIME_PHRASE or second_words <= _TIME_PHRASE:
            continue  # "send it today", "two charges this week": a time phrase modifies the clause
        before = seg[s1 - 1][2] if s1 else ""
        # "send you a card", "give Tom a refund": a name or pronoun as the first object
        if before == "V" and (seg[s1][2] == "P" or seg[e1][1] in ("NNP", "NNPS")) and s1 == e1:
            continue
        # verbs of giving take two objects: "give your whole family a free week"
        if before == "V" and seg[s1 - 1][0].lower() in _DITRANSITIVE:
            continue
        # "the order you placed", "two times this is": a new clause (relative or run-on) starts
        if e2 + 1 < n and seg[e2 + 1][2] == "V":
            continue
        out.extend(range(s2, e2 + 1))
    return sorted(set(out))


def _chained(tagged: tuple[tuple[str, str], ...], classes: list[str]) -> set[int]:
    """Indexes of the words in verb-free prepositional chains over :data:`MAX_CHAIN` points."""
    out: set[int] = set()
    n = len(tagged)

    def close(start: int, end: int, points: int) -> None:
        if points > MAX_CHAIN:
            out.update(i for i in range(start, end) if classes[i] not in ".U")

    start, points, hosted = 0, 0, False
    for i, ((word, tag), c) in enumerate(zip(tagged, classes, strict=True)):
        # a comma does not end a chain ("sorry for the charge, understanding of cut-off at 6 pm, ...")
        # and a participle is part of a phrase ("with tracking on ...", "the line dropping every evening")
        finite = c == "V" and tag not in ("VBG", "VBN")
        if (
            finite
            or (c == "." and word != ",")
            or word.lower() in _SUBORDINATORS
            or tag in ("WDT", "WRB", "WP")
        ):
            close(start, i, points)
            start, points, hosted = i + 1, 0, finite
            continue
        nxt = classes[i + 1] if i + 1 < n else ""
        # a preposition, or "and"/"or" joining one more noun phrase to the chain (not a new clause)
        if c == "L" and (tag in ("IN", "TO") or (tag == "CC" and nxt in ("D", "N", "A"))):
            points += 1
            j = i + 1
            while j < n and classes[j] == "R":
                j += 1
            if (
                not hosted
                and j < n
                and (
                    classes[j] == "U"
                    or (
                        classes[j] == "N"
                        and tagged[j][1] in ("NN", "NNS")
                        and not _numeric((*tagged[j], "N"))
                    )
                )
            ):
                points += 1  # a bare keyword as its object: "of refund", "in sorry"
    close(start, n, points)
    return out


_LABEL = re.compile(r"^\s*(?:[-*\u2022]\s*)?[A-Za-z][\w' ]{0,30}:\s+\S")


def _sentence_fluency(sentence: str, tagged: tuple[tuple[str, str], ...]) -> SentenceFluency:
    words = fluent = 0
    stray: list[str] = []
    segments = _segments(tagged)
    classes = _classes(tagged)
    chained = _chained(tagged, classes)
    # each segment's tokens as indexes into ``tagged`` (segments keep every token but punctuation)
    positions = iter(i for i, c in enumerate(classes) if c != ".")
    seg_index = [[next(positions) for _ in seg] for seg in segments]
    clauses = [_is_clause(seg, k == 0) for k, seg in enumerate(segments)]
    # three or more phrases side by side with no verb and no "and"/"or" anywhere: a list of keywords
    # ("the late fee, a double charge, the rent money"); "a refund, a voucher or store credit" is fine
    # ("Tom, so sorry about the double charge - our error": a formula of conversation is not one of them)
    content = [
        seg for seg in segments if any(c in "NADP" for _, _, c in seg) and not any(c == "U" for *_, c in seg)
    ]
    # A line's heading ("Network team: escalation of the drop-outs, today.") names what follows; it
    # is not one of a list of keywords.
    if _LABEL.match(sentence) and content and content[0] is segments[0]:
        content = content[1:]
    if (
        len(content) >= 3
        and not any(c == "V" for seg in segments for _, _, c in seg)
        and not any(t == "CC" for _, t in tagged)
    ):
        listed = True
    else:
        listed = False
    for seg, clause, where in zip(segments, clauses, seg_index, strict=True):
        size = len(seg)
        words += size
        if listed:
            stray.extend(w for w, _, c in seg if c != "U")
            fluent += sum(c == "U" for _, _, c in seg)
            continue
        vocative = size <= 2 and all(c in "NP" for _, _, c in seg) and sum(clauses) > 0
        # a phrase that is no clause but whose parts are linked: "three calls in one week with the
        # connection dropping every evening" (judged like a clause); one with no link at all is a list
        linked = size > FRAGMENT_WORDS and any(c == "L" for _, _, c in seg)
        # a sentence that is one noun phrase answers something ("Three to five business days."); inside
        # a longer sentence a counted or determined phrase of 3+ words is fine too ("three drops this week")
        phrase = _one_phrase(seg) and (
            len(segments) == 1 or (size >= 3 and any(c == "D" or t == "CD" for _, t, c in seg))
        )
        if clause or vocative or linked or phrase:
            bad = sorted(set(_stray(seg)) | {k for k, i in enumerate(where) if i in chained})
            fluent += size - len(bad)
            stray.extend(seg[k][0] for k in bad)
        else:
            stray.extend(w for w, _, c in seg if c != "U")
            fluent += sum(c == "U" for _, _, c in seg)
    return SentenceFluency(sentence, words, fluent, tuple(stray))


_CONTRACTIONS = {
    "im": "I'm", "ive": "I've", "youre": "you're", "dont": "don't", "doesnt": "doesn't", "didnt": "didn't",
    "cant": "can't", "isnt": "isn't", "arent": "aren't", "wasnt": "wasn't", "werent": "weren't",
    "thats": "that's", "theres": "there's", "couldnt": "couldn't", "wouldnt": "wouldn't",
    "shouldnt": "shouldn't", "havent": "haven't", "hasnt": "hasn't", "weve": "we've", "theyre": "they're",
}  # fmt: skip
_BARE_CONTRACTION = re.compile(
    r"\b(" + "|".join(_CONTRACTIONS) + r")\b|\b(its)(?= (?:our|my|your|the|a|an|not|ok|okay|done)\b)", re.I
)


def _sentence_case(sentence: str) -> str:
    """The sentence as the tagger reads it best: a capitalised first word lowered ("Thank you" is
    tagged like "thank you") and contractions written without an apostrophe ("im", "dont", "its
    our mistake") spelled out, as learners often type them."""
    sentence = _BARE_CONTRACTION.sub(lambda m: _CONTRACTIONS.get(m.group(0).lower(), "it's"), sentence)
    head, _, rest = sentence.partition(" ")
    if len(head) > 1 and head[0].isupper() and head[1:].islower() and head.lower() not in _NAMES_SAFE:
        return head.lower() + (" " + rest if rest else "")
    return sentence


@lru_cache(maxsize=4096)
def _fluency(sentences: tuple[str, ...]) -> Fluency:
    results = []
    budget = MAX_WORDS
    fragments = []  # bare phrases as sentences (not greetings or thanks): "Our refund."
    for s in sentences:
        if budget <= 0:
            break
        tagged = tagger.tag(_sentence_case(s))[:budget]
        result = _sentence_fluency(s, tagged)
        budget -= max(1, result.words)
        classes = _classes(tagged)
        bare = not any(c in "VL" for c in classes)  # no verb and no preposition or conjunction
        if classes and bare and classes[0] != "U" and any(c in "NAD" for c in classes):
            fragments.append(len(results))
        results.append(result)
    # An occasional fragment answers something; a reply built of them is a list of keywords.
    if len(fragments) >= 3 and len(fragments) * 2 > len(results):
        for k in fragments:
            r = results[k]
            words = tuple(w for w, t in tagger.tag(_sentence_case(r.sentence)) if _cls(w, t) not in ".U")
            results[k] = SentenceFluency(r.sentence, r.words, r.words - len(words), words)
    total = sum(r.words for r in results)
    score = sum(r.fluent for r in results) / total if total else 1.0
    stray = tuple(w for r in results for w in r.stray)[:12]
    return Fluency(round(score, 3), tuple(results), stray)


def fluency(reply: Analysis | str) -> Fluency:
    """How much of ``reply`` is made of linked clauses (see the module docstring).

    Args:
        reply: an :class:`Analysis` (its sentences are used) or a text.

    Returns:
        a :class:`Fluency` whose ``score`` is in [0, 1].

    Raises:
        autograder.nltkdata.MissingNltkData: the tagger model is not installed (run
        ``make nltk-data``).
    """
    if isinstance(reply, str):
        from autograder.rubric.text import analyse

        reply = analyse(reply)
    return _fluency(reply.sentences)
