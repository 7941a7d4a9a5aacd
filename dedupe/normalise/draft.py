"""The normaliser's working types: pieces of source lines and draft blocks.

A ``Piece`` is a stretch of one source line with its exact character offsets;
a ``Draft`` is a block under construction. Rules take and return lists of
drafts, so every rule can be run (and shown in a doctest) on its own, and the
pieces carry the spans through every split and join: nothing is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from dedupe.model import BlockKind, Line, Region, evolve


@dataclass(frozen=True)
class Piece:
    """Part of one source line (stripped of surrounding whitespace).

    ``marker`` pieces (a footnote's own number, like ``- 11`` or ``¹¹``) are
    covered by the block's spans but left out of its display text, because
    the number is kept in ``Block.n``.
    """

    text: str
    start: int
    end: int
    page: int
    line: int  # index of the source line (``Source.lines``)
    marker: bool = False

    @property
    def exact(self) -> bool:
        """True where the offsets map character for character onto ``text``."""
        return self.end - self.start == len(self.text)

    def cut(self, i: int, j: int, marker: bool = False) -> Piece:
        """The piece for ``text[i:j]`` (stripped), with offsets to match.

        >>> line = Piece("- 11 “China-led”", 100, 116, 1, 7)
        >>> line.cut(0, 5, marker=True)
        Piece(text='- 11', start=100, end=104, page=1, line=7, marker=True)
        >>> line.cut(5, 16)
        Piece(text='“China-led”', start=105, end=116, page=1, line=7, marker=False)
        """
        part = self.text[i:j]
        lead = len(part) - len(part.lstrip())
        part = part.strip()
        if not self.exact:
            return Piece(part, self.start, self.end, self.page, self.line, marker)
        start = self.start + i + lead
        return Piece(part, start, start + len(part), self.page, self.line, marker)


@dataclass(frozen=True)
class Draft:
    """A block under construction: its pieces and what the rules decided."""

    pieces: tuple[Piece, ...]
    kind: BlockKind = "paragraph"
    n: int | None = None
    reason: str | None = None
    region: Region = "body"
    hint: str | None = None  # geometry hint shared by all its lines

    @cached_property
    def text(self) -> str:
        """Quick text (pieces joined with spaces) for the rules to look at."""
        return " ".join(p.text for p in self.pieces if not p.marker and p.text)

    @property
    def lines(self) -> list[str]:
        """The text of each source line (markers included), in order."""
        out: list[str] = []
        last = None
        for piece in self.pieces:
            if piece.line == last and out:
                out[-1] = f"{out[-1]} {piece.text}"
            else:
                out.append(piece.text)
            last = piece.line
        return out

    @property
    def pages(self) -> tuple[int, int]:
        return self.pieces[0].page, self.pieces[-1].page

    @property
    def is_body(self) -> bool:
        """Heading or paragraph text (not footnote, not noise)."""
        return self.kind in ("heading", "paragraph")

    def but(self, **changes) -> Draft:
        return evolve(self, **changes)

    def note(self, reason: str) -> Draft:
        """Add a how-it-was-rebuilt note to the reason."""
        return evolve(self, reason=f"{self.reason}; {reason}" if self.reason else reason)

    def absorb(self, other: Draft, reason: str) -> Draft:
        """This draft with ``other``'s pieces after its own, noted; a note of
        ``other``'s that says what its text leaves out (marker pieces) goes along."""
        joined = self.but(pieces=self.pieces + other.pieces).note(reason)
        for part in (other.reason or "").split("; "):
            if part.endswith(LEFT_OUT) and part not in (joined.reason or ""):
                joined = joined.note(part)
        return joined


#: how a draft's reason says its text leaves out pieces of its spans (``noteruns``)
LEFT_OUT = "left out of the text"


def next_bodies(drafts: list[Draft]) -> list[int | None]:
    """For each draft, the index of the next body draft after it (skipping
    notes and noise), in one pass from the end.

    >>> next_bodies([Draft((), "paragraph"), Draft((), "footnote"), Draft((), "heading")])
    [2, 2, None]
    """
    found: list[int | None] = [None] * len(drafts)
    nearest = None
    for i in range(len(drafts) - 1, -1, -1):
        found[i] = nearest
        if drafts[i].is_body:
            nearest = i
    return found


def piece_of(line: Line, index: int) -> Piece | None:
    """The stripped piece of a source line, or None for a blank line."""
    text = line.text
    stripped = text.strip()
    if not stripped:
        return None
    piece = Piece(text, line.start, line.end, line.page, index)
    return piece.cut(0, len(text))


def show(drafts: list[Draft]) -> None:
    """Print drafts one per line (for doctests): kind, number, text, reason."""
    for d in drafts:
        label = d.kind + (f" {d.n}" if d.n is not None else "")
        if d.region != "body":
            label += f" ({d.region})"
        tail = f"  [{d.reason}]" if d.reason else ""
        print(f"{label}: {d.text}{tail}")
