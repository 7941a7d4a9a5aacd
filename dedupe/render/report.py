"""The terminal report and progress bar (rich), both on stderr."""

from __future__ import annotations

from contextlib import contextmanager

from dedupe.model import Collation


@contextmanager
def progress_bar(enabled: bool):
    """Yield a ``progress(stage, done, total)`` callback; a bar on stderr if enabled."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
        console=console, transient=True,
    ) as bar:
        tasks: dict[str, int] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=max(total, 1))
            bar.update(tasks[stage], completed=done, total=max(total, 1))

        yield progress


def print_report(collation: Collation, review_only: bool = False) -> None:
    from rich.console import Console

    console = Console(stderr=True)
    variants = collation.variants()
    console.print(f"{len(variants)} variants")
