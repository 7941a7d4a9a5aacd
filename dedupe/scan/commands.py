"""``dedupe scan`` and ``dedupe index``: the command line of the scan.

Only typer is imported here; the scan itself (numpy, the readers, Dask) is
imported inside the commands so that ``dedupe --help`` stays fast.
"""

from __future__ import annotations

import sys
from contextlib import ExitStack, closing, contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

index_app = typer.Typer(
    help=(
        "Keep the scan's fingerprints in an SQLite file, so a growing collection is "
        "not read again.\n\n"
        "Examples:\n\n"
        "  dedupe index add scans.db archive/\n\n"
        "  dedupe index query scans.db new-letter.pdf"
    ),
    no_args_is_help=True,
)


class ScanFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class QueryFormat(StrEnum):
    table = "table"
    json = "json"


class EngineName(StrEnum):
    local = "local"
    dask = "dask"


Threshold = Annotated[
    float,
    typer.Option(
        min=0.05,
        max=1.0,
        help="Similarity (share of words in common, in order) to call two files versions.",
    ),
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress and no per-file warnings.")]


@contextmanager
def _one_line_errors():
    """Bad input becomes one line on stderr and exit code 2 (``dedupe.cli_messages.fail``)."""
    from dedupe.cli_messages import fail
    from dedupe.model import DedupeError

    try:
        yield
    except DedupeError as err:
        raise fail(str(err)) from None


def _warn(message: str) -> None:
    from dedupe.cli_messages import warn

    warn((message,))


def _engine(engine: EngineName, scheduler: str | None, workers: int | None):
    from dedupe.model import DedupeError

    if scheduler and engine != EngineName.dask:
        raise DedupeError("--scheduler needs --engine dask")
    if engine == EngineName.dask:
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise DedupeError(
                "--engine dask needs Dask, an optional extra: pip install 'dedupe[dask]'"
            ) from None
        from dedupe.scan.engine_dask import DaskEngine

        return DaskEngine(scheduler=scheduler, workers=workers)
    from dedupe.scan.engine_local import LocalEngine

    return LocalEngine(workers or 1)


def _start(stack: ExitStack, db: Path | None, engine: EngineName, scheduler, workers):
    """Open the index (if any) and the engine; both are closed with ``stack``."""
    from dedupe.scan.index import open_index

    opened = None
    if db is not None:
        opened = stack.enter_context(closing(open_index(str(db))))
        for note in opened.notes:
            _warn(note)
    return opened, stack.enter_context(closing(_engine(engine, scheduler, workers)))


def _report_skipped(skipped, quiet: bool) -> None:
    from dedupe.scan.names import one_line

    if not quiet:
        for line in skipped:
            _warn(one_line(line))
    if skipped:
        from dedupe.scan.output import plural

        typer.echo(f"dedupe: {plural(len(skipped), 'unreadable file')} skipped", err=True)


def scan(
    folders: Annotated[
        list[Path] | None,
        typer.Argument(help="Folders to scan (every supported file below them)."),
    ] = None,
    threshold: Threshold = 0.5,
    fmt: Annotated[ScanFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ScanFormat.table
    ),
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="List the files without versions too.")
    ] = False,
    reconcile: Annotated[
        Path | None,
        typer.Option(help="Write each cluster's canonical edition and report into this folder."),
    ] = None,
    index: Annotated[
        Path | None,
        typer.Option(help="SQLite index to use and update (only changed files are read)."),
    ] = None,
    engine: Annotated[
        EngineName,
        typer.Option(help="Run in this process, or on Dask (pip install 'dedupe\\[dask]')."),
    ] = EngineName.local,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address (default: a local cluster of processes)."),
    ] = None,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Worker processes (default: 1 local, all cores Dask).")
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Split off members that are only similar to the kept copy through another.",
        ),
    ] = False,
    variants: Annotated[
        int | None,
        typer.Option(
            min=0,
            help="Count substantive variants (dedupe compare) in clusters of up to this "
            "many files (0: none; default 3, for the first 50 versions only).",
        ),
    ] = None,
    query_file: Annotated[
        Path | None,
        typer.Option(
            "--query", help="Which documents of --index this file is a version of (no scan)."
        ),
    ] = None,
    quiet: Quiet = False,
) -> None:
    """Find the files that are versions of one document in whole folders.

    Prints clusters of versions with their pairwise similarity (exact
    duplicates after normalisation marked), and the files contained in
    another (a chapter inside a book). Files without versions are counted.

    Examples:

      dedupe scan archive/

      dedupe scan archive/ --format json -o clusters.json --index archive.db

      dedupe scan archive/ --reconcile editions/

      dedupe scan --query new-letter.pdf --index archive.db

      dedupe scan /shared/archive --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from dedupe.cli_messages import fail

    if query_file is not None:
        if index is None:
            raise fail("--query needs --index INDEX (the index to look in)")
        if folders:
            raise fail("--query looks in --index only: give no folders")
        index_query(
            index,
            query_file,
            threshold,
            QueryFormat(fmt.value) if fmt.value != "csv" else QueryFormat.table,
        )
        return
    if not folders:
        raise fail("scan needs at least one folder (or --query FILE --index INDEX)")
    from dedupe.render.files import check_output, protect, write_output
    from dedupe.scan import output as out
    from dedupe.scan.files import find_files
    from dedupe.scan.pipeline import VARIANTS_BUDGET, VARIANTS_UP_TO
    from dedupe.scan.pipeline import scan as run_scan
    from dedupe.scan.progress import scan_progress

    names = [str(f) for f in folders]
    with _one_line_errors(), ExitStack() as stack:
        files = find_files(names)
        protected = protect([*files, *([index] if index else [])])
        if output is not None:
            check_output(output, protected)
        opened, runner = _start(stack, index, engine, scheduler, workers)
        with scan_progress(enabled=not quiet and sys.stderr.isatty()) as progress:
            result = run_scan(
                files,
                threshold,
                runner,
                opened,
                progress,
                strict=strict,
                variants=VARIANTS_UP_TO if variants is None else variants,
                variants_budget=VARIANTS_BUDGET if variants is None else None,
            )
        if opened is not None:
            opened.prune(names, files)
        _report_skipped(result.skipped, quiet)
        if result.stats.get("crowded") and not quiet:
            _warn(out.crowded_note(result.stats["crowded"]))
        to_stdout = output is None or str(output) == "-"
        if fmt == ScanFormat.table and to_stdout and sys.stdout.isatty():
            out.print_rich(result, show_all, names)
        elif fmt == ScanFormat.table:
            write_output(output, out.to_table(result, show_all, names), protected)
        else:
            write_output(output, out.RENDERERS[fmt.value](result, show_all), protected)
        if reconcile is not None:
            from dedupe.scan.reconcile import reconcile as write_editions

            done = write_editions(result, reconcile, protected, _warn)
            if not quiet:
                typer.echo(f"dedupe: {done} clusters reconciled into {reconcile}", err=True)


@index_app.command("add")
def index_add(
    db: Annotated[Path, typer.Argument(help="The index file (created if missing).")],
    folders: Annotated[list[Path], typer.Argument(help="Folders to index.")],
    engine: Annotated[EngineName, typer.Option(help="Run in this process, or on Dask.")] = (
        EngineName.local
    ),
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address.")] = None,
    workers: Annotated[int | None, typer.Option(min=1, help="Worker processes.")] = None,
    quiet: Quiet = False,
) -> None:
    """Fingerprint the files below the folders into the index (changed files only).

    Examples:

      dedupe index add archive.db archive/ incoming/
    """
    from dedupe.scan.files import find_files
    from dedupe.scan.pipeline import fingerprint_all
    from dedupe.scan.progress import scan_progress

    names = [str(f) for f in folders]
    with _one_line_errors(), ExitStack() as stack:
        files = find_files(names)
        opened, runner = _start(stack, db, engine, scheduler, workers)
        with scan_progress(enabled=not quiet and sys.stderr.isatty()) as progress:
            report = progress or (lambda stage, done, total: None)
            _, skipped, stats, _ = fingerprint_all(files, runner, opened, report, keep_words=0)
        removed = opened.prune(names, files)
        _report_skipped(skipped, quiet)
        typer.echo(
            f"{db}: {opened.count()} files indexed; {stats['fingerprinted']} fingerprinted now, "
            f"{stats['from_index']} unchanged, {removed} removed"
        )


@index_app.command("query")
def index_query(
    db: Annotated[Path, typer.Argument(help="The index file.")],
    file: Annotated[Path, typer.Argument(help="The file to look for.")],
    threshold: Threshold = 0.5,
    fmt: Annotated[QueryFormat, typer.Option("--format", "-f", help="Output format.")] = (
        QueryFormat.table
    ),
) -> None:
    """Which indexed files are versions of FILE, contain it, or are contained in it.

    Examples:

      dedupe index query archive.db letter-1923.txt

      dedupe index query archive.db chapter3.pdf --format json
    """
    from dedupe.scan.index import open_index
    from dedupe.scan.query import format_query, query

    with _one_line_errors(), closing(open_index(str(db), create=False)) as opened:
        found = query(opened, str(file), threshold)
        typer.echo(format_query(found, fmt.value), nl=False)


def register_scan(app: typer.Typer) -> None:
    """Add ``scan`` and the ``index`` commands to the dedupe app."""
    app.command("scan")(scan)
    app.add_typer(index_app, name="index")
