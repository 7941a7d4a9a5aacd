"""Lines become raw blocks: split at blank lines, page breaks and noise lines.

Geometry readers emit an empty line between paragraphs, exactly like a blank
line in a .txt file, so the same split works for every format. A line that a
layout rule (or a geometry hint) calls noise becomes a noise block of its own,
so the paragraph around it can be rejoined later.
"""

from __future__ import annotations

from collections.abc import Mapping

from dedupe.model import Source, Witness
from dedupe.normalise.draft import Draft, Piece, piece_of

FOOTNOTE_HINT = "footnote"


def raw_blocks(source: Source, noise_lines: Mapping[int, str]) -> list[Draft]:
    """Group the source lines into drafts.

    ``noise_lines`` maps a line's index (in ``Source.lines``) to the reason
    it is layout noise. A run of lines hinted ``footnote`` by a geometry pass
    is kept apart from body lines.

    >>> for d in raw_blocks(demo_source("Title\\n\\nfirst line\\nsecond\\fPage 2"), {4: "page number"}):
    ...     print(d.kind, d.lines, d.reason)
    paragraph ['Title'] None
    paragraph ['first line', 'second'] None
    noise ['Page 2'] page number
    """
    drafts: list[Draft] = []
    current: list[Piece] = []
    current_hint: str | None = None
    last_page: int | None = None

    def flush() -> None:
        nonlocal current_hint
        if current:
            drafts.append(Draft(tuple(current), hint=current_hint))
            current.clear()
        current_hint = None

    for index, line in enumerate(source.lines):
        if line.page != last_page:
            flush()
            last_page = line.page
        piece = piece_of(line, index)
        if piece is None:
            flush()
            continue
        reason = noise_lines.get(index)
        if reason is not None:
            flush()
            drafts.append(Draft((piece,), kind="noise", reason=reason))
            continue
        hint = FOOTNOTE_HINT if line.hint == FOOTNOTE_HINT else None
        if current and hint != current_hint:
            flush()
        current_hint = hint
        current.append(piece)
    flush()
    return drafts


def demo_source(text: str, witness: str = "A") -> Source:
    """A Source for a snippet of plain text (form feeds are page breaks)."""
    from dedupe.read.text import pages_of

    wit = Witness(witness, "<demo>", "", "demo")
    return Source(wit, text, pages_of(text, wit))


def demo_drafts(text: str) -> list[Draft]:
    """The raw drafts of a snippet of plain text, for examples and tests."""
    return raw_blocks(demo_source(text), {})
