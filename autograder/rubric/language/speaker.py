"""Speaker: phrases in which a reply speaks *as* the person instead of to them.

An agent says "you" to the person and "we" for the company. Text written in the person's own voice
turns both round: it claims the person's facts as its own and calls the company "you". Kinds of
claim, each found outside quotation marks and outside hypotheticals ("I'd feel let down too", "if
my price went up like that", "as a parent myself"), where an agent may borrow the first person:

* **their possessions**: "my" before a word of the person's message ("my subscription", "my son's
  birthday", "my rent") or a noun only a customer owns in a complaint ("my loyalty", "my money
  back", "my order"), but not before what an agent has ("my manager", "my apologies", "my name");
* **their first-person facts**: a clause with "I"/"we" whose verb and one more content word are
  those of one of the message's own first-person clauses ("I've been a member for two years", "I
  paid $12 for express shipping"); an agent's "I've refunded the $89" or "I know you paid $12" keeps
  its own verb;
* **their grievance**: "I feel disrespected", "I'm being ripped off", "I feel let down": a feeling
  of being wronged, which only the person has about the company;
* **the company as "you"**: "been with you for six years", "how you treat loyal customers", "your
  company", "I expect you to", "as a customer who...".

:func:`claims` returns them; :mod:`autograder.rubric.addressee` decides how many make a reply
written in the wrong voice. Cost: a few regular expressions per reply and one per scenario (cached).
"""

from __future__ import annotations

import re
from functools import lru_cache

from autograder.rubric.text import GENERIC, STOPWORDS, Analysis, analyse, sentences, stem, words

_I = re.IGNORECASE

_QUOTED = re.compile(r'"[^"\n]{1,300}"')
# An agent borrows the first person to imagine the person's place, not to claim it.
_HYPOTHETICAL = re.compile(
    r"\b(?:if|i'?d|would|imagine|imagining|myself|in your (?:shoes|place|position)|were me|like you)\b", _I
)
_CUSTOMER_NOUNS = (
    r"loyalty|money|money back|refund|order|orders|account|subscription|membership|bill|booking|payment|"
    r"parcel|package|statement|contract|custom|business"
)
_GRIEVANCE = re.compile(
    r"\bI(?:'m| am| feel| felt|'ve been| have been| was| keep being| get)(?: "
    r"(?:so|very|really|just|completely|"
    r"totally|utterly|deeply|frankly|honestly|being))* (?:disrespected|let down|cheated|ignored|betrayed|"
    r"taken for granted|ripped off|undervalued|unappreciated|insulted|scammed|robbed|mistreated|penali[sz]ed|"
    r"punished|fobbed off|misled|deceived|blindsided|overcharged|treated (?:unfairly|badly|like))\b",
    _I,
)
_COMPANY_AS_YOU = re.compile(
    r"\bI(?:'ve| have)? (?:been|stayed|shopped|banked|ordered|bought|subscribed|paid|spent)"
    r"(?: [\w$.']+){0,3}? (?:with|from) you\b"
    r"|\bhow you treat\b|\byou treat (?:me|your|loyal|long|customers|people)\b"
    r"|\byour (?:(?:loyal|long-?standing|long-?time|regular|paying|existing) )+customers\b|\byour company\b"
    r"|\byou people\b|\bI (?:expect|demand|insist that) you\b|\bI demand\b"
    r"|\byou (?:owe|robbed|scammed|cheated|overcharged|ripped off) (?:me|us)\b"
    r"|\bas a (?:(?:loyal|long-?time|long-?standing|regular|paying|faithful) )*(?:customer|member|subscriber|"
    r"client)(?: of(?! (?:our|the|this|my) )| who| for| since| with|,)",
    _I,
)
# What an agent has too: "my manager", "my apologies", "my mistake", "my job is to...".
_AGENTS_OWN = frozenset(
    stem(w)
    for w in """manager supervisor team colleague colleagues name apologies apology job mistake fault side end
    guess understanding opinion view best pleasure advice shift role lead""".split()
)
_SUBJECT = frozenset("i i'm i've we we've we're".split())
_SKIP = frozenset(
    """just really already still also honestly seriously never even actually only literally have has had
    do did does am was been be is are were 've 'm""".split()
)
_BE = frozenset("am was been be is are were i'm we're".split())
_CLAUSE_END = re.compile(r"[,;:.!?()]| - |\b(?:but|because|so|and then|although|though|while|when)\b", _I)
_OTHER_PERSON = frozenset(
    "you your you're you've you'll yours us our he she they his her their him them it it's".split()
)


