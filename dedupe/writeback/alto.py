"""A corrected ALTO file: canonical readings in the ``String``s they differ in.

A corrected String gets the canonical ``CONTENT``, ``WC="1.0"`` (the word
is now certain) and an ``<ALTERNATIVE PURPOSE="dedupe-canonical">`` child
holding what the OCR read, so nothing is lost and a viewer can show both.
Boxes, styles and everything else stay as they were; a String the canonical
text lacks is removed with the space before it.
"""

from __future__ import annotations

from typing import Any

from dedupe.read.alto import AREAS
from dedupe.read.xml import children, descendants, local
from dedupe.writeback.edits import Edit
from dedupe.writeback.slots import apply_edits
from dedupe.writeback.xmlfile import MARK, drop, parse_for_rewrite, serialise


class StringSlot:
    def __init__(self, element: Any) -> None:
        self.element = element
        self.text = element.get("CONTENT") or ""
        self.removed = False

    def set(self, text: str) -> None:
        element = self.element
        if not any(local(c.tag) == "ALTERNATIVE" and c.get("PURPOSE") == MARK for c in element):
            alternative = element.makeelement(_name(element, "ALTERNATIVE"), PURPOSE=MARK)
            alternative.text = element.get("CONTENT") or ""
            element.append(alternative)
        element.set("CONTENT", text)
        element.set("WC", "1.0")
        self.text = text

    def remove(self) -> None:
        previous = self.element.getprevious()
        if previous is not None and local(previous.tag) == "SP":
            drop(previous)
        drop(self.element)
        self.removed = True


def _name(element: Any, tag: str) -> str:
    namespace = element.tag.rpartition("}")[0]
    return f"{namespace}}}{tag}" if namespace else tag


def strings(root: Any) -> list[Any]:
    """The Strings in the order ``dedupe.read.alto`` reads them."""
    out = []
    for page in descendants(root, "Page"):
        areas = {local(child.tag): child for child in page}
        blocks = [b for a in AREAS if a in areas for b in descendants(areas[a], "TextBlock")]
        if not blocks:
            blocks = descendants(page, "TextBlock")
        for block in blocks:
            for line in children(block, "TextLine"):
                out += children(line, "String")
    return out


def rewrite_alto(data: bytes, name: str, edits: list[Edit]) -> tuple[bytes, int]:
    tree = parse_for_rewrite(data, name)
    slots = [StringSlot(s) for s in strings(tree.getroot())]
    made = apply_edits(slots, edits)
    return serialise(tree), made
