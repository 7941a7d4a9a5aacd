"""Align the body blocks of one witness against the pivot witness.

Near-linear: confident anchors first (mutual best matches through an
inverted index of word-bigram shingles, kept in order by a longest
increasing subsequence), then only the short gaps between anchors are
aligned by dynamic programming. Paragraphs split in one witness are
absorbed into their neighbour's group; anchors out of order are moves.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from dedupe.align.similarity import Fingerprint, containment, jaccard, merged, resemblance

#: A shingle in more blocks than this says nothing about which block matches.
COMMON_SHINGLE = 8
#: Gaps larger than this many block pairs are not aligned cell by cell.
GAP_CELLS = 40_000
MATCH = 0.45  # resemblance that pairs two blocks inside a gap
ANCHOR = 0.3  # Jaccard of a confident anchor
MOVED = 0.5  # Jaccard of a block found far out of order
MOVED_WORDS = 12  # a moved block must be long enough to be sure


@dataclass
class Group:
    """Pivot blocks ``p`` and other-witness blocks ``x`` that are one place."""

    p: list[int] = field(default_factory=list)
    x: list[int] = field(default_factory=list)
    moved: bool = False


def align_pair(pivot: list[Fingerprint], other: list[Fingerprint]) -> list[Group]:
    """Groups covering every block of both lists once, in pivot order."""
    anchors = mutual_best(pivot, other)
    weight = {(x, p): min(len(other[x].words), len(pivot[p].words)) for x, p in anchors}
    chain = increasing_chain(anchors, weight)
    in_chain = set(chain)
    groups: list[Group] = []
    moved_x: set[int] = set()
    moved_p: set[int] = set()
    for x, p in anchors:
        if (x, p) in in_chain:
            continue
        long_enough = min(len(other[x].words), len(pivot[p].words)) >= MOVED_WORDS
        if long_enough and jaccard(other[x], pivot[p]) >= MOVED:
            groups.append(Group([p], [x], moved=True))
            moved_x.add(x)
            moved_p.add(p)
    bounds = [(-1, -1), *chain, (len(other), len(pivot))]
    for (x0, p0), (x1, p1) in zip(bounds, bounds[1:], strict=False):
        xs = [i for i in range(x0 + 1, x1) if i not in moved_x]
        ps = [j for j in range(p0 + 1, p1) if j not in moved_p]
        groups.extend(align_gap(pivot, other, xs, ps))
        if x1 < len(other):
            groups.append(Group([p1], [x1]))
    absorb_split_pieces(groups, pivot, other)
    return ordered(groups)


def mutual_best(pivot: list[Fingerprint], other: list[Fingerprint]) -> list[tuple[int, int]]:
    """(x, p) pairs that are each other's best match and clearly alike."""
    index: dict[str, list[int]] = defaultdict(list)
    for j, fp in enumerate(pivot):
        for s in fp.shingles:
            index[s].append(j)
    best_x: dict[int, tuple[int, int]] = {}
    best_p: dict[int, tuple[int, int]] = {}
    for i, fp in enumerate(other):
        counts: Counter[int] = Counter()
        for s in fp.shingles:
            hits = index.get(s)
            if hits and len(hits) <= COMMON_SHINGLE:
                counts.update(hits)
        for j, shared in counts.items():
            if shared > best_x.get(i, (0, -1))[0]:
                best_x[i] = (shared, j)
            if shared > best_p.get(j, (0, -1))[0]:
                best_p[j] = (shared, i)
    repeated = _repeated(pivot) | _repeated(other)
    pairs = []
    for i, (_, j) in sorted(best_x.items()):
        if best_p.get(j, (0, -1))[1] != i:
            continue
        a, b = other[i], pivot[j]
        if min(len(a.words), len(b.words)) < 6:
            # a short line is an anchor only if it is unique on both sides
            if a.joined not in repeated and b.joined not in repeated and resemblance(a, b) >= 0.8:
                pairs.append((i, j))
        elif jaccard(a, b) >= ANCHOR:
            pairs.append((i, j))
    return pairs


def _repeated(prints: list[Fingerprint]) -> set[str]:
    seen = Counter(fp.joined for fp in prints if len(fp.words) < 6)
    return {text for text, count in seen.items() if count > 1}


