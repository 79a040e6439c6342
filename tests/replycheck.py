"""Assertions the rubric's per-kind tests share: a trick lands low with its flag, and an honest
look-alike keeps its score without the flag. Bands as on the calibration scale:
``min(4, floor(5 * score))``."""

from __future__ import annotations

from collections.abc import Collection

from autograder import score_reply
from autograder.rubric.result import ReplyResult


def band(score: float) -> int:
    """The calibration band (0-4) of a rubric score in [0, 1]."""
    return min(4, int(score * 5))


def assert_low(scenario: str, reply: str, flag: str, highest_band: int = 1) -> ReplyResult:
    """Fail unless ``reply`` raises ``flag`` and scores in band ``highest_band`` or lower."""
    result = score_reply(scenario, reply)
    assert flag in result.flags, (result.flags, result.score)
    assert band(result.score) <= highest_band, (result.score, result.flags)
    return result


def assert_kept(scenario: str, reply: str, flags: str | Collection[str], lowest: float = 0.6) -> ReplyResult:
    """Fail if ``reply`` raises ``flags`` (one flag or several) or scores under ``lowest``."""
    result = score_reply(scenario, reply)
    unwanted = {flags} if isinstance(flags, str) else set(flags)
    assert not unwanted & set(result.flags), (result.flags, result.score)
    assert result.score >= lowest, (result.score, result.flags)
    return result
