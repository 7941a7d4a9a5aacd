"""Carry a witness's edits onto the words of its file.

A file's words (ALTO ``String``, hOCR ``ocrx_word``, PAGE ``Word`` or the
tokens of a line) are ``Slot``s in reading order. They are aligned with the
witness's tokens (folded tokens walked in step, resynchronised after a
difference: the reader joined line-end
hyphens and note markers, so a few tokens pair with two words), and each
changed edit is written into the slots its tokens came from: one canonical
token per word where the counts agree, the rest joined into the last word
where the canonical reading is longer, the words left over removed where it
is shorter, and a reading the witness lacks added to the word before it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from dedupe.normalise.fold import fold
from dedupe.writeback.edits import Edit


class Slot(Protocol):
    text: str

    def set(self, text: str) -> None: ...

    def remove(self) -> None: ...


#: How far ahead (in tokens) a run of differing tokens is searched for its end.
WINDOW = 64


def owners(slots: Sequence[Slot], edits: Sequence[Edit]) -> list[int | None]:
    """For each slot, the index of the edit whose token it holds (or None).

    The two sequences come from the same file, so they agree but for a few
    tokens the reader joined or split: walk both, and where they part, find
    the nearest place (within ``WINDOW`` tokens on each side) where two
    tokens agree again; the tokens between pair up in proportion. Linear in
    the length of the file.
    """
    tokens: list[int] = []  # token position -> edit index
    words: list[str] = []
    for index, edit in enumerate(edits):
        for token in edit.tokens:
            tokens.append(index)
            words.append(fold(token))
    keys = [fold(slot.text) for slot in slots]
    found: list[int | None] = [None] * len(slots)
    i = j = 0
    while i < len(words) and j < len(keys):
        if words[i] == keys[j]:
            found[j] = tokens[i]
            i, j = i + 1, j + 1
            continue
        i1, j1, again = _resync(words, keys, i, j)
        if again:  # where they never agree again, nothing is changed
            _pair_gap(words, keys, tokens, found, (i, i1), (j, j1))
        i, j = i1, j1
    return found


def _pair_gap(
    words: list[str],
    keys: list[str],
    tokens: list[int],
    found: list[int | None],
    span_i: tuple[int, int],
    span_j: tuple[int, int],
) -> None:
    """Inside a short stretch where the two differ: equal tokens pair
    exactly (difflib, on at most ``WINDOW`` tokens a side), the others in
    proportion."""
    from difflib import SequenceMatcher

    (i0, i1), (j0, j1) = span_i, span_j
    matcher = SequenceMatcher(None, words[i0:i1], keys[j0:j1], autojunk=False)
    for _, a0, a1, b0, b1 in matcher.get_opcodes():
        if a1 > a0:
            for k in range(b0, b1):
                found[j0 + k] = tokens[i0 + a0 + (k - b0) * (a1 - a0) // (b1 - b0)]


def _resync(words: list[str], keys: list[str], i: int, j: int) -> tuple[int, int, bool]:
    """The nearest (i1, j1) past (i, j) where two tokens agree again, or the
    ends of both sequences where none does within the window."""
    best: tuple[int, int] | None = None
    for total in range(1, 2 * WINDOW + 1):
        for di in range(max(0, total - WINDOW), min(total, WINDOW) + 1):
            a, b = i + di, j + total - di
            if a < len(words) and b < len(keys) and words[a] == keys[b]:
                if a + 1 >= len(words) or b + 1 >= len(keys) or words[a + 1] == keys[b + 1]:
                    best = (a, b)
                    break
        if best:
            return best[0], best[1], True
    return min(i + WINDOW, len(words)), min(j + WINDOW, len(keys)), False


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
