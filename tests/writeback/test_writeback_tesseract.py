"""Write-back of what Tesseract itself makes from a page image drawn here
(``tesseract IMAGE OUT pdf|hocr|alto``): two typed copies correct two words
of its reading; the corrected searchable PDF has the canonical words on the
boxes of the words they replace and renders the same, and the corrected
hOCR and ALTO read back as the canonical text with their boxes kept."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from dedupe.read import read

LINES = [
    "The committee met in the spring to review the accounts of the society.",
    "Several members questioned the cost of repairing the old library roof.",
    "A survey of the northern parishes found the registers in poor condition.",
]
FIXES = {"accounts": "records", "roof": "chimney"}
SUFFIX = {"pdf": ".pdf", "hocr": ".hocr", "alto": ".xml"}


@pytest.fixture(scope="module")
def page_image(tmp_path_factory) -> Path:
    """The page, in Pillow's own font at 300 dpi."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.load_default(size=40)
    picture = Image.new("L", (2480, 600), 255)
    draw = ImageDraw.Draw(picture)
    for k, line in enumerate(LINES):
        draw.text((120, 100 + 120 * k), line, fill=0, font=font)
    path = tmp_path_factory.mktemp("tesseract") / "page.png"
    picture.save(path, dpi=(300, 300))
    return path


def tesseract(image: Path, kind: str, require_component) -> Path:
    if not shutil.which("tesseract"):
        require_component("tesseract missing (apt-get install tesseract-ocr tesseract-ocr-eng)")
    out = image.parent / f"tesseract-{kind}"
    subprocess.run(
        ["tesseract", str(image), str(out), "-l", "eng", kind],
        capture_output=True, check=True, timeout=120,
    )  # fmt: skip
    return out.with_suffix(SUFFIX[kind])


def corrected(scan: Path, tmp_path: Path) -> tuple[Path, str, str]:
    """The corrected copy of ``scan``, what Tesseract read, and the canonical text."""
    ocr = read(str(scan)).text
    assert all(word in ocr for word in FIXES)
    typed = ocr
    for word, better in FIXES.items():
        typed = typed.replace(word, better)
    for name in ("typed-1.txt", "typed-2.txt"):
        (tmp_path / name).write_text(typed + "\n")
    done = subprocess.run(
        [sys.executable, "-m", "dedupe", "compare", str(scan), str(tmp_path / "typed-1.txt"),
         str(tmp_path / "typed-2.txt"), "-q", "--write-back", str(tmp_path / "fixed")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return tmp_path / "fixed" / scan.name, ocr, typed


def word_boxes(pdf: Path) -> list[tuple[str, float, float, float]]:
    """(word, xMin, xMax, yMin) of every word pdftotext finds."""
    shown = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True
    ).stdout
    root = etree.fromstring(shown, etree.XMLParser(recover=True))
    return [
        (w.text, float(w.get("xMin")), float(w.get("xMax")), float(w.get("yMin")))
        for w in root.iter("{*}word")
    ]


def _fixed(word: str) -> str:
    bare = word.rstrip(".,")
    return FIXES.get(bare, bare) + word[len(bare) :]


def test_tesseract_pdf_written_back_word_by_word(
    page_image, tmp_path: Path, require_component
) -> None:
    if not (shutil.which("pdftotext") and shutil.which("pdftoppm")):
        require_component("poppler-utils missing (pdftotext, pdftoppm)")
    scan = tesseract(page_image, "pdf", require_component)
    written, ocr, typed = corrected(scan, tmp_path)
    before, after = word_boxes(scan), word_boxes(written)
    assert [w for w, *_ in after] == [_fixed(w) for w, *_ in before]  # pdftotext: canonical
    for (_, x0, x1, y0), (_, u0, u1, v0) in zip(before, after, strict=True):
        assert abs(x0 - u0) < 0.5 and abs(x1 - u1) < 0.5 and abs(y0 - v0) < 3  # same box
    images = []
    for pdf in (scan, written):
        subprocess.run(["pdftoppm", "-r", "50", str(pdf), str(tmp_path / pdf.stem)], check=True)
        images.append(next(tmp_path.glob(f"{pdf.stem}-*.ppm")).read_bytes())
    assert images[0] == images[1]  # the page looks exactly as it did
    again = read(str(written)).text
    assert again == typed and again != ocr  # read back: the canonical text


@pytest.mark.parametrize("kind", ["hocr", "alto"])
def test_tesseract_ocr_file_reads_back_canonical(
    kind: str, page_image, tmp_path: Path, require_component
) -> None:
    scan = tesseract(page_image, kind, require_component)
    written, ocr, typed = corrected(scan, tmp_path)
    source = read(str(written))
    assert source.witness.format == kind
    assert source.text == typed and source.text != ocr
    assert [ln.box for ln in source.lines] == [ln.box for ln in read(str(scan)).lines]
