"""The sample report typeset as real PDFs in two layouts, with fpdf2.

A small typesetter of our own (fpdf2 places the text; line breaking, page
breaks and footnotes are done here) so that each layout has what archivists'
PDFs have: layout 1 is serif on A4 with the title as running header, page
numbers in the footer and footnotes at the foot of each page, called by
raised markers; layout 2 is sans-serif on US Letter with the author and page
number as running header and the notes gathered at the end. The core PDF
fonts (Times, Helvetica) need no font files; they cover Latin-1, so the text
is folded to it, the same for the PDF and the .txt witnesses.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
REPORT = ROOT / "samples" / "texts" / "beijing-binds.txt"
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_MARKER = re.compile(f"([{SUPERSCRIPTS}]+)")
_PLAIN = str.maketrans(SUPERSCRIPTS, "0123456789")
#: Real textual differences of version B: (A's words, B's words).
EDITS = (
    ("Zholdosbaev", "Zholdoshaev"),
    ("massive protests", "large protests"),
    ("It did not take very long", "It did not take long"),
    ("with the Middle Kingdom", "with the Middle Empire"),
)


@dataclass(frozen=True)
class Report:
    """Title, body blocks (kind, text with superscript markers) and notes."""

    title: str
    blocks: tuple[tuple[str, str], ...]
    notes: tuple[tuple[int, str], ...]

    def text(self) -> str:
        """The report as a clean .txt witness: blocks, then the notes."""
        parts = [self.title, *(text for _, text in self.blocks), "Notes"]
        parts.append("\n".join(f"{n} {text}" for n, text in self.notes))
        return "\n\n".join(parts) + "\n"


def latin1(text: str) -> str:
    """Dashes as hyphens, other letters outside Latin-1 without accents."""
    text = text.replace("–", "-").replace("—", "-")
    return "".join(
        c
        if ord(c) < 256 or c in SUPERSCRIPTS
        else unicodedata.normalize("NFKD", c).encode("latin-1", "ignore").decode("latin-1")
        for c in text
    )


def read_report(version: str) -> Report:
    """Version "A" is the sample report; "B" has the EDITS made."""
    text = latin1(REPORT.read_text(encoding="utf-8"))
    if version == "B":
        for old, new in EDITS:
            assert text.count(old) == 1, old
            text = text.replace(old, new)
    body, _, notes = text.partition("\n\nNotes\n\n")
    title, *blocks = [b.strip() for b in body.split("\n\n") if b.strip()]
    return Report(
        title,
        tuple(("heading" if _is_heading(b) else "paragraph", b) for b in blocks),
        tuple((int(n), t) for n, _, t in (ln.partition(" ") for ln in notes.splitlines() if ln)),
    )


def _is_heading(block: str) -> bool:
    return len(block.split()) <= 8 and not block.endswith((".", ":", '"'))


# --- the typesetter ---------------------------------------------------------------

Piece = tuple[str, bool]  # text, is a note marker
Line = list[list[Piece]]  # words


@dataclass(frozen=True)
class Style:
    family: str
    size: float
    leading: float
    bold: bool = False

    @property
    def marker(self) -> float:
        return round(self.size * 0.6, 1)


def pieces(word: str) -> list[Piece]:
    """A word split into text and raised markers ("Kazakhstan¹⁷," -> 3)."""
    out = []
    for k, part in enumerate(_MARKER.split(word)):
        if part:
            out.append((part.translate(_PLAIN), k % 2 == 1))
    return out


class Setter:
    """Lines onto pages: body top to bottom, the page's notes at its foot."""

    def __init__(self, pdf, margins, head, notes: Style | None, justify: bool) -> None:
        self.pdf = pdf
        self.left, self.top, self.bottom = margins
        self.width = pdf.w - 2 * self.left
        self.head = head  # draws the running header and footer of a page
        self.note_style = notes  # footnotes at the page foot, or None
        self.notes: dict[int, str] = {}
        self.page_notes: list[tuple[int, list[Line]]] = []
        self.justify = self.hyphenate = justify  # and hyphenate long words
        self.y = 0.0
        self.new_page()

    def new_page(self) -> None:
        self.finish_page()
        self.pdf.add_page()
        self.head(self.pdf)
        self.y = self.top

    def finish_page(self) -> None:
        """Set the page's footnotes above the bottom margin, under a rule."""
        if not self.page_notes or self.note_style is None:
            self.page_notes = []
            return
        style = self.note_style
        y = self.pdf.h - self.bottom - self.notes_height(self.page_notes)
        self.pdf.line(self.left, y - 4, self.left + 100, y - 4)
        for _, lines in self.page_notes:
            for line in lines:
                self.draw(line, style, y + style.size)
                y += style.leading
        self.page_notes = []

    def notes_height(self, notes) -> float:
        if not notes or self.note_style is None:
            return 0.0
        return 8 + sum(len(lines) for _, lines in notes) * self.note_style.leading

    def limit(self, extra_notes=()) -> float:
        return self.pdf.h - self.bottom - self.notes_height(self.page_notes + list(extra_notes))

    def paragraph(self, text: str, style: Style, before: float, keep: int = 1) -> None:
        """Set a paragraph (``keep`` lines of space needed below its first)."""
        lines = self.wrap(text, style, self.width)
        if self.y > self.top:
            self.y += before
        if self.y + keep * style.leading > self.limit():
            self.new_page()
        for k, line in enumerate(lines):
            calls = [self.note(int(t)) for w in line for t, mark in w if mark and self.note_style]
            if self.y + style.leading > self.limit(calls):
                self.new_page()
            last = k == len(lines) - 1
            self.draw(line, style, self.y + style.size, justify=self.justify and not last)
            self.y += style.leading
            self.page_notes += calls

    def note(self, n: int) -> tuple[int, list[Line]]:
        assert self.note_style is not None
        lines = self.wrap(self.notes[n], self.note_style, self.width)
        lines[0][0] = [(str(n), True), (" ", False), *lines[0][0]]
        return n, lines

    def wrap(self, text: str, style: Style, width: float) -> list[Line]:
        """Greedy line breaking, long words hyphenated if ``self.hyphenate``."""
        lines: list[Line] = [[]]
        used = 0.0
        space = self.measure([(" ", False)], style)
        for word in text.split():
            parts = pieces(word)
            size = self.measure(parts, style)
            if lines[-1] and used + space + size > width:
                head, tail = self.split(word, style, width - used - space)
                if head:
                    lines[-1].append(pieces(head))
                    parts, size = pieces(tail), self.measure(pieces(tail), style)
                lines.append([])
                used = 0.0
            used += (space if lines[-1] else 0.0) + size
            lines[-1].append(parts)
        return [line for line in lines if line]

    def split(self, word: str, style: Style, room: float) -> tuple[str, str]:
        """The longest hyphenated head of a long plain word that fits ``room``."""
        if not (self.hyphenate and word.isalpha() and len(word) >= 8):
            return "", word
        for cut in range(len(word) - 3, 2, -1):
            if self.measure([(word[:cut] + "-", False)], style) <= room:
                return word[:cut] + "-", word[cut:]
        return "", word

    def measure(self, parts: list[Piece], style: Style) -> float:
        width = 0.0
        for text, marker in parts:
            self.font(style, marker)
            width += self.pdf.get_string_width(text) + (0.5 if marker else 0.0)
        return width

    def font(self, style: Style, marker: bool) -> None:
        self.pdf.set_font(
            style.family, "B" if style.bold else "", style.marker if marker else style.size
        )

    def draw(self, line: Line, style: Style, baseline: float, justify: bool = False) -> None:
        """Ragged lines as runs with real spaces; justified ones word by word,
        the spare width shared between the gaps (no space characters)."""
        if not justify or len(line) < 2:
            words: list[Piece] = []
            for k, word in enumerate(line):
                words += [(" ", False), *word] if k else word
            self.put(_merged(words), style, self.left, baseline)
            return
        sizes = [self.measure(word, style) for word in line]
        gap = (self.width - sum(sizes)) / (len(line) - 1)
        x = self.left
        for word, size in zip(line, sizes, strict=True):
            self.put(word, style, x, baseline)
            x += size + gap

    def put(self, parts: list[Piece], style: Style, x: float, baseline: float) -> None:
        for text, marker in parts:
            self.font(style, marker)
            self.pdf.text(x, baseline - (0.4 * style.size if marker else 0), text)
            x += self.pdf.get_string_width(text) + (0.5 if marker else 0.0)


