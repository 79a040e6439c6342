"""Learner ids as they reach the instructor: matched across case, and safe in a spreadsheet.

- :func:`case_groups` finds ids that differ only in case (the roster's ``Carol``, the hub
  user ``carol``); :func:`merge_case_variants` joins their rows of ``grades.csv`` when
  it is unambiguous (one of them carries the roster's name or email and no assignment
  was submitted under two of them).
- :func:`formula_safe` stops a cell of an exported CSV from being run as a formula by a
  spreadsheet (OWASP's "CSV injection"): text starting with ``= + - @``, a tab or a
  carriage return gets a leading apostrophe.
"""

from __future__ import annotations

from collections.abc import Iterable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value: object) -> object:
    """``value`` with a leading ``'`` if it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def case_groups(ids: Iterable[str]) -> list[list[str]]:
    """Groups (sorted) of two or more ids equal apart from case."""
    groups: dict[str, list[str]] = {}
    for student in ids:
        groups.setdefault(student.casefold(), []).append(student)
    return [sorted(g) for g in groups.values() if len(g) > 1]


def _handed_in(rows: list[dict], assignment: str) -> int:
    return sum(r[assignment] is not None or assignment in r["_not_graded"] for r in rows)


def merge_case_variants(rows: list[dict], assignments: list[str], notes: dict[str, list[str]]) -> list[dict]:
    """Join the ``grades.csv`` rows of ids that differ only in case, when unambiguous.

    ``rows`` are :func:`course.instructor.export.grade_table` rows (scores ``None`` when
    there is none). The joined row keeps the roster id (the one with a name or email) and
    takes each assignment's score from the one id that has it; ``notes[id]`` records what
    was matched, or why not.
    """
    by_id = {row["student_id"]: row for row in rows}
    for group in case_groups(by_id):
        members = [by_id[s] for s in group]
        roster = [r for r in members if r["email"] or r["first_name"] or r["last_name"]]
        clash = [a for a in assignments if _handed_in(members, a) > 1]
        if len(roster) != 1 or clash:
            why = f"two of them submitted {', '.join(clash)}" if clash else "not one with roster details"
            for r in members:
                notes.setdefault(r["student_id"], []).append(
                    f"ids differing only in case ({', '.join(group)}) not matched: {why}"
                )
            continue
        keep = roster[0]
        for other in members:
            if other is keep:
                continue
            for a in assignments:
                if other[a] is not None:
                    keep[a] = other[a]
                if a in other["_not_graded"]:
                    keep["_not_graded"][a] = other["_not_graded"][a]
            notes.setdefault(keep["student_id"], []).append(
                f"matched hub user {other['student_id']!r} to roster id {keep['student_id']!r}"
            )
            rows.remove(other)
    return rows


def case_warnings(course, assignment: str) -> list[str]:
    """One line per group of ids (roster and submissions of ``assignment``) equal apart from case."""
    with course.gradebook() as gb:
        roster = {s.id for s in gb.students}
    submitted = set(course.submitted_students(assignment))
    lines = []
    for group in case_groups(roster | submitted):
        sent = [s for s in group if s in submitted]
        listed = [s for s in group if s in roster and s not in submitted]
        lines.append(
            f"learner ids {', '.join(repr(s) for s in group)} differ only in case"
            + (f" ({', '.join(sent)} submitted {assignment}; roster: {', '.join(listed)})" if listed else "")
            + ": `export` joins them into one row when unambiguous; better, rename the roster entry "
            "to the hub user name (nbgrader db student)"
        )
    return lines
