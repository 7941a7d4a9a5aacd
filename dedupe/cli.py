"""Command line: a thin layer over the library API (``dedupe.api``).

Exit codes: 0 success, 1 witnesses differ (with ``--check``), 2 bad usage or
unreadable input. Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from dedupe.model import DedupeError

app = typer.Typer(
    help=(
        "Reconcile several versions of one document into one canonical edition, "
        "with every difference shown and explained.\n\n"
        "Examples:\n\n"
        "  dedupe compare a.txt b.txt -o canonical.txt\n\n"
        "  dedupe compare scan1.txt scan2.txt scan3.txt --format json -o collation.json\n\n"
        "  dedupe normalise a.txt --format json"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class OutFormat(StrEnum):
    text = "text"
    md = "md"
    json = "json"
    html = "html"
    tei = "tei"


class NormFormat(StrEnum):
    text = "text"
    json = "json"


class Quotes(StrEnum):
    straight = "straight"
    curly = "curly"


class OcrMode(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


Ocr = Annotated[
    OcrMode,
    typer.Option(
        help="Recognise scans with Tesseract: auto (images, PDF pages without a usable "
        "text layer), always (every page), never."
    ),
]
Lang = Annotated[str, typer.Option(help="Tesseract languages, joined by +: eng+deu.")]


def fail(message: str) -> typer.Exit:
    """Print one line on stderr and return the exit to raise (code 2)."""
    typer.echo(f"dedupe: {message}", err=True)
    return typer.Exit(2)


def write_output(text: str, output: Path | None, inputs: list[str]) -> None:
    """Write to stdout, or atomically to ``output`` (never over an input)."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from dedupe.render.files import write_atomic

    write_atomic(output, text, inputs)


def warn(messages) -> None:
    for message in messages:
        typer.echo(f"dedupe: warning: {message}", err=True)


@app.command()
def compare(
    witnesses: Annotated[
        list[Path],
        typer.Argument(
            help="Two or more versions of the document: .txt, .md, .pdf, hOCR, ALTO or PAGE XML, "
            "or scans (PNG, JPEG, TIFF)."
        ),
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    fmt: Annotated[
        OutFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutFormat.text,
    prefer: Annotated[
        str | None,
        typer.Option(help="Trusted witness (A, B, ... or its path): wins where evidence is even."),
    ] = None,
    quotes: Annotated[
        Quotes, typer.Option(help="House style for quotes in the canonical text.")
    ] = Quotes.straight,
    review: Annotated[
        bool, typer.Option("--review", help="Report only the low-confidence decisions.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No report, no progress on stderr.")
    ] = False,
    check: Annotated[
        bool,
        typer.Option("--check", help="Exit 1 if the witnesses differ beyond typography."),
    ] = False,
    ocr: Ocr = OcrMode.auto,
    lang: Lang = "eng",
    readings: Annotated[
        int,
        typer.Option(min=1, help="Read each scan this many independent ways, voted as witnesses."),
    ] = 1,
) -> None:
    """Collate witnesses and write the canonical edition.

    The canonical text goes to stdout (or -o FILE); on a terminal a report of
    every variant goes to stderr.

    Examples:

      dedupe compare a.txt b.txt

      dedupe compare a.txt b.txt c.txt -o canonical.md --format md

      dedupe compare a.txt b.txt --format json -o collation.json --prefer A

      dedupe compare scan.pdf --readings 3 --lang eng+deu
    """
    import dedupe
    from dedupe.render.report import print_report, progress_bar

    paths = [str(p) for p in witnesses]
    try:
        if len(paths) < 2 and readings < 2:
            raise DedupeError("compare needs at least two witnesses")
        if output is not None:
            from dedupe.render.files import check_output

            check_output(output, paths)
        show = not quiet and sys.stderr.isatty()
        with progress_bar(enabled=show) as progress:
            collation = dedupe.compare(
                paths,
                prefer=prefer,
                quotes=quotes.value,
                progress=progress,
                ocr=ocr.value,
                lang=lang,
                readings=readings,
            )
        text = dedupe.render(fmt.value, collation)
        write_output(text, output, paths)
    except DedupeError as err:
        raise fail(str(err)) from None
    if not quiet:
        warn(collation.warnings)
    if show:
        print_report(collation, review_only=review)
    if check and any(c.kind != "typography" for _, c in collation.variants()):
        raise typer.Exit(1)


@app.command()
def normalise(
    file: Annotated[
        Path, typer.Argument(help="One witness: .txt, .md, .pdf, hOCR, ALTO or PAGE XML.")
    ],
    fmt: Annotated[
        NormFormat, typer.Option("--format", "-f", help="Output format.")
    ] = NormFormat.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    ocr: Ocr = OcrMode.auto,
    lang: Lang = "eng",
) -> None:
    """Show how one witness is read: its blocks, footnotes and removed noise.

    Examples:

      dedupe normalise a.txt

      dedupe normalise a.txt --format json | jq '.footnotes | length'
    """
    import dedupe
    from dedupe.render.document import render_document
    from dedupe.render.report import progress_bar

    try:
        if output is not None:
            from dedupe.render.files import check_output

            check_output(output, [str(file)])
        with progress_bar(enabled=sys.stderr.isatty()) as progress:
            doc = dedupe.normalise_file(str(file), progress=progress, ocr=ocr.value, lang=lang)
        write_output(render_document(doc, fmt.value), output, [str(file)])
    except DedupeError as err:
        raise fail(str(err)) from None
    warn(doc.warnings)


from dedupe.scan.commands import register_scan  # noqa: E402

register_scan(app)

from dedupe.ocr_commands import register_ocr  # noqa: E402

register_ocr(app)


def main() -> None:
    """Entry point: run the app, turning any stray error into one line.

    An unexpected exception is a bug in dedupe, not bad input: one line and
    exit code 3; ``DEDUPE_DEBUG=1`` shows the traceback.
    """
    try:
        app(standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        typer.echo("dedupe: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except Exception as err:  # noqa: BLE001 - the last line of defence
        if os.environ.get("DEDUPE_DEBUG"):
            raise
        typer.echo(
            f"dedupe: internal error: {type(err).__name__}: {err} "
            "(a bug: please report it; DEDUPE_DEBUG=1 shows details)",
            err=True,
        )
        sys.exit(3)