def _merged(line: list[Piece]) -> list[Piece]:
    """Neighbouring text pieces as one run, so the PDF has real spaces."""
    out: list[Piece] = []
    for text, marker in line:
        if out and not marker and not out[-1][1]:
            out[-1] = (out[-1][0] + text, False)
        else:
            out.append((text, marker))
    return out


def typeset(report: Report, layout: int) -> bytes:
    """The report as a PDF in layout 1 or 2."""
    from fpdf import FPDF

    if layout == 1:
        pdf = FPDF(unit="pt", format="A4")
        body = Style("Times", 11, 14)
        notes = Style("Times", 8, 10)

        def head(pdf) -> None:
            pdf.set_font("Times", "I", 9)
            if pdf.page_no() > 1:
                pdf.set_xy(0, 40)
                pdf.cell(pdf.w, 10, report.title, align="C")
            pdf.set_font("Times", "", 9)
            pdf.set_xy(0, pdf.h - 50)
            pdf.cell(pdf.w, 10, str(pdf.page_no()), align="C")

        margins = (72.0, 80.0, 70.0)
    else:
        pdf = FPDF(unit="pt", format="Letter")
        body = Style("Helvetica", 10, 13)
        notes = None

        def head(pdf) -> None:
            pdf.set_font("Helvetica", "", 8)
            pdf.set_xy(60, 36)
            pdf.cell(100, 10, str(pdf.page_no()))
            pdf.set_xy(pdf.w - 260, 36)
            pdf.cell(200, 10, "Raffaello Pantucci", align="R")

        margins = (60.0, 76.0, 60.0)
    pdf.set_auto_page_break(False)
    setter = Setter(pdf, margins, head, notes, justify=layout == 1)
    setter.notes = dict(report.notes)
    title = replace(body, size=body.size + 4, leading=body.leading + 6, bold=True)
    heading = replace(body, size=body.size + 1.5, leading=body.leading + 2, bold=True)
    setter.paragraph(report.title, title, 0)
    for kind, text in report.blocks:
        if kind == "heading":
            setter.paragraph(text, heading, 12, keep=4)
        else:
            setter.paragraph(text, body, 7)
    if notes is None:  # endnotes
        small = replace(body, size=body.size - 1, leading=body.leading - 1)
        setter.paragraph("Notes", heading, 16, keep=4)
        for n, text in report.notes:
            setter.paragraph(f"{n} {text}", small, 3)
    setter.finish_page()
    return bytes(pdf.output())


@pytest.fixture(scope="session")
def reports() -> dict[str, Report]:
    """Versions A and B of the report (B has ``EDITS`` made)."""
    return {version: read_report(version) for version in "AB"}


@pytest.fixture(scope="session")
def edits() -> tuple[tuple[str, str], ...]:
    return EDITS


@pytest.fixture(scope="session")
def report_files(tmp_path_factory, reports) -> dict[str, Path]:
    """a.txt, b.txt (versions A and B) and a.pdf (A in layout 1), b.pdf (B in layout 2)."""
    folder = tmp_path_factory.mktemp("report")
    files = {}
    for version, layout in (("A", 1), ("B", 2)):
        report = reports[version]
        name = version.lower()
        files[f"{name}.txt"] = folder / f"{name}.txt"
        files[f"{name}.txt"].write_text(report.text(), encoding="utf-8")
        files[f"{name}.pdf"] = folder / f"{name}.pdf"
        files[f"{name}.pdf"].write_bytes(typeset(report, layout))
    return files
