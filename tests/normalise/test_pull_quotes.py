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


def dusty_scan(pdf: Path, folder: Path, line_ends, seed: int = 1, angle: float = 1.0) -> Path:
    """An image-only PDF of ``pdf`` as a worn 150 dpi scanner gives it: a
    speck of dust past the end of every line (above it or below it: the
    engine takes it into the line's box), then skew, blur, grain, flipped
    pixels and JPEG."""
    import io

    import numpy as np
    from PIL import Image, ImageFilter

    subprocess.run(
        ["pdftoppm", "-r", "150", "-gray", "-png", "-singlefile", str(pdf), str(folder / "page")],
        check=True,
    )
    pixels = np.array(Image.open(folder / "page.png").convert("L"))
    for k, (top, bottom, end) in enumerate(line_ends(pixels)):
        y = bottom + 5 if k % 2 else top - 6
        pixels[y : y + 2, end + 10 : end + 12] = 0
    rng = np.random.default_rng(seed)
    image = Image.fromarray(pixels).rotate(angle, resample=Image.BICUBIC, fillcolor=255)
    grain = np.asarray(image.filter(ImageFilter.GaussianBlur(0.4)), dtype=np.float32)
    grain = grain + rng.normal(0, 22, grain.shape)
    grain = np.where(rng.random(grain.shape) < 0.0015, 255 - grain, grain)
    buffer = io.BytesIO()
    Image.fromarray(np.clip(grain, 0, 255).astype(np.uint8)).save(buffer, "JPEG", quality=30)
    out = folder / "dusty.pdf"
    Image.open(io.BytesIO(buffer.getvalue())).convert("L").save(out, resolution=150.0)
    return out


@pytest.mark.skipif(
    subprocess.run(["which", "tesseract"], capture_output=True).returncode, reason="no tesseract"
)
def test_a_pull_quote_on_a_dusty_skewed_scan_is_layout(tmp_path, monkeypatch, line_ends) -> None:
    """Dust stretches every line's box, so box heights no longer tell the
    display type (the engine's x_size does), and the quote is set in from
    the left of the column only (skew moves the edges by about an em)."""
    from fpdf import FPDF

    monkeypatch.setenv("DEDUPE_CACHE_DIR", str(tmp_path / "cache"))
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Times", size=11)
    pdf.multi_cell(0, 6, f"{words(2, 120)} {QUOTE} {words(3, 120)}")
    pdf.ln(3)
    pdf.set_font("Times", "I", 16)
    pdf.set_x(18)
    pdf.multi_cell(180, 8, QUOTE, align="C")
    pdf.ln(3)
    pdf.set_font("Times", size=11)
    pdf.multi_cell(0, 6, words(4, 120) + " " + words(5, 120))
    pdf.output(str(tmp_path / "quote.pdf"))
    scan = dusty_scan(tmp_path / "quote.pdf", tmp_path, line_ends)
    assert any(r.startswith("pull quote") for r in noise(scan))
    assert body(scan).count("old society") == 1  # the body's copy, read with its own misreadings
