"""Footnotes are matched by number, then checked by content.

Two witnesses' note 12 are one place only if their texts agree well enough;
otherwise each gets its own unit with a note saying the numbers clash, so a
renumbered note is reported, never silently paired with the wrong text.
"""

from __future__ import annotations

from collections.abc import Sequence

from dedupe.align.similarity import Fingerprint, resemblance
from dedupe.model import Document, Unit

#: Notes with one number but less alike than this are different notes.
SAME_NOTE = 0.35


def footnote_units(docs: Sequence[Document], pivot: Document) -> list[Unit]:
    numbered: dict[int | None, dict[str, list[int]]] = {}
    for d in docs:
        for i, b in enumerate(d.blocks):
            if b.kind == "footnote":
                numbered.setdefault(b.n, {}).setdefault(d.witness.id, []).append(i)
    units: list[Unit] = []
    order = sorted(numbered, key=lambda n: (n is None, n or 0))
    for n in order:
        by_witness = numbered[n]
        if n is None:
            for wid, idx in sorted(by_witness.items()):
                units.extend(_unit(docs, {wid: (i,)}, None) for i in idx)
            continue
        units.extend(_check(docs, pivot, n, by_witness))
    return units


def _check(
    docs: Sequence[Document], pivot: Document, n: int, by_witness: dict[str, list[int]]
) -> list[Unit]:
    texts = {d.witness.id: d for d in docs}
    prints = {
        wid: Fingerprint.of(" ".join(texts[wid].blocks[i].text for i in idx))
        for wid, idx in by_witness.items()
    }
    ref = pivot.witness.id if pivot.witness.id in prints else min(prints, key=_sha(texts))
    same = {
        wid: tuple(idx)
        for wid, idx in by_witness.items()
        if wid == ref or resemblance(prints[wid], prints[ref]) >= SAME_NOTE
    }
    units = [_unit(docs, same, n)]
    for wid in sorted(set(by_witness) - set(same), key=_sha(texts)):
        units.append(
            _unit(
                docs,
                {wid: tuple(by_witness[wid])},
                n,
                note=f"note {n} of {wid} does not match note {n} of {ref}",
            )
        )
    if len(units) > 1:
        units[0] = _unit(docs, same, n, note=units[1].note)
    return units


def _sha(texts):
    return lambda wid: texts[wid].witness.sha256


def _unit(docs: Sequence[Document], blocks: dict[str, tuple[int, ...]], n, note: str = "") -> Unit:
    full = {d.witness.id: blocks.get(d.witness.id, ()) for d in docs}
    return Unit(kind="footnote", section="footnote", blocks=full, n=n, note=note)
