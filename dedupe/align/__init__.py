"""Align: match the blocks of all witnesses into units (places of the text).

Every witness is aligned against one pivot, chosen by content (the longest
body, ties by checksum) so that the result never depends on the order the
witnesses were given in. Pairwise groups are merged: pivot blocks grouped
together for any witness form one unit; blocks the pivot lacks are clustered
across witnesses at the place they stand. Footnotes are matched by number
and checked by content; layout noise is grouped by text.
"""

from __future__ import annotations

from collections.abc import Sequence

from dedupe.align.footnotes import footnote_units
from dedupe.align.noise import noise_units
from dedupe.align.pairwise import Group, ShingleIndex, align_pair, shingle_index
from dedupe.align.similarity import Fingerprint, containment, merged, resemblance
from dedupe.model import Document, Unit
from dedupe.parallel import fork_map, workers_for_words

#: Blocks the pivot lacks join one unit across witnesses if this alike.
ORPHAN_MATCH = 0.4
#: ... and join an unmatched pivot block at their place if this much of one is in the other,
HOLDS = 0.5
#: ... trying the pivot blocks this many places either side of where they stand.
REACH = 12


def pivot_of(docs: Sequence[Document]) -> Document:
    """The witness with the most body words; ties broken by checksum."""
    return max(
        docs,
        key=lambda d: (sum(len(b.text.split()) for b in d.body), d.witness.sha256),
    )


def content_order(docs: Sequence[Document]) -> list[Document]:
    return sorted(docs, key=lambda d: (d.witness.sha256, d.witness.path))


def align(docs: Sequence[Document]) -> list[Unit]:
    """Units in reading order: body, then layout noise, then footnotes."""
    return body_units(docs) + noise_units(docs) + footnote_units(docs, pivot_of(docs))


def body_positions(doc: Document) -> list[int]:
    return [i for i, b in enumerate(doc.blocks) if b.kind in ("heading", "paragraph")]


