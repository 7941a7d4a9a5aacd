"""Pull quotes: a sentence of the text printed again, set off in display type.

Reports and magazines repeat a sentence of the column in larger type between
rules, mid-column. OCR and text layers read it as lines in the text flow, so
every scan of one printing has it at the same place and no vote between
scans can leave it out. The geometry says what it is: a run of lines set off
from the body (larger type, or indented on both sides of the text block)
whose words the body of the same or a neighbouring page prints too, and
that stands inside the body (body lines above and below it on its page). A
heading is set off as well, but is rarely printed again in the body a few
lines away; a run must be a sentence long to count, and a title printed
again in the abstract below it has no body above it.

On a scan the type is measured by the engine's own fit of each line
(hOCR ``x_size``), not by the line's box: specks and stains on a noisy
page stretch boxes of body lines past any display type, so runs of "set
off" lines would swallow body lines and never match. And both copies of
the sentence are OCR readings, each with misreadings of its own, so they
need only be alike as two readings of one noisy page are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from statistics import median

from dedupe.model import Box, Line, Page
from dedupe.normalise.fold import squash
from dedupe.read.layout import line_size

Hint = tuple[str, str]
#: Display type: at least this many times the body's font size...
LARGER = 1.15
#: ...or its line height, where only boxes are known (OCR: box heights vary
#: with ascenders and descenders).
TALLER = 1.3
#: Set off: indented on both sides of the text block by this many ems...
INSET_EMS = 0.5
#: ...or this many on a scan, whose skew and specks move a line's edges by
#: about an em.
INSET_SCAN_EMS = 1.5
#: A pull quote is a sentence or two: this many words...
MIN_WORDS = 8
MAX_WORDS = 60
#: ...that the body prints this alike (rapidfuzz partial ratio, 0-100)...
SIMILAR = 90.0
#: ...or this alike where both are OCR readings (each with misreadings of
#: its own, at a few per cent CER; unrelated prose scores near 50).
SIMILAR_OCR = 75.0
#: The body looked in: this many pages either side.
NEAR_PAGES = 1
#: Lines this many ems wide make the column's edges.
WIDE_EMS = 5.0
#: Inside the body: at least this many body lines above and below on its page.
AROUND = 2


def find_pull_quotes(
    pages: Sequence[Page],
    body_size: float,
    sized: bool,
    hinted: Callable[[int, int], bool],
) -> dict[tuple[int, int], Hint]:
    """Hints for pull-quote lines by (page index, line index); ``hinted``
    tells lines already explained (running heads are not body text to copy
    from)."""
    from rapidfuzz import fuzz

    typed = not sized and _typed(pages)
    if typed:
        body_size = median(ln.type_height for page in pages for ln in _typed_lines(page))
    display = (LARGER if sized or typed else TALLER) * body_size
    size = _type_size if typed else line_size
    similar = SIMILAR_OCR if any(ln.words for page in pages for ln in page.lines) else SIMILAR
    inset = (INSET_EMS if sized else INSET_SCAN_EMS) * body_size
    runs = {
        p: _set_off_runs(page, body_size, display, lambda i, p=p: hinted(p, i), size, inset)
        for p, page in enumerate(pages)
    }
    found: dict[tuple[int, int], Hint] = {}
    for p, page_runs in runs.items():
        near = range(max(0, p - NEAR_PAGES), min(len(pages), p + NEAR_PAGES + 1))
        texts = {
            (q, i): line.text
            for q in near
            for i, line in enumerate(pages[q].lines)
            if line.box is not None and line.text.strip() and not hinted(q, i)
        }
        for run in page_runs:
            text = " ".join(pages[p].lines[i].text for i in run)
            if not MIN_WORDS <= len(text.split()) <= MAX_WORDS:
                continue
            mine = {(p, i) for i in run}
            around = [i for q, i in texts if q == p and (q, i) not in mine]
            above = sum(1 for i in around if i < run[0])
            if min(above, len(around) - above) < AROUND:
                continue
            body = squash(" ".join(t for key, t in texts.items() if key not in mine))
            if fuzz.partial_ratio(squash(text), body) < similar:
                continue
            reason = (
                f"pull quote: set off from the body on page {pages[p].number}, "
                "printing again words the body has nearby"
            )
            found.update(((p, i), ("pull-quote", reason)) for i in run)
    return found


def _typed_lines(page: Page) -> list[Line]:
    return [ln for ln in page.lines if ln.box is not None and ln.text.strip() and ln.type_height]


def _typed(pages: Sequence[Page]) -> bool:
    """Whether the engine measured the type of (nearly) every line."""
    lines = [ln for page in pages for ln in page.lines if ln.box is not None and ln.text.strip()]
    return bool(lines) and sum(len(_typed_lines(page)) for page in pages) >= 0.9 * len(lines)


def _type_size(line: Line) -> float:
    """The engine's measure of a line's type, else its box height."""
    return line.type_height or line_size(line)


def _set_off_runs(
    page: Page,
    body_size: float,
    display: float,
    hinted: Callable[[int], bool],
    size: Callable[[Line], float] = line_size,
    inset: float | None = None,
) -> list[list[int]]:
    """Runs of consecutive lines (blank lines between them skipped) that are
    set off from the body: in display type, or inset on both sides of the
    column they stand in."""
    wide = [
        ln.box
        for ln in page.lines
        if ln.box is not None and ln.box.x1 - ln.box.x0 >= WIDE_EMS * body_size
    ]
    inset = INSET_EMS * body_size if inset is None else inset
    runs: list[list[int]] = []
    current: list[int] = []
    for i, line in enumerate(page.lines):
        if line.box is None or not line.text.strip():
            continue
        if not hinted(i) and (size(line) >= display or _inset(line.box, wide, inset)):
            current.append(i)
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return runs


def _inset(box: Box, wide: list[Box], inset: float) -> bool:
    """Whether a line is indented on both sides of its column: the edges of
    the wide lines under and over it (one column of several, or the whole
    measure). Most lines are full, so the lower quartile of their left
    edges is the flush-left edge and the upper quartile of their right
    edges the right one (OCR junk before a line and indents do not move
    them)."""
    width = box.x1 - box.x0
    over = [b for b in wide if min(b.x1, box.x1) - max(b.x0, box.x0) >= width / 2]
    if len(over) < AROUND:
        return False
    lefts, rights = sorted(b.x0 for b in over), sorted(b.x1 for b in over)
    k = len(over) // 4
    return box.x0 >= lefts[k] + inset and box.x1 <= rights[-1 - k] - inset
