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
from dedupe.render.groups import (
    SIGNIFICANCE,
    Group,
    by_significance,
    systematic_groups,
    systematic_lines,
)
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


def report_lines(collation: Collation, review_only: bool = False, show_all: bool = False):
    """The report as rich renderables, so it can be printed or captured.

    Variants come most significant first (``groups.SIGNIFICANCE``), each
    systematic difference once with its count; typography and the members
    of a group are listed only with ``show_all`` (and the report says so).
    """
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
    places = variant_places(collation)
    groups = systematic_groups([(unit, col) for _, unit, _, col in places])
    for sentence in systematic_lines(groups):
        yield Text(f"Systematic: {sentence}", style="bold yellow")
    if places:
        yield Text("Variants, most significant first: " + ", ".join(SIGNIFICANCE[:-1]), style="dim")
    review = sum(1 for *_, col in places if col.review and col.kind != "typography")
    for entry in listing(places, groups, review_only, show_all):
        if isinstance(entry, Group):
            yield group_line(entry, places, style, show_all)
        else:
            yield variant_line(*entry, style)
    hidden = sum(1 for *_, col in places if col.kind == "typography")
    if hidden and not show_all:
        yield Text(
            f"{hidden} typography variants not listed (house style decides them): --all lists them"
        )
    unflagged = sum(1 for *_, col in places if not col.review and col.kind != "typography")
    if review_only and unflagged:
        yield Text(
            f"{unflagged} variants not flagged for review not listed: without --review they are"
        )
    yield from stale_lines(collation)
    if collation.removed:
        yield Text(f"{len(collation.removed)} layout-noise blocks removed (see --format json)")
    yield Text(
        f"{review} decisions flagged for review"
        + ("" if review_only else " (--review lists them)"),
        style="bold yellow" if review else "dim",
    )


def listing(places, groups: list[Group], review_only: bool, show_all: bool):
    """What the report lists, in its order: variants (as ``(unit, ci, col)``)
    and groups, by significance, then by place in the document. A group
    stands at its first member; with ``show_all`` its members follow it;
    with ``review_only`` only flagged variants are listed, each on its own."""
    group_of = {vid: g for g in groups for vid in g.members}
    first: dict[str, int] = {}
    keyed = []
    for pos, (_, unit, ci, col) in enumerate(places):
        if col.kind == "typography" and not show_all:
            continue
        if review_only:
            if col.review:
                keyed.append(((by_significance(col.kind), pos, 0, pos), (unit, ci, col)))
            continue
        group = group_of.get(col.id)
        if group is None:
            keyed.append(((by_significance(col.kind), pos, 0, pos), (unit, ci, col)))
            continue
        at = first.setdefault(group.id, pos)
        if at == pos:
            keyed.append(((by_significance(col.kind), pos, -1, pos), group))
        if show_all:
            keyed.append(((by_significance(col.kind), at, 0, pos), (unit, ci, col)))
    return [entry for _, entry in sorted(keyed, key=lambda k: k[0])]


def readings_text(line, unit, ci, col, style) -> None:
    """``…before A:‹x› B:‹y› after…`` appended to ``line``."""
    before, after = context(unit, ci, words=4)
    line.append(f"…{before} " if before else "", style="dim")
    for wid, reading in col.readings.items():
        line.append(f"{wid}:", style="dim")
        line.append(f"{shown_reading(col, reading)} ", style=style[wid])
    line.append(f"{after}…" if after else "", style="dim")


def variant_line(unit, ci, col, style):
    """One variant: where, its readings, the decision, why, how sure."""
    from rich.text import Text

    where = f"note {unit.n}" if unit.section == "footnote" else "body"
    line = Text(f"[{col.kind}] ", style="bold")
    line.append(f"{col.id} ({where}) ", style="dim")
    readings_text(line, unit, ci, col, style)
    mark = "  ⚑ review" if col.review else ""
    agree = ", ".join(col.supporters()) or "none"
    line.append(
        f"\n    → {shown_reading(col, col.canonical)}  (agree: {agree}; {col.reason}; "
        f"{col.confidence:.2f}){mark}" + (f"\n    note: {col.note}" if col.note else "")
    )
    return line


def group_line(group: Group, places, style, show_all: bool):
    """A systematic difference once: its pattern, count and one example."""
    from rich.text import Text

    members = set(group.members)
    cols = [(unit, ci, col) for _, unit, ci, col in places if col.id in members]
    line = Text(f"[{group.kind} ×{len(cols)}] ", style="bold")
    line.append(f"{group.id} ", style="dim")
    line.append(f"{group.description}: one pattern at {len(cols)} places")
    line.append(" (listed below)" if show_all else " (--all lists each)", style="dim")
    unit, ci, col = cols[0]
    line.append("\n    e.g. ", style="dim")
    readings_text(line, unit, ci, col, style)
    agree = {tuple(c.supporters()) for _, _, c in cols}
    decided = (
        f"the canonical text reads as {', '.join(agree.pop()) or 'none'} at every place"
        if len(agree) == 1
        else "decided place by place"
    )
    flagged = f"; {group.review} flagged for review (--review lists them)" if group.review else ""
    line.append(f"\n    → {decided}{flagged}")
    return line


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
    """A reading delimited so it is seen without colour: ``‹plane loads›``;
    nothing is ``∅``, a paragraph break place ``¶`` or ``(runs on)``."""
    if col.break_place:
        return break_reading(reading)
    return f"‹{brief(reading)}›" if reading else "∅"


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


def print_report(
    collation: Collation, review_only: bool = False, console=None, show_all: bool = False
) -> None:
    """The report on stderr: colour only where rich finds a terminal (or
    ``FORCE_COLOR``); elsewhere one line per variant, unwrapped, for logs and grep."""
    from rich.console import Console

    console = console or Console(stderr=True, highlight=False)
    for renderable in report_lines(collation, review_only, show_all):
        console.print(renderable, soft_wrap=not console.is_terminal)


def report_text(collation: Collation, review_only: bool = False, show_all: bool = False) -> str:
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
    print_report(collation, review_only, console, show_all)
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def check_verdict(collation: Collation) -> tuple[bool, str]:
    """``--check``: whether the witnesses differ beyond typography, and the
    verdict in one line."""
    counts = counts_by_kind(collation)
    typography = counts.pop("typography", 0)
    beyond = sum(counts.values())
    style = f" ({typography} typography variants aside)" if typography else ""
    if not beyond:
        return False, f"the witnesses agree{style}: exit 0"
    review = sum(1 for _, c in collation.variants() if c.review and c.kind != "typography")
    kinds = ", ".join(f"{n} {kind}" for kind, n in counts.items())
    return True, (
        f"the witnesses differ at {beyond} places beyond typography ({kinds}); "
        f"{review} flagged for review: exit 1"
    )
