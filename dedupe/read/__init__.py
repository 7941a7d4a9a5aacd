"""Readers: one per format, each returning a ``Source`` of pages of lines.

``read(path, witness_id)`` picks the reader by content and extension and turns
every problem with the file into a ``DedupeError`` with one clear line.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable

from dedupe.model import DedupeError, Source, Witness

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text", "")
XML_SUFFIXES = (".xml", ".alto", ".page", ".hocr", ".html", ".htm", ".xhtml", ".tei")
SUPPORTED = TEXT_SUFFIXES[:-1] + (".pdf", ".docx", ".epub") + XML_SUFFIXES
#: Formats read by a module ``dedupe.read.<format>`` with ``read_<format>(path, data, witness)``.
MODULE_FORMATS = ("hocr", "alto", "page", "abbyy", "tei", "html", "docx", "epub")


def sniff(path: str, data: bytes) -> str:
    """The format of a file: pdf, docx, epub, hocr, alto, page, abbyy, tei,
    html, markdown or text."""
    head = data[:4096].removeprefix(b"\xef\xbb\xbf").lstrip()  # UTF-8 BOM
    if data.startswith(b"%PDF") or path.lower().endswith(".pdf"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        from dedupe.read.package import zip_kind

        return zip_kind(data) or "zip"
    low = head.lower()
    if low.startswith((b"<?xml", b"<!doctype", b"<html", b"<alto", b"<pcgts", b"<")):
        if b"ocr_page" in data[:65536] or b"ocrx_word" in data[:65536]:
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
) -> Source:
    """Read one witness file of any supported format.

    ``progress(stage, done, total)`` is called per page for long PDFs.
    """
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
        return read_pdf(path, data, witness, progress=progress)
    if fmt == "zip":
        raise DedupeError(f"{path}: a ZIP archive, but neither a DOCX nor an EPUB package")
    if fmt in MODULE_FORMATS:
        try:
            module = __import__(f"dedupe.read.{fmt}", fromlist=["read_" + fmt])
        except ImportError:
            raise DedupeError(f"{path}: {fmt} witnesses are not supported yet") from None
        return getattr(module, "read_" + fmt)(path, data, witness)
    raise DedupeError(f"{path}: XML, but neither hOCR, ALTO, PAGE, ABBYY, TEI nor HTML")
