"""A token diff that stays linear on very long units (a book on one line).

Collation diffs the words of each aligned unit with diff-match-patch, whose
Myers search costs the unit's length times its number of differences: fine
for paragraphs, quadratic when a witness has no paragraph breaks at all and
the whole text is one unit (250 KB took 100 s, 500 KB would take minutes).
Long units are therefore anchored first: rare words that occur as often in
each witness (paired occurrence by occurrence; any such word where none is
rare), kept where they run in the same order (the longest increasing run of
their positions), split the unit into gaps that are anchored again inside
or, once short, diffed alone. A long gap where nothing pairs at all is
diffed in overlapping windows, each committed up to its last agreement short
of the window's end: exact while the witnesses stay within a window of each
other, coarser where one has a long passage the other lacks. Units below ``LONG`` tokens are diffed
as before, so ordinary documents give exactly the same collation.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter

from diff_match_patch import diff_match_patch

Diff = list[tuple[int, str]]
#: Units with more tokens than this (both witnesses together) are anchored.
LONG = 8_000
#: Tokens this rare (as often in both) anchor first; only where none is,
#: any token found as often in both does.
RARE = 8
#: A window without agreement is widened up to this many times.
WIDEST = 16
#: Gaps are anchored again inside (with their own counts) this many times.
MAX_DEPTH = 3
#: Tokens of each witness diffed at once in a long gap without anchors (a
#: window costs its length times its differences, so it is kept short).
WINDOW = 200


def token_diff(a: str, b: str, depth: int = 0) -> Diff:
    """diff-match-patch's diff of two token-code strings, in linear time for
    long ones (``-1`` only in ``a``, ``1`` only in ``b``, ``0`` in both).

    >>> token_diff("abcd", "abxd")
    [(0, 'ab'), (-1, 'c'), (1, 'x'), (0, 'd')]
    """
    if len(a) + len(b) <= LONG:
        return _dmp(a, b)
    anchors = paired_anchors(a, b, RARE) or paired_anchors(a, b, None)
    if not anchors or depth >= MAX_DEPTH:
        return windowed(a, b)
    out: Diff = []
    i = j = 0
    for ai, bj in anchors:
        out += _gap(a[i:ai], b[j:bj], depth)
        out.append((0, a[ai]))
        i, j = ai + 1, bj + 1
    return out + _gap(a[i:], b[j:], depth)


def _dmp(a: str, b: str) -> Diff:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    return [(op, text) for op, text in dmp.diff_main(a, b, False)]


def _gap(a: str, b: str, depth: int) -> Diff:
    if not a or not b:
        return [(op, text) for op, text in ((-1, a), (1, b)) if text]
    return token_diff(a, b, depth + 1)


def paired_anchors(a: str, b: str, most: int | None) -> list[tuple[int, int]]:
    """Positions of tokens paired in both, in an order both agree on.

    A token found as often in each witness (at most ``most`` times) is
    paired occurrence by occurrence, the second with the second, so a text
    that repeats itself is still anchored; the longest increasing run drops
    pairs that cross.

    >>> paired_anchors("xaybz", "zaxby", 1)
    [(1, 1), (3, 3)]
    """
    in_a, in_b = Counter(a), Counter(b)
    paired = {t for t, n in in_a.items() if in_b[t] == n and (most is None or n <= most)}
    where_b: dict[str, list[int]] = {}
    for k, t in enumerate(b):
        if t in paired:
            where_b.setdefault(t, []).append(k)
    seen: Counter[str] = Counter()
    pairs = []
    for i, t in enumerate(a):
        if t in paired:
            pairs.append((i, where_b[t][seen[t]]))
            seen[t] += 1
    return longest_increasing(pairs)


def longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of pairs (ordered by their first) whose seconds rise."""
    tails: list[int] = []  # smallest second ending a run of each length
    ends: list[int] = []  # index in pairs of that run's last pair
    before = [-1] * len(pairs)
    for k, (_, second) in enumerate(pairs):
        at = bisect_left(tails, second)
        if at == len(tails):
            tails.append(second)
            ends.append(k)
        else:
            tails[at], ends[at] = second, k
        before[k] = ends[at - 1] if at else -1
    run = []
    k = ends[-1] if ends else -1
    while k >= 0:
        run.append(pairs[k])
        k = before[k]
    return run[::-1]


def windowed(a: str, b: str, window: int = WINDOW) -> Diff:
    """Diff ``window`` tokens of each at a time, keeping each window's diff up
    to its last agreement before the final quarter (the rest is diffed again
    with what follows). A window with no agreement there is widened, up to
    ``WIDEST`` times, so a passage one witness lacks is stepped over; failing
    that its first step is kept."""
    out: Diff = []
    i = j = 0
    while True:
        size = window
        while True:
            part = _dmp(a[i : i + size], b[j : j + size])
            if i + size >= len(a) and j + size >= len(b):
                return out + part
            keep = _last_agreement(part, 3 * size // 4)
            if keep or size >= WIDEST * window:
                break
            size *= 2
        for op, text in part[: keep or 1]:
            out.append((op, text))
            i += len(text) if op <= 0 else 0
            j += len(text) if op >= 0 else 0


def _last_agreement(part: Diff, reach: int) -> int:
    """How many steps of ``part`` end with its last agreement within ``reach``."""
    pa = pb = keep = 0
    for k, (op, text) in enumerate(part):
        pa += len(text) if op <= 0 else 0
        pb += len(text) if op >= 0 else 0
        if pa > reach or pb > reach:
            break
        if op == 0:
            keep = k + 1
    return keep
