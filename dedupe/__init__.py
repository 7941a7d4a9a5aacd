"""dedupe: reconcile several versions of one document into one canonical edition.

>>> import dedupe
>>> collation = dedupe.compare(["a.txt", "b.txt"])       # doctest: +SKIP
>>> print(dedupe.render("text", collation))              # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["compare", "normalise_file", "render", "DedupeError", "__version__"]

from dedupe.model import DedupeError

# Bound after the subpackage is imported, so ``dedupe.render`` stays the
# function (the render package itself is light; renderers load on demand).
from dedupe.render import render  # noqa: E402

if TYPE_CHECKING:
    from dedupe.model import Collation, Document


def compare(
    paths,
    prefer: str | None = None,
    quotes: str = "straight",
    progress=None,
    max_pdf_mb: int | None = None,
    decisions=(),
    ocr: str = "auto",
    lang: str = "eng",
    readings: int = 1,
) -> Collation:
    """Read, normalise, align, collate and decide: see ``dedupe.api.compare``."""
    from dedupe.api import compare as _compare

    return _compare(
        paths,
        prefer=prefer,
        quotes=quotes,
        progress=progress,
        max_pdf_mb=max_pdf_mb,
        decisions=decisions,
        ocr=ocr,
        lang=lang,
        readings=readings,
    )


def normalise_file(
    path: str,
    witness_id: str = "A",
    progress=None,
    max_pdf_mb: int | None = None,
    ocr: str = "auto",
    lang: str = "eng",
) -> Document:
    """Read one witness and normalise it into a Document (scans recognised: ``ocr``, ``lang``)."""
    from dedupe.api import normalise_file as _normalise_file

    return _normalise_file(
        path, witness_id, progress=progress, max_pdf_mb=max_pdf_mb, ocr=ocr, lang=lang
    )
