"""Readers: one per format, each returning a ``Source`` of pages of lines.

``read(path, witness_id)`` picks the reader by content and extension and turns
every problem with the file into a ``DedupeError`` with one clear line.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable

from dedupe.model import DedupeError, Source, Witness
from dedupe.read.ocr_options import OcrOptions

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text", "")
XML_SUFFIXES = (".xml", ".alto", ".page", ".hocr", ".html", ".htm", ".xhtml", ".tei")
SUPPORTED = TEXT_SUFFIXES[:-1] + (".pdf", ".docx", ".epub") + XML_SUFFIXES
#: Formats read by a module ``dedupe.read.<format>`` with ``read_<format>(path, data, witness)``.
MODULE_FORMATS = ("hocr", "alto", "page", "abbyy", "tei", "html", "docx", "epub")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")  # recognised: dedupe.read.ocr
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def sniff(path: str, data: bytes) -> str:
    """The format of a file: image, pdf, docx, epub, hocr, alto, page, abbyy, tei,
    html, markdown or text.

    The content decides, the name only where the content does not (a DOCX
    named .pdf is a DOCX, an ALTO file named .png is ALTO); the content is
    looked at as text, so a UTF-32 or UTF-16 XML file is XML.
    """
    named = path.lower()
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        from dedupe.read.package import zip_kind

        return zip_kind(data) or "zip"
    if data.startswith(IMAGE_MAGIC) and not named.endswith(TEXT_SUFFIXES[:-1]):
        return "image"  # a .txt of image bytes stays a (binary) text file
    start = _head_as_utf8(data)
    head = start[:4096].removeprefix(b"\xef\xbb\xbf").lstrip()  # UTF-8 BOM
    low = head.lower()
    markup = low.startswith(b"<")
    if named.endswith(IMAGE_SUFFIXES) and not markup:
        return "image"
    if named.endswith(".pdf") and not markup:
        return "pdf"  # a damaged PDF is told so as a PDF
    if markup:
        if b"ocr_page" in start or b"ocrx_word" in start:
            return "hocr"
        if b"<alto" in low or b"/alto" in low or b"<alto:" in low:
            return "alto"
        if b"pcgts" in low or b"primaresearch.org/page" in low:
            return "page"
        if b"abbyy.com/finereader_xml" in low or (b"<document" in low and b"charparams" in low):
            return "abbyy"
        if b"tei-c.org/ns" in low or b"<tei" in low:
            return "tei"
        if b"<html" in low or b"<!doctype html" in low:
            return "html"
        if path.lower().endswith((".xml", ".hocr", ".html", ".htm", ".xhtml")):
            return "xml"
    if path.lower().endswith((".md", ".markdown")):
        return "markdown"
    return "text"


def _head_as_utf8(data: bytes, size: int = 65536) -> bytes:
    """The first ``size`` bytes' worth of the file's text, as UTF-8."""
    from dedupe.read.encoding import wide_encoding

    wide = wide_encoding(data)
    if wide is None:
        return data[:size]
    head = data[wide.bom : wide.bom + 4 * size]
    return head.decode(wide.codec, errors="ignore").encode("utf-8")[:size]


def load_bytes(path: str) -> bytes:
    """Read a witness file, turning every OS problem into one clear line."""
    if not os.path.exists(path):
        raise DedupeError(f"{path}: no such file")
    if os.path.isdir(path):
        raise DedupeError(f"{path}: is a directory, not a file")
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as err:
        raise DedupeError(f"{path}: cannot read ({err.strerror})") from None
    if not data.strip():
        raise DedupeError(f"{path}: empty file")
    return data


def make_witness(path: str, witness_id: str, data: bytes, fmt: str) -> Witness:
    return Witness(
        id=witness_id,
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        label=os.path.basename(path) or path,
        format=fmt,
    )


def read(
    path: str,
    witness_id: str = "A",
    progress: Callable[[str, int, int], None] | None = None,
    max_pdf_mb: int | None = None,
    ocr: OcrOptions | None = None,
) -> Source:
    """Read one witness file of any supported format.

    ``progress(stage, done, total)`` is called per page for long PDFs and
    scans; ``max_pdf_mb`` caps what one PDF stream may decompress to (default
    64 MB, four times that for the whole PDF); ``ocr`` says when and how scans
    are recognised (default: pages without a usable text layer and image
    files, in English).
    """
    ocr = ocr or OcrOptions()
    data = load_bytes(path)
    fmt = sniff(path, data)
    witness = make_witness(path, witness_id, data, fmt)
    if fmt in ("text", "markdown"):
        from dedupe.read.text import read_text

        return read_text(path, data, witness)
    if fmt == "pdf":
        try:
            from dedupe.read.pdf import read_pdf
        except ImportError:  # reader not built yet
            raise DedupeError(f"{path}: PDF witnesses are not supported yet") from None
        return read_pdf(path, data, witness, progress=progress, max_mb=max_pdf_mb, ocr=ocr)
    if fmt == "image":
        if ocr.mode == "never":
            raise DedupeError(f"{path}: an image needs OCR, and --ocr is never")
        from dedupe.read.ocr import read_scan

        return read_scan(path, data, witness, ocr, progress)
    if fmt == "zip":
        raise DedupeError(f"{path}: a ZIP archive, but neither a DOCX nor an EPUB package")
    if fmt in MODULE_FORMATS:
        if fmt not in ("docx", "epub"):  # XML: UTF-32 and UTF-16 become UTF-8
            from dedupe.read.encoding import xml_as_utf8

            data = xml_as_utf8(data)
        try:
            module = __import__(f"dedupe.read.{fmt}", fromlist=["read_" + fmt])
        except ImportError:
            raise DedupeError(f"{path}: {fmt} witnesses are not supported yet") from None
        return getattr(module, "read_" + fmt)(path, data, witness)
    raise DedupeError(f"{path}: XML, but neither hOCR, ALTO, PAGE, ABBYY, TEI nor HTML")
