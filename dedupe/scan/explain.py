"""Why each member is in its cluster, and the chains a cluster hides.

A cluster is a connected group: A~B and B~C put A, B and C together even
where A and C are not alike. Every member is therefore explained against
the kept copy: the member it is most similar to (``linked_to``), and
whether it is a version of the kept copy itself. A member that is not,
only similar through another member, is *chained*: it is reported, and
with ``--strict`` split off into a cluster of its own (or left alone).
"""

from __future__ import annotations

from collections.abc import Sequence

from dedupe.scan.cluster import VERSION, components, relation
from dedupe.scan.keep import Pairs, pair_of, role_of
from dedupe.scan.results import Role


def is_version(pairs: Pairs, a: str, b: str, threshold: float) -> bool:
    found = pair_of(pairs, a, b)
    return found is not None and relation(found[0], threshold) == VERSION


def chained(group: Sequence[str], keep: str, pairs: Pairs, threshold: float) -> list[str]:
    """The members that are not versions of the kept copy itself."""
    return [p for p in group if p != keep and not is_version(pairs, p, keep, threshold)]


def split_chains(
    group: Sequence[str], keep: str, pairs: Pairs, threshold: float
) -> tuple[list[str], list[list[str]]]:
    """``--strict``: the kept copy with its direct versions, and the chained
    members grouped by their own version pairs (a group of one is a file
    without versions)."""
    loose = chained(group, keep, pairs, threshold)
    core = [p for p in group if p not in loose]
    edges = [
        (a, b)
        for i, a in enumerate(loose)
        for b in loose[i + 1 :]
        if is_version(pairs, a, b, threshold)
    ]
    linked = components(edges)
    alone = [[p] for p in loose if not any(p in g for g in linked)]
    return core, sorted(linked + alone, key=lambda g: g[0])


def explain_members(
    group: Sequence[str],
    keep: str,
    pairs: Pairs,
    words: dict[str, int],
    threshold: float,
    source: dict[str, str] | None = None,
    formats: dict[str, str] | None = None,
) -> list[Role]:
    """Each member's role, its closest version in the cluster, whether it
    is only chained to the kept copy, and the member it is a rendering of
    (``source``: each member's source, ``dedupe.scan.keep.sources``)."""
    source = source or {}
    roles = []
    for path in group:
        of = source.get(path, path)
        best, similarity = None, 0.0
        for other in group:
            if other == path:
                continue
            found = pair_of(pairs, path, other)
            if found is not None and relation(found[0], threshold) == VERSION:
                if found[0].similarity > similarity:
                    best, similarity = other, found[0].similarity
        to_keep = pair_of(pairs, path, keep) if path != keep else None
        roles.append(
            Role(
                path=path,
                role=role_of(path, keep, pairs, words, of, formats),
                linked_to=best,
                similarity=round(similarity, 4),
                found_in_keep=round(to_keep[0].coverage(to_keep[1]), 4) if to_keep else 1.0,
                similar_to_keep=round(to_keep[0].similarity, 4) if to_keep else None,
                chained=path != keep and not is_version(pairs, path, keep, threshold),
                rendering_of=of if of != path else None,
            )
        )
    return roles
