"""The OCR confidence of each reading at its own place.

An engine's confidence belongs to one occurrence of a word: ``the`` read a
hundred times surely and once under a speck is doubted once. Looked up by
the word alone, every ``the`` of the witness took its one doubtful reading
(or, where the lookup took a typical value, a misread ``2020.`` in a rough
scan's note took the confidence of its clean occurrences). The columns of a
unit hold each witness's tokens in order, so each reading is matched to the
words of its own blocks, and so to their confidences.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from dedupe.model import Block, Document, Unit
from dedupe.normalise.fold import fold

#: per (unit, column) where the readings differ: per witness, each folded
#: word of its reading there with its lowest confidence at that place
Places = dict[tuple[int, int], dict[str, dict[str, float]]]


def token_confidences(block: Block) -> list[float | None]:
    """One confidence per whitespace token of the block's text (None where
    normalising made a token the engine did not read: a joined hyphenation,
    a leader, a marker left out)."""
    tokens = block.text.split()
    words = [w.text for w in block.confidences]
    if tokens == words:
        return [w.confidence for w in block.confidences]
    out: list[float | None] = [None] * len(tokens)
    matcher = SequenceMatcher(None, tokens, words, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
            for k in range(i2 - i1):
                out[i1 + k] = block.confidences[j1 + k].confidence
    return out


def place_confidences(docs: Sequence[Document], units: Sequence[Unit]) -> Places:
    """The confidences of every differing column's readings, place by place."""
    by_id = {d.witness.id: d for d in docs}
    out: Places = {}
    for u, unit in enumerate(units):
        if unit.kind == "noise":
            continue
        streams = {}
        for wid, idx in unit.blocks.items():
            blocks = by_id[wid].blocks
            if any(blocks[i].confidences for i in idx):
                streams[wid] = [c for i in idx for c in token_confidences(blocks[i])]
        if not streams:
            continue
        used = dict.fromkeys(streams, 0)
        for c, col in enumerate(unit.columns):
            differ = len(set(col.readings.values())) > 1
            for wid, stream in streams.items():
                reading = col.readings.get(wid)
                if not reading:
                    continue
                tokens = reading.split()
                at = used[wid]
                used[wid] = at + len(tokens)
                if not differ:
                    continue
                local: dict[str, float] = {}
                for token, conf in zip(tokens, stream[at : at + len(tokens)], strict=False):
                    if conf is not None:
                        key = fold(token)
                        local[key] = min(local.get(key, 1.0), conf)
                out.setdefault((u, c), {})[wid] = local
    return out
