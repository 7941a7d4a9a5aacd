"""Carry a witness's edits onto the words of its file.

A file's words (ALTO ``String``, hOCR ``ocrx_word``, PAGE ``Word`` or the
tokens of a line) are ``Slot``s in reading order. They are aligned with the
witness's tokens (difflib over folded tokens: the reader joined line-end
hyphens and note markers, so a few tokens pair with two words), and each
changed edit is written into the slots its tokens came from: one canonical
token per word where the counts agree, the rest joined into the last word
where the canonical reading is longer, the words left over removed where it
is shorter, and a reading the witness lacks added to the word before it.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Protocol

from dedupe.normalise.fold import fold
from dedupe.writeback.edits import Edit


class Slot(Protocol):
    text: str

    def set(self, text: str) -> None: ...

    def remove(self) -> None: ...


def owners(slots: Sequence[Slot], edits: Sequence[Edit]) -> list[int | None]:
    """For each slot, the index of the edit whose token it holds (or None)."""
    tokens: list[int] = []  # token position -> edit index
    words: list[str] = []
    for index, edit in enumerate(edits):
        for token in edit.tokens:
            tokens.append(index)
            words.append(fold(token))
    keys = [fold(slot.text) for slot in slots]
    found: list[int | None] = [None] * len(slots)
    matcher = SequenceMatcher(None, words, keys, autojunk=False)
    for tag, i0, i1, j0, j1 in matcher.get_opcodes():
        if tag in ("equal", "replace") and i1 > i0:
            for j in range(j0, j1):
                found[j] = tokens[i0 + (j - j0) * (i1 - i0) // (j1 - j0)]
    return found


def apply_edits(slots: Sequence[Slot], edits: Sequence[Edit]) -> int:
    """Write the changed edits into the slots; returns how many edits were made."""
    found = owners(slots, edits)
    held: dict[int, list[Slot]] = {}
    for slot, owner in zip(slots, found, strict=True):
        if owner is not None:
            held.setdefault(owner, []).append(slot)
    made = 0
    last_slot: Slot | None = None
    pending: list[str] = []  # canonical tokens to add before any slot was seen
    for index, edit in enumerate(edits):
        mine = held.get(index, [])
        if edit.changed:
            if mine:
                _rewrite(mine, list(edit.canonical))
                made += 1
            elif edit.tokens:
                continue  # the witness's words here were not found in the file
            elif last_slot is not None:
                last_slot.set(f"{last_slot.text} {' '.join(edit.canonical)}")
                made += 1
            else:
                pending += edit.canonical
        if mine:
            if pending:
                mine[0].set(f"{' '.join(pending)} {mine[0].text}")
                pending, made = [], made + 1
            kept = [slot for slot in mine if not getattr(slot, "removed", False)]
            last_slot = kept[-1] if kept else last_slot
    return made


def _rewrite(slots: list[Slot], canonical: list[str]) -> None:
    if not canonical:
        for slot in slots:
            slot.remove()
        return
    for k, slot in enumerate(slots):
        if k >= len(canonical):
            slot.remove()
        elif k == len(slots) - 1:
            text = " ".join(canonical[k:])
            if text != slot.text:
                slot.set(text)
        elif canonical[k] != slot.text:
            slot.set(canonical[k])


class TokenSlot:
    """One token of a text kept as a list of tokens (a line without word
    elements); ``log`` collects what was changed, where the format records it."""

    def __init__(self, tokens: list[str | None], index: int, log: list[str] | None = None) -> None:
        self.tokens, self.index, self.log = tokens, index, log
        self.text = tokens[index] or ""
        self.removed = False

    def set(self, text: str) -> None:
        if self.log is not None:
            self.log.append(f"{self.text} -> {text}")
        self.tokens[self.index] = self.text = text

    def remove(self) -> None:
        if self.log is not None:
            self.log.append(f"{self.text} -> (nothing)")
        self.tokens[self.index] = None
        self.removed = True
