"""Copied text: replies that are (nearly) the same as text the course prints, or as another learner's.

**The course index.** ``make setup`` (``python -m autograder.rubric.copied``) reads every file the
course shows learners, found by glob under the course directory (:data:`SOURCES`: the release
notebooks, the role-play scripts and the model answers), cuts each cell, role-play line or
paragraph into word *shingles* (runs of :data:`SHINGLE` words) and stores only their salted
hashes, in :data:`INDEX_PATH` inside this package (generated and git-ignored, so it travels with
the ``autograder`` package into the grading sandbox and ships no readable answer). A new worked
example in a notebook is covered by the next ``make setup`` without code changes. When the index
is missing it is built on first use from whatever course files exist (kept in memory when the
package is read-only).

Shingles of the scenario catalogue's own text (customer messages, offers, key facts, policy facts)
are left out: learners are asked to use those facts, and repeating the customer's words is the echo
check's business, not copying.

**A copied reply** (:func:`copied_problem`) is one where at least :data:`COPIED_SHARE` of its
shingles come from one passage of course text printed for the same scenario (each passage, and
each quoted reply inside one, is labelled at build time with the catalogue scenario it is about:
:func:`autograder.rubric.relevance.best_scenario`); it is capped at :data:`COPIED_CAP` (band 0)
with "write it in your own words" feedback. A worked example for another situation, pasted, is
the relevance check's business.

**Edited copies.** Synonyms swapped every few words, filler words inserted, sentences reordered,
contractions expanded or the name and figures changed all break exact shingles, so each passage also
keeps, per sentence, the salted hashes of its word *pairs* (adjacent tokens after
:func:`align_tokens`: stems, contractions expanded, names and figures made placeholders; pairs from
the scenario catalogue left out). A reply is also copied when, aligning each passage sentence with
the reply in order (:class:`difflib.SequenceMatcher`, sentence by sentence so reordering does not
help), at least :data:`EDITED_SHARE` of the passage's pairs and at least :data:`EDITED_MIN_PAIRS` of
them are found (:func:`edited_match`). The share is of the *passage*, so padding the copy with other
text does not dilute it; honest replies to the same person share facts and stock phrases, but not
most of a course reply's word pairs in its order.

**Learners with near-identical replies** (:func:`similar_groups`) are grouped for the instructor
(``python -m course report`` and the export) when their shingle sets overlap by at least
:data:`SIMILAR_JACCARD`.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import itertools
import json
import re
import sys
from collections.abc import Hashable, Iterable, Mapping
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from autograder.rubric.canonical import canonical
from autograder.rubric.checks import Problem
from autograder.rubric.relevance import best_scenario
from autograder.rubric.text import normalise, sentences, stem, words

PACKAGE = Path(__file__).resolve().parent
COURSE_ROOT = PACKAGE.parent.parent
INDEX_PATH = PACKAGE / "course_index.json"
#: Globs (relative to the course directory) of the text the course prints for learners.
# The data files released beside the notebooks (labelled example replies, transcripts) are printed to
# learners as much as the notebooks' own cells are.
SOURCES = (
    "release/**/*.ipynb",
    "release/**/*.csv",
    "release/**/*.json",
    "course/roleplays/*.yaml",
    "source/*/model-answers/*.md",
)
SHINGLE = 4
_SALT = b"empathy-course-index-v4"
COPIED_SHARE = 0.5
MIN_SHINGLES = 6
COPIED_CAP = 0.1
SIMILAR_JACCARD = 0.6
MAX_SIMILAR_CHARS = 40_000
EDITED_SHARE = 0.65
EDITED_MIN_PAIRS = 16


def shingles(text: str, size: int = SHINGLE) -> frozenset[int]:
    """Salted 64-bit hashes of the runs of ``size`` words in ``text`` (lower case, punctuation dropped)."""
    toks = [w.replace("'", "") for w in words(normalise(text))]  # "I'm" and "im" are the same word here
    out = set()
    for i in range(len(toks) - size + 1):
        digest = hashlib.blake2b(" ".join(toks[i : i + size]).encode(), digest_size=8, key=_SALT).digest()
        out.add(int.from_bytes(digest, "big"))
    return frozenset(out)


# Contractions written out, so "I'm" and "I am" are the same words to the edited-copy check.
_CONTRACTED = {
    "won't": ("will", "not"),
    "can't": ("can", "not"),
    "shan't": ("shall", "not"),
    "let's": ("let", "us"),
}
_SUFFIXES = (("n't", "not"), ("'re", "are"), ("'ve", "have"), ("'ll", "will"), ("'d", "would"), ("'m", "am"))


@lru_cache(maxsize=1)
def _person_names() -> frozenset[str]:
    from autograder.rubric.scenario import load_catalogue

    return frozenset(w for s in load_catalogue().values() for w in words(s.customer_name))


def align_tokens(text: str) -> list[str]:
    """The tokens the edited-copy check aligns: stems, contractions written out, "@" for a catalogue
    person's name and "#" for a figure (so changing the name or the amount changes nothing)."""
    names = _person_names()
    out: list[str] = []
    for w in words(normalise(text)):
        if w in _CONTRACTED:
            out.extend(_CONTRACTED[w])
            continue
        tail = ()
        for suffix, full in _SUFFIXES:
            if w.endswith(suffix) and len(w) > len(suffix):
                w, tail = w[: -len(suffix)], (full,)
                break
        out.append("@" if w in names else "#" if w[:1] in "$0123456789" else stem(w))
        out.extend(tail)
    return out


