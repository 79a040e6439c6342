"""Command line: ``python -m autograder score|batch|nltk-data|course-index``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from autograder.nltkdata import MissingNltkData
from autograder.rubric.scenario import ScenarioError


def _read_reply(args: argparse.Namespace) -> str:
    if args.reply is not None:
        return sys.stdin.read() if args.reply == "-" else args.reply
    if args.reply_file == "-":
        return sys.stdin.read()
    path = Path(args.reply_file)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SystemExit(f"error: reply file {path} does not exist") from None
    except UnicodeDecodeError:
        raise SystemExit(f"error: reply file {path} is not UTF-8 text") from None


def format_result(result) -> str:
    """A readable, plain-text report of a :class:`ReplyResult`."""
    from autograder.rubric.report import result_text

    return result_text(result, title=f"Score ({result.scenario_id})")


def cmd_score(args: argparse.Namespace) -> int:
    from autograder import score_reply

    reply = _read_reply(args)
    result = score_reply(args.scenario, reply)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        print(format_result(result))
    return 0


def _batch_line(number: int, line: str) -> dict:
    from autograder import score_reply

    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "line": number, "error": f"line {number} is not valid JSON ({exc.msg})"}
    if not isinstance(item, dict):
        return {"id": None, "line": number, "error": f"line {number} must be a JSON object"}
    item_id = item.get("id")
    missing = [key for key in ("id", "scenario", "reply") if key not in item]
    if missing:
        return {"id": item_id, "line": number, "error": f"missing field(s): {', '.join(missing)}"}
    if not isinstance(item["reply"], str):
        return {"id": item_id, "line": number, "error": "field 'reply' must be a string"}
    try:
        result = score_reply(item["scenario"], item["reply"])
    except (ScenarioError, TypeError) as exc:
        return {"id": item_id, "line": number, "error": str(exc)}
    out = {"id": item_id, "scenario": result.scenario_id, "score": round(result.score, 4)}
    out["met"] = [c.name for c in result.met]
    out["flags"] = list(result.flags)
    return out


def cmd_batch(args: argparse.Namespace) -> int:
    if args.input == "-":
        stream = sys.stdin
    else:
        try:
            stream = open(args.input, encoding="utf-8")  # noqa: SIM115 - closed below
        except FileNotFoundError:
            raise SystemExit(f"error: input file {args.input} does not exist") from None
    errors = 0
    try:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            out = _batch_line(number, line)
            errors += "error" in out
            print(json.dumps(out, ensure_ascii=False), flush=True)
    except UnicodeDecodeError:
        raise SystemExit(f"error: {args.input} is not UTF-8 text") from None
    finally:
        if stream is not sys.stdin:
            stream.close()
    if errors:
        print(f"{errors} line(s) could not be scored; see their 'error' field.", file=sys.stderr)
    return 1 if errors else 0


def cmd_nltk_data(args: argparse.Namespace) -> int:
    from autograder import nltkdata

    return nltkdata.main()


def cmd_course_index(args: argparse.Namespace) -> int:
    from autograder.rubric import copied

    argv = (["--root", args.root] if args.root else []) + (["--out", args.out] if args.out else [])
    return copied.main(argv)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m autograder",
        description="Score customer-service replies with the course's empathy rubric.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    score = sub.add_parser("score", help="score one reply to one scenario", description="Score one reply.")
    score.add_argument("--scenario", required=True, help="scenario id (e.g. double-charge) or a YAML path")
    source = score.add_mutually_exclusive_group(required=True)
    source.add_argument("--reply", help="the reply text, or - to read it from standard input")
    source.add_argument("--reply-file", help="a UTF-8 file holding the reply, or - for standard input")
    score.add_argument("--json", action="store_true", help="print the full result as JSON")
    score.set_defaults(func=cmd_score)

    batch = sub.add_parser(
        "batch",
        help="score many replies from a JSON-lines file",
        description=(
            "Score a JSON-lines file whose lines have 'id', 'scenario' and 'reply'. Prints one JSON line "
            "per input line with 'id' and 'score' (or 'error'); exits 1 if any line had an error."
        ),
    )
    batch.add_argument("--input", required=True, help="the .jsonl file, or - for standard input")
    batch.set_defaults(func=cmd_batch)

    data = sub.add_parser("nltk-data", help="build the offline NLTK data folder (same as make nltk-data)")
    data.set_defaults(func=cmd_nltk_data)

    index = sub.add_parser(
        "course-index",
        help="build the hashed index of course text for the copied-text check (done by make setup)",
        description=(
            "Read the release notebooks, role-plays and model answers (found by glob) and write the "
            "hashed shingle index autograder/rubric/course_index.json that the rubric's copied-text "
            "check uses."
        ),
    )
    index.add_argument("--root", help="the course directory (default: the one this package is in)")
    index.add_argument("--out", help="where to write the index (default: inside the autograder package)")
    index.set_defaults(func=cmd_course_index)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (ScenarioError, MissingNltkData) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
