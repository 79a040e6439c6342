"""How well the tone criterion's politeness signal agrees with people on the Stanford Politeness Corpus.

Usage::

    .venv/bin/python bench/politeness.py [wikipedia.annotated.csv] [--json]

Computes the Spearman correlation between
:func:`autograder.rubric.criteria.tone.politeness` and the corpus's ``Normalized Score``
(4,353 Wikipedia requests rated by five people each). The file is read from
``shared/benchmarks/stanford-politeness/`` beside the repository unless a path is
given. Target >= 0.45 (one rater against the mean of the other four: about 0.54).
The signal is built from the politeness strategies in the paper and was not
fitted to this corpus. Results are also written to ``bench/results/politeness.json``.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _stats import spearman  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "benchmarks" / "stanford-politeness" / "wikipedia.annotated.csv"
TARGET = 0.45


def run(path: Path) -> dict:
    from autograder.rubric.criteria.tone import politeness

    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    start = time.perf_counter()
    signal = [politeness(row["Request"]) for row in rows]
    elapsed = time.perf_counter() - start
    human = [float(row["Normalized Score"]) for row in rows]
    # Agreement on the extremes, as in the paper's classification task (top vs bottom quartile).
    order = sorted(range(len(rows)), key=lambda i: human[i])
    quarter = len(rows) // 4
    low, high = order[:quarter], order[-quarter:]
    threshold = sorted(signal)[len(signal) // 2]
    right = sum(signal[i] < threshold for i in low) + sum(signal[i] >= threshold for i in high)
    return {
        "requests": len(rows),
        "spearman": spearman(signal, human),
        "quartile_accuracy": right / (2 * quarter),
        "ms_per_request": elapsed * 1000 / len(rows),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT), help="annotated politeness CSV")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    path = Path(args.path)
    if not path.is_file():
        print(f"error: no politeness corpus at {path}", file=sys.stderr)
        return 2
    figures = run(path)
    out_dir = ROOT / "bench" / "results"
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "politeness.json").write_text(json.dumps({"source": str(path), **figures}, indent=2) + "\n")
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    verdict = "ok" if figures["spearman"] >= TARGET else "MISSED"
    print(f"Politeness signal vs people: {figures['requests']} requests from {path}")
    print(f"{'Spearman':<40}{figures['spearman']:>7.3f}   >= {TARGET}  {verdict}")
    print(f"{'Top vs bottom quartile, median split':<40}{figures['quartile_accuracy']:>7.3f}")
    print(f"{'ms per request':<40}{figures['ms_per_request']:>7.3f}")
    print(f"(written to {out_dir / 'politeness.json'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
