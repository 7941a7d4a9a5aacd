"""The best order-keeping path through two short sequences.

Blocks between two anchors and words inside a replaced region are paired
the same way: each step either skips an item of one side (worth nothing)
or pairs a few items of both sides (worth what the caller says), and the
path with the highest total wins. Quadratic, so callers keep it to gaps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

#: (worth, taken from the first sequence, taken from the second)
Pairing = tuple[float, int, int]


def best_path(
    n: int, m: int, pairings: Callable[[int, int], Iterable[Pairing]]
) -> list[tuple[int, int, int, int, bool]]:
    """Steps ``(a, b, da, db, paired)`` covering ``n`` and ``m`` items in order.

    ``pairings(a, b)`` offers the pairs that may start at items ``a`` and
    ``b``; ties go to the step offered first (pairs before skips).

    >>> best_path(2, 2, lambda a, b: [(1.0, 1, 1)] if a == b else [])
    [(0, 0, 1, 1, True), (1, 1, 1, 1, True)]
    """
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    step: list[list[tuple[int, int, bool]]] = [[(0, 0, False)] * (m + 1) for _ in range(n + 1)]
    for a in range(n, -1, -1):
        for b in range(m, -1, -1):
            if a == n and b == m:
                continue
            best, choice = -1.0, (0, 0, False)
            for worth, da, db in pairings(a, b) if a < n and b < m else ():
                if a + da <= n and b + db <= m and worth + score[a + da][b + db] > best:
                    best, choice = worth + score[a + da][b + db], (da, db, True)
            if a < n and score[a + 1][b] > best:
                best, choice = score[a + 1][b], (1, 0, False)
            if b < m and score[a][b + 1] > best:
                best, choice = score[a][b + 1], (0, 1, False)
            score[a][b], step[a][b] = best, choice
    out = []
    a = b = 0
    while a < n or b < m:
        da, db, paired = step[a][b]
        out.append((a, b, da, db, paired))
        a, b = a + da, b + db
    return out
