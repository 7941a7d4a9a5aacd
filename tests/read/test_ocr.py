"""Scans recognised with the real Tesseract: pages rendered in the test (real
type, rasterised by poppler), the real lorem-ipsum scans, multi-page TIFF,
``--ocr`` modes and ``--readings``; every error path at the command line."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from rapidfuzz.distance import Levenshtein

import dedupe
from dedupe.model import DedupeError
from dedupe.read import read
from dedupe.read.ocr_options import OcrOptions

DATA = Path(__file__).resolve().parent.parent / "data"
SCAN = DATA / "pdf" / "lorem-ipsum-scan.pdf"
BAD_SCAN = DATA / "pdf" / "lorem-ipsum-scan-bad.pdf"
GROUND_TRUTH = DATA / "page" / "lorem-ipsum-scan.gt.page.xml"
DARWIN = (DATA / "darwin" / "darwin1859.txt").read_text(encoding="utf-8").split("\n\n")


def paragraph(n: int, words: int = 45) -> str:
    return " ".join(DARWIN[n].split()[:words])


def cer(text: str, truth: str) -> float:
    return Levenshtein.distance(" ".join(text.split()), " ".join(truth.split())) / len(truth)


def typeset(pages: list[str]):
    from fpdf import FPDF

    pdf = FPDF(format=(148, 210))
    pdf.set_font("Helvetica", size=12)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 7, text)
    return bytes(pdf.output())


def rasterise(pdf: Path, folder: Path, dpi: int = 200) -> list[Path]:
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(folder / "p")], check=True
    )
    return sorted(folder.glob("p-*.png"))


pytestmark = pytest.mark.usefixtures("ocr_cache")


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    """Two typeset pages of Darwin as PNG, a two-page TIFF, and the text."""
    folder = tmp_path_factory.mktemp("scans")
    pdf = folder / "typeset.pdf"
    pdf.write_bytes(typeset([paragraph(0), paragraph(1)]))
    first, second = rasterise(pdf, folder)
    frames = [Image.open(p) for p in (first, second)]
    tiff = folder / "book.tif"
    frames[0].save(
        tiff, save_all=True, append_images=frames[1:], compression="tiff_lzw", dpi=(200, 200)
    )
    text = folder / "retyped.txt"
    text.write_text(paragraph(0) + "\n", encoding="utf-8")
    return {"png": first, "tiff": tiff, "text": text, "pdf": pdf}


def test_png_is_read_like_hocr_with_word_boxes_and_confidences(pages) -> None:
    source = read(str(pages["png"]))
    assert source.witness.format == "image"
    assert (source.pages[0].width, source.pages[0].height) == Image.open(pages["png"]).size
    lines = [ln for ln in source.lines if ln.text]
    assert len(lines) >= 4
    assert all(ln.box is not None and ln.box.x1 > ln.box.x0 for ln in lines)
    words = [w for ln in lines for w in ln.words]
    assert len(words) >= 40 and all(0 < w.confidence <= 1 for w in words)
    assert cer(" ".join(ln.text for ln in lines), paragraph(0)) < 0.03


def test_png_compared_with_its_text_witness(pages) -> None:
    collation = dedupe.compare([str(pages["png"]), str(pages["text"])])
    assert [w.format for w in collation.witnesses] == ["image", "text"]
    assert cer(dedupe.render("text", collation), paragraph(0)) < 0.01


def test_multi_page_tiff_gives_one_page_per_frame(pages) -> None:
    source = read(str(pages["tiff"]))
    assert [p.number for p in source.pages] == [1, 2]
    for page, n in zip(source.pages, (0, 1), strict=True):
        assert cer(" ".join(ln.text for ln in page.lines if ln.text), paragraph(n)) < 0.03


def test_image_only_pdfs_compared_against_ground_truth() -> None:
    truth = read(str(GROUND_TRUTH)).text
    collation = dedupe.compare([str(SCAN), str(BAD_SCAN)])
    assert [w.format for w in collation.witnesses] == ["pdf+ocr", "pdf+ocr"]
    assert collation.warnings == ()
    assert cer(dedupe.render("text", collation), truth) < 0.02


def test_ocr_never_keeps_the_text_layer_error() -> None:
    with pytest.raises(DedupeError, match="no usable text layer on page 1"):
        read(str(SCAN), ocr=OcrOptions(mode="never"))


def test_auto_reads_the_text_layer_and_always_recognises_it(pages) -> None:
    auto = read(str(pages["pdf"]))
    assert auto.witness.format == "pdf" and not any(ln.words for ln in auto.lines)
    always = read(str(pages["pdf"]), ocr=OcrOptions(mode="always"))
    assert always.witness.format == "pdf+ocr" and any(ln.words for ln in always.lines)
    assert [p.number for p in always.pages] == [1, 2]
    assert cer(always.text.replace("\f", " "), auto.text.replace("\f", " ")) < 0.03


def test_mixed_pdf_recognises_only_the_scanned_page(pages, tmp_path) -> None:
    from fpdf import FPDF

    pdf = FPDF(format=(148, 210))
    pdf.set_font("Helvetica", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 7, paragraph(2))
    pdf.add_page()
    pdf.image(str(pages["png"]), x=0, y=0, w=148)
    path = tmp_path / "mixed.pdf"
    path.write_bytes(bytes(pdf.output()))
    source = read(str(path))
    assert source.witness.format == "pdf+ocr" and source.warnings == ()
    first, second = source.pages
    assert not any(ln.words for ln in first.lines)  # the text layer, as it was
    assert cer(" ".join(ln.text for ln in first.lines if ln.text), paragraph(2)) < 0.01
    assert all(ln.words for ln in second.lines if ln.text)
    assert cer(" ".join(ln.text for ln in second.lines if ln.text), paragraph(0)) < 0.03


def test_readings_make_one_witness_each() -> None:
    collation = dedupe.compare([str(BAD_SCAN)], readings=3)
    assert [w.id for w in collation.witnesses] == ["A", "B", "C"]
    labels = [w.label for w in collation.witnesses]
    assert labels == [
        "lorem-ipsum-scan-bad.pdf (plain)",
        "lorem-ipsum-scan-bad.pdf (otsu)",
        "lorem-ipsum-scan-bad.pdf (psm6)",
    ]
    texts = {doc.witness.id: " ".join(b.text for b in doc.body) for doc in collation.documents}
    assert len(set(texts.values())) > 1  # independent readings, not copies


def test_pages_report_progress_per_document(pages) -> None:
    calls: list[tuple[str, int, int]] = []
    read(str(pages["tiff"]), progress=lambda stage, done, total: calls.append((stage, done, total)))
    assert calls[-1] == ("OCR book.tif", 2, 2)
    assert all(stage == "OCR book.tif" and total == 2 for stage, _, total in calls)


def test_one_scan_with_readings_at_the_command_line(tmp_path) -> None:
    out = tmp_path / "collation.json"
    result = run("compare", str(SCAN), "--readings", "2", "-f", "json", "-o", str(out))
    assert result.returncode == 0, result.stderr
    import json

    witnesses = json.loads(out.read_text(encoding="utf-8"))["witnesses"]
    assert [(w["id"], w["label"]) for w in witnesses] == [
        ("A", "lorem-ipsum-scan.pdf (plain)"),
        ("B", "lorem-ipsum-scan.pdf (otsu)"),
    ]
    alone = run("compare", str(SCAN), "-o", str(out))
    assert alone.returncode == 2 and "compare needs at least two witnesses" in alone.stderr


def test_readings_apply_to_scans_only(pages) -> None:
    collation = dedupe.compare([str(pages["text"]), str(pages["png"])], readings=2)
    assert [(w.id, w.format) for w in collation.witnesses] == [
        ("A", "text"),
        ("B", "image"),
        ("C", "image"),
    ]
    with pytest.raises(DedupeError, match="--readings applies to scans only"):
        dedupe.compare([str(pages["text"])], readings=3)


# --- errors at the command line: one line, exit code 2, nothing written -------------


def run(*args: str, path: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "100"}
    if path is not None:
        env["PATH"] = path
    return subprocess.run(
        [sys.executable, "-m", "dedupe", *args], capture_output=True, text=True, env=env
    )


def assert_refused(result: subprocess.CompletedProcess, out: Path, message: str) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    assert re.search(message, result.stderr), result.stderr
    assert result.stdout == "" and not out.exists()
    assert [p for p in out.parent.iterdir() if p.name.startswith(f".{out.name}")] == []


@pytest.fixture
def no_tesseract(tmp_path) -> str:
    """A PATH with poppler but without tesseract."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for tool in ("pdftoppm", "pdfinfo"):
        os.symlink(subprocess.check_output(["which", tool], text=True).strip(), folder / tool)
    return str(folder)


