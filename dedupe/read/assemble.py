"""Build a ``Source`` from the pages of lines a geometric reader found.

Readers of PDF, hOCR, ALTO and PAGE produce lines without offsets; this puts
them into one text exactly like a .txt witness (lines joined by newlines,
pages by form feeds, an empty line between paragraphs), so every later stage
treats every format the same way. U+0000, which a PDF's font can map a
glyph to, never reaches the text: it is dropped with a warning.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dedupe.model import Line, Page, Source, Witness, evolve

#: Characters that would break the one-line-per-Line contract, and NUL.
_BREAKS = str.maketrans({"\n": " ", "\r": " ", "\f": " ", "\v": " ", "\x85": " ", "\x00": None})


@dataclass(frozen=True)
class DraftPage:
    """A page as a reader found it: lines in reading order, no offsets yet.

    A Line whose text is "" is a paragraph break.
    """

    number: int
    lines: tuple[Line, ...]
    width: float | None = None
    height: float | None = None


def tidy(lines: Iterable[Line]) -> list[Line]:
    """No newlines inside a line, no two breaks in a row, none at a page's ends."""
    out: list[Line] = []
    for line in lines:
        text = line.text.translate(_BREAKS)
        if not text.strip():
            if out and out[-1].text:
                out.append(evolve(line, text="", box=None, words=()))
            continue
        out.append(evolve(line, text=text) if text != line.text else line)
    while out and not out[-1].text:
        out.pop()
    return out


def assemble(witness: Witness, pages: Sequence[DraftPage], warnings: Sequence[str] = ()) -> Source:
    """Join the pages into one text and give every line its offsets."""
    parts: list[str] = []
    built: list[Page] = []
    pos = 0
    nuls = sum(line.text.count("\x00") for draft in pages for line in draft.lines)
    if nuls:
        warnings = (*warnings, f"{witness.label}: {nuls} NUL character(s) (U+0000) dropped")
    for index, draft in enumerate(pages):
        if index:
            parts.append("\f")
            pos += 1
        lines: list[Line] = []
        for j, line in enumerate(tidy(draft.lines)):
            if j:
                parts.append("\n")
                pos += 1
            lines.append(evolve(line, start=pos, end=pos + len(line.text), page=draft.number))
            parts.append(line.text)
            pos += len(line.text)
        built.append(Page(draft.number, tuple(lines), draft.width, draft.height))
    return Source(witness, "".join(parts), tuple(built), tuple(warnings))
