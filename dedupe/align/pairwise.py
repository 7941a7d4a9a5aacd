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

from dedupe.align.path import best_path
from dedupe.align.similarity import Fingerprint, containment, jaccard, merged, resemblance

#: A shingle in more blocks than this says nothing about which block matches.
COMMON_SHINGLE = 8
#: Gaps larger than this many block pairs are not aligned cell by cell.
GAP_CELLS = 40_000
MATCH = 0.45  # resemblance that pairs two blocks inside a gap
LONE_MATCH = 0.3  # ... where each witness has one block between two anchors
ANCHOR = 0.3  # Jaccard of a confident anchor
MOVED = 0.5  # Jaccard of a block found far out of order
MOVED_WORDS = 12  # a moved block must be long enough to be sure


@dataclass
class Group:
    """Pivot blocks ``p`` and other-witness blocks ``x`` that are one place."""

    p: list[int] = field(default_factory=list)
    x: list[int] = field(default_factory=list)
    moved: bool = False


def align_pair(
    pivot: list[Fingerprint], other: list[Fingerprint], index: ShingleIndex | None = None
) -> list[Group]:
    """Groups covering every block of both lists once, in pivot order.

    ``index`` is ``shingle_index(pivot)``, made once for a pivot met again."""
    anchors = mutual_best(pivot, other, index)
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


ShingleIndex = dict[str, list[int]]


def shingle_index(pivot: list[Fingerprint]) -> ShingleIndex:
    """The pivot blocks of each shingle that is in few enough of them to tell."""
    index: dict[str, list[int]] = defaultdict(list)
    for j, fp in enumerate(pivot):
        for s in fp.shingles:
            index[s].append(j)
    return {s: hits for s, hits in index.items() if len(hits) <= COMMON_SHINGLE}


def mutual_best(
    pivot: list[Fingerprint], other: list[Fingerprint], index: ShingleIndex | None = None
) -> list[tuple[int, int]]:
    """(x, p) pairs that are each other's best match and clearly alike."""
    telling = shingle_index(pivot) if index is None else index
    best_x: dict[int, tuple[int, int]] = {}
    best_p: dict[int, tuple[int, int]] = {}
    for i, fp in enumerate(other):
        counts = Counter([j for s in fp.shingles & telling.keys() for j in telling[s]])
        if not counts:
            continue
        # ties go to the nearest index, never to set iteration order
        j, shared = min(counts.items(), key=lambda item: (-item[1], item[0]))
        best_x[i] = (shared, j)
        for j, shared in counts.items():
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
        end = k + 1
        while end < len(pairs) and pairs[end][0] == pairs[k][0]:
            end += 1
        same_x = range(k, end)  # sorted: one x's pairs stand together
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
    """Order-keeping best pairing of the blocks between two anchors.

    Besides one-to-one pairs, a block may pair with two neighbours of the
    other witness together (a paragraph split or joined at a page break). A
    single block on each side between two anchors stands at the same place:
    it pairs at a lower likeness (heavy OCR damage)."""
    if not xs or not ps or len(xs) * len(ps) > GAP_CELLS:
        return [Group([], [i]) for i in xs] + [Group([j], []) for j in ps]
    n, m = len(xs), len(ps)
    need = LONE_MATCH if n == m == 1 else MATCH

    def sim(a: int, da: int, b: int, db: int) -> float:
        x = other[xs[a]] if da == 1 else merged([other[xs[a]], other[xs[a + 1]]])
        p = pivot[ps[b]] if db == 1 else merged([pivot[ps[b]], pivot[ps[b + 1]]])
        return resemblance(x, p)

    def pairings(a: int, b: int):
        for da, db in ((1, 1), (1, 2), (2, 1)):
            if a + da <= n and b + db <= m:
                value = sim(a, da, b, db)
                if value >= need:
                    # a two-block pair must beat the single pair it extends
                    yield value - (0.0 if da == db else 0.05), da, db

    groups: list[Group] = []
    for a, b, da, db, paired in best_path(n, m, pairings):
        if paired:
            groups.append(Group(ps[b : b + db], xs[a : a + da]))
        elif da:
            groups.append(Group([], [xs[a]]))
        else:
            groups.append(Group([ps[b]], []))
    return groups


def absorb_split_pieces(
    groups: list[Group], pivot: list[Fingerprint], other: list[Fingerprint]
) -> None:
    """A block found in one witness only, next to a matched group, whose words
    stand in that group's counterpart, is the other half of a split paragraph.

    Each absorption can change the verdict on other loose blocks, so the loose
    blocks are tried again in order after each one; a verdict is kept until
    the groups it looked at change (a book has thousands of loose blocks).
    """
    lists = {"x": other, "p": pivot}
    where = {"x": {i: g for g in groups for i in g.x}, "p": {j: g for g in groups for j in g.p}}
    loose = [g for g in groups if not g.moved and not (g.p and g.x) and (g.p or g.x)]
    rejected: dict[int, tuple] = {}  # id(loose group) -> the targets' state it was rejected by
    while True:
        for g in loose:
            side, mate = ("x", "p") if g.x else ("p", "x")
            own = getattr(g, side)
            targets = [t for t in nearest_matched(own[0], where[side]) if t is not g]
            state = tuple((id(t), len(t.x), len(t.p)) for t in targets)
            if rejected.get(id(g)) == state:
                continue
            piece = lists[side][own[0]]
            for target in targets:
                theirs = merged([lists[mate][k] for k in getattr(target, mate)])
                if containment(piece, theirs) < 0.5:
                    continue
                mine = merged([lists[side][k] for k in getattr(target, side)])
                if containment(piece, mine) < 0.5:
                    getattr(target, side).append(own[0])
                    getattr(target, side).sort()
                    where[side][own[0]] = target
                    for k in own[1:]:
                        where[side].pop(k, None)
                    groups.remove(g)
                    loose.remove(g)
                    break
            else:
                rejected[id(g)] = state
                continue
            break
        else:
            return


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
