"""Scans recognised with Tesseract into the same pages of lines as hOCR input.

Every recognised page is hOCR (word boxes and word confidences) read by the
hOCR reader, so geometry-aware noise removal and confidence-weighted voting
treat a scan exactly like an hOCR witness. Pages are recognised in
parallel, one engine per core; each page's hOCR is cached
(``dedupe.ocr_cache``), so recognising a scan again costs nothing.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import tempfile
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import replace

from dedupe.model import DedupeError, Source, Witness
from dedupe.ocr_cache import OcrCache
from dedupe.read import tesseract
from dedupe.read.assemble import DraftPage, assemble
from dedupe.read.hocr import bbox, read_hocr
from dedupe.read.ocr_options import OcrOptions
from dedupe.read.page_images import PageImage, image_pages, page_file, pdf_pages

Progress = Callable[[str, int, int], None]

_ID = re.compile(rb"""(\bid=['"][a-z]+_)1((?:_\d+)?['"])""")
_PAGENO = re.compile(rb"\bppageno \d+")
_IMAGE = re.compile(rb"""\bimage "[^"]*\"""")
_BODY = re.compile(rb"<body>(.*)</body>", re.S)


def workers() -> int:
    """One engine per core this process may use."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return max(os.cpu_count() or 1, 1)


#: One engine per core in the whole process, however many scans or
#: readings are being recognised at once.
_ENGINES = threading.BoundedSemaphore(workers())


def recognise(
    pages: Sequence[PageImage],
    content_sha256: str,
    options: OcrOptions,
    progress: Progress | None = None,
    cache: OcrCache | None = None,
) -> list[bytes]:
    """The hOCR of each page, from the cache or from the engine (in parallel)."""
    version = tesseract.check(options.lang)
    cache = cache if cache is not None else OcrCache()
    report = progress or (lambda stage, done, total: None)
    stage = f"OCR {pages[0].name}" if pages else "OCR"
    if options.recipe.name != "plain":
        stage += f" ({options.recipe.name})"
    settings = f"{version};lang={options.lang};{options.recipe.key};dpi={options.dpi}"
    keys = {p.number: cache.key(content_sha256, p.number, settings) for p in pages}
    results: dict[int, bytes] = {}
    todo = []
    for page in pages:
        found = cache.get(keys[page.number])
        if found is None:
            todo.append(page)
        else:
            results[page.number] = found
    report(stage, len(results), len(pages))
    if todo:
        with ThreadPoolExecutor(max_workers=min(workers(), len(todo))) as pool:
            running = {pool.submit(_read_page, page, options): page for page in todo}
            while running:
                done, _ = wait(running, return_when=FIRST_EXCEPTION)
                for future in done:
                    page = running.pop(future)
                    if future.exception() is not None:
                        for other in running:
                            other.cancel()
                        raise future.exception()
                    results[page.number] = future.result()
                    cache.put(keys[page.number], results[page.number])
                report(stage, len(results), len(pages))
    return [results[p.number] for p in pages]


def _read_page(page: PageImage, options: OcrOptions) -> bytes:
    """One page: its image made, recognised, deleted; hOCR numbered as the page."""
    with _ENGINES, tempfile.TemporaryDirectory(prefix="dedupe-ocr-") as folder:
        image, dpi = page_file(page, options.recipe, folder)
        try:
            hocr = tesseract.recognise(image, options.lang, options.recipe, dpi)
        except DedupeError as err:
            raise DedupeError(f"{page.name} page {page.number}: {err}") from None
    return numbered(hocr, page)


def numbered(hocr: bytes, page: PageImage) -> bytes:
    """Tesseract numbers every single image as page 1: give the ids, the page
    number and the image name of the scan's page, so pages can be joined."""
    n = str(page.number).encode()
    hocr = _ID.sub(lambda m: m.group(1) + n + m.group(2), hocr)
    hocr = _PAGENO.sub(b"ppageno " + str(page.number - 1).encode(), hocr)
    name = html.escape(page.name, quote=True).encode()
    return _IMAGE.sub(lambda m: b'image "' + name + b'"', hocr)


def joined(pages: Sequence[bytes]) -> bytes:
    """One multi-page hOCR document of the pages (what ``dedupe ocr`` writes)."""
    if not pages:
        raise DedupeError("no pages to write")
    first = pages[0]
    match = _BODY.search(first)
    if match is None:
        raise DedupeError("tesseract wrote hOCR without a body")
    bodies = [m.group(1).strip(b"\n") for m in map(_BODY.search, pages) if m is not None]
    return first[: match.start(1)] + b"\n" + b"\n".join(bodies) + b"\n " + first[match.end(1) :]


def draft(hocr: bytes, number: int, witness: Witness) -> DraftPage:
    """A recognised page as the hOCR reader reads it, numbered ``number``."""
    box = bbox(_page_title(hocr))
    width, height = (box.x1, box.y1) if box else (None, None)
    if b"ocrx_word" not in hocr:
        return DraftPage(number, (), width, height)  # a blank page
    try:
        source = read_hocr(witness.path, hocr, witness)
    except DedupeError as err:
        if "no text" in str(err):
            return DraftPage(number, (), width, height)
        raise
    page = source.pages[0]
    return DraftPage(number, tuple(replace(ln, page=number) for ln in page.lines), width, height)


def _page_title(hocr: bytes) -> str | None:
    match = re.search(rb"""class=['"]ocr_page['"][^>]*title=(['"])(.*?)\1""", hocr)
    return match.group(2).decode("utf-8", "replace") if match else None


def scan_pages(path: str, data: bytes, name: str, options: OcrOptions) -> list[PageImage]:
    """Every page of an image file or PDF."""
    if data.startswith(b"%PDF") or path.lower().endswith(".pdf"):
        return pdf_pages(path, name, options.dpi)
    return image_pages(path, name)


def read_scan(
    path: str, data: bytes, witness: Witness, options: OcrOptions, progress: Progress | None = None
) -> Source:
    """An image file (every page of a TIFF) recognised into a Source."""
    pages = image_pages(path, witness.label)
    hocrs = recognise(pages, witness.sha256, options, progress)
    witness = replace(witness, format="image")
    drafts = [draft(h, p.number, witness) for h, p in zip(hocrs, pages, strict=True)]
    if not any(d.lines for d in drafts):
        raise DedupeError(f"{witness.label}: OCR found no text in the image")
    return assemble(witness, drafts)


def recognise_pdf_pages(
    path: str,
    witness: Witness,
    sizes: dict[int, tuple[float, float]],
    options: OcrOptions,
    progress: Progress | None = None,
) -> dict[int, DraftPage]:
    """PDF pages recognised, by page number; ``sizes`` are their sizes in
    points as the PDF gives them (poppler would make a zero-size page letter size)."""
    pages = pdf_pages(path, witness.label, options.dpi, sizes)
    hocrs = recognise(pages, witness.sha256, options, progress)
    return {p.number: draft(h, p.number, witness) for h, p in zip(hocrs, pages, strict=True)}


def scan_hocr(
    path: str, options: OcrOptions, progress: Progress | None = None, cache: OcrCache | None = None
) -> bytes:
    """What the engine reads on every page of a scan, as one hOCR document."""
    from dedupe.read import load_bytes

    data = load_bytes(path)
    name = os.path.basename(path) or path
    pages = scan_pages(path, data, name, options)
    return joined(recognise(pages, hashlib.sha256(data).hexdigest(), options, progress, cache))
