"""``dedupe ocr``: a multi-page hOCR file of what Tesseract read, which dedupe
reads back exactly as it reads the scan; a second run reads from the cache."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

DATA = Path(__file__).resolve().parent / "data" / "pdf"


def run(*args: str, cache: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "100", "DEDUPE_CACHE_DIR": str(cache)}
    return subprocess.run(
        [sys.executable, "-m", "dedupe", *args], capture_output=True, text=True, env=env
    )


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    """A two-page TIFF of the real lorem-ipsum scans (good, then bad)."""
    folder = tmp_path_factory.mktemp("book")
    for name in ("lorem-ipsum-scan", "lorem-ipsum-scan-bad"):
        subprocess.run(
            ["pdftoppm", "-r", "200", "-gray", "-png", "-singlefile"]
            + [str(DATA / f"{name}.pdf"), str(folder / name)],
            check=True,
        )
    good, bad = (
        Image.open(folder / f"{n}.png") for n in ("lorem-ipsum-scan", "lorem-ipsum-scan-bad")
    )
    path = folder / "book.tif"
    good.save(path, save_all=True, append_images=[bad], compression="tiff_lzw", dpi=(200, 200))
    return path


def cached(cache: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in cache.rglob("*.hocr")}


def test_ocr_writes_hocr_that_reads_back_and_is_cached(book: Path, tmp_path: Path) -> None:
    cache, out = tmp_path / "cache", tmp_path / "book.hocr"
    first = run("ocr", str(book), "-o", str(out), cache=cache)
    assert first.returncode == 0, first.stderr
    assert first.stderr.startswith("dedupe: 2 pages: 2 recognised, 0 from the cache"), first.stderr
    hocr = out.read_text(encoding="utf-8")
    assert re.findall(r"class='ocr_page' id='(page_\d+)'", hocr) == ["page_1", "page_2"]
    ids = re.findall(r"\bid='([^']+)'", hocr)
    assert len(ids) == len(set(ids)) > 100
    assert 'image "book.tif"' in hocr and "ppageno 1" in hocr
    stored = cached(cache)
    assert len(stored) == 2

    again = run("ocr", str(book), "-o", str(out), cache=cache)
    assert again.returncode == 0, again.stderr
    assert again.stderr.startswith("dedupe: 2 pages: 0 recognised, 2 from the cache"), again.stderr
    assert cached(cache) == stored  # nothing written again
    assert out.read_text(encoding="utf-8") == hocr

    from_scan = run("normalise", str(book), cache=cache)
    from_hocr = run("normalise", str(out), cache=cache)
    assert from_scan.returncode == from_hocr.returncode == 0, from_scan.stderr + from_hocr.stderr
    assert "Lorem ipsum dolor sit amet" in from_scan.stdout
    assert from_hocr.stdout == from_scan.stdout
    assert cached(cache) == stored  # compare and normalise share the cache

    german = run("ocr", str(book), "--lang", "eng+deu", "-o", str(out), cache=cache)
    assert german.stderr.startswith("dedupe: 2 pages: 2 recognised, 0 from the cache"), (
        german.stderr
    )
    assert len(cached(cache)) == 4  # other settings, other entries


def test_ocr_of_a_pdf_and_with_another_reading(tmp_path: Path) -> None:
    cache, out = tmp_path / "cache", tmp_path / "scan.hocr"
    result = run(
        "ocr", str(DATA / "lorem-ipsum-scan.pdf"), "--reading", "otsu", "-o", str(out), cache=cache
    )
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").count("class='ocr_page'") == 1
    assert "Lorem" in out.read_text(encoding="utf-8")


def test_ocr_refuses_what_is_not_a_scan(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("Not a scan at all.\n", encoding="utf-8")
    out = tmp_path / "out.hocr"
    result = run("ocr", str(text), "-o", str(out), cache=tmp_path / "cache")
    assert result.returncode == 2
    assert result.stderr == "dedupe: notes.txt: not a readable image (PNG, JPEG or TIFF)\n"
    assert not out.exists()
