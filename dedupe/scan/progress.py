"""The scan's progress bar: each stage counted in what it works through
("fingerprinting 812/4,000 files"), not in tasks."""

from __future__ import annotations

import os
import time
from contextlib import contextmanager

#: The unit each stage of ``dedupe.scan.pipeline`` counts.
UNITS = {
    "fingerprinting": "files",
    "finding candidates": "parts",
    "verifying": "pairs",
    "pairs": "pairs",
    "weighing": "files",
    "comparing": "pairs",
}


def label(stage: str, done: int, total: int) -> str:
    """>>> label("fingerprinting", 812, 4000)
    'fingerprinting 812/4,000 files'
    """
    return f"{stage} {done:,}/{total:,} {UNITS.get(stage, '')}".rstrip()


@contextmanager
def scan_progress(enabled: bool, delay: float | None = None):
    """A ``progress(stage, done, total)`` callback drawing a bar on stderr
    once the scan has taken ``delay`` seconds (``DEDUPE_PROGRESS_AFTER``, 1)."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    delay = float(os.environ.get("DEDUPE_PROGRESS_AFTER", "1")) if delay is None else delay
    started = time.monotonic()
    shown: dict = {}

    def progress(stage: str, done: int, total: int) -> None:
        bar = shown.get("bar")
        if bar is None:
            if time.monotonic() - started < delay:
                return
            bar = shown["bar"] = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            bar.start()
        text = label(stage, done, total)
        if stage not in shown:
            shown[stage] = bar.add_task(text, total=max(total, 1))
        bar.update(shown[stage], completed=done, total=max(total, 1), description=text)

    try:
        yield progress
    finally:
        if "bar" in shown:
            shown["bar"].stop()
