"""Command line: a thin layer over the library API (``dedupe.api``).

Exit codes: 0 success, 1 witnesses differ (with ``--check``), 2 bad usage,
unreadable input or an output that cannot be written, 3 an internal error,
128 + the signal when interrupted (130 for ^C). Errors are one line on
stderr, never a traceback.
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from dedupe.cli_messages import fail, warn
from dedupe.model import DedupeError
from dedupe.stops import guarded

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


#: ``--max-pdf-mb`` of compare and normalise (``dedupe.read.pdf_limits``).
MaxPdfMb = Annotated[
    int | None,
    typer.Option(
        "--max-pdf-mb",
        min=1,
        help="Most one PDF stream may decompress to, in MB (default 64; 4x per PDF).",
    ),
]


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


@app.command()
def compare(
    witnesses: Annotated[
        list[Path],
        typer.Argument(
            help=(
                "Two or more versions of the document: .txt, .md, .pdf, hOCR, ALTO, PAGE, "
                "ABBYY FineReader XML, TEI, HTML, EPUB or DOCX, or scans (PNG, JPEG, TIFF)."
            )
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
    report: Annotated[
        Path | None,
        typer.Option("--report", help="Write the report here (plain text) instead of stderr."),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No report, no progress on stderr.")
    ] = False,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Exit 1 if the witnesses differ beyond typography; a one-line verdict on stderr.",
        ),
    ] = False,
    show_all: Annotated[
        bool,
        typer.Option(
            "--all",
            help="The report lists every variant: typography, and each place of a "
            "systematic difference.",
        ),
    ] = False,
    max_pdf_mb: MaxPdfMb = None,
    decisions: Annotated[
        Path | None,
        typer.Option(
            "--decisions",
            help="An editor's decisions (dedupe.decisions/1 JSON) to apply by variant id.",
        ),
    ] = None,
    interactive: Annotated[
        bool,
        typer.Option(
            "--interactive",
            help="With --review: ask about each flagged variant, write --decisions FILE.",
        ),
    ] = False,
    write_back: Annotated[
        Path | None,
        typer.Option(
            "--write-back",
            help="Write a corrected copy of each witness into this folder, in its own format.",
        ),
    ] = None,
    ocr: Ocr = OcrMode.auto,
    lang: Lang = "eng",
    readings: Annotated[
        int,
        typer.Option(min=1, help="Read each scan this many independent ways, voted as witnesses."),
    ] = 1,
) -> None:
    """Collate witnesses and write the canonical edition.

    The canonical text goes to stdout (or -o FILE); a report of every variant
    goes to stderr (coloured on a terminal), or to --report FILE.

    Examples:

      dedupe compare a.txt b.txt

      dedupe compare a.txt b.txt c.txt -o canonical.md --format md

      dedupe compare a.txt b.txt --format json -o collation.json --prefer A

      dedupe compare scan.alto.xml ocr.hocr typed.docx -o ed.txt --write-back fixed/

      dedupe compare scan.pdf --readings 3 --lang eng+deu
    """
    import dedupe
    from dedupe.render.files import check_output, same_output, write_output
    from dedupe.render.report import check_verdict, print_report, progress_bar, report_text

    paths = [str(p) for p in witnesses]
    try:
        if len(paths) < 2 and readings < 2:
            raise DedupeError("compare needs at least two witnesses")
        for path in (output, report):
            if path is not None:
                check_output(path, paths)
        if report is not None and same_output(report, output or "-"):
            raise DedupeError(f"{report}: --report and the output are the same file")
        if write_back is not None:
            from dedupe.writeback.command import check_folder

            check_folder(write_back)
        made = decisions_to_start(decisions, interactive, review, paths)
        if not quiet:
            warn(repeated_inputs(paths))
        with progress_bar(enabled=not quiet and sys.stderr.isatty()) as progress:
            collation = dedupe.compare(
                paths,
                prefer=prefer,
                quotes=quotes.value,
                progress=progress,
                decisions=made,
                max_pdf_mb=max_pdf_mb,
                ocr=ocr.value,
                lang=lang,
                readings=readings,
            )
        if interactive:
            collation = review_interactively(collation, decisions, paths)
        text = dedupe.render(fmt.value, collation)
        write_output(output, text, paths)
        if report is not None:
            write_output(report, report_text(collation, review, show_all), paths)
        if write_back is not None:
            from dedupe.writeback.command import write_back_to

            wrote, unwritten = write_back_to(write_back, collation, paths)
            if not quiet:
                warn(unwritten)
                for line in wrote:
                    typer.echo(f"dedupe: wrote {line}", err=True)
    except DedupeError as err:
        raise fail(str(err)) from None
    if not quiet:
        warn(collation.warnings)
        if report is None:
            print_report(collation, review_only=review, show_all=show_all)
    if check:
        differ, verdict = check_verdict(collation)
        if not quiet:
            typer.echo(f"dedupe: check: {verdict}", err=True)
        if differ:
            raise typer.Exit(1)


def repeated_inputs(paths: list[str]) -> list[str]:
    """Warnings for an input given twice (the same file, or the same bytes
    under two names): it would count twice in every vote."""
    import hashlib
    import stat

    files = []
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            continue  # the reader says what is wrong with it
        if stat.S_ISREG(st.st_mode):
            files.append((path, st))
    sizes = [st.st_size for _, st in files]
    seen: dict[object, int] = {}  # (device, inode) or sha256 -> its first input
    out = []
    for i, (path, st) in enumerate(files):
        first = files[seen.setdefault((st.st_dev, st.st_ino), i)][0]
        if first != path:
            out.append(f"{path} and {first} are the same file: it counts twice in every vote")
        elif seen[(st.st_dev, st.st_ino)] != i:
            out.append(f"{path} is given twice: it counts twice in every vote")
        elif sizes.count(st.st_size) > 1:
            digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
            first = files[seen.setdefault(digest, i)][0]
            if first != path:
                out.append(
                    f"{path} and {first} have identical bytes: it counts twice in every vote"
                )
    return out


def decisions_to_start(path: Path | None, interactive: bool, review: bool, inputs: list[str]):
    """The decisions to apply; with --interactive the file is also the one
    written, so it may not exist yet."""
    from dedupe.decisions import load_decisions
    from dedupe.render.files import check_output

    if interactive:
        if not review or path is None:
            raise DedupeError("--interactive needs --review and --decisions FILE (written)")
        check_output(path, inputs)
        if not path.exists():
            return ()
    return load_decisions(path) if path is not None else ()


def review_interactively(collation, path: Path, inputs: list[str]):
    """Walk the flagged variants, write the decisions file, apply the answers."""
    from dedupe.decisions import apply_decisions, decisions_json
    from dedupe.interactive import merged, walk
    from dedupe.render.files import write_output

    def ask(prompt: str) -> str | None:
        typer.echo(prompt, err=True, nl=False)
        line = sys.stdin.readline()
        return line.rstrip("\n") if line else None

    new = walk(collation, ask, lambda text: typer.echo(text, err=True))
    made = merged(collation.decisions, new)
    write_output(path, decisions_json(made), inputs)
    typer.echo(f"dedupe: {len(made)} decisions written to {path}", err=True)
    return apply_decisions(collation, made)


@app.command()
def normalise(
    file: Annotated[
        Path,
        typer.Argument(
            help="One witness: .txt, .md, .pdf, hOCR, ALTO, PAGE, ABBYY, TEI, HTML, EPUB or DOCX."
        ),
    ],
    fmt: Annotated[
        NormFormat, typer.Option("--format", "-f", help="Output format.")
    ] = NormFormat.text,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    max_pdf_mb: MaxPdfMb = None,
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
    from dedupe.render.files import check_output, write_output
    from dedupe.render.report import progress_bar

    try:
        if output is not None:
            check_output(output, [str(file)])
        with progress_bar(enabled=sys.stderr.isatty()) as progress:
            doc = dedupe.normalise_file(
                str(file), progress=progress, max_pdf_mb=max_pdf_mb, ocr=ocr.value, lang=lang
            )
        write_output(output, render_document(doc, fmt.value), [str(file)])
    except DedupeError as err:
        raise fail(str(err)) from None
    warn(doc.warnings)


from dedupe.eval_command import register_eval  # noqa: E402
from dedupe.scan.commands import register_scan  # noqa: E402

register_scan(app)
register_eval(app)


from dedupe.ocr_commands import register_ocr  # noqa: E402

register_ocr(app)


def main() -> None:
    """Entry point: run the app, turning any stray error into one line
    (``dedupe.stops.guarded``: exit 3 for a bug, 128 + the signal when
    interrupted, 1 on a closed pipe)."""
    guarded(lambda: app(standalone_mode=True))
