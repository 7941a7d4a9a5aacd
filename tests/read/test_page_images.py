"""A long scan is recognised a page at a time: a real ``dedupe ocr`` run on a
generated 24-page image-only PDF, its temporary folder watched while it
runs, never holds more page images than there are engines."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from dedupe.read.ocr import workers
from dedupe.read.page_images import pdf_pages

PAGES = 24
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    """An image-only PDF of ``PAGES`` small pages, one line of type each."""
    folder = tmp_path_factory.mktemp("book")
    font = ImageFont.truetype(str(FONT), 28) if FONT.exists() else ImageFont.load_default()
    frames = []
    for n in range(1, PAGES + 1):
        image = Image.new("L", (700, 120), 255)
        ImageDraw.Draw(image).text((30, 40), f"Page {n} of the long register", font=font, fill=0)
        frames.append(image)
    path = folder / "register.pdf"
    frames[0].save(path, save_all=True, append_images=frames[1:], resolution=100.0)
    return path


def page_images(folder: Path) -> int:
    """Page images (any stage of preprocessing) in dedupe's page folders now."""
    return sum(
        1
        for sub in folder.glob("dedupe-ocr-*")
        for f in sub.glob("page-*")
        if f.suffix in {".pgm", ".tif", ".png"}
    )


def test_pages_are_described_without_making_any_image(book, tmp_path) -> None:
    before = set(Path(tmp_path).iterdir())
    pages = pdf_pages(str(book), book.name, 300)
    assert [p.number for p in pages] == list(range(1, PAGES + 1))
    assert set(Path(tmp_path).iterdir()) == before


def test_a_long_scan_holds_at_most_one_page_image_per_engine(book, tmp_path) -> None:
    watched = tmp_path / "tmp"
    watched.mkdir()
    out = tmp_path / "register.hocr"
    env = {**os.environ, "TMPDIR": str(watched), "DEDUPE_CACHE_DIR": str(tmp_path / "cache")}
    run = subprocess.Popen(
        [sys.executable, "-m", "dedupe", "ocr", str(book), "-o", str(out), "-q"],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    most, seen = 0, 0
    while run.poll() is None:
        now = page_images(watched)
        most, seen = max(most, now), seen + (now > 0)
        time.sleep(0.005)
    assert run.returncode == 0, run.stderr.read()
    hocr = out.read_text(encoding="utf-8")
    assert hocr.count("class='ocr_page'") == PAGES
    assert hocr.count(">register<") >= PAGES - 2  # what the pages say
    assert seen > 0  # the watch saw the page images being made...
    assert 1 <= most <= workers()  # ...never more than one per engine
    assert page_images(watched) == 0  # and every one deleted
