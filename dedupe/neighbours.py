"""Short one-sided readings that are one text read at two neighbouring places.

One engine reads a page's head as one line (``Berliniſche Monatsſchrift,
1734 Zwölftes Stüf, December.``), another as three blocks; one scan puts a
byline's words in the heading, the other in the paragraph after it. The
alignment then leaves each witness's copy one-sided at its own place, a
unit or two apart, and each is too short (under ``copies.MIN_CHARS``) for
the copy search of ``dedupe.passages``: both are kept and the canonical
text holds the words twice. Two kept readings within ``REACH`` units of each
other, read by witnesses that have no part in the other, with the same
letters and digits (``fuzz.ratio``, or the shorter inside the longer, at
``ALIKE``) are one text: the reading of the witness that misreads clearly
less elsewhere stays, the other is left out as layout (every reading stays
in the apparatus). Where the records are alike, the witness whose words are
more often words of the language (``decide.reliability``) keeps its reading,
and where that is alike too, the earlier place does: either copy once is
nearer the text than both.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from rapidfuzz import fuzz

from dedupe.copies import MIN_CHARS
from dedupe.model import Unit, evolve
from dedupe.normalise.fold import squash

REACH = 2  # units apart
ALIKE = 85  # likeness (0-100) of their letters and digits
KEY = 8  # letters and digits a reading needs to be compared at all
GAP = 0.5  # log-odds of two records that choose (decide.RECORD_GAP)
RELIABLE = 0.2  # difference in reliability that chooses (decide.RELIABLE)


def key(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def settle_neighbours(
    units: Sequence[Unit], record: dict[str, float], care: dict[str, float] | None = None
) -> list[Unit]:
    """Units with each neighbouring pair of one text read twice settled
    (``care``: each witness's reliability, for records alike)."""
    if not record:
        return list(units)
    places = []  # (unit, column, readers, key) of kept one-sided short readings
    for u, unit in enumerate(units):
        if unit.kind not in ("heading", "paragraph") or unit.moved:
            continue
        for c, col in enumerate(unit.columns):
            if not col.canonical or col.break_place:
                continue
            readers = frozenset(w for w, r in col.readings.items() if r)
            if len(readers) == len(col.readings):
                continue
            k = key(col.canonical)
            if KEY <= len(k) and len(squash(col.canonical)) < MIN_CHARS:
                places.append((u, c, readers, k))
    drop: dict[tuple[int, int], str] = {}
    for i, (u1, c1, r1, k1) in enumerate(places):
        for u2, c2, r2, k2 in places[i + 1 :]:
            if u2 - u1 > REACH:
                break
            if r1 & r2 or (u1, c1) in drop or (u2, c2) in drop or not alike(k1, k2):
                continue
            gap = math.log(_best(record, r2) / _best(record, r1))  # > 0: r1 misreads less
            why = "misreads less where the witnesses disagree"
            if abs(gap) < GAP:
                gap = _care(care, r1) - _care(care, r2)
                why = "reads more of its words as words of the language"
                if abs(gap) < RELIABLE:
                    gap, why = 1.0, "reads as well, and its reading comes first"
            keep, lose = ((u1, c1, r1), (u2, c2, r2)) if gap > 0 else ((u2, c2, r2), (u1, c1, r1))
            drop[(lose[0], lose[1])] = (
                f"{_names(lose[2])} read these words here, {_names(keep[2])} at a neighbouring "
                f"place ({units[keep[0]].columns[keep[1]].canonical!r}): one text read at two "
                f"places; {_names(keep[2])} {why}: left out"
            )
    if not drop:
        return list(units)
    out = list(units)
    for (u, c), why in drop.items():
        cols = list(out[u].columns)
        cols[c] = evolve(cols[c], canonical=None, kind="layout", reason=why, confidence=0.6)
        out[u] = evolve(out[u], columns=tuple(cols))
    return out


def alike(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    if fuzz.ratio(a, b) >= ALIKE:
        return True
    return len(short) * 2 >= len(long) and fuzz.partial_ratio(short, long) >= ALIKE


def _best(record: dict[str, float], wids: frozenset[str]) -> float:
    return min((record.get(w, 1.0) for w in wids), default=1.0)


def _care(care: dict[str, float] | None, wids: frozenset[str]) -> float:
    return max(((care or {}).get(w, 0.0) for w in wids), default=0.0)


def _names(wids: frozenset[str]) -> str:
    return ", ".join(sorted(wids))


__all__ = ["settle_neighbours"]
