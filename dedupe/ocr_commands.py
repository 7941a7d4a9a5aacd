"""``dedupe ocr``: what Tesseract reads on a scan, kept as an hOCR file.

Only typer is imported here; the engine is loaded inside the command so
that ``dedupe --help`` stays fast.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from dedupe.read.ocr_options import READINGS

Reading = StrEnum("Reading", {r.name: r.name for r in READINGS})
PLAIN = Reading(READINGS[0].name)


def ocr(
    scan: Annotated[Path, typer.Argument(help="A scan: PDF, PNG, JPEG or TIFF (every page).")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the hOCR here instead of stdout.")
    ] = None,
    lang: Annotated[str, typer.Option(help="Tesseract languages, joined by +: eng+deu.")] = "eng",
    reading: Annotated[
        Reading, typer.Option(help="How the pages are read (the readings of compare --readings).")
    ] = PLAIN,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress, no summary.")] = False,
) -> None:
    """Recognise every page of a scan and write one multi-page hOCR file.

    dedupe reads the file back like any hOCR witness. Pages are cached (by
    the file's content and the settings), so running again reads nothing.

    Examples:

      dedupe ocr scan.pdf -o scan.hocr

      dedupe ocr letter.tif --lang eng+deu -o letter.hocr
    """
    from dedupe.cli_messages import fail
    from dedupe.model import DedupeError
    from dedupe.ocr_cache import OcrCache
    from dedupe.read.ocr import scan_hocr
    from dedupe.read.ocr_options import reading_options
    from dedupe.render.files import check_output, write_output
    from dedupe.render.report import progress_bar

    inputs = [str(scan)]
    try:
        if output is not None:
            check_output(output, inputs)
        recipe = next(r for r in READINGS if r.name == reading.value)
        options = reading_options("always", lang)[0]
        options = type(options)(options.mode, options.lang, recipe, options.dpi)
        cache = OcrCache()
        with progress_bar(enabled=not quiet and sys.stderr.isatty()) as progress:
            hocr = scan_hocr(str(scan), options, progress, cache)
        write_output(output, hocr.decode("utf-8"), inputs)
    except DedupeError as err:
        raise fail(str(err)) from None
    if not quiet:
        typer.echo(
            f"dedupe: {cache.recognised + cache.hits} pages: {cache.recognised} recognised, "
            f"{cache.hits} from the cache ({cache.root})",
            err=True,
        )


def register_ocr(app: typer.Typer) -> None:
    """Add ``ocr`` to the dedupe app."""
    app.command("ocr")(ocr)
