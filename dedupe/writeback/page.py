"""A corrected PAGE XML file: canonical readings in the words they differ in.

Where a line has ``Word``s, each corrected Word's TextEquiv gets the
canonical text and ``conf="1"``, and the Word a ``comments`` attribute
saying what it read before (``dedupe-canonical; was: ...``); the line's own
TextEquiv (and the region's, where it has one) is rebuilt from its words.
Where a line has text but no Words, the tokens of its text are corrected in
place and the line's ``comments`` lists the changes. Coordinates stay.
"""

from __future__ import annotations

from typing import Any

from dedupe.read.page import ordered_regions
from dedupe.read.xml import children, descendants, number
from dedupe.writeback.edits import Edit
from dedupe.writeback.slots import TokenSlot, apply_edits
from dedupe.writeback.xmlfile import MARK, drop, parse_for_rewrite, serialise


def unicode_of(element: Any) -> Any | None:
    """The Unicode element of the element's lowest-index TextEquiv."""
    equivs = sorted(children(element, "TextEquiv"), key=lambda e: number(e.get("index"), 0.0))
    for equiv in equivs:
        for found in children(equiv, "Unicode"):
            return found
    return None


def _note(element: Any, what: str) -> None:
    old = element.get("comments")
    element.set("comments", f"{old}; {what}" if old and MARK in old else f"{MARK}; {what}")


class WordSlot:
    def __init__(self, word: Any, unicode: Any) -> None:
        self.word, self.unicode = word, unicode
        self.text = unicode.text or ""
        self.removed = False

    def set(self, text: str) -> None:
        if MARK not in (self.word.get("comments") or ""):
            _note(self.word, f"was: {self.text}")
        self.unicode.text = text
        self.unicode.getparent().set("conf", "1")
        self.text = text

    def remove(self) -> None:
        drop(self.word)
        self.removed = True


class Holder:
    """A line whose text has no Words: its tokens, written back as one text."""

    def __init__(self, element: Any, unicode: Any) -> None:
        self.element, self.unicode = element, unicode
        self.tokens: list[str | None] = (unicode.text or "").split()
        self.changes: list[str] = []

    def commit(self) -> None:
        if self.changes:
            self.unicode.text = " ".join(t for t in self.tokens if t is not None)
            _note(self.element, "; ".join(self.changes))


def rewrite_page(data: bytes, name: str, edits: list[Edit]) -> tuple[bytes, int]:
    tree = parse_for_rewrite(data, name)
    slots: list[Any] = []
    holders: list[Holder] = []
    lines_with_words: list[tuple[Any, Any]] = []
    for page in descendants(tree.getroot(), "Page"):
        for region in ordered_regions(page):
            found = False
            for line in children(region, "TextLine"):
                own = unicode_of(line)
                words = [(w, unicode_of(w)) for w in children(line, "Word")]
                words = [(w, u) for w, u in words if u is not None]
                joined = " ".join(u.text or "" for _, u in words).split()
                if own is not None and words and joined != (own.text or "").split():
                    words = []  # the line's text is not its words': correct the text
                if not words:
                    if own is not None and (own.text or "").strip():
                        holder = Holder(line, own)
                        holders.append(holder)
                        slots += [
                            TokenSlot(holder.tokens, k, holder.changes)
                            for k in range(len(holder.tokens))
                        ]
                        found = True
                    continue
                lines_with_words.append((line, own))
                slots += [WordSlot(w, u) for w, u in words]
                found = True
            region_text = unicode_of(region)
            if not found and region_text is not None:
                holder = Holder(region, region_text)
                holders.append(holder)
                slots += [
                    TokenSlot(holder.tokens, k, holder.changes) for k in range(len(holder.tokens))
                ]
    made = apply_edits(slots, edits)
    for holder in holders:
        holder.commit()
    for line, own in lines_with_words:
        if own is not None:  # the line's text, rebuilt from its corrected words
            texts = [unicode_of(w) for w in children(line, "Word")]
            own.text = " ".join(u.text or "" for u in texts if u is not None)
    return serialise(tree), made
