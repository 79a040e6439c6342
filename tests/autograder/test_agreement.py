"""Scoring a learner's own empathy scorer by pairwise agreement (autograder/agreement.py)."""

from __future__ import annotations

import pytest

from autograder.agreement import agreement_points, labelled_pairs, pairwise_agreement


def items(*scores):
    return [{"value": score} for score in scores]


def test_pairwise_agreement_counts_pairs_in_the_labels_order_and_ties_as_half():
    """Is agreement the share of differently labelled pairs in the same order, ties counting half?"""
    assert pairwise_agreement([0.1, 0.5, 0.9], [0, 2, 4]) == 1.0
    assert pairwise_agreement([0.9, 0.5, 0.1], [0, 2, 4]) == 0.0
    assert pairwise_agreement([0.5, 0.5], [1, 3]) == 0.5
    assert pairwise_agreement([0.2, 0.9, 0.9], [1, 1, 3]) == 0.75  # same-label pair ignored


def test_points_rise_from_the_floor_to_full():
    """Are points 0 at the floor, all at `full`, and in proportion between?"""
    labels = [0, 1, 2, 3, 4]
    perfect = agreement_points(items(0, 0.2, 0.4, 0.6, 0.8), labels, 6, 0.6, 0.85, "replies")
    assert (perfect.points, perfect.agreement) == (6, 1.0)
    reversed_ = agreement_points(items(0.8, 0.6, 0.4, 0.2, 0), labels, 6, 0.6, 0.85, "replies")
    assert reversed_.points == 0
    # 8 of 10 pairs right -> 0.8 -> (0.8 - 0.6) / 0.25 of 6 points
    middle = agreement_points(items(0.2, 0, 0.4, 0.8, 0.6), labels, 6, 0.6, 0.85, "replies")
    assert middle.agreement == pytest.approx(0.8) and middle.points == pytest.approx(4.8)
    assert "0.80" in middle.message and "4.8 / 6 points" in middle.message


def test_equal_floor_and_full_is_a_pass_mark():
    """With floor == full, is it all the points or none?"""
    labels = [0, 1, 2, 3, 4]
    assert agreement_points(items(0.2, 0, 0.4, 0.8, 0.6), labels, 2, 0.8, 0.8, "r").points == 2
    assert agreement_points(items(0.2, 0, 0.4, 0.6, 0.8)[::-1], labels, 2, 0.8, 0.8, "r").points == 0


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ({"value": 1.5}, "outside 0 to 1"),
        ({"value": True}, "not a number"),
        ({"value": "high"}, "not a number"),
        ({"error": "raised ValueError: no"}, "raised ValueError"),
    ],
)
def test_one_unusable_score_earns_nothing_and_says_why(bad, reason):
    """Does one score that is not a number from 0 to 1 (or an error) cost all the points, with the reason?"""
    result = agreement_points([*items(0.1, 0.9), bad], [0, 4, 2], 6, 0.6, 0.85, "held-out replies")
    assert result.points == 0 and result.agreement is None
    assert reason in result.message and "held-out replies" in result.message


def test_rows_can_be_pairs_or_csv_rows():
    """Are CSV rows (text labels) and (label, reply) pairs both read as (int, str) pairs?"""
    assert labelled_pairs([{"label": "4", "reply": "Hi", "scenario": "x"}, (0, "No")]) == [
        (4, "Hi"),
        (0, "No"),
    ]
