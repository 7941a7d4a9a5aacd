"""Specks a scan's dust leaves: Tesseract reads them as words without
letters; dedupe reads them as nothing, and keeps the printed marks. The page
is typeset and rasterised here, and dust is put after each line's end, where
a scanner's dirt lands in the margin."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from rapidfuzz.distance import Levenshtein

from dedupe.read import read
from dedupe.read.specks import has_letters

DATA = Path(__file__).resolve().parent.parent / "data"
DARWIN = (DATA / "darwin" / "darwin1859.txt").read_text(encoding="utf-8").split("\n\n")
#: A spaced hyphen is a printed mark without letters: it must stay.
TEXT = " ".join(DARWIN[0].split()[:80]) + " - " + " ".join(DARWIN[1].split()[:30])

pytestmark = pytest.mark.usefixtures("ocr_cache")


@pytest.fixture(scope="module")
def dusty(tmp_path_factory, line_ends) -> Path:
    """A 200 dpi page of real type with a 3 x 3 pixel speck a little past
    the end of every line, at the height of a hyphen."""
    from fpdf import FPDF

    folder = tmp_path_factory.mktemp("dust")
    pdf = FPDF(format=(148, 210))
    pdf.set_font("Helvetica", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 7, TEXT)
    (folder / "page.pdf").write_bytes(bytes(pdf.output()))
    subprocess.run(
        ["pdftoppm", "-r", "200", "-gray", "-png", "-singlefile", "page.pdf", "page"],
        cwd=folder,
        check=True,
    )
    pixels = np.array(Image.open(folder / "page.png").convert("L"))
    for top, bottom, end in line_ends(pixels):
        y = (top + bottom) // 2
        pixels[y : y + 3, end + 25 : end + 28] = 0
    out = folder / "dusty.png"
    Image.fromarray(pixels).save(out, dpi=(200, 200))
    return out


def marks(text: str) -> list[str]:
    return [w for w in text.split() if not has_letters(w)]


def engine_words(hocr: Path) -> list[str]:
    """Every word the engine wrote in its hOCR, as it wrote it."""
    from lxml import html

    tree = html.fromstring(hocr.read_bytes())
    return ["".join(w.itertext()).strip() for w in tree.xpath("//*[@class='ocrx_word']")]


def test_specks_the_engine_reads_are_left_out_and_the_hyphen_kept(dusty, tmp_path) -> None:
    from typer.testing import CliRunner

    from dedupe.cli import app

    engine = tmp_path / "engine.hocr"
    result = CliRunner().invoke(app, ["ocr", str(dusty), "-o", str(engine)])
    assert result.exit_code == 0, result.output
    assert len(marks(" ".join(engine_words(engine)))) >= 5  # the dust was read as marks
    for path in (dusty, engine):  # the scan, and the engine's hOCR kept by the user
        text = read(str(path)).text
        assert marks(text) == ["-"]  # the printed hyphen, nothing else
        assert Levenshtein.distance(" ".join(text.split()), TEXT) / len(TEXT) < 0.01


def test_a_mark_that_starts_a_line_of_small_type_is_no_speck():
    """A note's number OCR read as a symbol (``®`` for 8) leads its line at
    the page foot, in type smaller than the page's: the note finders need
    it, so it is never taken for a speck, however doubtful; in body type it is."""
    from lxml import etree

    from dedupe.read.hocr import _unspecked

    line = etree.fromstring(
        "<span class='ocr_line' title='bbox 0 0 900 40; x_size 30'>"
        "<span class='ocrx_word' title='bbox 0 0 10 8; x_wconf 20'>®</span>"
        "<span class='ocrx_word' title='bbox 20 0 300 40; x_wconf 90'>\"Chem</span>"
        "<span class='ocrx_word' title='bbox 310 0 320 6; x_wconf 10'>‘</span>"
        "<span class='ocrx_word' title='bbox 330 0 600 40; x_wconf 91'>Torguyut</span></span>"
    )
    words = [w for w in line if w.get("class") == "ocrx_word"]
    assert [t for t, _ in _unspecked(line, words, 46.0)] == ["®", '"Chem', "Torguyut"]
    assert [t for t, _ in _unspecked(line, words, 30.0)] == ['"Chem', "Torguyut"]
