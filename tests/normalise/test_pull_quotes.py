"""Pull quotes on typeset pages (real PDFs made with fpdf, read by dedupe's
PDF reader and, rasterised, by Tesseract): the copy in display type goes,
the body keeps its sentence once; a title printed again in the abstract and
a heading stay."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from dedupe.normalise import normalise
from dedupe.read import read

DARWIN = (
    (Path(__file__).resolve().parent.parent / "data" / "darwin" / "darwin1859.txt")
    .read_text(encoding="utf-8")
    .split("\n\n")
)
QUOTE = "The committee met in the spring to review the accounts of the old society."


def words(n: int, count: int = 70) -> str:
    return " ".join(DARWIN[n].split()[:count])


def typeset(path: Path, title: str | None = None, quote: str = QUOTE) -> Path:
    """A page: (a title,) a paragraph holding ``quote``, the quote again in
    large italic set in from both sides, and the paragraph going on."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    if title:
        pdf.set_font("Helvetica", "B", 18)
        pdf.multi_cell(0, 9, title, align="C")
        pdf.ln(4)
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, f"{words(2)} {quote} {words(3)}")
    pdf.ln(3)
    pdf.set_font("Helvetica", "I", 16)
    pdf.set_x(40)
    pdf.multi_cell(130, 8, quote, align="C")
    pdf.ln(3)
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, words(4) + " " + words(5))
    pdf.output(str(path))
    return path


def body(path: Path) -> str:
    doc = normalise(read(str(path), "A"))
    return " ".join(b.text for b in doc.blocks if b.kind != "noise")


def noise(path: Path) -> list[str]:
    doc = normalise(read(str(path), "A"))
    return [b.reason or "" for b in doc.blocks if b.kind == "noise"]


def test_a_pull_quote_in_a_text_layer_is_layout_and_its_sentence_stays_once(tmp_path) -> None:
    pdf = typeset(tmp_path / "quote.pdf")
    text = body(pdf)
    assert text.count("review the accounts") == 1
    assert any(r.startswith("pull quote") for r in noise(pdf))


def test_a_title_printed_again_in_the_text_below_is_kept(tmp_path) -> None:
    title = "The committee met in the spring to review the old accounts"
    pdf = typeset(tmp_path / "title.pdf", title=title, quote=title + ".")
    doc = normalise(read(str(pdf), "A"))
    kept = [b.text for b in doc.blocks if b.kind != "noise"]
    assert kept[0] == title  # the title, not taken for a pull quote of the text under it


def test_large_type_not_printed_again_in_the_body_is_kept(tmp_path) -> None:
    pdf = typeset(tmp_path / "none.pdf", quote="Variation under domestication and its many causes.")
    assert "Variation under domestication and its many causes" in body(pdf)
    assert not any(r.startswith("pull quote") for r in noise(pdf))


@pytest.mark.skipif(
    subprocess.run(["which", "tesseract"], capture_output=True).returncode, reason="no tesseract"
)
def test_a_pull_quote_on_a_scanned_page_is_layout(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DEDUPE_CACHE_DIR", str(tmp_path / "cache"))
    pdf = typeset(tmp_path / "quote.pdf")
    subprocess.run(
        ["pdftoppm", "-r", "200", "-gray", "-png", "-singlefile", str(pdf), str(tmp_path / "scan")],
        check=True,
    )
    scan = tmp_path / "scan.png"
    text = body(scan)
    assert text.count("review the accounts") == 1
    assert "committee met in the spring" in text