@pytest.mark.parametrize("scan", ["png", "pdf"])
def test_missing_tesseract_says_what_to_install(pages, tmp_path, no_tesseract, scan) -> None:
    out = tmp_path / "out.txt"
    witness = str(pages["png"]) if scan == "png" else str(SCAN)
    result = run("compare", witness, str(pages["text"]), "-o", str(out), path=no_tesseract)
    assert_refused(result, out, r"^dedupe: tesseract not found.*apt-get install tesseract-ocr ")


def test_missing_language_pack_says_what_to_install(pages, tmp_path) -> None:
    out = tmp_path / "out.txt"
    result = run(
        "compare", str(pages["png"]), str(pages["text"]), "--lang", "eng+fra", "-o", str(out)
    )
    assert_refused(
        result,
        out,
        r"^dedupe: Tesseract has no language data for fra: apt-get install tesseract-ocr tesseract-ocr-fra$",
    )


def test_text_witnesses_need_no_tesseract(tmp_path, no_tesseract, sample_a, sample_b) -> None:
    out = tmp_path / "out.txt"
    result = run("compare", sample_a, sample_b, "-o", str(out), path=no_tesseract)
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").strip()
    probe = (
        "import sys, dedupe; dedupe.compare(sys.argv[1:3]); "
        "print(sorted(m for m in sys.modules if m.startswith(('PIL', 'dedupe.read.ocr', "
        "'dedupe.read.tesseract', 'dedupe.read.images', 'dedupe.ocr_'))))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe, sample_a, sample_b],
        capture_output=True,
        text=True,
        check=True,
    )
    assert loaded.stdout.strip() == "['dedupe.read.ocr_options']"


