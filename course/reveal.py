"""Model answers for self-paced learners, shown only after a real attempt of their own.

In a notebook::

    from course.reveal import model_answer
    model_answer("teams-reflection", my_reflection)

shows the model answer once ``my_reflection`` is a genuine attempt (at least
:data:`MIN_WORDS` words, not one phrase repeated); otherwise it says how much
more to write. While nbgrader grades (``NBGRADER_EXECUTION`` is set) it shows
nothing at all.

Model answers are Markdown files kept with the instructor's source, in
``source/<module>/model-answers/<key>.md`` of the course directory. nbgrader never releases
them (``CourseDirectory.ignore`` in ``nbgrader_config.py``) and the ``course`` package does
not carry them, so a learner in a graded class (who has only the released notebooks and the
installed packages) cannot read them; a self-paced learner working from the whole course
directory (``make lab``) sees one after a real attempt.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

from autograder.rubric.report import show

#: The course directory when ``course`` runs from it (``make lab``, an editable install); in an
#: installed copy (a learner's environment on the hub) this holds no ``source/`` folder.
COURSE_ROOT = Path(__file__).resolve().parent.parent
MODEL_GLOB = "source/*/model-answers/*.md"

#: A reflection needs at least this many words before the model answer is shown.
MIN_WORDS = 40
#: ... and at least this share of different words (a phrase pasted ten times is not an attempt).
MIN_VARIETY = 0.4

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PLACEHOLDERS = ("your answer here", "write your reflection here", "your reflection here")
_STYLE = (
    "font-family: var(--jp-content-font-family, sans-serif); font-size: 14px; line-height: 1.45;"
    "max-width: 100%; overflow-wrap: anywhere; border: 1px solid #c8c8c8; border-radius: 6px;"
    "padding: 8px 12px; margin: 4px 0;"
)


@dataclass(frozen=True)
class Attempt:
    """How a learner's text measures up as an attempt.

    Attributes:
        words: number of words.
        distinct: number of different words (case-insensitive).
        ok: whether it counts as a real attempt.
        reason: what to do next when it does not ("" when it does).
    """

    words: int
    distinct: int
    ok: bool
    reason: str


def assess_attempt(text: object, min_words: int = MIN_WORDS) -> Attempt:
    """Whether ``text`` is a real attempt: enough words, enough variety, not the placeholder."""
    if not isinstance(text, str):
        return Attempt(0, 0, False, "Write your reflection as text between triple quotes first.")
    cleaned = text
    for placeholder in _PLACEHOLDERS:
        cleaned = re.sub(re.escape(placeholder), " ", cleaned, flags=re.I)
    words = [w.lower() for w in _WORD.findall(cleaned)]
    distinct = len(set(words))
    if len(words) < min_words:
        more = min_words - len(words)
        return Attempt(
            len(words),
            distinct,
            False,
            f"Your reflection has {len(words)} words. Write at least {min_words} words of your own "
            f"({more} more) and run this cell again to see the model answer.",
        )
    if distinct < MIN_VARIETY * len(words):
        return Attempt(
            len(words),
            distinct,
            False,
            "Your text repeats the same few words. Write your own reflection in full sentences, "
            "then run this cell again.",
        )
    return Attempt(len(words), distinct, True, "")


def _model_files(root: Path | None = None) -> dict[str, Path]:
    return {p.stem: p for p in sorted((root or COURSE_ROOT).glob(MODEL_GLOB))}


def available() -> list[str]:
    """The keys of the model answers this copy of the course can read (none in a learner's install)."""
    return sorted(_model_files())


def load_model_answer(key: str) -> str:
    """The Markdown text of model answer ``key`` (without its leading HTML comment)."""
    if not isinstance(key, str) or not _KEY.match(key):
        raise ValueError(f"a model answer key is lower-case words joined by hyphens, not {key!r}")
    path = _model_files().get(key)
    if path is None:
        known = ", ".join(available())
        if not known:
            raise KeyError(
                f"no model answer '{key}': model answers stay with the instructor's copy of the course; "
                "ask your instructor for it once your reflection has been graded"
            )
        raise KeyError(f"no model answer '{key}' (known: {known})")
    text = path.read_text(encoding="utf-8")
    return re.sub(r"\A\s*<!--.*?-->\s*", "", text, flags=re.S).strip()


def _inline(text: str) -> str:
    html = escape(text)
    html = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", html)
    return re.sub(r"\*(.+?)\*", r"<i>\1</i>", html)


def markdown_to_html(text: str) -> str:
    """A small Markdown subset (headings, paragraphs, bullet lists, bold, italics) as HTML."""
    parts = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.splitlines()]
        if lines[0].startswith("#"):
            level = min(len(lines[0]) - len(lines[0].lstrip("#")) + 2, 6)
            parts.append(f"<h{level} style='margin:6px 0'>{_inline(lines[0].lstrip('#').strip())}</h{level}>")
            lines = lines[1:]
            if not lines:
                continue
        if lines[0].startswith("- "):
            items, current = [], []
            for line in lines:
                if line.startswith("- ") and current:
                    items.append(" ".join(current))
                    current = []
                current.append(line[2:] if line.startswith("- ") else line)
            items.append(" ".join(current))
            parts.append(
                "<ul style='margin:4px 0; padding-left:20px'>"
                + "".join(f"<li>{_inline(i)}</li>" for i in items)
                + "</ul>"
            )
        else:
            parts.append(f"<p style='margin:4px 0'>{_inline(' '.join(lines))}</p>")
    return "".join(parts)


def _grading() -> bool:
    return bool(os.environ.get("NBGRADER_EXECUTION"))


def reveal(key: str, their_text: object, min_words: int = MIN_WORDS) -> tuple[str, str] | None:
    """What :func:`model_answer` would show, as ``(html, text)``; ``None`` while nbgrader grades."""
    if _grading():
        return None
    attempt = assess_attempt(their_text, min_words)
    if not attempt.ok:
        html = (
            f'<div class="course-reveal-locked" style="{_STYLE}">'
            f"<b>Not yet.</b> {escape(attempt.reason)}</div>"
        )
        return html, f"Not yet. {attempt.reason}"
    if not available():
        note = (
            "Thank you for writing your own reflection. Model answers stay with your instructor's copy "
            "of the course, so that everyone's reflection is their own: ask for it once your reflection "
            "has been graded."
        )
        return f'<div class="course-reveal-locked" style="{_STYLE}">{escape(note)}</div>', note
    answer = load_model_answer(key)
    intro = (
        f"Thank you for writing your own reflection ({attempt.words} words). Here is a model answer "
        "to compare with it: look for what it does that yours does not, and for what yours does better. "
        "Change your own answer if you like; there is more than one good reflection."
    )
    html = (
        f'<div class="course-reveal" style="{_STYLE}"><p style="margin:4px 0; color:#555">'
        f"<i>{escape(intro)}</i></p>{markdown_to_html(answer)}</div>"
    )
    return html, f"{intro}\n\n{answer}"


def model_answer(key: str, their_text: object, min_words: int = MIN_WORDS) -> None:
    """Show model answer ``key`` once ``their_text`` is a real attempt (nothing while nbgrader grades)."""
    shown = reveal(key, their_text, min_words)
    if shown is not None:
        show(*shown)
