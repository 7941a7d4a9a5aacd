"""One-line messages on stderr for every command: errors (exit 2) and warnings.

Here, not in ``dedupe.cli``, so the command modules that ``dedupe.cli``
registers (scan, eval, ocr) can use them without importing the CLI back.
"""

from __future__ import annotations

from collections.abc import Iterable

import typer


def fail(message: str) -> typer.Exit:
    """Print one line on stderr and return the exit to raise (code 2)."""
    typer.echo(f"dedupe: {message}", err=True)
    return typer.Exit(2)


def warn(messages: Iterable[str]) -> None:
    """Print each message as one ``dedupe: warning: ...`` line on stderr."""
    for message in messages:
        typer.echo(f"dedupe: warning: {message}", err=True)
