"""What the HTML and TEI apparatus share: displayed readings, their groups, witness facts."""

from __future__ import annotations

from dataclasses import dataclass

from dedupe.model import Collation, Column
from dedupe.normalise.fold import strip_emphasis, unescape_markdown
from dedupe.render.markdown import MARKER, marker_number
from dedupe.style import plain


def shown(text: str | None) -> str:
    """A witness reading as displayed: Markdown marks dropped, its own quotes kept.

    >>> shown("*The National Interest*, “quoted”")
    'The National Interest, “quoted”'
    """
    return unescape_markdown(strip_emphasis(text)) if text else ""


@dataclass(frozen=True)
class Reading:
    """One displayed reading of a column and the witnesses that have it."""

    text: str
    wits: tuple[str, ...]


@dataclass(frozen=True)
class Place:
    """A column as an apparatus entry: the lemma, then the other readings.

    ``lem.wits`` may be empty where no witness has the canonical reading
    exactly (house style changed its quotes). ``shared`` is true where every
    witness reads the lemma, so no apparatus entry is needed.
    """

    lem: Reading
    rdgs: tuple[Reading, ...]

    @property
    def shared(self) -> bool:
        return not self.rdgs and bool(self.lem.wits)


def place(col: Column, quotes: str, wits: tuple[str, ...] | None = None) -> Place:
    """Group the witnesses of ``col`` (or only ``wits``) by what they show."""
    lemma = plain(col.canonical, quotes) if col.canonical else ""
    groups: dict[str, list[str]] = {}
    for wid, reading in col.readings.items():
        if wits is None or wid in wits:
            groups.setdefault(shown(reading), []).append(wid)
    lem = Reading(lemma, tuple(groups.pop(lemma, ())))
    return Place(lem, tuple(Reading(text, tuple(ws)) for text, ws in groups.items()))


def note_markers(text: str) -> list[int]:
    """Footnote numbers a piece of text refers to, in order.

    >>> note_markers("proved false,⁶ and Tajikistan.[8] then ^12")
    [6, 8, 12]
    """
    return [int(marker_number(m)) for m in MARKER.finditer(text)]


def witness_facts(collation: Collation) -> dict[str, dict[str, int]]:
    """Pages and words (body and notes, noise left out) of every witness."""
    facts = {}
    for doc in collation.documents:
        blocks = [b for b in doc.blocks if b.kind != "noise"]
        pages = max((s.page for b in doc.blocks for s in b.spans), default=1)
        facts[doc.witness.id] = {
            "pages": pages,
            "words": sum(len(b.text.split()) for b in blocks),
        }
    return facts