def body_units(docs: Sequence[Document]) -> list[Unit]:
    pivot = pivot_of(docs)
    others = [d for d in content_order(docs) if d is not pivot]
    positions = {d.witness.id: body_positions(d) for d in docs}
    prints = {
        d.witness.id: [Fingerprint.of(d.blocks[i].text) for i in positions[d.witness.id]]
        for d in docs
    }
    pid = pivot.witness.id
    index = shingle_index(prints[pid])
    # each witness against the pivot: independent, so shared among the cores
    words = {w: sum(len(fp.words) for fp in fps) for w, fps in prints.items()}
    weights = [words[d.witness.id] + words[pid] for d in others]
    workers = workers_for_words(sum(weights) // 2)
    found = fork_map(_align_one, (prints, pid, index), others, weights, workers)
    pairings = {d.witness.id: groups for d, groups in zip(others, found, strict=True)}

    # Pivot blocks grouped together for any witness are one place.
    parent = list(range(len(prints[pid])))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for groups in pairings.values():
        for g in groups:
            for j in g.p[1:]:
                parent[find(j)] = find(g.p[0])
    slots: dict[int, dict[str, list[int]]] = {}
    moved: set[int] = set()
    for j in range(len(parent)):
        slots.setdefault(find(j), {}).setdefault(pid, []).append(j)
    # Blocks the pivot lacks, per slot: after which pivot component they stand.
    orphans: dict[int, list[tuple[str, list[int]]]] = {}
    for d in others:
        wid = d.witness.id
        last = -1  # the pivot component the blocks so far stand after
        for g in pairings[wid]:
            if g.p:
                root = find(g.p[0])
                slots[root].setdefault(wid, []).extend(g.x)
                if g.moved:
                    moved.add(root)
                else:
                    last = root
            else:
                orphans.setdefault(last, []).append((wid, g.x))
    absorb_orphans(slots, orphans, pid, prints)
    units: list[Unit] = []
    roots = sorted(slots, key=lambda r: min(slots[r][pid]))
    for root in [-1, *roots]:
        if root >= 0:
            units.append(make_unit(docs, positions, slots[root], moved=root in moved))
        for cluster in cluster_orphans(orphans.get(root, []), prints):
            units.append(make_unit(docs, positions, cluster))
    return units


def _align_one(
    shared: tuple[dict[str, list[Fingerprint]], str, ShingleIndex], doc: Document
) -> list[Group]:
    prints, pid, index = shared
    return align_pair(prints[pid], prints[doc.witness.id], index)


def absorb_orphans(
    slots: dict[int, dict[str, list[int]]],
    orphans: dict[int, list[tuple[str, list[int]]]],
    pid: str,
    prints: dict[str, list[Fingerprint]],
) -> None:
    """Blocks the pivot lacks and pivot blocks no witness matched, between
    the same two matched places, are one place where one holds the other's
    words: a passage one witness reads as one block and the other as many
    (an identification key, a paragraph doubled at a page break), which no
    one-to-one or one-to-two pairing finds. Left apart, each would be a
    passage of one witness only."""
    roots = sorted(slots, key=lambda r: min(slots[r][pid]))
    after = {r: k for k, r in enumerate(roots)}
    wholes: dict[int, Fingerprint] = {}

    def whole(r: int) -> Fingerprint:
        if r not in wholes:
            wholes[r] = merged([prints[pid][j] for j in slots[r][pid]])
        return wholes[r]

    for q in sorted(orphans):
        gap = []
        for r in roots[after[q] + 1 if q in after else 0 :]:
            if any(xs for w, xs in slots[r].items() if w != pid):
                break  # a place some witness matched: the gap ends
            gap.append(r)
        if not gap:
            continue
        position = {r: k for k, r in enumerate(gap)}
        left = []
        for n, (wid, xs) in enumerate(orphans[q]):
            piece = merged([prints[wid][i] for i in xs])
            # only places near where the block stands (linear work in long gaps)
            centre = n * len(gap) // len(orphans[q])
            near = gap[max(0, centre - REACH) : centre + REACH + 1]
            hosts = [r for r in near if r in slots and holds(piece, whole(r))]
            if not hosts:
                left.append((wid, xs))
                continue
            host = hosts[0]
            for r in hosts[1:]:  # one block holding several pivot blocks in a row: one place
                if position[r] != position[host] + len(slots[host][pid]):
                    break
                slots[host][pid].extend(slots.pop(r)[pid])
                wholes.pop(host, None)
            slots[host].setdefault(wid, []).extend(xs)
        orphans[q] = left


def holds(a: Fingerprint, b: Fingerprint) -> bool:
    """One block's words stand in the other (or the two are alike)."""
    if min(len(a.words), len(b.words)) < 3:
        return False
    return max(containment(a, b), containment(b, a), resemblance(a, b)) >= HOLDS


def cluster_orphans(
    orphans: list[tuple[str, list[int]]], prints: dict[str, list[Fingerprint]]
) -> list[dict[str, list[int]]]:
    """Unmatched blocks at one place: alike ones from different witnesses join."""
    clusters: list[dict[str, list[int]]] = []
    for wid, xs in orphans:
        best, best_score = None, ORPHAN_MATCH
        for cluster in clusters:
            if wid in cluster:
                continue
            other = next(iter(cluster))
            score = resemblance(prints[wid][xs[0]], prints[other][cluster[other][0]])
            if score >= best_score:
                best, best_score = cluster, score
        if best is None:
            clusters.append({wid: list(xs)})
        else:
            best[wid] = list(xs)
    return clusters


def make_unit(
    docs: Sequence[Document],
    positions: dict[str, list[int]],
    slot: dict[str, list[int]],
    moved: bool = False,
) -> Unit:
    blocks = {
        d.witness.id: tuple(positions[d.witness.id][k] for k in sorted(slot.get(d.witness.id, [])))
        for d in docs
    }
    kinds = {docs_by_id(docs)[wid].blocks[i].kind for wid, idx in blocks.items() for i in idx}
    kind = "heading" if kinds == {"heading"} else "paragraph"
    return Unit(kind=kind, section="body", blocks=blocks, moved=moved)


def docs_by_id(docs: Sequence[Document]) -> dict[str, Document]:
    return {d.witness.id: d for d in docs}
