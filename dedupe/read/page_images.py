"""The pages of a scan as image files for the engine, one page at a time.

A page is described (``PageImage``) without being decoded; a worker makes
its image only when it recognises it and deletes it afterwards, so a
300-page scan holds one page image per worker, never the whole book. PDF
pages are rasterised with poppler's ``pdftoppm`` as uncompressed greyscale
PGM (PNG's compression of a noisy scan costs more than recognising it);
their sizes come from ``pdfinfo`` and are checked before any pixel is made.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass

from dedupe.model import DedupeError
from dedupe.read.images import check_size, frames, load_frame
from dedupe.read.ocr_options import Recipe
from dedupe.read.preprocess import preprocess

_PAGE_SIZE = re.compile(rb"^Page\s+(\d+)\s+size:\s+([\d.]+)\s+x\s+([\d.]+)\s+pts", re.M)


@dataclass(frozen=True)
class PageImage:
    """Page ``number`` (1-based) of the scan at ``path``: a PDF page or an image frame."""

    path: str
    name: str
    kind: str  # "pdf" or "image"
    number: int
    dpi: int | None


def image_pages(path: str, name: str) -> list[PageImage]:
    return [
        PageImage(path, name, "image", n, dpi)
        for n, (_w, _h, dpi) in enumerate(frames(path, name), start=1)
    ]


def pdf_pages(
    path: str, name: str, dpi: int, sizes: dict[int, tuple[float, float]] | None = None
) -> list[PageImage]:
    """The pages of a PDF with these ``sizes`` in points (all pages, sized
    by ``pdfinfo``, if None), each checked for its pixel size at ``dpi``."""
    if sizes is None:
        done = _poppler(["pdfinfo", "-f", "1", "-l", "1000000", path], name)
        sizes = {int(n): (float(w), float(h)) for n, w, h in _PAGE_SIZE.findall(done)}
    pages = []
    for number in sorted(sizes):
        width, height = sizes[number]
        check_size(round(width * dpi / 72), round(height * dpi / 72), f"{name} page {number}")
        pages.append(PageImage(path, name, "pdf", number, dpi))
    if not pages:
        raise DedupeError(f"{name}: PDF has no pages")
    return pages


def page_file(page: PageImage, recipe: Recipe, folder: str) -> tuple[str, int | None]:
    """Write the page's image, preprocessed for ``recipe``, into ``folder``:
    its path and resolution."""
    base = os.path.join(folder, f"page-{page.number}")
    if page.kind == "pdf":
        _poppler(
            ["pdftoppm", "-f", str(page.number), "-l", str(page.number), "-r", str(page.dpi)]
            + ["-gray", "-singlefile", page.path, base],  # PGM: no compression to pay for
            page.name,
        )
        if recipe.preprocess == "none":
            return base + ".pgm", page.dpi
        from PIL import Image

        with Image.open(base + ".pgm") as raw:
            image = raw.convert("L")
    else:
        image = load_frame(page.path, page.name, page.number - 1)
    image, scale = preprocess(image, recipe.preprocess)
    dpi = round(page.dpi * scale) if page.dpi else None
    image.save(base + "-ready.tif", **({"dpi": (dpi, dpi)} if dpi else {}))  # uncompressed
    return base + "-ready.tif", dpi


def _poppler(args: list[str], name: str) -> bytes:
    if shutil.which(args[0]) is None:
        raise DedupeError(
            f"{args[0]} not found, and the scan needs it: apt-get install poppler-utils"
        )
    try:
        done = subprocess.run(args, capture_output=True, timeout=600)
    except (OSError, subprocess.SubprocessError) as err:
        raise DedupeError(f"{name}: {args[0]} failed ({err})") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DedupeError(
            f"{name}: damaged PDF ({args[0]}: {said[-1] if said else done.returncode})"
        )
    return done.stdout
