"""Normalise: a witness's lines become a Document of typed blocks.

PLACEHOLDER: splits on blank lines only; the real rules replace it.
"""

from __future__ import annotations

from dedupe.model import Block, Document, Source, Span


def normalise(source: Source) -> Document:
    blocks: list[Block] = []
    current: list = []
    wid = source.witness.id

    def flush() -> None:
        if current:
            text = " ".join(line.text.strip() for line in current)
            spans = tuple(Span(wid, ln.start, ln.end, ln.page) for ln in current)
            blocks.append(Block("paragraph", text, spans))
            current.clear()

    for line in source.lines:
        if line.text.strip():
            current.append(line)
        else:
            flush()
    flush()
    return Document(source.witness, tuple(blocks), source.warnings)
