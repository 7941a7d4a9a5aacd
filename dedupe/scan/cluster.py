"""From verified pairs to clusters and containments.

Clusters are the connected components of the pairs that are versions of
one another; members, pairs and clusters are sorted by path so the same
collection always gives the same output.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from dedupe.scan.comparison import PART_RATIO, Comparison
from dedupe.scan.results import Cluster, Containment, Member, Pair

VERSION = "version"
A_IN_B = "a-in-b"
B_IN_A = "b-in-a"
#: Clusters up to this size list every pair of members; larger ones list the
#: verified pairs only (a thousand copies would make half a million pairs).
ALL_PAIRS_UP_TO = 12


def relation(c: Comparison, threshold: float) -> str | None:
    """What a verified pair is: one inside the other, versions, or neither.

    Containment: the smaller file is at most two thirds the size of the
    larger, at least ``threshold`` of its words are found in the larger in
    anchored runs, and less than ``threshold`` of the larger's words are in
    it. Otherwise versions when their similarity reaches ``threshold``.
    """
    small, large = ("a", "b") if c.words_a <= c.words_b else ("b", "a")
    words = {"a": c.words_a, "b": c.words_b}
    if (
        words[small] <= PART_RATIO * words[large]
        and c.containment(small) >= threshold
        and c.coverage(large) < threshold
    ):
        return A_IN_B if small == "a" else B_IN_A
    if c.similarity >= threshold:
        return VERSION
    return None


def version_reason(threshold: float) -> str:
    return (
        f"each member is linked to another by a similarity of at least {threshold:.0%}: "
        "twice the normalised words they share in order, over the words of both "
        "(aligned word by word)"
    )


def containment_reason(threshold: float) -> str:
    return (
        f"the part is at most {PART_RATIO:.0%} the size of the whole; at least {threshold:.0%} "
        "of its words appear in the whole in runs of three or more, in order, but less than "
        f"{threshold:.0%} of the whole's words are in the part"
    )


def components(edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Connected components (union-find), each sorted, sorted by first member."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = {}
    for x in parent:
        groups.setdefault(root(x), []).append(x)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])


def missing_pairs(
    groups: Sequence[Sequence[str]], known: set[tuple[str, str]]
) -> list[tuple[str, str]]:
    """Member pairs of small clusters not aligned yet (for the similarity table)."""
    wanted = []
    for group in groups:
        if len(group) <= ALL_PAIRS_UP_TO:
            for i, a in enumerate(group):
                wanted.extend((a, b) for b in group[i + 1 :] if (a, b) not in known)
    return wanted


def _pair(c: Comparison, threshold: float) -> Pair:
    return Pair(
        c.a, c.b, round(c.similarity, 4), c.common, c.exact, relation(c, threshold) == VERSION
    )


def build_clusters(
    groups: Sequence[Sequence[str]],
    comparisons: dict[tuple[str, str], Comparison],
    members: dict[str, Member],
    threshold: float,
) -> list[Cluster]:
    """Clusters with their members and the pairs known for them."""
    where = {path: n for n, group in enumerate(groups) for path in group}
    pairs: list[list[Pair]] = [[] for _ in groups]
    for (a, b), c in sorted(comparisons.items()):
        if a in where and where[a] == where.get(b):
            pairs[where[a]].append(_pair(c, threshold))
    reason = version_reason(threshold)
    return [
        Cluster(n + 1, tuple(members[p] for p in group), tuple(pairs[n]), reason)
        for n, group in enumerate(groups)
    ]


def build_containments(comparisons: Iterable[Comparison], threshold: float) -> list[Containment]:
    found = []
    reason = containment_reason(threshold)
    for c in comparisons:
        kind = relation(c, threshold)
        if kind == A_IN_B:
            found.append(
                Containment(
                    c.a, c.b, round(c.containment("a"), 4), round(c.coverage("b"), 4), reason
                )
            )
        elif kind == B_IN_A:
            found.append(
                Containment(
                    c.b, c.a, round(c.containment("b"), 4), round(c.coverage("a"), 4), reason
                )
            )
    return sorted(found, key=lambda x: (x.part, x.whole))
