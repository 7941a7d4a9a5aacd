"""PDF reader + geometry pass on real PDFs (tests/data/pdf) and generated ones."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from dedupe.model import DedupeError, Line, Source
from dedupe.normalise import normalise
from dedupe.normalise.geometry import mark_layout
from dedupe.read import read
from dedupe.read.ocr_options import OcrOptions
from dedupe.read.pdf import read_pdf

PDF = Path(__file__).resolve().parent.parent / "data" / "pdf"
NO_OCR = OcrOptions(mode="never")  # the text layer as it is (OCR: tests/read/test_ocr.py)
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"


@cache
def marked(name: str) -> Source:
    return mark_layout(read(str(PDF / name)))


def texts(page, hint=None) -> list[str]:
    return [ln.text for ln in page.lines if ln.text and ln.hint == hint]


def body(page) -> list[Line]:
    return [ln for ln in page.lines if ln.text and ln.hint is None]


def check_source_offsets(source: Source) -> None:
    for line in source.lines:
        assert source.text[line.start : line.end] == line.text
    assert source.text.count("\f") == len(source.pages) - 1


# --- dmca.pdf: running header, "Page N" footer, footnotes, hyphenation ----------


def test_dmca_running_header_and_page_footer_are_noise() -> None:
    source = marked("dmca.pdf")
    check_source_offsets(source)
    header = "The Digital Millennium Copyright Act of 1998"
    for page in source.pages[1:]:
        assert header in texts(page, "header"), page.number
        assert f"Page {page.number}" in texts(page, "page-number"), page.number
        assert not any(header in t or t == f"Page {page.number}" for t in texts(page))
    reason = next(ln.hint_reason for ln in source.pages[1].lines if ln.hint == "header")
    assert re.match(r"running header: repeats on 1[78] of 18 pages in the top band", reason)


def test_dmca_title_on_first_page_is_content() -> None:
    first = marked("dmca.pdf").pages[0]
    assert "THE DIGITAL MILLENNIUM COPYRIGHT ACT OF 1998" in texts(first)


def test_dmca_footnotes_open_with_their_number_and_markers_are_superscript() -> None:
    source = marked("dmca.pdf")
    notes = [ln for ln in source.lines if ln.hint == "footnote"]
    openers = [ln.text for ln in notes if ln.text[0] in SUPERSCRIPTS]
    assert openers[0].startswith("¹ Pub. L. No. 105-304")
    assert [t[0] for t in openers] == ["¹", "²", "³"]
    assert [ln.page for ln in notes if ln.text[0] in SUPERSCRIPTS] == [1, 4, 8]
    assert any("Copyright Act (DMCA)¹ was signed" in t for t in texts(source.pages[0]))
    assert not any(ln.text.startswith("¹ Pub.") for ln in source.lines if ln.hint != "footnote")


def test_dmca_normalised_title_notes_and_rejoined_words() -> None:
    """Through the normaliser: the title page is content though it reads like
    the running head (another size and face), the heads are noise on the 17
    other pages, the three notes keep their numbers, hyphenated words join."""
    doc = normalise(read(str(PDF / "dmca.pdf")))
    kept = [b.text for b in doc.blocks if b.kind in ("heading", "paragraph")]
    assert kept[:3] == [
        "THE DIGITAL MILLENNIUM COPYRIGHT ACT OF 1998 U.S. Copyright Office Summary",
        "December 1998",
        "INTRODUCTION",
    ]
    noise = [b.text for b in doc.noise]
    assert noise.count("The Digital Millennium Copyright Act of 1998") == 17
    assert sum(1 for t in noise if re.fullmatch(r"Page \d+", t)) == 18
    notes = [b for b in doc.blocks if b.kind == "footnote"]
    assert [b.n for b in notes] == [1, 2, 3]
    assert notes[0].text == "Pub. L. No. 105-304, 112 Stat. 2860 (Oct. 28, 1998)."
    text = " ".join(kept)
    assert "legislation implements two 1996" in text
    assert "imple-" not in text and "imple- mented" not in text


def test_dmca_line_end_hyphens_are_kept_for_the_normaliser() -> None:
    lines = [ln.text for ln in marked("dmca.pdf").lines if ln.text]
    pairs = list(zip(lines, lines[1:], strict=False))
    assert ("Berne Convention and the TRIPS Agreement. In 1995 this obligation was imple-") in lines
    assert any(a.endswith("imple-") and b.startswith("mented") for a, b in pairs)


def test_dmca_paragraphs_are_separated_by_empty_lines() -> None:
    page = marked("dmca.pdf").pages[1]
    texts_with_breaks = [ln.text for ln in page.lines]
    at = texts_with_breaks.index("Commerce (NTIA).")
    assert texts_with_breaks[at + 1] == ""
    start = next(i for i, t in enumerate(texts_with_breaks) if t.startswith("Title I implements"))
    assert texts_with_breaks[start - 1] == ""
    assert all(texts_with_breaks[start : start + 8])  # no break inside the paragraph


# --- i1040nr.pdf: "Page N of 48" headers and the printer's proof line ----------


def test_i1040nr_page_headers_and_proof_line_are_noise_on_every_page() -> None:
    source = marked("i1040nr.pdf")
    headed = 0
    for page in source.pages:
        running = [ln for ln in page.lines if re.match(r"Page \d+ of 48\b", ln.text)]
        proof = [ln for ln in page.lines if ln.text.startswith("The type and rule above prints")]
        for line in running + proof:
            assert line.hint == "header", (page.number, line.text)
        headed += bool(running)
    assert headed >= 48


# --- federal register: three columns, slug, rotated margin, footnotes -----------


def column(line: Line) -> int:
    assert line.box is not None
    return 0 if line.box.x1 < 220 else 1 if line.box.x1 < 396 else 2


def test_federal_register_three_columns_read_in_order() -> None:
    page = marked("federal-register-2020-17221.pdf").pages[1]
    columns = [column(ln) for ln in page.lines if ln.text and ln.hint is None]
    assert columns == sorted(columns)
    assert set(columns) == {0, 1, 2}
    text = "\n".join(ln.text for ln in page.lines)
    assert text.index("to the accident.") < text.index("altitude disagree alert,⁵")
    assert text.index("revision to the flight control computers") < text.index(
        "and the Ethiopian Civil Aviation"
    )


def test_federal_register_header_slug_and_margin_are_noise() -> None:
    source = marked("federal-register-2020-17221.pdf")
    for page in source.pages[1:]:
        hinted = {ln.text: ln.hint for ln in page.lines if ln.text}
        header = [t for t in hinted if t.startswith("Federal Register / Vol. 85")]
        assert header and all(hinted[t] == "header" for t in header)
        slug = [t for t in hinted if "Jkt 250001" in t or t.startswith("VerDate")]
        assert slug and all(hinted[t] == "footer" for t in slug)
        rotated = [ln for ln in page.lines if ln.box and ln.box.x1 < 30]
        assert rotated and all(ln.hint == "margin" for ln in rotated)
        numbers = [t for t in hinted if re.fullmatch(r"47[67]\d\d", t)]
        assert numbers and all(hinted[t] == "page-number" for t in numbers)


def test_federal_register_numbered_footnotes_are_footnotes() -> None:
    page = marked("federal-register-2020-17221.pdf").pages[1]
    notes = texts(page, "footnote")
    openers = [t.split()[0] for t in notes if t[0] in SUPERSCRIPTS]
    assert openers == list("¹²³⁴⁵⁶⁷⁸⁹")
    assert "can be found in the AD docket." in notes
    assert not any(t[0] in SUPERSCRIPTS for t in texts(page))  # no note left in the body
    assert "Reports¹ from the accident" in " ".join(texts(page))


# --- two-column papers ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "gutter"), [("naacl06-shinyama.pdf", 306), ("tracemonkey.pdf", 305)]
)
def test_two_columns_left_before_right(name: str, gutter: float) -> None:
    source = marked(name)
    checked = 0
    for page in source.pages:
        side = None
        for line in body(page):
            assert line.box is not None
            if line.box.x0 < gutter < line.box.x1:
                side = None  # a full-width line starts a new section
                continue
            now = 0 if line.box.x1 <= gutter else 1
            assert not (side == 1 and now == 0), (page.number, line.text)
            side = now
            checked += 1
    assert checked > 500


# --- margins, page numbers ------------------------------------------------------


def test_scotus_margin_line_numbers_are_noise() -> None:
    page = marked("scotus-transcript-p1.pdf").pages[0]
    numbers = [ln for ln in page.lines if ln.box and ln.box.x1 < 110]
    assert [ln.text for ln in numbers] == [str(n) for n in range(1, 26)]
    assert all(ln.hint == "margin" for ln in numbers)
    assert "IN THE SUPREME COURT OF THE UNITED STATES" in texts(page)


def test_pagelabels_roman_and_arabic_page_numbers_are_noise() -> None:
    source = marked("pagelabels.pdf")
    footers = [[ln for ln in page.lines if ln.text][-1] for page in source.pages]
    assert [ln.text for ln in footers] == ["iii", "iv", "1", "2", "1"]
    assert all(ln.hint == "page-number" for ln in footers)


# --- no usable text layer -----------------------------------------------------------


def test_tamreview_warns_about_pages_without_text() -> None:
    source = read(str(PDF / "TAMReview.pdf"), ocr=NO_OCR)
    assert source.warnings == (
        "TAMReview.pdf: no usable text layer on pages 2-22 (skipped): "
        "run OCR first, for example with ocrmypdf",
    )
    assert "Overview of the Technology Acceptance Model" in source.text
    assert "(cid:" not in source.text


@pytest.mark.parametrize("name", ["lorem-ipsum-scan.pdf", "lorem-ipsum-scan-bad.pdf"])
def test_image_only_pdf_is_an_error(name: str) -> None:
    with pytest.raises(DedupeError) as err:
        read(str(PDF / name), ocr=NO_OCR)
    message = str(err.value)
    assert (
        message
        == f"{name}: no usable text layer on page 1: run OCR first, for example with ocrmypdf"
    )


def test_mixed_pdf_warns_about_the_image_page(write_file, simple_pdf) -> None:
    path = write_file("mixed.pdf", simple_pdf(["A page of real text."] * 3, image_page=True))
    source = read(path, ocr=NO_OCR)
    assert source.warnings == (
        "mixed.pdf: no usable text layer on page 2 (skipped): run OCR first, for example with ocrmypdf",
    )
    assert source.pages[0].lines[0].text == "A page of real text."
    assert source.pages[1].lines == ()


def test_invisible_ocr_text_reads_like_visible_text(write_file, simple_pdf) -> None:
    lines = ["Scanned page with an OCR layer", "in render mode three."]
    visible = read(write_file("visible.pdf", simple_pdf(lines)))
    hidden = read(write_file("hidden.pdf", simple_pdf(lines, invisible=True)))
    assert [ln.text for ln in hidden.lines] == lines
    assert hidden.text == visible.text


# --- damaged files ----------------------------------------------------------------


def test_truncated_pdf_is_one_clear_error(write_file, notes_pdf) -> None:
    data = notes_pdf(2)
    path = write_file("cut.pdf", data[: len(data) // 2])
    with pytest.raises(DedupeError, match=r"^cut\.pdf: truncated PDF .*copy or download it again$"):
        read(path)


def test_encrypted_pdf_is_one_clear_error(write_file, simple_pdf) -> None:
    path = write_file("locked.pdf", simple_pdf(["secret minutes"], password="letmein"))
    with pytest.raises(DedupeError) as err:
        read(path)
    assert str(err.value).startswith("locked.pdf: encrypted PDF (needs a password)")
    assert "\n" not in str(err.value)


def test_garbage_after_pdf_header_is_one_clear_error(write_file) -> None:
    path = write_file("junk.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage\n%%EOF\n")
    with pytest.raises(DedupeError) as err:
        read(path)
    assert str(err.value).startswith("junk.pdf: ")
    assert "\n" not in str(err.value)


# --- generated: header, page-number footer, superscript markers, footnotes ------------


def test_generated_notes_document(write_file, notes_pdf) -> None:
    source = mark_layout(read(write_file("report.pdf", notes_pdf(4))))
    check_source_offsets(source)
    for page in source.pages:
        assert texts(page, "header") == ["Annual Report of the Example Society"]
        assert texts(page, "page-number") == [f"Page {page.number}"]
        notes = texts(page, "footnote")
        first = 2 * page.number - 1
        assert [t.split()[0] for t in notes if t[0] in SUPERSCRIPTS] == [
            str(first).translate(str.maketrans("0123456789", SUPERSCRIPTS)),
            str(first + 1).translate(str.maketrans("0123456789", SUPERSCRIPTS)),
        ]
        assert len(notes) == 4  # each note has a continuation line
        markers = re.findall(f"\\w[.,]?([{SUPERSCRIPTS}]+) ", " ".join(texts(page)))
        assert len(markers) == 2
    assert "library roof.¹ A survey" in source.text


def test_progress_is_reported_per_page(write_file, notes_pdf) -> None:
    path = write_file("report.pdf", notes_pdf(3))
    calls: list[tuple[str, int, int]] = []
    read_pdf(path, open(path, "rb").read(), read(path).witness, progress=lambda *a: calls.append(a))
    assert calls[-1] == ("read PDF", 3, 3)
    assert {c[0] for c in calls} == {"read PDF"}
    assert [c[1] for c in calls] == sorted(c[1] for c in calls)


def test_a_nearly_empty_page_is_not_a_missing_text_layer(write_file) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=12)
    pdf.add_page()
    pdf.cell(0, 8, "A page of real text, and the next page is left blank.")
    pdf.add_page()
    pdf.set_y(-20)
    pdf.cell(0, 8, "2", align="C")
    source = read(write_file("blank.pdf", bytes(pdf.output())))
    assert source.warnings == ()
    assert [ln.text for ln in source.pages[1].lines] == ["2"]


def test_pdfminer_is_imported_only_when_a_pdf_is_read() -> None:
    import subprocess
    import sys

    data = PDF.parent
    code = (
        "import sys, dedupe\n"
        f"dedupe.compare([{str(data / 'darwin' / 'darwin1859.txt')!r}, "
        f"{str(data / 'darwin' / 'darwin1860.txt')!r}])\n"
        f"dedupe.normalise_file({str(data / 'alto' / 'test.alto3.xml')!r})\n"
        "assert 'pdfminer' not in sys.modules, 'pdfminer imported early'\n"
        f"dedupe.normalise_file({str(PDF / 'pagelabels.pdf')!r})\n"
        "assert 'pdfminer' in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
