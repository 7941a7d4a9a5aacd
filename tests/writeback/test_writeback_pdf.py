"""Write-back of an OCRed scan (page image + invisible text, made with fpdf2
and Pillow here): the pages render identically (pdftoppm), pdftotext and
dedupe read the canonical words, and a PDF with visible text is left alone."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dedupe.read import read

LINES = [
    "The committee met in the sprlng to review the accounts of the society.",
    "Several members questioned the cost of repairing the old library roof.",
    "A survey of the northern parishes found the registers in poor conditlon.",
]
TYPED = "\n".join(LINES).replace("sprlng", "spring").replace("conditlon", "condition") + "\n"


@pytest.fixture
def poppler(require_component) -> None:
    """pdftotext and pdftoppm: skipped without them, failed under CI."""
    if not (shutil.which("pdftotext") and shutil.which("pdftoppm")):
        require_component("poppler-utils missing (pdftotext, pdftoppm)")


def scan_pdf(visible: bool = False) -> bytes:
    """A page image with the true text, under an OCR layer with two misreadings."""
    from fpdf import FPDF
    from fpdf.enums import TextMode
    from PIL import Image, ImageDraw

    picture = Image.new("L", (1240, 500), 255)
    draw = ImageDraw.Draw(picture)
    for k, line in enumerate(TYPED.splitlines()):
        draw.text((60, 60 + 70 * k), line, fill=0)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(io.BytesIO(buffer.getvalue()), x=0, y=0, w=210)
    pdf.set_font("Helvetica", size=12)
    if not visible:
        pdf.text_mode = TextMode.INVISIBLE
    pdf.set_xy(10, 10)
    for line in LINES:
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def compare(tmp_path: Path, scan: Path) -> subprocess.CompletedProcess:
    for name in ("typed-1.txt", "typed-2.txt"):
        (tmp_path / name).write_text(TYPED)
    return subprocess.run(
        [sys.executable, "-m", "dedupe", "compare", str(scan), str(tmp_path / "typed-1.txt"),
         str(tmp_path / "typed-2.txt"), "-o", str(tmp_path / "canonical.txt"),
         "--write-back", str(tmp_path / "fixed")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_ocr_layer_corrected_pages_unchanged(tmp_path: Path, poppler) -> None:
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(scan_pdf())
    done = compare(tmp_path, scan)
    assert done.returncode == 0, done.stderr
    written = tmp_path / "fixed" / "scan.pdf"
    extracted = subprocess.run(
        ["pdftotext", str(written), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "in the spring to review" in extracted and "in poor condition." in extracted
    assert "sprlng" not in extracted and "conditlon" not in extracted
    assert read(str(written)).text == TYPED.strip()  # read back: the canonical text
    images = []
    for pdf in (scan, written):
        subprocess.run(["pdftoppm", "-r", "60", str(pdf), str(tmp_path / pdf.stem)], check=True)
        images.append(next(tmp_path.glob(f"{pdf.stem}-*.ppm")).read_bytes())
    assert images[0] == images[1]  # the page looks exactly as it did
    words = subprocess.run(
        ["pdftotext", "-bbox", str(written), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert words.count("<word ") == sum(len(line.split()) for line in TYPED.splitlines())


def test_pdf_with_visible_text_is_not_rewritten(tmp_path: Path) -> None:
    scan = tmp_path / "born-digital.pdf"
    scan.write_bytes(scan_pdf(visible=True))
    done = compare(tmp_path, scan)
    assert done.returncode == 0, done.stderr
    assert "born-digital.pdf: not written back (page 1 has visible text" in done.stderr
    assert not (tmp_path / "fixed" / "born-digital.pdf").exists()
    assert (tmp_path / "fixed" / "typed-1.docx").exists()