def _pair_hash(a: str, b: str) -> int:
    digest = hashlib.blake2b(f"{a} {b}".encode(), digest_size=4, key=_SALT).digest()
    return int.from_bytes(digest, "big")


def sentence_pairs(text: str) -> list[list[int]]:
    """For each sentence of ``text``, the salted 32-bit hashes of its adjacent token pairs, in order."""
    out = []
    for sentence in sentences(normalise(text)):
        toks = align_tokens(sentence)
        out.append([_pair_hash(toks[i], toks[i + 1]) for i in range(len(toks) - 1)])
    return out


# ------------------------------------------------------------------------------ sources


def _notebook_passages(path: Path) -> Iterable[str]:
    import nbformat

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.source.strip():
            yield cell.source


def _yaml_strings(value: object) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _yaml_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _yaml_strings(item)


def _yaml_passages(path: Path) -> Iterable[str]:
    import yaml

    yield from _yaml_strings(yaml.safe_load(path.read_text(encoding="utf-8")))


def _csv_passages(path: Path) -> Iterable[str]:
    import csv

    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle):
            yield from (cell for cell in row if cell.strip())


def _json_passages(path: Path) -> Iterable[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return
    yield from _yaml_strings(data)


def _markdown_passages(path: Path) -> Iterable[str]:
    yield from (p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip())


def course_files(root: Path | None = None) -> list[Path]:
    """Every course file the index reads, found by :data:`SOURCES` under ``root`` (default the course)."""
    root = COURSE_ROOT if root is None else root
    return sorted({p for pattern in SOURCES for p in root.glob(pattern) if p.is_file()})


def _passages(path: Path) -> Iterable[str]:
    if path.suffix == ".ipynb":
        return _notebook_passages(path)
    if path.suffix in (".yaml", ".yml"):
        return _yaml_passages(path)
    if path.suffix == ".csv":
        return _csv_passages(path)
    if path.suffix == ".json":
        return _json_passages(path)
    return _markdown_passages(path)


@lru_cache(maxsize=2)
def _course_passages(root: Path) -> tuple[str, ...]:
    return tuple(p for path in course_files(root) for p in _passages(path))


def course_text(prefix: str, root: Path = COURSE_ROOT) -> str | None:
    """The passage of course text that begins with ``prefix``, up to its closing quote or paragraph end.

    Used by tests and benchmarks to paste exactly what the course prints (so they follow the course
    when its examples change); ``None`` when no course file has it.
    """
    want = " ".join(prefix.split())
    for passage in _course_passages(root):
        flat = " ".join(re.sub(r"(?m)^\s*>\s?", "", passage).replace("\\", "").split())
        flat = re.sub(r"\s>\s", " ", flat)
        at = flat.find(want)
        if at >= 0:
            rest = flat[at:]
            end = re.search(r'["\u201d](?:\s|$|[|*)])|\s\|\s', rest)
            return rest[: end.start()] if end else rest
    return None


def _catalogue_texts() -> Iterable[str]:
    from autograder.rubric.scenario import load_catalogue

    for scenario in load_catalogue().values():
        yield from (
            scenario.customer_message,
            *scenario.what_we_can_offer,
            *scenario.key_facts,
            *scenario.policy_facts,
        )


def _message_shingles() -> frozenset[int]:
    out: set[int] = set()
    for text in _catalogue_texts():
        out |= shingles(text)
    return frozenset(out)


def _message_pairs() -> frozenset[int]:
    return frozenset(h for text in _catalogue_texts() for sentence in sentence_pairs(text) for h in sentence)


def build_index(root: Path | None = None) -> dict:
    """The index of ``root``'s course text (default :data:`COURSE_ROOT`).

    Returns ``{"format": ..., "shingle": n, "passages": [{"source", "scenario", "hashes", "pairs"}]}``:
    one passage per notebook cell, role-play line or paragraph, and one per quoted reply inside it;
    ``scenario`` is the catalogue scenario the passage is about (``None`` when it is about none;
    :func:`autograder.rubric.relevance.best_scenario`); ``pairs`` holds, per sentence, the hashed
    word pairs of :func:`sentence_pairs` that are not in the scenario catalogue.

    Raises:
        ValueError: naming the file, when a course file cannot be read.
    """
    root = COURSE_ROOT if root is None else root
    skip = _message_shingles()
    skip_pairs = _message_pairs()
    passages = []
    for path in course_files(root):
        try:
            parts = list(_passages(path))
        except Exception as exc:  # nbformat, yaml and OS errors: name the file and carry on
            raise ValueError(f"{path}: cannot be read for the course index ({exc})") from None
        rel = path.relative_to(root) if path.is_relative_to(root) else path
        for number, text in enumerate(parts, start=1):
            # the whole cell or line, and each quoted reply inside it on its own
            for k, piece in enumerate((text, *_quoted(text))):
                hashes = shingles(piece) - skip
                if len(hashes) >= MIN_SHINGLES:
                    pairs = [[h for h in sent if h not in skip_pairs] for sent in sentence_pairs(piece)]
                    passages.append(
                        {
                            "source": f"{rel}#{number}" + (f".{k}" if k else ""),
                            "scenario": best_scenario(piece),
                            "hashes": sorted(hashes),
                            "pairs": [p for p in pairs if p],
                        }
                    )
    return {"format": _SALT.decode(), "shingle": SHINGLE, "passages": passages}


_QUOTED = re.compile(r'"([^"]{40,}?)"|\u201c([^\u201d]{40,}?)\u201d')


def _quoted(text: str) -> list[str]:
    """The quoted stretches of ``text`` long enough to be a reply (the course prints replies in quotes)."""
    flat = re.sub(r"(?m)^\s*>\s?", "", text).replace("\\", "")
    return [a or b for a, b in _QUOTED.findall(flat)]


def write_index(root: Path = COURSE_ROOT, path: Path = INDEX_PATH) -> Path:
    """Build the index of ``root`` and write it to ``path`` (atomically)."""
    data = build_index(root)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    tmp.replace(path)
    _index.cache_clear()
    _inverted.cache_clear()
    _pairs_by_scenario.cache_clear()
    return path


@lru_cache(maxsize=2)
def _index(path: Path = INDEX_PATH) -> tuple[tuple[str, str | None, frozenset[int], tuple], ...]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("shingle") != SHINGLE or data.get("format") != _SALT.decode():
            raise ValueError("made by another version of this module")
    except (OSError, ValueError, AttributeError):
        try:
            data = build_index()
        except ValueError:
            return ()
        with contextlib.suppress(OSError):  # a read-only package (the grading sandbox) keeps it in memory
            path.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    return tuple(
        (p["source"], p.get("scenario"), frozenset(p["hashes"]), tuple(tuple(x) for x in p.get("pairs", ())))
        for p in data.get("passages", ())
    )


@lru_cache(maxsize=2)
def _pairs_by_scenario(path: Path = INDEX_PATH) -> dict[str | None, list[tuple[str, tuple, frozenset, int]]]:
    """Per scenario: each passage's source, per-sentence pairs, all its pairs, and how many."""
    out: dict[str | None, list] = {}
    for source, scenario, _, pairs in _index(path):
        flat = [h for sentence in pairs for h in sentence]
        if len(flat) >= EDITED_MIN_PAIRS:
            out.setdefault(scenario, []).append((source, pairs, frozenset(flat), len(flat)))
    return out


def _aligned(sentence: tuple[int, ...], mine: list[int]) -> int:
    """How many of ``sentence``'s pairs ``mine`` has in the same order, a swapped word forgiven.

    One word swapped for a synonym removes the two pairs it is in; a gap of at most two pairs between
    matched stretches, the same length on both sides give or take one (a word swapped for two), counts
    as matched.
    """
    blocks = [
        b for b in SequenceMatcher(None, sentence, mine, autojunk=False).get_matching_blocks() if b.size
    ]
    found = sum(b.size for b in blocks)
    for before, after in itertools.pairwise(blocks):
        gap_passage = after.a - before.a - before.size
        gap_reply = after.b - before.b - before.size
        if 1 <= gap_passage <= 2 and gap_passage - 1 <= gap_reply <= gap_passage + 2:
            found += gap_passage
    return found


def edited_match(text: str, scenario: str, path: Path = INDEX_PATH) -> tuple[float, int, str]:
    """How much of one course passage about ``scenario`` ``text`` reproduces, allowing edits.

    Returns ``(share, pairs, source)``: the largest share of a passage's word pairs
    (:func:`sentence_pairs`) found in ``text`` in the passage's order (each passage sentence aligned
    with the whole reply; a word swapped for a synonym forgiven), how many pairs that is, and the
    passage's source.
    """
    mine = [h for sentence in sentence_pairs(text) for h in sentence]
    if len(mine) < MIN_SHINGLES:
        return 0.0, 0, ""
    have = set(mine)
    best = (0.0, 0, "")
    for source, pairs, flat, total in _pairs_by_scenario(path).get(scenario, ()):
        if len(flat & have) < EDITED_MIN_PAIRS * EDITED_SHARE:
            continue
        found = sum(_aligned(sentence, mine) for sentence in pairs if have.intersection(sentence))
        if found / total > best[0]:
            best = (found / total, found, source)
    return best


@lru_cache(maxsize=1)
def _inverted(path: Path = INDEX_PATH) -> dict[int, tuple[int, ...]]:
    out: dict[int, list[int]] = {}
    for i, (_, _, hashes, _) in enumerate(_index(path)):
        for h in hashes:
            out.setdefault(h, []).append(i)
    return {h: tuple(v) for h, v in out.items()}


def course_match(text: str, path: Path = INDEX_PATH, scenario: str | None = None) -> tuple[float, str]:
    """The largest share of ``text``'s shingles found in one course passage, and that passage's source.

    With ``scenario`` (an id), only passages about that scenario count: a worked example for
    somebody else is the relevance check's business.
    """
    mine = shingles(text)
    if len(mine) < MIN_SHINGLES:
        return 0.0, ""
    counts: dict[int, int] = {}
    inverted = _inverted(path)
    passages = _index(path)
    for h in mine:
        for i in inverted.get(h, ()):
            if scenario is None or passages[i][1] == scenario:
                counts[i] = counts.get(i, 0) + 1
    if not counts:
        return 0.0, ""
    best = max(counts, key=counts.get)
    return counts[best] / len(mine), passages[best][0]


def copied_problem(text: str, scenario: str | None = None) -> Problem | None:
    """A reply (nearly) the same as a reply the course itself prints (for ``scenario``, when given).

    Exact shingles (:func:`course_match`) find a pasted reply; with ``scenario``, word pairs aligned in
    order (:func:`edited_match`) find an edited one.
    """
    share, _ = course_match(text, scenario=scenario)
    if share < COPIED_SHARE and scenario is not None:
        edited, pairs, _ = edited_match(text, scenario)
        if edited >= EDITED_SHARE and pairs >= EDITED_MIN_PAIRS:
            share = edited
    if share >= COPIED_SHARE:
        return Problem(
            "copied",
            COPIED_CAP,
            "This reply is copied from the course's own examples; "
            "write it in your own words for this person.",
        )
    return None


# ---------------------------------------------------------------------- between learners


def similar_groups(texts: Mapping[Hashable, str], threshold: float = SIMILAR_JACCARD) -> list[list[Hashable]]:
    """Groups of keys whose texts are near-identical (shingle Jaccard >= ``threshold``), largest first.

    Texts are compared as a reader sees them (:func:`autograder.rubric.canonical.canonical`); texts
    too short to judge (under :data:`MIN_SHINGLES` shingles) are left out. Keys in a group are
    in the order ``texts`` gives them.
    """
    sets = {
        k: s
        for k, t in texts.items()
        if isinstance(t, str) and len(s := shingles(canonical(t[:MAX_SIMILAR_CHARS]).text)) >= MIN_SHINGLES
    }
    keys = list(sets)
    parent = {k: k for k in keys}

    def find(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    postings: dict[int, list[int]] = {}
    for i, k in enumerate(keys):
        for h in sets[k]:
            postings.setdefault(h, []).append(i)
    for i, k in enumerate(keys):
        shared: dict[int, int] = {}
        for h in sets[k]:
            for j in postings[h]:
                if j > i:
                    shared[j] = shared.get(j, 0) + 1
        for j, n in shared.items():
            other = keys[j]
            if n / (len(sets[k]) + len(sets[other]) - n) >= threshold:
                parent[find(other)] = find(k)
    groups: dict[Hashable, list[Hashable]] = {}
    for k in keys:
        groups.setdefault(find(k), []).append(k)
    return sorted((g for g in groups.values() if len(g) > 1), key=len, reverse=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m autograder.rubric.copied",
        description="Build the hashed index of course text that the rubric's copied-text check uses.",
    )
    parser.add_argument("--root", default=str(COURSE_ROOT), help="the course directory (default: this one)")
    parser.add_argument("--out", default=str(INDEX_PATH), help="where to write the index")
    args = parser.parse_args(argv)
    try:
        path = write_index(Path(args.root), Path(args.out))
    except (ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    data = json.loads(path.read_text(encoding="utf-8"))
    files = len(course_files(Path(args.root)))
    print(f"course index: {len(data['passages'])} passages from {files} files -> {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
