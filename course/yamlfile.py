"""Read a course YAML file (a scenario, a role-play) with errors that name the file and the line."""

from __future__ import annotations

from pathlib import Path

import yaml


def read_yaml(path: str | Path, error: type[Exception], kind: str) -> object:
    """The data in ``path``; any problem raises ``error(path, message)``. ``kind`` names the file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(path, f"no such {kind} file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise error(path, f"cannot be read ({exc})") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise error(path, f"is not valid YAML{where}: {problem}") from None