def _first_person_clauses(text: str, stop_at_you: bool) -> list[tuple[str, frozenset[str]]]:
    """(head verb stem, other content stems) of each clause whose subject is "I" or "we".

    The head is the first word after the subject, its auxiliaries and adverbs ("I've just *paid*"); a
    form of "be" before a noun or adjective heads with it ("I'm on a *pension*" -> "be:pension"). With
    ``stop_at_you`` the clause ends at the first word about somebody else ("I know *you* paid").
    """
    out = []
    for piece in _CLAUSE_END.split(text):
        toks = list(words(piece))
        for i, tok in enumerate(toks):
            if tok not in _SUBJECT:
                continue
            rest = toks[i + 1 :]
            if stop_at_you:
                cut = next((j for j, w in enumerate(rest) if w in _OTHER_PERSON), len(rest))
                rest = rest[:cut]
            j, be = 0, tok in _BE
            while j < len(rest) and (rest[j] in _SKIP or rest[j].endswith("ly")):
                be = be or rest[j] in _BE
                j += 1
            if j < len(rest) and rest[j] not in STOPWORDS and (not be or rest[j].endswith(("ing", "ed"))):
                head, j = stem(rest[j]), j + 1
            elif (
                be
                and (k := next((k for k in range(j, len(rest)) if rest[k] not in STOPWORDS), None))
                is not None
            ):
                head, j = "be:" + stem(rest[k]), k + 1
            else:
                continue
            others = frozenset(stem(w) for w in rest[j:] if w not in STOPWORDS and stem(w) not in GENERIC)
            out.append((head, others))
            break
    return out


@lru_cache(maxsize=256)
def _message_side(message: str) -> tuple[frozenset[str], tuple[tuple[str, frozenset[str]], ...]]:
    """The words of the message a customer can call "my", and its first-person clauses."""
    clauses = tuple(c for s in sentences(message) for c in _first_person_clauses(s, stop_at_you=False))
    owned = frozenset(stem(w) for w in words(message) if w not in STOPWORDS and not w[:1].isdigit())
    return owned - GENERIC - _AGENTS_OWN, clauses


def claims(reply: Analysis, message: Analysis) -> tuple[str, ...]:
    """Phrases in ``reply`` that speak as the person whose ``message`` it answers (see module doc)."""
    owned, theirs = _message_side(message.text)
    out: list[str] = []
    for sentence in analyse(_QUOTED.sub(" ", reply.text)).sentences:
        if _HYPOTHETICAL.search(sentence):
            continue
        toks = words(sentence)
        for i, tok in enumerate(toks[:-1]):
            if tok == "my" and (
                {stem(w) for w in toks[i + 1 : i + 3]} & owned
                or re.fullmatch(_CUSTOMER_NOUNS, toks[i + 1])
                or re.fullmatch(_CUSTOMER_NOUNS, " ".join(toks[i + 1 : i + 3]))
            ):
                out.append(" ".join(toks[i : i + 3]))
        for head, others in _first_person_clauses(sentence, stop_at_you=True):
            if any(head == h and (len(others & o) >= 2 or head.startswith("be:")) for h, o in theirs):
                out.append(sentence)
        out.extend(m.group(0) for m in _GRIEVANCE.finditer(sentence))
        out.extend(m.group(0) for m in _COMPANY_AS_YOU.finditer(sentence))
    return tuple(out)
