"""What to change in one witness to make it read the canonical text.

Every token of a witness lands in exactly one column, so walking the units
in the witness's own block order gives its text as a run of edits: its
tokens at each column and the canonical tokens there. An edit is
``changed`` where the two differ; layout noise is left alone (the edition
leaves it out, the file keeps it).
"""

from __future__ import annotations

from dataclasses import dataclass

from dedupe.model import Collation
from dedupe.passage_variants import word_columns


@dataclass(frozen=True)
class Edit:
    """The witness's tokens at one column and the canonical tokens there."""

    tokens: tuple[str, ...]
    canonical: tuple[str, ...]

    @property
    def changed(self) -> bool:
        return self.tokens != self.canonical


def witness_edits(collation: Collation, witness: str) -> list[Edit]:
    """The edits of ``witness``, in the order its text reads."""
    placed = []
    for order, unit in enumerate(collation.units):
        if unit.kind == "noise":
            continue
        mine = unit.blocks.get(witness, ())
        position = min(mine) if mine else None
        placed.append((position, order, unit))
    # units the witness lacks (additions) stay just after the unit before them
    edits: list[tuple[float, int, int, Edit]] = []
    last = -1.0
    for position, order, unit in placed:
        key = float(position) if position is not None else last + 0.5
        last = key if position is not None else last
        for k, column in enumerate(word_columns(unit.columns)):
            if column.break_place:
                continue  # a paragraph break, not words
            reading = column.readings.get(witness)
            edit = Edit(tuple((reading or "").split()), tuple((column.canonical or "").split()))
            if edit.tokens or edit.canonical:
                edits.append((key, order, k, edit))
    edits.sort(key=lambda item: item[:3])
    return [edit for *_, edit in edits]


def changes_any(edits: list[Edit]) -> bool:
    return any(e.changed for e in edits)
