"""The report of every variant and the progress bar (rich).

The report goes to stderr, coloured on a terminal and plain elsewhere (a log,
CI); ``NO_COLOR`` and ``FORCE_COLOR`` are honoured, as rich reads them. As a
file (``--report FILE``) it is always plain text. The progress bar is for
terminals only.
"""

from __future__ import annotations

import os
import time
from contextlib import contextmanager

from dedupe.model import Collation
from dedupe.render.summary import (
    IMPLAUSIBLE,
    agreement,
    break_reading,
    context,
    counts_by_kind,
    variant_places,
)

#: One colour per witness in the report, cycling for many witnesses.
WITNESS_STYLES = ("green", "magenta", "cyan", "yellow", "blue", "red")


@contextmanager
def progress_bar(enabled: bool, delay: float | None = None, console=None):
    """Yield a ``progress(stage, done, total)`` callback: a bar on stderr if
    enabled, shown only once the work has taken ``delay`` seconds (a quick
    compare stays quiet; a book shows how far it has got). The delay defaults
    to ``DEDUPE_PROGRESS_AFTER`` seconds, else 1."""
    if not enabled:
        yield None
        return
    if delay is None:
        delay = float(os.environ.get("DEDUPE_PROGRESS_AFTER", "1"))
    started = time.monotonic()
    shown: dict = {}  # "bar": the Progress once shown; stage -> its task

    def progress(stage: str, done: int, total: int) -> None:
        bar = shown.get("bar")
        if bar is None:
            if time.monotonic() - started < delay:
                return
            bar = shown["bar"] = _start_bar(console)
        if stage not in shown:
            shown[stage] = bar.add_task(stage, total=max(total, 1))
        bar.update(shown[stage], completed=done, total=max(total, 1))

    try:
        yield progress
    finally:
        if "bar" in shown:
            shown["bar"].stop()


def _start_bar(console=None):
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=console or Console(stderr=True),
        transient=True,
    )
    bar.start()
    return bar


def report_lines(collation: Collation, review_only: bool = False):
    """The report as rich renderables, so it can be printed or captured."""
    from rich.table import Table
    from rich.text import Text

    style = {
        w.id: WITNESS_STYLES[i % len(WITNESS_STYLES)] for i, w in enumerate(collation.witnesses)
    }
    head = Text("Witnesses: ")
    for i, w in enumerate(collation.witnesses):
        head.append(("  " if i else "") + f"{w.id} = {w.label}", style=style[w.id])
    yield head

    counts = counts_by_kind(collation)
    rates = agreement(collation)
    table = Table(title="Variants by kind", show_edge=False)
    table.add_column("kind")
    table.add_column("count", justify="right")
    for kind, count in counts.items():
        table.add_row(kind, str(count))
    table.add_row("total", str(sum(counts.values())), style="bold")
    yield table
    if len(collation.witnesses) > 1:
        line = Text("Agreement with the canonical text: ")
        for w in collation.witnesses:
            line.append(f"{w.id} {rates[w.id]['rate']:.0%}  ", style=style[w.id])
        yield line
    yield from selfcheck_lines(collation, style)
    review = 0
    for _, unit, ci, col in variant_places(collation):
        if col.kind == "typography":
            continue
        review += col.review
        if review_only and not col.review:
            continue
        where = f"note {unit.n}" if unit.section == "footnote" else "body"
        before, after = context(unit, ci, words=4)
        line = Text(f"[{col.kind}] ", style="bold")
        line.append(f"{col.id} ({where}) ", style="dim")
        line.append(f"…{before} " if before else "", style="dim")
        for wid, reading in col.readings.items():
            line.append(f"{wid}:", style="dim")
            line.append(f"{shown_reading(col, reading)} ", style=style[wid])
        line.append(f"{after}…" if after else "", style="dim")
        mark = "  ⚑ review" if col.review else ""
        agree = ", ".join(col.supporters()) or "none"
        line.append(
            f"\n    → {shown_reading(col, col.canonical)}  (agree: {agree}; {col.reason}; "
            f"{col.confidence:.2f}){mark}" + (f"\n    note: {col.note}" if col.note else "")
        )
        yield line
    yield from stale_lines(collation)
    if collation.removed:
        yield Text(f"{len(collation.removed)} layout-noise blocks removed (see --format json)")
    yield Text(
        f"{review} decisions flagged for review"
        + ("" if review_only else " (--review lists them)"),
        style="bold yellow" if review else "dim",
    )


