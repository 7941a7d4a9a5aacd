"""Stable variant ids: a pipeline step after decide.

An editor's decision must find its place again in the next run, when the
witnesses come in another order, a new copy is added, or text far away
changed. So a variant's id hashes only what is at the place: the distinct
readings (a set of texts, whoever reads them, so a witness that repeats a
reading changes nothing) and a few bare words (case and edge punctuation
folded) of canonical context either side, never its position or witness ids.
Where two places would share an id, their context is widened; where even the
widest context is equal, later ones get ``-2``, ``-3``... in text order.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from dedupe.model import Collation, Column, Unit, evolve
from dedupe.normalise.fold import core

#: Words of context either side, widened step by step where ids collide.
WIDTHS = (3, 8, 24)


def assign_ids(units: Sequence[Unit]) -> list[Unit]:
    """The units with an ``id`` on every variant column (``kind`` set)."""
    return _assign(units, lambda c: bool(c.kind), "")


def assign_passage_ids(units: Sequence[Unit]) -> list[Unit]:
    """The units with an id on every passage variant (``dedupe.passage_variants``),
    made the same way from the passage's readings and context; every other
    column, and each part, keeps the id it has, so a decision made on a
    word of the passage still finds it."""
    return _assign(units, lambda c: bool(c.kind and c.parts), "passage")


def _assign(units: Sequence[Unit], wanted: Callable[[Column], bool], salt: str) -> list[Unit]:
    contexts = {ui: Context.of(u) for ui, u in enumerate(units) if any(map(wanted, u.columns))}
    places = [(ui, ci) for ui in contexts for ci, c in enumerate(units[ui].columns) if wanted(c)]
    ids = {p: place_id(units[p[0]], p[1], contexts[p[0]], WIDTHS[0], salt) for p in places}
    for width in WIDTHS[1:]:
        for group in _collisions(ids):
            for p in group:
                ids[p] = place_id(units[p[0]], p[1], contexts[p[0]], width, salt)
    for group in _collisions(ids):
        for n, p in enumerate(group[1:], 2):
            ids[p] = f"{ids[p]}-{n}"
    out = list(units)
    for ui in contexts:
        unit = units[ui]
        cols = tuple(
            evolve(c, id=ids[(ui, ci)]) if wanted(c) else c for ci, c in enumerate(unit.columns)
        )
        out[ui] = evolve(unit, columns=cols)
    return out


@dataclass(frozen=True)
class Context:
    """A unit's bare words (case and edge punctuation folded) from the columns
    where every witness agrees: a neighbouring variant's canonical reading may
    change with the witnesses, so it adds none. ``starts[ci]`` is where column
    ``ci``'s words start in ``words``."""

    words: tuple[str, ...]
    starts: tuple[int, ...]

    @classmethod
    def of(cls, unit: Unit) -> Context:
        words: list[str] = []
        starts = []
        for col in unit.columns:
            starts.append(len(words))
            if not col.kind and col.canonical:
                words.extend(w for w in map(core, col.canonical.split()) if w)
        starts.append(len(words))
        return cls(tuple(words), tuple(starts))

    def around(self, index: int, width: int) -> tuple[list[str], list[str]]:
        """Up to ``width`` words before and after column ``index``."""
        at, end = self.starts[index], self.starts[index + 1]
        return list(self.words[max(0, at - width) : at]), list(self.words[end : end + width])


def place_id(unit: Unit, index: int, context: Context, width: int, salt: str = "") -> str:
    """``v-`` and 8 hex digits of the readings and context of one column
    (``salt`` keeps a passage's id apart from any word's)."""
    col = unit.columns[index]
    readings = sorted({r or "" for r in col.readings.values()})
    before, after = context.around(index, width)
    fields = [unit.section, readings, before, after] + ([salt] if salt else [])
    key = json.dumps(fields, ensure_ascii=False)
    return "v-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]


def _collisions(ids: dict) -> list[list]:
    groups: dict[str, list] = {}
    for p, vid in ids.items():  # places in text order
        groups.setdefault(vid, []).append(p)
    return [g for g in groups.values() if len(g) > 1]


def collation_key(collation: Collation) -> str:
    """The collation's witnesses as one key (their sha256s, sorted): what the
    review page files its decisions under in the browser."""
    digests = "\n".join(sorted(w.sha256 for w in collation.witnesses))
    return "c-" + hashlib.sha256(digests.encode("ascii")).hexdigest()[:16]
