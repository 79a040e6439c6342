"""Agreement statistics in plain Python (no numpy or scipy): Spearman, quadratic kappa, pairwise order."""

from __future__ import annotations

import math
from itertools import combinations


def ranks(values: list[float]) -> list[float]:
    """Ranks starting at 1, ties given the average of the ranks they span."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


def pearson(x: list[float], y: list[float]) -> float:
    """Pearson correlation (``nan`` when either side is constant)."""
    n = len(x)
    if n < 2:
        return math.nan
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    if sxx == 0 or syy == 0:
        return math.nan
    return sxy / math.sqrt(sxx * syy)


def spearman(x: list[float], y: list[float]) -> float:
    """Spearman rank correlation: Pearson on tie-averaged ranks."""
    return pearson(ranks(x), ranks(y))


def quadratic_kappa(a: list[int], b: list[int], categories: int) -> float:
    """Cohen's kappa with quadratic weights for two ratings on ``0..categories-1``."""
    n = len(a)
    if n == 0:
        return math.nan
    observed = [[0.0] * categories for _ in range(categories)]
    for i, j in zip(a, b, strict=True):
        observed[i][j] += 1
    hist_a = [sum(row) for row in observed]
    hist_b = [sum(observed[i][j] for i in range(categories)) for j in range(categories)]
    num = den = 0.0
    for i in range(categories):
        for j in range(categories):
            w = (i - j) ** 2 / (categories - 1) ** 2
            num += w * observed[i][j]
            den += w * hist_a[i] * hist_b[j] / n
    return 1.0 - num / den if den else math.nan


def pairwise_accuracy(items: list[tuple[str, float, float]], *, within_group: bool) -> tuple[float, int]:
    """Share of pairs with different human scores that the machine orders the same way.

    ``items`` are ``(group, human, machine)``; ``within_group`` keeps only pairs in the same group
    (scenario). A machine tie counts as half right. Returns (accuracy, number of pairs).
    """
    right = 0.0
    pairs = 0
    for (g1, h1, m1), (g2, h2, m2) in combinations(items, 2):
        if h1 == h2 or (within_group and g1 != g2):
            continue
        pairs += 1
        if m1 == m2:
            right += 0.5
        elif (h1 > h2) == (m1 > m2):
            right += 1
    return (right / pairs if pairs else math.nan), pairs


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0-100) with linear interpolation."""
    if not values:
        return math.nan
    s = sorted(values)
    pos = (len(s) - 1) * q / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)
