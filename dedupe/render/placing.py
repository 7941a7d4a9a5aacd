"""Where each witness's blocks sit along the canonical order of units.

The canonical text follows the aligner's order of units, but a witness may
have a unit elsewhere (a moved paragraph), a block between the two halves of
another unit (a heading inside a paragraph a page break split), and noise
between its blocks. An apparatus from which each witness's own text can be
read back needs all of these at their place in that witness.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from dedupe.model import Collation


@dataclass(frozen=True, order=True)
class Slot:
    """Block ``block`` of witness ``wid``: part of unit ``unit``, or noise (-1)."""

    wid: str
    block: int
    unit: int


@dataclass(frozen=True)
class Placing:
    """``away``: the body units each witness has at another place;
    ``slots``: what a witness has right after (or inside) a unit it has in place,
    keyed by that unit's index (-1: before the first)."""

    away: dict[str, set[int]]
    slots: dict[int, list[Slot]]


def text_units(collation: Collation) -> list[int]:
    return [ui for ui, u in enumerate(collation.units) if u.section == "body" and u.kind != "noise"]


def placing(collation: Collation) -> Placing:
    away: dict[str, set[int]] = {}
    slots: dict[int, list[Slot]] = {}
    units = collation.units
    body = text_units(collation)
    for doc in collation.documents:
        wid = doc.witness.id
        mine = [ui for ui in body if units[ui].blocks.get(wid)]
        first = {ui: units[ui].blocks[wid][0] for ui in mine}
        keep = longest_increasing(first)
        away[wid] = {ui for ui in mine if ui not in keep or _inside(ui, mine, units, wid)}
        starts = sorted((first[ui], ui) for ui in mine if ui not in away[wid])
        keys = [s for s, _ in starts]

        def before(block: int, starts=starts, keys=keys) -> int:
            k = bisect.bisect_left(keys, block)
            return starts[k - 1][1] if k else -1

        for ui in away[wid]:
            slots.setdefault(before(first[ui]), []).append(Slot(wid, first[ui], ui))
        for bi, block in enumerate(doc.blocks):
            if block.kind == "noise":
                slots.setdefault(before(bi), []).append(Slot(wid, bi, -1))
    for items in slots.values():
        items.sort(key=lambda s: (s.block, s.wid))
    return Placing(away, slots)


def _inside(ui: int, mine: list[int], units, wid: str) -> bool:
    """Whether the witness has unit ``ui`` between two blocks of another unit."""
    start = units[ui].blocks[wid][0]
    return any(
        units[uj].blocks[wid][0] < start < units[uj].blocks[wid][-1]
        for uj in mine
        if uj != ui and len(units[uj].blocks[wid]) > 1
    )


def longest_increasing(order: dict[int, int]) -> set[int]:
    """Keys whose values make a longest increasing run in key order (n log n).

    >>> sorted(longest_increasing({0: 0, 1: 3, 2: 1, 3: 2}))
    [0, 2, 3]
    """
    keys = list(order)
    tails: list[int] = []  # smallest value ending a run of each length
    tail_at: list[int] = []  # where in keys that run ends
    back = [-1] * len(keys)
    for i, key in enumerate(keys):
        k = bisect.bisect_left(tails, order[key])
        back[i] = tail_at[k - 1] if k else -1
        if k == len(tails):
            tails.append(order[key])
            tail_at.append(i)
        else:
            tails[k] = order[key]
            tail_at[k] = i
    keep: set[int] = set()
    i = tail_at[-1] if tail_at else -1
    while i >= 0:
        keep.add(keys[i])
        i = back[i]
    return keep


def breaks(collation: Collation, ui: int, slots: list[Slot]) -> dict[str, list[tuple[int, Slot]]]:
    """Slots that fall between two blocks of unit ``ui`` in their witness, each
    with the number of that witness's words in ``ui`` before it."""
    unit = collation.units[ui]
    docs = {d.witness.id: d for d in collation.documents}
    out: dict[str, list[tuple[int, Slot]]] = {}
    for slot in slots:
        own = unit.blocks.get(slot.wid, ())
        if not own or slot.block > own[-1]:
            continue
        words = sum(len(docs[slot.wid].blocks[b].text.split()) for b in own if b < slot.block)
        out.setdefault(slot.wid, []).append((words, slot))
    return out
