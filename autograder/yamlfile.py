"""Read a course YAML file (a scenario, a role-play) with errors that name the file and the line."""

from __future__ import annotations

from pathlib import Path

import yaml


class CourseFileError(ValueError):
    """A course file is missing, unreadable or has an invalid field (the message names both)."""

    def __init__(self, source: str | Path, message: str, field_name: str | None = None):
        self.source = str(source)
        self.field = field_name
        where = f"{self.source}: field '{field_name}'" if field_name else self.source
        super().__init__(f"{where}: {message}")


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
