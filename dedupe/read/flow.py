"""Flowing documents (DOCX, TEI, EPUB, HTML) as a Source like a .txt file's.

These formats say outright what a scan leaves to be guessed: which block is
a heading, where a note is and what it says, where a page ends. The readers
walk their markup and tell a :class:`Flow` so; it lays the text out the way
the normaliser reads every witness:

- paragraphs and headings are blocks separated by an empty line; a heading's
  lines carry a larger font size (``HEADING_SIZE``), the signal the heading
  rule already trusts in PDFs;
- a note's reference becomes a superscript number in the body (``¹``), and
  the notes follow at the end, one per line, starting with their number and
  hinted ``footnote``, as a footnote area in a PDF is;
- page breaks (TEI ``<pb/>``, a DOCX page break, an EPUB page-list marker)
  start a new page, so spans know the page;
- emphasis is kept as Markdown ``*...*``, which every comparison ignores.
"""

from __future__ import annotations

from dedupe.model import Line, Witness
from dedupe.read.assemble import DraftPage, assemble

BODY_SIZE = 10.0
HEADING_SIZE = 16.0
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


class Flow:
    """Collects text, breaks and notes in reading order."""

    def __init__(self) -> None:
        self.pages: list[list[Line]] = [[]]
        self.notes: list[tuple[int, str]] = []
        self.refs: dict[str, int] = {}  # a note's id -> the number its reference gave it
        self._line: list[str] = []
        self._kind = "paragraph"
        self._open = False
        self._next_note = 1

    def text(self, text: str, emphasis: bool = False) -> None:
        """Running text; whitespace runs become one space, as in print."""
        if not text:
            return
        squashed = " ".join(text.split())
        lead = " " if text[:1].isspace() else ""
        tail = " " if text[-1:].isspace() and squashed else ""
        if emphasis and squashed:
            squashed = f"*{squashed}*"
        self._line.append(lead + squashed + tail)
        self._open = True

    def heading(self) -> None:
        """The block being built is a heading."""
        self._kind = "heading"

    def line_break(self) -> None:
        self._flush_line()

    def end_block(self) -> None:
        self._flush_line()
        page = self.pages[-1]
        if page and page[-1].text:
            page.append(Line("", 0, 0))
        self._kind = "paragraph"
        self._open = False

    def page_break(self) -> None:
        """A new page; an open paragraph goes on across it."""
        self._flush_line()
        if any(line.text for line in self.pages[-1]):
            self.pages.append([])

    def marker(self, n: int | None = None) -> int:
        """A note reference in the body; returns the note's number."""
        number = n if n is not None else self._next_note
        self._next_note = max(self._next_note, number + 1)
        if self._line:
            self._line[-1] = self._line[-1].rstrip()
        self._line.append(str(number).translate(SUPERSCRIPT))
        self._open = True
        return number

    def note(self, number: int, text: str) -> None:
        text = " ".join(text.split())
        if text:
            self.notes.append((number, text))

    def _flush_line(self) -> None:
        text = " ".join("".join(self._line).split())
        self._line = []
        if text:
            size = HEADING_SIZE if self._kind == "heading" else BODY_SIZE
            self.pages[-1].append(Line(text, 0, 0, font_size=size))

    def source(self, witness: Witness, warnings: tuple[str, ...] = ()):
        """The Source: pages of blocks, then the notes (on the last page)."""
        self.end_block()
        last = self.pages[-1]
        for number, text in sorted(self.notes):
            last.append(Line(f"{number} {text}", 0, 0, font_size=BODY_SIZE, hint="footnote"))
        drafts = [DraftPage(i, tuple(lines)) for i, lines in enumerate(self.pages, start=1)]
        return assemble(witness, drafts, warnings)

    @property
    def empty(self) -> bool:
        return not any(line.text for page in self.pages for line in page) and not self._line