def test_decompression_bomb_is_refused(pages, tmp_path) -> None:
    bomb = tmp_path / "bomb.png"
    Image.new("1", (20_000, 20_000), 1).save(bomb)
    out = tmp_path / "out.txt"
    result = run("compare", str(bomb), str(pages["text"]), "-o", str(out))
    assert_refused(
        result, out, r"^dedupe: bomb\.png: too many pixels to read safely, a decompression bomb\?"
    )


def test_pdf_page_too_large_to_rasterise_is_refused(pages, tmp_path) -> None:
    from fpdf import FPDF

    pdf = FPDF(format=(5000, 5000))  # points: 20,833 pixels square at 300 dpi
    pdf.add_page()
    pdf.image(str(pages["png"]), x=0, y=0, w=5000)
    huge = tmp_path / "huge.pdf"
    huge.write_bytes(bytes(pdf.output()))
    out = tmp_path / "out.txt"
    result = run("compare", str(huge), str(pages["text"]), "-o", str(out))
    assert_refused(result, out, r"^dedupe: huge\.pdf page 1: too many pixels to read safely")


def test_corrupt_images_are_refused(pages, tmp_path) -> None:
    data = pages["png"].read_bytes()
    cut = tmp_path / "cut.png"
    cut.write_bytes(data[: len(data) // 2])
    noise = tmp_path / "noise.jpg"
    noise.write_bytes(b"\xff\xd8\xff" + bytes(range(256)) * 4)
    for path, message in (
        (cut, r"^dedupe: cut\.png.*damaged image"),
        (noise, r"^dedupe: noise\.jpg: "),
    ):
        out = tmp_path / "out.txt"
        result = run("compare", str(path), str(pages["text"]), "-o", str(out))
        assert_refused(result, out, message)


def test_zero_size_pdf_page_is_refused(pages, tmp_path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.image(str(pages["png"]), x=0, y=0, w=100)
    data = bytes(pdf.output())
    box = re.search(rb"/MediaBox ?\[[^\]]*\]", data).group(0)
    zero = tmp_path / "zero.pdf"
    zero.write_bytes(data.replace(box, b"/MediaBox [0 0 0 0]".ljust(len(box))))
    out = tmp_path / "out.txt"
    result = run("compare", str(zero), str(pages["text"]), "-o", str(out))
    assert_refused(result, out, r"^dedupe: zero\.pdf page 1: zero-size page")


def test_an_image_with_ocr_never_is_refused(pages, tmp_path) -> None:
    out = tmp_path / "out.txt"
    result = run("compare", str(pages["png"]), str(pages["text"]), "--ocr", "never", "-o", str(out))
    assert_refused(result, out, r"needs OCR, and --ocr is never")
