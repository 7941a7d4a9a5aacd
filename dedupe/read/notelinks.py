"""Footnotes in HTML found by how they are linked, whatever they are called.

Word processors and converters mark notes in their own ways (LibreOffice
``sdfootnoteanc``/``sdfootnote1``, Word ``_ftnref1``/``_ftn1``, pandoc
``fnref1``/``fn1``, EPUB generators ``calledF1``/``dataF1``), but all of
them link both ways: a short marker in the text (``1``, ``[2]``, ``iv``,
``*``) links to a later place, and the block there links back to the
marker. That pair is what is recognised here, not the names: the marker is
a note reference, the block (widened to its enclosing ``div``/``aside`` as
long as that holds nothing else) is the note, and its link back is dropped
from the note's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from dedupe.read.xml import local

#: A note marker as set in the text: a number, a roman numeral, a letter or a symbol.
MARKER = re.compile(r"[\[(]?(?:\d{1,4}|[ivxlcdm]{1,6}|[a-z]|[*†‡§¶]{1,3})[\])]?", re.IGNORECASE)
#: What a link back from a note shows, when it is not the marker.
BACK_SIGNS = re.compile(r"[\s↩↑^︎]*")
BLOCKS = {"p", "li", "div", "aside", "section", "dd", "dt", "td", "blockquote", "footer"}
WIDENING = {"div", "aside", "section", "li", "ol", "ul"}


@dataclass
class NoteLinks:
    """The note references of a document, their notes, and the anchors the
    notes link back to."""

    notes: dict[Any, Any] = field(default_factory=dict)  # reference link -> its note
    note_elements: set[Any] = field(default_factory=set)
    back_ids: set[str] = field(default_factory=set)

    def is_back_link(self, element: Any) -> bool:
        """A link (or a ``<sup>`` holding only one) back to a note's reference."""
        links = [e for e in element.iter() if local(e.tag) == "a" and e.get("href")]
        if local(element.tag) not in ("a", "sup") or not links:
            return False
        text = "".join(element.itertext()).strip()
        return all(_fragment(a.get("href")) in self.back_ids for a in links) and bool(
            MARKER.fullmatch(text) or BACK_SIGNS.fullmatch(text)
        )


def _fragment(href: str | None) -> str:
    return href[1:] if href and href.startswith("#") else ""


def _names(element: Any) -> set[str]:
    return {v for v in (element.get("id"), element.get("name")) if v}


def _block(element: Any, root: Any) -> Any:
    """The nearest block around (or at) ``element``, never above ``root``."""
    while element is not root and local(element.tag).lower() not in BLOCKS:
        parent = element.getparent()
        if parent is None:
            break
        element = parent
    return element


def find_note_links(root: Any) -> NoteLinks:
    """Every marker link whose later target links back to it."""
    order = {e: i for i, e in enumerate(root.iter())}
    anchors: dict[str, Any] = {}
    for element in root.iter():
        for name in _names(element):
            anchors.setdefault(name, element)
    links = [e for e in root.iter() if local(e.tag) == "a" and _fragment(e.get("href"))]
    found = NoteLinks()
    targets: dict[Any, Any] = {}
    for link in links:
        target = anchors.get(_fragment(link.get("href")))
        text = "".join(link.itertext()).strip()
        if target is None or order.get(target, -1) <= order[link] or not MARKER.fullmatch(text):
            continue
        own = _names(link) | {n for e in link.iter() for n in _names(e)}
        parent = link.getparent()
        if parent is not None and local(parent.tag) == "sup":
            own |= _names(parent)
        note = _block(target, root)
        if note is root or not any(
            _fragment(a.get("href")) in own for a in note.iter() if local(a.tag) == "a"
        ):
            continue
        targets[link] = (note, own)
    holding: dict[Any, int] = {}  # element -> how many notes are inside it
    for note in {note for note, _ in targets.values()}:
        for ancestor in note.iterancestors():
            holding[ancestor] = holding.get(ancestor, 0) + 1
    for link, (note, own) in targets.items():
        note = _widen(note, set(link.iterancestors()), holding, root)
        found.notes[link] = note
        found.note_elements.add(note)
        found.back_ids |= own
    return found


def _widen(note: Any, around_link: set[Any], holding: dict[Any, int], root: Any) -> Any:
    """The note's block, widened to the containers that hold only it (not
    another note, nor the marker that refers to it)."""
    while True:
        parent = note.getparent()
        if (
            parent is None
            or parent is root
            or local(parent.tag).lower() not in WIDENING
            or parent in around_link
            or holding.get(parent, 0) > 1
        ):
            return note
        note = parent
