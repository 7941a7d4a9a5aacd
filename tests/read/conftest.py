"""Fixtures for the geometric readers: real files in tests/data and PDFs made
with fpdf2 for cases the corpus lacks (footnotes with superscript markers,
invisible OCR text, image-only pages, encryption)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"

SENTENCES = [
    "The committee met in the spring to review the accounts of the society.",
    "Several members questioned the cost of repairing the old library roof.",
    "A survey of the northern parishes found the registers in poor condition.",
    "The treasurer reported a modest surplus after the sale of duplicate books.",
    "Visitors from the county archive examined the bound volumes of letters.",
    "It was agreed that the catalogue should be revised before the next meeting.",
    "The secretary read a letter describing the damage caused by the flood.",
    "New shelving was ordered for the reading room on the ground floor.",
]


def notes_pdf_bytes(pages: int = 4) -> bytes:
    """A report with a running header, 'Page N' footers, body text with
    superscript note markers, and numbered notes in smaller type at the foot
    of each page."""
    from fpdf import FPDF

    class Report(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", size=9)
            self.cell(0, 8, "Annual Report of the Example Society", align="C")
            self.ln(14)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", size=9)
            self.cell(0, 8, f"Page {self.page_no()}", align="C")

    pdf = Report(format="A4")
    pdf.set_auto_page_break(False)
    note = 0
    for page in range(pages):
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        for paragraph in range(3):
            for k in range(4):
                pdf.write(6, SENTENCES[(page + paragraph + k) % len(SENTENCES)] + " ")
                if k == 1 and paragraph < 2:
                    note += 1
                    pdf.char_vpos = "SUP"
                    pdf.write(6, str(note))
                    pdf.char_vpos = "LINE"
                    pdf.set_font("Helvetica", size=11)
                    pdf.write(6, " ")
            pdf.ln(10)
        pdf.set_y(-50)
        pdf.set_font("Helvetica", size=8)
        for number in (note - 1, note):
            pdf.set_font("Helvetica", size=8)
            pdf.char_vpos = "SUP"
            pdf.write(4, str(number))
            pdf.char_vpos = "LINE"
            pdf.set_font("Helvetica", size=8)
            source = SENTENCES[(number * 3) % len(SENTENCES)].lower().rstrip(".")
            pdf.write(4, f" Compare the minutes where {source}; the full record is kept ")
            pdf.write(4, f"in box {number * 7}. " + SENTENCES[(number * 5 + 1) % len(SENTENCES)])
            pdf.ln(6)
    return bytes(pdf.output())


def simple_pdf_bytes(
    lines: list[str], invisible: bool = False, image_page: bool = False, password: str | None = None
) -> bytes:
    """A one-page text PDF; optionally invisible text (render mode 3, like an
    OCR layer), an extra image-only page, or encryption with a user password."""
    from fpdf import FPDF
    from fpdf.enums import TextMode
    from PIL import Image

    pdf = FPDF()
    if password:
        pdf.set_encryption(owner_password="owner", user_password=password)
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    if invisible:
        pdf.text_mode = TextMode.INVISIBLE
    for line in lines:
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    if image_page:
        pdf.add_page()
        picture = Image.new("L", (200, 100), color=200)
        buffer = io.BytesIO()
        picture.save(buffer, format="PNG")
        pdf.image(io.BytesIO(buffer.getvalue()), x=10, y=10, w=150)
    return bytes(pdf.output())


def docx_package_bytes(document: str | bytes, extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buffer.getvalue()


def epub_package_bytes(chapter: str | bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        z.writestr(
            "META-INF/container.xml",
            '<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
            '<rootfile full-path="book.opf"/></rootfiles></container>',
        )
        z.writestr(
            "book.opf",
            '<package xmlns="http://www.idpf.org/2007/opf"><manifest><item id="c" '
            'href="c.xhtml"/></manifest><spine><itemref idref="c"/></spine></package>',
        )
        z.writestr("c.xhtml", chapter)
    return buffer.getvalue()


#: The minutes document as typed: what its DOCX, HTML and EPUB forms read as.
MINUTES = """The Society Minutes

The committee met in the spring to review the accounts of the society.¹

Several members questioned the cost of repairing the old library roof.

The Survey

A survey of the northern parishes found the registers in good condition.²

Notes

1 The accounts are kept in box 7.
2 The survey was made in 1911.
"""


@pytest.fixture(scope="session")
def minutes_text() -> str:
    """The minutes (two notes, two headings) as plain typed text."""
    return MINUTES


#: The minutes with one note and the survey found in poor condition: what the
#: EPUB and HTML forms of the tests read as.
MINUTES_ONE_NOTE = """The Society Minutes

The committee met in the spring to review the accounts of the society.¹

Several members questioned the cost of repairing the old library roof.

The Survey

A survey of the northern parishes found the registers in poor condition.

Notes

1 The accounts are kept in box 7.
"""


@pytest.fixture(scope="session")
def minutes_one_note_text() -> str:
    """The minutes (one note, two headings) as plain typed text."""
    return MINUTES_ONE_NOTE


@pytest.fixture
def docx_package() -> Callable[..., bytes]:
    """The least DOCX package: a content-types part and ``word/document.xml``."""
    return docx_package_bytes


@pytest.fixture
def epub_package() -> Callable[[str | bytes], bytes]:
    """The least EPUB: container, package document, one chapter."""
    return epub_package_bytes


@pytest.fixture
def notes_pdf() -> Callable[..., bytes]:
    return notes_pdf_bytes


@pytest.fixture
def simple_pdf() -> Callable[..., bytes]:
    return simple_pdf_bytes


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[[str, bytes], str]:
    def write(name: str, data: bytes) -> str:
        path = tmp_path / name
        path.write_bytes(data)
        return str(path)

    return write


#: Variant kinds that are a difference in the words, not in how they are set.
TEXTUAL = ("spelling", "addition", "omission", "substantive", "moved")


@pytest.fixture
def textual_variants() -> Callable[[str, str], list[dict]]:
    """The variants in the words between two witnesses, from ``dedupe compare``
    run as a command (JSON output)."""
    import json
    import subprocess
    import sys

    def run(first: str, second: str) -> list[dict]:
        done = subprocess.run(
            [sys.executable, "-m", "dedupe", "compare", first, second, "-f", "json", "-q"],
            capture_output=True,
            text=True,
            check=True,
        )
        return [v for v in json.loads(done.stdout)["variants"] if v["kind"] in TEXTUAL]

    return run


@pytest.fixture
def ocr_cache(tmp_path_factory, monkeypatch) -> Path:
    """One OCR cache for the run: pages read by one test are not read again."""
    folder = tmp_path_factory.getbasetemp() / "ocr-cache"
    monkeypatch.setenv("DEDUPE_CACHE_DIR", str(folder))
    return folder