def increasing_chain(
    pairs: list[tuple[int, int]], weight: dict[tuple[int, int], int] | None = None
) -> list[tuple[int, int]]:
    """The heaviest run of pairs increasing in both x and p.

    Weighted by block length, so one long paragraph outweighs a short,
    ambiguous line matched out of order. A Fenwick tree of prefix maxima
    keeps it O(n log n).
    """
    pairs = sorted(pairs)
    size = max((p for _, p in pairs), default=-1) + 2
    tree: list[tuple[int, int]] = [(0, -1)] * (size + 1)  # (total weight, pair index)
    back = [-1] * len(pairs)
    total = [0] * len(pairs)

    def best_before(p: int) -> tuple[int, int]:
        best, k = (0, -1), p
        while k > 0:
            best = max(best, tree[k])
            k -= k & -k
        return best

    def record(p: int, value: tuple[int, int]) -> None:
        k = p + 1
        while k <= size:
            tree[k] = max(tree[k], value)
            k += k & -k

    k = 0
    while k < len(pairs):
        # pairs sharing one x must not chain onto each other: settle them together
        same_x = [j for j in range(k, len(pairs)) if pairs[j][0] == pairs[k][0]]
        for j in same_x:
            prev_total, prev = best_before(pairs[j][1])
            total[j] = prev_total + (weight or {}).get(pairs[j], 1)
            back[j] = prev
        for j in same_x:
            record(pairs[j][1], (total[j], j))
        k = same_x[-1] + 1
    chain = []
    j = max(range(len(pairs)), key=lambda i: (total[i], -i), default=-1)
    while j >= 0:
        chain.append(pairs[j])
        j = back[j]
    return chain[::-1]


def align_gap(
    pivot: list[Fingerprint], other: list[Fingerprint], xs: list[int], ps: list[int]
) -> list[Group]:
    """Order-keeping best pairing of the blocks between two anchors."""
    if not xs or not ps or len(xs) * len(ps) > GAP_CELLS:
        return [Group([], [i]) for i in xs] + [Group([j], []) for j in ps]
    n, m = len(xs), len(ps)
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    sim = [[resemblance(other[i], pivot[j]) for j in ps] for i in xs]
    for a in range(n - 1, -1, -1):
        for b in range(m - 1, -1, -1):
            best = max(score[a + 1][b], score[a][b + 1])
            if sim[a][b] >= MATCH:
                best = max(best, sim[a][b] + score[a + 1][b + 1])
            score[a][b] = best
    groups: list[Group] = []
    a = b = 0
    while a < n and b < m:
        if sim[a][b] >= MATCH and score[a][b] == sim[a][b] + score[a + 1][b + 1]:
            groups.append(Group([ps[b]], [xs[a]]))
            a, b = a + 1, b + 1
        elif score[a][b] == score[a + 1][b]:
            groups.append(Group([], [xs[a]]))
            a += 1
        else:
            groups.append(Group([ps[b]], []))
            b += 1
    groups.extend(Group([], [xs[k]]) for k in range(a, n))
    groups.extend(Group([ps[k]], []) for k in range(b, m))
    return groups


def absorb_split_pieces(
    groups: list[Group], pivot: list[Fingerprint], other: list[Fingerprint]
) -> None:
    """A block found in one witness only, next to a matched group, whose words
    stand in that group's counterpart, is the other half of a split paragraph."""
    changed = True
    while changed:
        changed = False
        where_x = {i: g for g in groups for i in g.x}
        where_p = {j: g for g in groups for j in g.p}
        for g in list(groups):
            if g.moved or (g.p and g.x):
                continue
            own, own_list, where, side = (
                (g.x, other, where_x, "x") if g.x else (g.p, pivot, where_p, "p")
            )
            block = own[0]
            for target in nearest_matched(block, where):
                if target is g:
                    continue
                mine = [own_list[k] for k in (target.x if side == "x" else target.p)]
                theirs = [
                    (pivot if side == "x" else other)[k]
                    for k in (target.p if side == "x" else target.x)
                ]
                piece = own_list[block]
                if containment(piece, merged(theirs)) >= 0.5 > containment(piece, merged(mine)):
                    (target.x if side == "x" else target.p).append(block)
                    (target.x if side == "x" else target.p).sort()
                    groups.remove(g)
                    changed = True
                    break
            if changed:
                break


def nearest_matched(block: int, where: dict[int, Group], reach: int = 3) -> list[Group]:
    """The closest matched group before and after a block, looking past a few
    unmatched blocks (an unrecognised running head between two halves of a
    paragraph must not keep them apart)."""
    found = []
    for step in (-1, 1):
        for distance in range(1, reach + 1):
            group = where.get(block + step * distance)
            if group is None:
                break
            if group.p and group.x and not group.moved:
                found.append(group)
                break
    return found


def ordered(groups: list[Group]) -> list[Group]:
    """Pivot order; a block only the other witness has follows its predecessor."""
    group_of_x = {i: g for g in groups for i in g.x}
    keys: dict[int, tuple[int, int, int]] = {}
    last = -1
    for i in sorted(group_of_x):
        g = group_of_x[i]
        if g.p:
            keys[id(g)] = (min(g.p), 0, 0)
            if not g.moved:
                last = min(g.p)
        else:
            keys.setdefault(id(g), (last, 1, i))
    for g in groups:
        keys.setdefault(id(g), (min(g.p) if g.p else -1, 0, 0))
    return sorted(groups, key=lambda g: keys[id(g)])
