"""How the rubric does on the families of replies it used to get wrong, next to the calibration figures.

Usage::

    .venv/bin/python bench/rubric_families.py [--families FILE ...]
                                              [--calibration ../shared/calibration/replies.jsonl] [--show]

By default the four labelled files are reported: ``families.jsonl`` (the implementers' own
examples), ``heldout.jsonl`` (replies written and labelled by a second engineer before the rubric
scored them, to judge it as an unseen set would) and ``meaning_replies.jsonl`` (replies to every
scenario, labelled before scoring: honest ones of every quality and gaming ones by keyword salad,
another scenario's reply, generic replies and irony through hyperbole) and ``heldout2.jsonl`` (90
replies written blind by a third engineer, who read only the scoring scale, the seeds and the
scenarios, and labelled them before any scoring: families ``honest`` and ``gaming``).

The families file holds the project's own labelled examples (never calibration replies), one JSON
object a line: ``family``, ``scenario``, ``label`` (0-4 on the calibration scale) and either
``reply`` or ``copy_of`` (the opening words of a reply the course itself prints, pasted from the
course files as they are now, with optional ``edits``: ``[old, new]`` pairs). For each family it
prints the rubric's mean band against the mean label, then Spearman and quadratic weighted kappa
over all family replies, then the calibration figures from :mod:`rubric_calibration`. Results are
also written to ``bench/results/rubric_families.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import rubric_calibration  # noqa: E402
from _stats import quadratic_kappa, spearman  # noqa: E402

FAMILIES = ROOT / "tests" / "autograder" / "rubric" / "families.jsonl"
HELDOUT = ROOT / "tests" / "autograder" / "rubric" / "heldout.jsonl"
MEANING = ROOT / "tests" / "autograder" / "rubric" / "meaning_replies.jsonl"
HELDOUT2 = ROOT / "tests" / "autograder" / "rubric" / "heldout2.jsonl"


def load_families(path: Path = FAMILIES) -> list[dict]:
    """The labelled family replies, with every ``copy_of`` resolved to the course's current text.

    Raises:
        ValueError: naming the line, when a ``copy_of`` is not found in the course files.
    """
    from autograder.rubric.copied import course_text

    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        if "copy_of" in row:
            text = course_text(row["copy_of"])
            if text is None:
                raise ValueError(f"{path}:{number}: no course text begins with {row['copy_of']!r}")
            for old, new in row.get("edits", ()):
                text = text.replace(old, new)
            row["reply"] = text
        rows.append(row)
    return rows


def score_families(rows: list[dict]) -> tuple[dict, list[dict]]:
    """Score every row; per-family mean band and label, and agreement over all rows."""
    from autograder import score_reply

    scored = []
    for row in rows:
        result = score_reply(row["scenario"], row["reply"])
        band = rubric_calibration.band(result.score)
        scored.append({**row, "score": result.score, "band": band, "flags": list(result.flags)})
    per_family: dict[str, dict] = {}
    for r in scored:
        f = per_family.setdefault(
            r["family"], {"n": 0, "band": 0.0, "label": 0.0, "exact": 0, "within_one": 0}
        )
        f["n"] += 1
        f["band"] += r["band"]
        f["label"] += r["label"]
        f["exact"] += r["band"] == r["label"]
        f["within_one"] += abs(r["band"] - r["label"]) <= 1
    for f in per_family.values():
        f["band"] /= f["n"]
        f["label"] /= f["n"]
    tricks = [r["score"] for r in scored if r["label"] == 0]
    figures = {
        "replies": len(scored),
        "spearman": spearman([r["score"] for r in scored], [r["label"] for r in scored]),
        "kappa": quadratic_kappa([r["band"] for r in scored], [r["label"] for r in scored], 5),
        "max_score_label_0": max(tricks) if tricks else float("nan"),
        "families": per_family,
    }
    return figures, scored


def report(path: Path, show: bool = False) -> dict | None:
    """Print the per-family table for one labelled file; its figures, or ``None`` after an error."""
    if not path.is_file():
        print(f"error: no families file at {path}", file=sys.stderr)
        return None
    try:
        rows = load_families(path)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None
    figures, scored = score_families(rows)
    if show:
        for r in sorted(scored, key=lambda r: (r["family"], r["scenario"])):
            print(
                f"{r['family']:<12} {r['scenario']:<26} label {r['label']} band {r['band']} "
                f"{r['score']:.3f} {','.join(r['flags'])}"
            )
        print()
    print(f"Families: {figures['replies']} labelled replies from {path}")
    print(f"{'family':<14}{'n':>3}{'rubric band':>13}{'label':>8}{'exact':>8}{'within 1':>10}")
    for name, f in sorted(figures["families"].items()):
        print(
            f"{name:<14}{f['n']:>3}{f['band']:>13.2f}{f['label']:>8.2f}{f['exact'] / f['n']:>8.0%}"
            f"{f['within_one'] / f['n']:>10.0%}"
        )
    print(f"Spearman {figures['spearman']:.3f}   quadratic weighted kappa {figures['kappa']:.3f}")
    print(f"Highest score of a reply labelled 0: {figures['max_score_label_0']:.3f}")
    print()
    return {"source": str(path), "figures": figures, "replies": scored}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--families",
        action="append",
        help="labelled family replies (JSON lines); repeat for more (default: the four files above)",
    )
    parser.add_argument(
        "--calibration", default=str(rubric_calibration.DEFAULT), help="calibration replies (JSON lines)"
    )
    parser.add_argument("--show", action="store_true", help="list every family reply with its label and band")
    args = parser.parse_args(argv)
    paths = [Path(p) for p in args.families] if args.families else [FAMILIES, HELDOUT, MEANING, HELDOUT2]
    results = []
    for path in paths:
        result = report(path, args.show)
        if result is None:
            return 2
        results.append(result)
    calibration = Path(args.calibration)
    if calibration.is_file():
        rubric_calibration.main([str(calibration)])
    else:
        print(f"(no calibration file at {calibration}; pass --calibration)")
    out_dir = ROOT / "bench" / "results"
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "rubric_families.json").write_text(json.dumps({"files": results}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
