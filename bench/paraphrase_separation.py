"""Can a heavy paraphrase of a course worked example be told from an honest reply to the same person?

Usage::

    .venv/bin/python bench/paraphrase_separation.py [--calibration ../shared/calibration/replies.jsonl]

For each worked example the families file pastes (``copy_of``), three heavy paraphrases are made
(every third word replaced by a word of its own, at each of the three offsets) and two measures are
printed for them and for the honest replies to the same scenario (labelled 2 or more, copies left
out): ``edited``, the rubric's own edited-copy share (:func:`autograder.rubric.copied.edited_match`),
and ``order``, the share of the example's *own* words (content stems that are not the scenario's
terms) found in the reply in the example's order. When the honest replies' top values reach the
paraphrases' range, no threshold on these measures separates them without false positives.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from autograder.rubric import copied  # noqa: E402
from autograder.rubric.relevance import terms  # noqa: E402
from autograder.rubric.scenario import load_scenario  # noqa: E402
from autograder.rubric.text import STOPWORDS, stem  # noqa: E402

TESTS = ROOT / "tests" / "autograder" / "rubric"
_SMALL = {stem(w) for w in STOPWORDS}


def heavy(text: str, offset: int) -> str:
    """``text`` with every third word (from ``offset``) replaced by a word no other text has."""
    count = 0

    def swap(m: re.Match) -> str:
        nonlocal count
        count += 1
        nonce = "zq" + "".join("abcdefghij"[int(d)] for d in str(count))
        return nonce if (count + offset) % 3 == 0 else m.group(0)

    return re.sub(r"[A-Za-z']+", swap, text)


def own_words(text: str, scenario: str) -> list[str]:
    scenario_terms = terms(load_scenario(scenario))
    return [
        t
        for t in copied.align_tokens(text)
        if t not in _SMALL and len(t) > 1 and t not in scenario_terms and t not in "@#"
    ]


def order_share(example: str, reply: str, scenario: str) -> float:
    a, b = own_words(example, scenario), own_words(reply, scenario)
    if not a:
        return 0.0
    blocks = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return sum(x.size for x in blocks) / len(a)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calibration", help="also measure the calibration replies (labelled 2+)")
    args = parser.parse_args()
    examples, honest = [], {}
    for name in ("families.jsonl", "heldout.jsonl", "meaning_replies.jsonl", "own_replies.jsonl"):
        for line in (TESTS / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line) if line.strip() else {}
            if "copy_of" in row and (text := copied.course_text(row["copy_of"])):
                if (row["scenario"], text) not in examples:
                    examples.append((row["scenario"], text))
            elif (
                "reply" in row
                and row.get("family") != "copied"
                and (row.get("label", row.get("low")) or 0) >= 2
            ):
                honest.setdefault(row["scenario"], []).append(row["reply"])
    if args.calibration:
        for line in Path(args.calibration).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row["human"] >= 2:
                honest.setdefault(row["scenario"], []).append(row["reply"])
    for scenario, text in examples:
        paras = [heavy(text, k) for k in range(3)]
        p = [(copied.edited_match(x, scenario)[0], order_share(text, x, scenario)) for x in paras]
        h = sorted(
            (
                (order_share(text, x, scenario), copied.edited_match(x, scenario)[0])
                for x in honest.get(scenario, ())
            ),
            reverse=True,
        )[:2]
        print(
            f"{scenario:20} own words {len(own_words(text, scenario)):2}  paraphrases (edited, order) "
            + " ".join(f"({a:.2f}, {b:.2f})" for a, b in p)
            + "  top honest (order, edited) "
            + " ".join(f"({a:.2f}, {b:.2f})" for a, b in h)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