def stale_lines(collation: Collation):
    """Decisions that matched no variant: said, never dropped silently."""
    from rich.text import Text

    applied = len(collation.decisions) - len(collation.stale)
    if collation.decisions:
        yield Text(f"{applied} editor's decisions applied, {len(collation.stale)} stale")
    for d in collation.stale:
        ctx = d.context
        where = f" (…{ctx.get('before', '')} | {ctx.get('after', '')}…)" if ctx else ""
        yield Text(
            f"stale decision {d.id}: matches no variant now{where}; reading {d.reading!r} not applied",
            style="bold red",
        )


#: Columns of the report file's table: fixed, so the file is the same wherever it is made.
REPORT_WIDTH = 100


def selfcheck_lines(collation: Collation, style: dict[str, str]):
    """The self-check: words, implausible words and noise per witness and for
    the canonical text, then its warnings."""
    from rich.table import Table
    from rich.text import Text

    check = collation.selfcheck
    if check is None:
        return
    table = Table(title="Self-check", show_edge=False, caption=IMPLAUSIBLE)
    for name in ("text", "words", "implausible", "noise removed"):
        table.add_column(name, justify="left" if name == "text" else "right")

    def rate(c) -> str:
        return f"{c.rate:.2%}" if check.rated else "n/a"

    for wid, c in check.witnesses.items():
        noise = f"{c.noise_blocks} blocks, {c.noise_words} words"
        table.add_row(Text(wid, style=style[wid]), str(c.words), rate(c), noise)
    c = check.canonical
    left = f"{c.noise_blocks} places left out, {c.noise_words} words"
    table.add_row("canonical", str(c.words), rate(c), left, style="bold")
    yield table
    for warning in check.warnings:
        yield Text(f"⚠ {warning}", style="bold yellow")


#: A reading longer than this many words is shown by its start and end in the report.
LONG_READING = 30


def shown_reading(col, reading: str | None) -> str:
    if col.break_place:
        return break_reading(reading)
    return brief(reading) if reading else "∅"


def brief(text: str, head: int = 12, tail: int = 6) -> str:
    """A passage as one report line: its first and last words and its length
    (the JSON and the other formats give it whole).

    >>> brief(" ".join(map(str, range(40))))
    '0 1 2 3 4 5 6 7 8 9 10 11 … 34 35 36 37 38 39 (40 words)'
    """
    words = text.split()
    if len(words) <= LONG_READING:
        return text
    return f"{' '.join(words[:head])} … {' '.join(words[-tail:])} ({len(words)} words)"


def print_report(collation: Collation, review_only: bool = False, console=None) -> None:
    """The report on stderr: colour only where rich finds a terminal (or
    ``FORCE_COLOR``); elsewhere one line per variant, unwrapped, for logs and grep."""
    from rich.console import Console

    console = console or Console(stderr=True, highlight=False)
    for renderable in report_lines(collation, review_only):
        console.print(renderable, soft_wrap=not console.is_terminal)


def report_text(collation: Collation, review_only: bool = False) -> str:
    """The report as plain text, no colour or escape codes, whatever the environment."""
    import io

    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=REPORT_WIDTH,
        color_system=None,
        force_terminal=False,
        force_interactive=False,
        no_color=True,
        highlight=False,
        emoji=False,
    )
    print_report(collation, review_only, console)
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())
