"""The geometry pass: say what each line is from where it sits on the page.

Readers of PDF, hOCR, ALTO and PAGE keep each line's box and font size; here
those become hints for the text normaliser, each with a reason a user can
read: running headers and footers (the same text, digits aside, in the same
band on many pages), page numbers, margin text (rotated, or outside the main
text block), catch-words and signature marks (``catchwords``) and footnotes
(smaller type at the foot of the page, opening with a note number,
continuations included) and pull quotes (``pullquotes``). Text witnesses have no geometry and
pass through unchanged. Hints a reader already set (an ALTO TopMargin, a
PAGE region type) are kept.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from statistics import median

from dedupe.model import Box, Line, Page, Source
from dedupe.normalise.catchwords import find_catchwords
from dedupe.normalise.noteruns import damaged_mark
from dedupe.normalise.pullquotes import find_pull_quotes
from dedupe.read.layout import line_size as size_of

#: Header and footer bands: this share of the page height at top and bottom.
BAND = 0.2
#: Page numbers sit closer to the edge than running heads may.
NUMBER_BAND = 0.15
#: Repeated lines in a band must sit within this share of the page height.
SAME_PLACE = 0.04
#: Texts this similar (0-100, digits folded) are the same running line
#: (OCR misreads a head differently on each page)...
SIMILAR = 85.0
#: ...if they are this long; short ones ("First section", "Third section")
#: must match exactly.
FUZZY_LENGTH = 20
#: A footnote's type is at most this share of the body size...
SMALL_SHARE = 0.95
#: ...and at least this many points smaller.
SMALL_POINTS = 0.5
#: Where the OCR engine measured each line's type (hOCR ``x_size``), a foot
#: line may be this share of the body size (one line's measure wavers)...
OCR_LINE_SHARE = 0.92
#: ...if the run of them is, by its median, this share at most (notes are set
#: a size or two smaller: 8.5 on 11, 7.5 on 9.5 points).
OCR_RUN_SHARE = 0.86
#: Footnote zones start in the lower part of the page (share of its height).
FOOT_START = 0.4
#: A page needs this many wide lines to set its own main text block.
PAGE_BLOCK_LINES = 15
#: A run of notes ends within this many lines of the foot of the text area.
FOOT_SLACK_LINES = 3
#: A line this many ems wide is body text when finding the main text block.
WIDE_EMS = 5.0

_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
_ROMAN = re.compile(r"^m{0,4}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$", re.IGNORECASE)
_PAGE_NUMBER = re.compile(
    r"^[\s\-–—|·•.\[\]()]*(?:(?:page|p\.|pg\.?|seite|página|pagina)\s*)?"
    r"(?P<n>\d{1,5}|[ivxlcdm]{1,8})"
    r"(?:\s*(?:of|/|de|von|sur)\s*\d{1,5})?[\s\-–—|·•.\[\]()]*$",
    re.IGNORECASE,
)
_MARKER = re.compile(r"(?<=\S)([⁰¹²³⁴⁵⁶⁷⁸⁹]+)")  # a note marker after a word
_NOTE_START = re.compile(
    r"^\s*(?P<n>\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}|[*†‡§])(?:[\s.)\]]|$|(?=[A-Za-z(“\"']))"
)
#: ...or with a speck OCR glued to it ('31, "With', '3° "Pentagon'): a note
#: only where the count of notes goes on there, never a numbered row
_SPECKED_START = re.compile(r"^\s*(?P<n>\d{1,3})[°º*'’‘:;,](?=\s)")

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_PLAIN = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")

Hint = tuple[str, str]


@dataclass
class Layout:
    """Per-document facts the rules share."""

    pages: Sequence[Page]
    body_size: float
    sized: bool  # font sizes known (PDF) rather than box heights (OCR)
    #: the median of the OCR engine's measures of the lines' type (hOCR x_size)
    type_size: float = 10.0
    hints: dict[tuple[int, int], Hint] = field(default_factory=dict)

    def hinted(self, p: int, i: int) -> bool:
        return (p, i) in self.hints or self.pages[p].lines[i].hint is not None


def mark_layout(source: Source) -> Source:
    """A new Source whose lines carry layout hints; text sources pass through."""
    if not any(line.box is not None for line in source.lines):
        return source
    layout = Layout(source.pages, *_body_size(source.lines))
    typed = [ln.type_height for ln in source.lines if ln.type_height and ln.text.strip()]
    layout.type_size = median(typed) if typed else layout.body_size
    mark_rotated(layout)
    mark_running_lines(layout)
    mark_margins(layout)
    layout.hints.update(find_catchwords(layout.pages, layout.hinted))
    layout.hints.update(
        find_pull_quotes(layout.pages, layout.body_size, layout.sized, layout.hinted)
    )
    mark_footnotes(layout)
    if not layout.hints:
        return source
    pages = []
    for p, page in enumerate(source.pages):
        lines = []
        for i, line in enumerate(page.lines):
            found = layout.hints.get((p, i))
            if found and line.hint is None:
                line = replace(line, hint=found[0], hint_reason=found[1])
            lines.append(line)
        pages.append(replace(page, lines=tuple(lines)))
    return replace(source, pages=tuple(pages))


def _body_size(lines: Sequence[Line]) -> tuple[float, bool]:
    """The dominant type size, weighted by the amount of text set in it."""
    texts = [ln for ln in lines if ln.text.strip() and ln.box is not None]
    sized = sum(1 for ln in texts if ln.font_size) > len(texts) / 2
    if sized:
        weights = Counter[float]()
        for line in texts:
            if line.font_size:
                weights[round(line.font_size * 2) / 2] += len(line.text)
        return weights.most_common(1)[0][0], True
    heights = [size_of(ln) for ln in texts]
    return (median(heights) if heights else 10.0), False


def _extent(page: Page) -> tuple[float, float]:
    """Page width and height (from the file, else from the lines)."""
    boxes = [ln.box for ln in page.lines if ln.box is not None]
    width = page.width or max((b.x1 for b in boxes), default=1.0)
    height = page.height or max((b.y1 for b in boxes), default=1.0)
    return width, height


# --- running headers, footers, page numbers ----------------------------------


def running_key(text: str) -> str:
    """Text with digits folded: 'Page 3 of 48' and 'Page 4 of 48' are one line."""
    return _SPACE.sub(" ", _DIGITS.sub("#", text.lower())).strip()


@cache
def is_page_number(text: str) -> bool:
    """'12', '- 12 -', 'Page 12', 'Page 3 of 48', 'xiv', '[7]'.

    >>> [is_page_number(t) for t in ("- 12 -", "Page 3 of 48", "xiv", "civil", "12 Angry Men")]
    [True, True, True, False, False]
    """
    match = _PAGE_NUMBER.match(text.strip())
    if not match:
        return False
    n = match.group("n")
    return n.isdigit() or bool(_ROMAN.match(n))


@dataclass
class _Cluster:
    key: str
    y: float
    members: list[tuple[int, int]]
    texts: set[str]
    order: int = 0  # made as the nth cluster of its band


def _place(y: float) -> int:
    """The height bucket of a line: clusters within SAME_PLACE of ``y`` are
    in its bucket or the next ones (two either side, against rounding)."""
    return math.floor(y / SAME_PLACE)


def _first_similar(key: str, y: float, by_place: dict[int, _Place]) -> list[_Cluster]:
    """The earliest-made cluster at the same height (SAME_PLACE) whose long
    key reads like ``key`` (SIMILAR), as a list of at most one. Only the
    clusters at about that height are compared, in one rapidfuzz call per
    height bucket: a book's body lines in the band each start a cluster of
    their own, and comparing each with every one in Python grew as the
    square of the pages."""
    from rapidfuzz import fuzz, process

    b = _place(y)
    best: _Cluster | None = None
    for k in range(b - 2, b + 3):
        place = by_place.get(k)
        if place is None:
            continue
        for _, _, j in process.extract(
            key, place.keys, scorer=fuzz.ratio, processor=None, score_cutoff=SIMILAR, limit=None
        ):
            c = place.clusters[j]
            if abs(c.y - y) <= SAME_PLACE and (best is None or c.order < best.order):
                best = c
    return [best] if best is not None else []


@dataclass
class _Place:
    """The long-keyed clusters of one height bucket, their keys beside them."""

    keys: list[str] = field(default_factory=list)
    clusters: list[_Cluster] = field(default_factory=list)

    def add(self, cluster: _Cluster) -> None:
        self.keys.append(cluster.key)
        self.clusters.append(cluster)


def mark_running_lines(layout: Layout) -> None:
    """Headers and footers that repeat across pages, and page numbers."""
    texted = [p for p, page in enumerate(layout.pages) if any(ln.text for ln in page.lines)]
    needed = 2 if len(texted) <= 4 else 3
    for band in ("top", "bottom"):
        clusters: list[_Cluster] = []
        by_key: dict[str, list[_Cluster]] = {}
        by_place: dict[int, _Place] = {}  # long keys only, by height
        for p in texted:
            _, height = _extent(layout.pages[p])
            for i, line in _band_lines(layout.pages[p], band, BAND):
                if layout.hinted(p, i) or line.text.lstrip()[:1] in SUPERSCRIPT_DIGITS:
                    continue  # a note ("² Ibid.") is not a running line
                key = running_key(line.text)
                y = _edge_distance(line.box, height, band) / height
                same = [c for c in by_key.get(key, ()) if abs(c.y - y) <= SAME_PLACE]
                if not same and len(key) >= FUZZY_LENGTH:
                    same = _first_similar(key, y, by_place)
                if same:
                    same[0].members.append((p, i))
                    same[0].texts.add(line.text)
                else:
                    clusters.append(_Cluster(key, y, [(p, i)], {line.text}, len(clusters)))
                    by_key.setdefault(key, []).append(clusters[-1])
                    if len(key) >= FUZZY_LENGTH:
                        by_place.setdefault(_place(y), _Place()).add(clusters[-1])
        for cluster in clusters:
            cluster.members = _one_style(layout, cluster.members)
        for cluster in _outermost(layout, clusters, band, needed):
            pages = {p for p, _ in cluster.members}
            kind = "header" if band == "top" else "footer"
            numbers = {tuple(_DIGITS.findall(t)) for t in cluster.texts}
            varying = " with varying numbers" if len(numbers) > 1 else ""
            reason = (
                f"running {kind}: repeats on {len(pages)} of {len(texted)} pages "
                f"in the {band} band{varying}"
            )
            for p, i in cluster.members:
                line = layout.pages[p].lines[i]
                if is_page_number(line.text):
                    layout.hints[(p, i)] = ("page-number", f"page number: {reason}")
                else:
                    layout.hints[(p, i)] = (kind, reason)
    _mark_title_heads(layout, texted)
    for p in texted:
        _mark_page_numbers(layout, p)


def _mark_title_heads(layout: Layout, texted: list[int]) -> None:
    """The document's title printed again at the top of a later page, in
    type no larger than the body's, is its running head, even where OCR
    damaged the head on every other page so that it repeats nowhere else
    (a book's title as the head of its left-hand pages)."""
    from rapidfuzz import fuzz

    if len(texted) < 2:
        return
    first = layout.pages[texted[0]]
    opening = next((ln for ln in first.lines if ln.box is not None and ln.text.strip()), None)
    if opening is None or len(running_key(opening.text)) < FUZZY_LENGTH:
        return
    title = running_key(opening.text)
    for p in texted[1:]:
        top = [(i, ln) for i, ln in _band_lines(layout.pages[p], "top", BAND)]
        top = [(i, ln) for i, ln in top if not layout.hinted(p, i)]
        if not top or not _body_sized(layout, top[0][1]):
            continue
        i, line = top[0]
        key = running_key(line.text)
        if len(key) >= FUZZY_LENGTH and fuzz.ratio(key, title) >= SIMILAR:
            layout.hints[(p, i)] = (
                "header",
                f"running header: the document's title again at the top of page {layout.pages[p].number}",
            )


def _body_sized(layout: Layout, line: Line) -> bool:
    """Set no larger than the body (a heading that repeats the title is larger)."""
    if line.type_height:
        return line.type_height <= 1.05 * layout.type_size
    return size_of(line) <= layout.body_size * (1.0 if layout.sized else 1.15)


def _outermost(layout: Layout, clusters: list[_Cluster], band: str, needed: int) -> list[_Cluster]:
    """Clusters of running lines that stand at the page edge on enough pages:
    between a running line and the edge there may only be other running lines
    or page numbers (a body line repeated at the top of a few pages is not a
    head). A cluster that passes keeps all its members, so a head still counts
    on a first page with extra matter above it."""
    kept = [c for c in clusters if len({p for p, _ in c.members}) >= needed]
    while True:
        running = {m for c in kept for m in c.members}
        limits = _edge_limits(layout, band, running)
        still = []
        for cluster in kept:
            edge = [m for m in cluster.members if _at_edge(layout, m, band, limits)]
            if len({p for p, _ in edge}) >= needed:
                on_edge_pages = {p for p, _ in edge}
                cluster.members = edge + [m for m in cluster.members if m[0] not in on_edge_pages]
                still.append(cluster)
        if len(still) == len(kept) and {m for c in still for m in c.members} == running:
            return kept
        kept = still


def _edge_limits(layout: Layout, band: str, running: set) -> list[float]:
    """Per page, the height of the outermost line that is no running line,
    no page number and no line already explained: nothing may stand beyond it."""
    limits = []
    for p, page in enumerate(layout.pages):
        ys = [
            _mid_y(ln.box)
            for j, ln in enumerate(page.lines)
            if ln.box is not None
            and ln.text.strip()
            and (p, j) not in running
            and not layout.hinted(p, j)
            and not is_page_number(ln.text)
        ]
        if band == "top":
            limits.append(min(ys, default=float("inf")))
        else:
            limits.append(max(ys, default=float("-inf")))
    return limits


def _at_edge(layout: Layout, member: tuple[int, int], band: str, limits: list[float]) -> bool:
    p, i = member
    y = _mid_y(layout.pages[p].lines[i].box)
    return limits[p] >= y - 2 if band == "top" else limits[p] <= y + 2


def _one_style(layout: Layout, members: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Running heads are set in one style (size and face): a same-worded
    title in display type on the first page is content, not a running head."""
    lines = {(p, i): layout.pages[p].lines[i] for p, i in members}
    face = Counter(ln.font_name for ln in lines.values()).most_common(1)[0][0]
    sizes = [size_of(ln) for ln in lines.values() if ln.font_name == face]
    # the size most members share, within the tolerance (OCR box heights of
    # one head waver: 27 and 25 are one size, a 48 title on page 1 another)
    size = max(sizes, key=lambda a: sum(_same_size(a, b) for b in sizes))
    return [m for m, ln in lines.items() if _same_size(size_of(ln), size) and ln.font_name == face]


def _same_size(a: float, b: float) -> bool:
    return abs(a - b) <= 0.15 * a


def _mark_page_numbers(layout: Layout, p: int) -> None:
    page = layout.pages[p]
    boxed = sorted(
        (i for i, ln in enumerate(page.lines) if ln.box is not None and ln.text),
        key=lambda i: _mid_y(page.lines[i].box),
    )
    outermost = set(boxed[:3]) | set(boxed[-3:])
    _, height = _extent(page)
    for band in ("top", "bottom"):
        lines = _band_lines(page, band, NUMBER_BAND)
        if any(_hint_of(layout, p, i) == "page-number" for i, _ in lines):
            continue  # one page number to a band: "2020." above it is text
        lines.sort(key=lambda item: _edge_distance(item[1].box, height, band))
        for i, line in lines:
            if (
                i in outermost
                and not layout.hinted(p, i)
                and is_page_number(line.text)
                and _alone_on_row(layout, p, i)
                and not _in_number_column(page, i)
            ):
                layout.hints[(p, i)] = (
                    "page-number",
                    f"page number: '{line.text.strip()}' alone in the {band} band of page {page.number}",
                )
                break


def _hint_of(layout: Layout, p: int, i: int) -> str | None:
    found = layout.hints.get((p, i))
    return found[0] if found else layout.pages[p].lines[i].hint


def _in_number_column(page: Page, i: int) -> bool:
    """A number stacked above or below other numbers at the same x is a line
    number in the margin, not a page number."""
    box = page.lines[i].box
    assert box is not None
    em = size_of(page.lines[i])
    for j, other in enumerate(page.lines):
        if j == i or other.box is None or not other.text.strip().isdigit():
            continue
        near = abs(_mid_y(other.box) - _mid_y(box)) < 4 * em
        if near and abs(other.box.x1 - box.x1) < em:
            return True
    return False


def _alone_on_row(layout: Layout, p: int, i: int) -> bool:
    """No unexplained text beside it: a line number next to a line of text is
    not a page number."""
    box = layout.pages[p].lines[i].box
    assert box is not None
    for j, other in enumerate(layout.pages[p].lines):
        if j == i or other.box is None or not other.text.strip() or layout.hinted(p, j):
            continue
        overlap = min(box.y1, other.box.y1) - max(box.y0, other.box.y0)
        if overlap > 0.5 * min(box.y1 - box.y0, other.box.y1 - other.box.y0):
            return False
    return True


def _band_lines(page: Page, band: str, share: float) -> list[tuple[int, Line]]:
    _, height = _extent(page)
    out = []
    for i, line in enumerate(page.lines):
        if line.box is None or not line.text.strip():
            continue
        if _edge_distance(line.box, height, band) <= share * height:
            out.append((i, line))
    return out


def _edge_distance(box: Box | None, height: float, band: str) -> float:
    assert box is not None
    return box.y0 if band == "top" else height - box.y1


def _mid_y(box: Box | None) -> float:
    assert box is not None
    return (box.y0 + box.y1) / 2


# --- margin text ---------------------------------------------------------------


def mark_rotated(layout: Layout) -> None:
    """Text running up or down the page stands outside the flow of the text."""
    for p, page in enumerate(layout.pages):
        for i, line in enumerate(page.lines):
            box = line.box
            if box is None or layout.hinted(p, i) or len(line.text.strip()) < 3:
                continue
            if box.y1 - box.y0 > 2 * (box.x1 - box.x0):
                layout.hints[(p, i)] = ("margin", "margin: rotated text")


def mark_margins(layout: Layout) -> None:
    """Short lines entirely outside the main text block (line numbers, side
    notes); the block is the page's own where it has enough text."""
    document_block = _main_block([ln for page in layout.pages for ln in page.lines], 5)
    for p, page in enumerate(layout.pages):
        block = _main_block(list(page.lines), PAGE_BLOCK_LINES) or document_block
        for i, line in enumerate(page.lines):
            if line.box is None or not line.text.strip() or layout.hinted(p, i):
                continue
            box = line.box
            width = box.x1 - box.x0
            if block is None or width >= WIDE_EMS * size_of(line):
                continue
            slack = 0.25 * size_of(line)
            if box.x1 < block[0] - slack or box.x0 > block[1] + slack:
                layout.hints[(p, i)] = (
                    "margin",
                    f"margin: outside the main text block (x {block[0]:.0f}-{block[1]:.0f})",
                )


def _main_block(lines: list[Line], enough: int) -> tuple[float, float] | None:
    """The x-range of the wide lines (5th to 95th percentile of their edges)."""
    wide = [
        ln.box
        for ln in lines
        if ln.box is not None
        and ln.box.y1 - ln.box.y0 < 2 * (ln.box.x1 - ln.box.x0)
        and ln.box.x1 - ln.box.x0 >= WIDE_EMS * size_of(ln)
    ]
    if len(wide) < enough:
        return None
    lefts = sorted(b.x0 for b in wide)
    rights = sorted(b.x1 for b in wide)
    k = len(wide) // 20
    return lefts[k], rights[-1 - k]


# --- footnotes -------------------------------------------------------------------


def _small(layout: Layout, line: Line) -> bool:
    size = size_of(line)
    if layout.sized:
        return (
            line.font_size is not None
            and size <= SMALL_SHARE * layout.body_size
            and size <= layout.body_size - SMALL_POINTS
        )
    if line.type_height and line.type_height <= OCR_LINE_SHARE * layout.type_size:
        return True
    return size <= 0.8 * layout.body_size


def _small_run(layout: Layout, page: Page, run: list[int]) -> bool:
    """A run of foot lines is set in smaller type. Where the engine measured
    each line's type (``_small`` lets each measure waver), the run's median
    must be small, by that measure or by the boxes (on a rough scan the
    engine may give a whole block one guessed measure)."""
    lines = [page.lines[i] for i in run]
    if layout.sized or not all(ln.type_height for ln in lines):
        return True
    typed = median(ln.type_height or 0.0 for ln in lines) <= OCR_RUN_SHARE * layout.type_size
    boxed = median(size_of(ln) for ln in lines) <= OCR_RUN_SHARE * layout.body_size
    return typed or boxed


#: Of the foot lines that open like a note (a number, read or misread), at
#: least this share must take their place in the count of notes...
NUMBERED_SHARE = 0.75


def mark_footnotes(layout: Layout) -> None:
    """Runs of small type at the foot of the page that open with a note number,
    their continuation lines, and notes continued from the page before.
    Where neither raised numbers nor body markers back the plain numbers and
    too few of the foot lines that open like a note (``NUMBERED_SHARE``) fit
    the count, the geometry leaves the notes to the text rules, which mend a
    numbering OCR damaged across the whole document (``noteruns``): notes
    found on some pages by geometry and on others by their text would break
    the count in two."""
    notes = _NoteNumbers(layout)
    found: dict[tuple[int, int], Hint] = {}
    shaped = counted = 0
    open_note: int | None = None  # page number of the last note still running
    for p, page in enumerate(layout.pages):
        _, height = _extent(page)
        runs = _foot_runs(layout, p, height)
        shaped += sum(
            _opens_like_a_note(ln.text)
            for ln in page.lines
            if ln.box is not None and ln.box.y0 >= FOOT_START * height and _small(layout, ln)
        )
        for run in runs:
            opens = notes.opener(run, p)
            if not opens(run[0]) and open_note is None:
                numbered = [k for k, i in enumerate(run) if opens(i)]
                if not numbered:
                    continue
                # from the first note, which may be one whose number OCR misread
                misread = [k for k in range(numbered[0]) if damaged_mark(page.lines[run[k]].text)]
                run = run[(misread or numbered)[0] :]
            end = notes.numbered_rows(run, page, opens)
            run = run[:end] if end is not None else run
            counted += sum(opens(i) for i in run)
            size = size_of(page.lines[run[0]])
            for i in run:
                if opens(i):
                    number = notes.number(page.lines[i].text)
                    reason = (
                        f"footnote: smaller type ({size:g} against body {layout.body_size:g}) "
                        f"at the foot of page {page.number}, opening with note {number}"
                    )
                elif i == run[0]:
                    where = "the column before" if open_note == page.number else f"page {open_note}"
                    reason = f"footnote continued from {where}"
                else:
                    reason = "footnote continued: smaller type below the note"
                found[(p, i)] = ("footnote", reason)
            open_note = page.number
        if not runs:
            open_note = None
    if counted >= NUMBERED_SHARE * shaped or notes.raised_seen or notes.any_markers:
        layout.hints.update(found)


def _opens_like_a_note(text: str) -> bool:
    return bool(_NOTE_START.match(text) or _SPECKED_START.match(text) or damaged_mark(text))


def _note_key(text: str) -> str:
    """The number or symbol a line opens with, '' if none."""
    match = _NOTE_START.match(text)
    return match.group("n") if match else ""


class _NoteNumbers:
    """Which small lines at the foot open a note. A raised number does; a
    plain number N does where the text has a marker N on that page or the
    one before, or, in a text without any markers, where N continues the
    notes' count (1, or one more than the last note). So numbered rows of a
    table or a worksheet in small type are not taken for notes."""

    def __init__(self, layout: Layout) -> None:
        self.markers = [
            {int(m.translate(_PLAIN)) for line in page.lines for m in _MARKER.findall(line.text)}
            for page in layout.pages
        ]
        self.any_markers = any(self.markers)
        self.raised_seen = False  # a note number in superscript digits or a symbol
        self.last = 0
        self._pages = layout.pages

    @staticmethod
    def number(text: str) -> str:
        match = _NOTE_START.match(text)
        return match.group("n").translate(_PLAIN) if match else ""

    def opener(self, run: list[int], p: int) -> Callable[[int], bool]:
        lines = [self.layout_line(p, i) for i in run]
        matches = {
            i: _NOTE_START.match(text) or _SPECKED_START.match(text)
            for i, text in zip(run, lines, strict=True)
        }
        raised = any(m and not m.group("n").isascii() for m in matches.values())
        self.raised_seen = self.raised_seen or raised
        nearby = self.markers[p] | (self.markers[p - 1] if p else set())
        plain_numbers = [
            (i, int(m.group("n")))
            for i, m in matches.items()
            if m and m.group("n").isascii() and m.group("n").isdigit()
        ]
        decided: dict[int, bool] = {}
        misread = 0  # lines since the last note whose number OCR read as symbols
        for k, i in enumerate(run):  # in order, so the count of notes advances
            match = matches[i]
            n = match.group("n") if match else ""
            if not match or (raised and n.isascii()):
                decided[i] = False
                misread += damaged_mark(lines[k]) is not None
                continue
            plain = n.isascii() and n.isdigit()
            value = int(n.translate(_PLAIN)) if n.translate(_PLAIN).isdigit() else None
            if not plain:  # superscript digits or a note symbol
                decided[i] = True
            elif self.any_markers:
                decided[i] = int(n) in nearby
            else:
                decided[i], value = self._counts_on(
                    int(n), _NOTE_START.match(lines[k]), misread, _next_number(plain_numbers, i)
                )
            if decided[i]:
                misread = 0
                if value is not None:
                    self.last = value
        return lambda i: decided.get(i, False)

    def _counts_on(
        self, n: int, clean: object, misread: int, following: int | None
    ) -> tuple[bool, int]:
        """Whether a plain number ``n`` at the foot opens the next note, and
        the note's number: it continues the count (through ``misread`` notes
        whose numbers OCR read as symbols, or one it lost); or it stands in
        the next note's place where the number after it is the one after
        that (``6 "Pribyvshie`` between 25 and 27); or the count starts anew
        from it, the next number going on from it (``12``, ``13`` after a
        page whose notes OCR misread), once the document's notes have begun."""
        last = self.last
        if n == last + 1 + misread:
            return True, n
        if clean and (n == 1 or n == last + 2 + misread):
            return True, n
        if clean and following == last + 2:
            return True, last + 1
        if clean and 0 < last < n and following == n + 1:  # the notes have begun
            return True, n
        return False, n

    @staticmethod
    def numbered_rows(run: list[int], page: Page, opens: Callable[[int], bool]) -> int | None:
        """Where a run of plain-numbered notes meets a numbered line that is
        no note (a worksheet or table row), the notes end: its index in run."""
        if any(not ln.isascii() for ln in (_note_key(page.lines[i].text) for i in run)):
            return None  # raised note numbers: a plain number is a continuation
        for k, i in enumerate(run):
            if k and _note_key(page.lines[i].text).isdigit() and not opens(i):
                return k
        return None

    def layout_line(self, p: int, i: int) -> str:
        return self._pages[p].lines[i].text


def _next_number(numbers: list[tuple[int, int]], i: int) -> int | None:
    """The number of the next numbered line after line ``i``: where it is the
    one after the next note's, line ``i`` is that note with its number
    misread (``6 "Pribyvshie`` between notes 25 and 27)."""
    return next((n for j, n in numbers if j > i), None)


def _foot_runs(layout: Layout, p: int, height: float) -> list[list[int]]:
    """Consecutive small lines (reading order) with no body line below them."""
    page = layout.pages[p]
    body = [
        ln.box
        for i, ln in enumerate(page.lines)
        if ln.box is not None
        and ln.text.strip()
        and not layout.hinted(p, i)
        and not _small(layout, ln)
    ]
    runs: list[list[int]] = []
    current: list[int] = []
    for i, line in enumerate(page.lines):
        if not line.text.strip():
            continue  # paragraph breaks do not end a run of notes
        if layout.hinted(p, i) and line.hint != "footnote":
            continue
        box = line.box
        at_foot = (
            box is not None
            and _small(layout, line)
            and box.y0 >= FOOT_START * height
            and not any(b.y0 > box.y1 and _overlap_x(b, box) > 0 for b in body)
        )
        if at_foot:
            current.append(i)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    foot = max(
        (
            ln.box.y1
            for i, ln in enumerate(page.lines)
            if ln.box is not None and ln.text.strip() and not layout.hinted(p, i)
        ),
        default=0.0,
    )
    return [run for run in runs if _reaches_foot(page, run, foot) and _small_run(layout, page, run)]


def _reaches_foot(page: Page, run: list[int], foot: float) -> bool:
    """Notes end at the foot of the text area (of some column); small type
    that stops half-way down the page (a worksheet, a table) is not notes."""
    last = page.lines[run[-1]]
    assert last.box is not None
    return last.box.y1 >= foot - FOOT_SLACK_LINES * size_of(last)


def _overlap_x(a: Box, b: Box) -> float:
    return min(a.x1, b.x1) - max(a.x0, b.x0)
