"""Pull quotes: a sentence of the text printed again, set off in display type.

Reports and magazines repeat a sentence of the column in larger type between
rules, mid-column. OCR and text layers read it as lines in the text flow, so
every scan of one printing has it at the same place and no vote between
scans can leave it out. The geometry says what it is: a run of lines set off
from the body (larger type, or indented on both sides of the text block)
whose words the body of the same or a neighbouring page prints too. A
heading is set off as well, but it is not printed again in the body a few
lines away; a run must be a sentence long to count.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from dedupe.model import Line, Page
from dedupe.normalise.fold import squash
from dedupe.read.layout import line_size

Hint = tuple[str, str]
#: Display type: at least this many times the body's font size...
LARGER = 1.15
#: ...or its line height, where only boxes are known (OCR: box heights vary
#: with ascenders and descenders).
TALLER = 1.3
#: Set off: indented on both sides of the text block by this many ems.
INSET_EMS = 0.5
#: A pull quote is a sentence: at least this many words...
MIN_WORDS = 8
#: ...that the body prints this alike (rapidfuzz partial ratio, 0-100).
SIMILAR = 90.0
#: The body looked in: this many pages either side.
NEAR_PAGES = 1


def find_pull_quotes(
    pages: Sequence[Page],
    body_size: float,
    sized: bool,
    block: Callable[[int], tuple[float, float] | None],
    hinted: Callable[[int, int], bool],
) -> dict[tuple[int, int], Hint]:
    """Hints for pull-quote lines by (page index, line index); ``block``
    gives a page's main text block (x range), ``hinted`` tells lines already
    explained (running heads are not body text to copy from)."""
    from rapidfuzz import fuzz

    display = (LARGER if sized else TALLER) * body_size
    runs = {
        p: _set_off_runs(page, body_size, display, block(p), lambda i, p=p: hinted(p, i))
        for p, page in enumerate(pages)
    }
    candidates = {(p, i) for p, found in runs.items() for run in found for i in run}
    found: dict[tuple[int, int], Hint] = {}
    for p, page_runs in runs.items():
        for run in page_runs:
            text = " ".join(pages[p].lines[i].text for i in run)
            if len(text.split()) < MIN_WORDS:
                continue
            near = range(max(0, p - NEAR_PAGES), min(len(pages), p + NEAR_PAGES + 1))
            body = squash(
                " ".join(
                    line.text
                    for q in near
                    for i, line in enumerate(pages[q].lines)
                    if (q, i) not in candidates and not hinted(q, i)
                )
            )
            if fuzz.partial_ratio(squash(text), body) < SIMILAR:
                continue
            reason = (
                f"pull quote: set off from the body on page {pages[p].number}, "
                "printing again words the body has nearby"
            )
            found.update(((p, i), ("pull-quote", reason)) for i in run)
    return found


def _set_off_runs(
    page: Page,
    body_size: float,
    display: float,
    block: tuple[float, float] | None,
    hinted: Callable[[int], bool],
) -> list[list[int]]:
    """Runs of consecutive lines (blank lines between them skipped) that are
    set off from the body."""
    runs: list[list[int]] = []
    current: list[int] = []
    for i, line in enumerate(page.lines):
        if line.box is None or not line.text.strip():
            continue
        if not hinted(i) and _set_off(line, body_size, display, block):
            current.append(i)
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return runs


def _set_off(
    line: Line, body_size: float, display: float, block: tuple[float, float] | None
) -> bool:
    if line_size(line) >= display:
        return True
    if block is None or line.box is None:
        return False
    inset = INSET_EMS * body_size
    return line.box.x0 >= block[0] + inset and line.box.x1 <= block[1] - inset
