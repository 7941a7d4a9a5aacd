"""The ``dedupe`` command's entry point: the index query without the CLI framework.

``dedupe scan --query FILE --index INDEX`` (and ``dedupe index query INDEX
FILE``) must answer in a fraction of a second, and the query itself takes
tens of milliseconds; importing typer and every command's module would
cost more than it. So a command line of exactly that form, with valid
values, is parsed here and run directly, printing what the typer command
prints; any other command line (help, another option, a value out of
range, an option given twice) goes to the typer app, which also gives the
errors.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

#: The formats each query command accepts (``scan`` takes csv, shown as table).
_SCAN_FORMATS = {"table": "table", "json": "json", "csv": "table"}
_INDEX_FORMATS = {"table": "table", "json": "json"}
_VALUED = {"--query", "--index", "--format", "-f", "--threshold"}
_FLAGS = {"--quiet", "-q"}


@dataclass(frozen=True)
class QueryCall:
    index: str
    file: str
    threshold: float
    fmt: str


def _options(args: list[str]) -> tuple[dict[str, str], list[str]] | None:
    """Options and positional arguments, or None for anything unusual."""
    options: dict[str, str] = {}
    positional: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        name, eq, value = arg.partition("=")
        if arg.startswith("-") and arg != "-":
            if name in _FLAGS and not eq:
                key, value = "--quiet", ""
            elif name in _VALUED and (eq or i + 1 < len(args)):
                key = "--format" if name == "-f" else name
                if not eq:
                    i += 1
                    value = args[i]
            else:
                return None
            if key in options:
                return None
            options[key] = value
        else:
            positional.append(arg)
        i += 1
    return options, positional


def parse_query(argv: list[str]) -> QueryCall | None:
    """The query a command line asks for, if it is one this module runs.

    >>> parse_query(["scan", "--query", "new.txt", "--index", "a.db", "-f", "json"])
    QueryCall(index='a.db', file='new.txt', threshold=0.5, fmt='json')
    >>> parse_query(["index", "query", "a.db", "new.txt", "--threshold=0.8"])
    QueryCall(index='a.db', file='new.txt', threshold=0.8, fmt='table')
    >>> parse_query(["scan", "--query", "new.txt", "--index", "a.db", "--help"]) is None
    True
    """
    if argv[:1] == ["scan"]:
        found = _options(argv[1:])
        if found is None or found[1] or not {"--query", "--index"} <= found[0].keys():
            return None
        options, formats = found[0], _SCAN_FORMATS
        index, file = options["--index"], options["--query"]
    elif argv[:2] == ["index", "query"]:
        found = _options(argv[2:])
        if found is None or len(found[1]) != 2 or {"--query", "--index"} & found[0].keys():
            return None
        options, formats = found[0], _INDEX_FORMATS
        index, file = found[1]
        if "--quiet" in options:
            return None  # ``index query`` has no --quiet
    else:
        return None
    fmt = formats.get(options.get("--format", "table"))
    try:
        threshold = float(options.get("--threshold", "0.5"))
    except ValueError:
        return None
    if fmt is None or not 0.05 <= threshold <= 1.0 or not index or not file:
        return None
    from pathlib import Path  # as typer gives them: ``a//b/`` is ``a/b``

    return QueryCall(str(Path(index)), str(Path(file)), threshold, fmt)


def run_query(call: QueryCall) -> int:
    """Print the query's answer (exit 0), or one line on stderr (exit 2)."""
    from contextlib import closing

    from dedupe.model import DedupeError
    from dedupe.scan.index import open_index
    from dedupe.scan.query import format_query, query

    try:
        with closing(open_index(call.index, create=False)) as opened:
            found = query(opened, call.file, call.threshold)
            text = format_query(found, call.fmt)
    except DedupeError as err:
        sys.stderr.write(f"dedupe: {err}\n")
        return 2
    sys.stdout.write(text)
    sys.stdout.flush()
    return 0


def main() -> None:
    """Run ``dedupe``: the index query here, every other command in ``dedupe.cli``."""
    call = parse_query(sys.argv[1:])
    if call is None:
        from dedupe.cli import main as full

        full()
        return
    from dedupe.stops import guarded

    def run() -> None:
        code = run_query(call)
        if code:
            sys.exit(code)

    guarded(run)
