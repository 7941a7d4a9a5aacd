"""A corrected ABBYY FineReader XML file: canonical readings in the words
they differ in.

ABBYY keeps one ``charParams`` per character, so a corrected word's letters
are spread over its characters' boxes (one letter each; extra letters go
into the last box, boxes left over are removed) and each of them gets
``charConfidence="100"``; the word's first character says
``wordFromDictionary``/``wordNormal`` as before. A word the canonical text
lacks is removed with the space after it.
"""

from __future__ import annotations

from typing import Any

from dedupe.read.abbyy import line_words
from dedupe.read.xml import children, descendants
from dedupe.writeback.edits import Edit
from dedupe.writeback.slots import apply_edits
from dedupe.writeback.xmlfile import drop, parse_for_rewrite, serialise


class WordSlot:
    def __init__(self, chars: list[Any]) -> None:
        self.chars = chars
        self.text = "".join(c.text or "" for c in chars)
        self.removed = False

    def set(self, text: str) -> None:
        letters = list(text)
        for k, char in enumerate(self.chars):
            if k >= len(letters):
                drop(char)
                continue
            char.text = "".join(letters[k:]) if k == len(self.chars) - 1 else letters[k]
            char.set("charConfidence", "100")
        self.chars = self.chars[: len(letters)] or self.chars[:1]
        self.text = text

    def remove(self) -> None:
        following = self.chars[-1].getnext()
        for char in self.chars:
            drop(char)
        if following is not None and not (following.text or "").strip():
            drop(following)
        self.removed = True


def rewrite_abbyy(data: bytes, name: str, edits: list[Edit]) -> tuple[bytes, int]:
    tree = parse_for_rewrite(data, name)
    slots = []
    for page in children(tree.getroot(), "page"):
        for block in children(page, "block"):
            if (block.get("blockType") or "Text") not in ("Text", "Table"):
                continue
            for par in descendants(block, "par"):
                for line in children(par, "line"):
                    slots += [WordSlot(word) for word in line_words(line)]
    made = apply_edits(slots, edits)
    return serialise(tree), made
