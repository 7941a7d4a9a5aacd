"""The document's title as the running head of a later page: typeset PDFs
(fpdf) read by dedupe's PDF reader. Where the head repeats on one page only
(on the others OCR damaged it, or the book has only two pages) it is still
the title again, not body text; a heading in display type that repeats the
title stays."""

from __future__ import annotations

from pathlib import Path

from dedupe.normalise import normalise
from dedupe.read import read

DARWIN = (
    (Path(__file__).resolve().parent.parent / "data" / "darwin" / "darwin1859.txt")
    .read_text(encoding="utf-8")
    .split("\n\n")
)
TITLE = "On the Origin of Species by Natural Selection"


def book(path: Path, head_size: float) -> Path:
    """Two pages: the title in large type over the text on page 1; on page 2
    the title again in ``head_size`` point type at the top, then the text."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 20)
    pdf.multi_cell(0, 10, TITLE, align="C")
    pdf.ln(6)
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, " ".join(DARWIN[0].split()[:150]))
    pdf.add_page()
    pdf.set_font("Helvetica", size=head_size)
    pdf.multi_cell(0, 6, TITLE, align="C")
    pdf.ln(6)
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, " ".join(DARWIN[1].split()[:150]))
    pdf.output(str(path))
    return path


def test_the_title_at_the_top_of_a_later_page_is_its_running_head(tmp_path) -> None:
    doc = normalise(read(str(book(tmp_path / "book.pdf", 9)), "A"))
    kept = [b.text for b in doc.blocks if b.kind != "noise"]
    assert kept[0] == TITLE  # the title of page 1 stays
    assert sum(TITLE in t for t in kept) == 1
    assert any(
        b.text == TITLE and (b.reason or "").startswith("running header: the document's title")
        for b in doc.noise
    )


def test_a_heading_in_display_type_that_repeats_the_title_stays(tmp_path) -> None:
    doc = normalise(read(str(book(tmp_path / "book.pdf", 20)), "A"))
    kept = [b.text for b in doc.blocks if b.kind != "noise"]
    assert sum(TITLE in t for t in kept) == 2
