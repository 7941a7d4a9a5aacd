"""Footnotes are matched by number, then checked by content.

Two witnesses' note 12 are one place only if their texts agree well enough;
otherwise each gets its own unit with a note saying the numbers clash, so a
renumbered note is reported, never silently paired with the wrong text.
"""

from __future__ import annotations

from collections.abc import Sequence

from dedupe.align.similarity import Fingerprint, containment, resemblance
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
    """Witnesses whose note ``n`` agree form one unit around the most typical
    text (the note most like all others), so one damaged or truncated copy
    does not split the rest apart; each group that disagrees is its own unit."""
    texts = {d.witness.id: d for d in docs}
    prints = {
        wid: Fingerprint.of(" ".join(texts[wid].blocks[i].text for i in idx))
        for wid, idx in by_witness.items()
    }
    groups: list[dict[str, tuple[int, ...]]] = []
    left = sorted(prints, key=_sha(texts))
    while left:
        ref = max(
            left,
            key=lambda w: (sum(_alike(prints[w], prints[o]) for o in left), w == pivot.witness.id),
        )
        same = [w for w in left if w == ref or _alike(prints[w], prints[ref]) >= SAME_NOTE]
        groups.append({w: tuple(by_witness[w]) for w in same})
        left = [w for w in left if w not in same]
    if len(groups) == 1:
        return [_unit(docs, groups[0], n)]
    main = sorted(groups[0])
    return [
        _unit(
            docs,
            g,
            n,
            note=f"note {n} of {', '.join(sorted(g))} does not match note {n} of {', '.join(main)}"
            if k
            else f"note {n} differs in {', '.join(w for h in groups[1:] for w in sorted(h))}",
        )
        for k, g in enumerate(groups)
    ]


def _alike(a: Fingerprint, b: Fingerprint) -> float:
    """Resemblance, or for a note cut short (at a page end) how much of it
    the other copy contains."""
    short, long_ = (a, b) if len(a.words) <= len(b.words) else (b, a)
    if len(short.words) >= 6 and len(short.words) * 2 <= len(long_.words):
        return max(resemblance(a, b), containment(short, long_) - 0.2)
    return resemblance(a, b)


def _sha(texts):
    return lambda wid: texts[wid].witness.sha256


def _unit(docs: Sequence[Document], blocks: dict[str, tuple[int, ...]], n, note: str = "") -> Unit:
    full = {d.witness.id: blocks.get(d.witness.id, ()) for d in docs}
    return Unit(kind="footnote", section="footnote", blocks=full, n=n, note=note)
