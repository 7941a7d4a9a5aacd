"""A corrected hOCR file: canonical readings in the ``ocrx_word``s they differ in.

A corrected word gets the canonical text, ``x_wconf 100`` in its title
(the bounding box and other properties kept) and a
``data-dedupe-original`` attribute holding what the OCR read. A word the
canonical text lacks is removed.
"""

from __future__ import annotations

import re
from typing import Any

from dedupe.read.hocr import classes
from dedupe.writeback.edits import Edit
from dedupe.writeback.slots import apply_edits
from dedupe.writeback.xmlfile import drop, parse_for_rewrite, serialise

ORIGINAL = "data-dedupe-original"
_WCONF = re.compile(r"\bx_wconf\s+-?\d+(?:\.\d+)?")


class WordSlot:
    def __init__(self, element: Any) -> None:
        self.element = element
        self.text = " ".join("".join(element.itertext()).split())
        self.removed = False

    def set(self, text: str) -> None:
        element = self.element
        if element.get(ORIGINAL) is None:
            element.set(ORIGINAL, self.text)
        for child in list(element):
            element.remove(child)
        element.text = text
        title = element.get("title") or ""
        title = (
            _WCONF.sub("x_wconf 100", title)
            if _WCONF.search(title)
            else (f"{title}; x_wconf 100" if title else "x_wconf 100")
        )
        element.set("title", title)
        self.text = text

    def remove(self) -> None:
        drop(self.element)
        self.removed = True


def rewrite_hocr(data: bytes, name: str, edits: list[Edit]) -> tuple[bytes, int]:
    tree = parse_for_rewrite(data, name)
    words = [
        e for e in tree.getroot().iter() if isinstance(e.tag, str) and "ocrx_word" in classes(e)
    ]
    slots = [WordSlot(w) for w in words if "".join(w.itertext()).strip()]
    made = apply_edits(slots, edits)
    return serialise(tree), made
