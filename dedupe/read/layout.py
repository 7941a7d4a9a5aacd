"""Reading order and paragraph breaks from line geometry alone.

PDF content streams list text in whatever order the producer wrote it, so the
order is rebuilt from the boxes: columns are found from the x-distribution of
the lines (a gutter is a vertical band that many lines on both sides leave
empty), lines spanning a gutter (titles, full-width footnotes) cut the page
into sections, and each section is read column by column, top to bottom.
Narrow "columns" (line numbers, bullets, margin letters) are not columns: they
are read row by row with the text beside them, and the geometry pass marks
them as margin text later.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from statistics import median

from dedupe.model import Box, Line
from dedupe.read.assemble import DraftPage

#: A gutter is at least this many ems wide (the narrowest seen: 0.75 em).
MIN_GUTTER_EMS = 0.4
#: A column has lines at least this many ems wide (line numbers, bullets do not).
MIN_COLUMN_EMS = 5.0
#: A column has at least this many such lines.
MIN_COLUMN_LINES = 3
#: A line spans a gutter when it reaches this many ems into both sides.
SPAN_EMS = 2.0
#: Fragments of one row closer than this many ems are one line.
JOIN_EMS = 1.5
#: Lines in a gutter: at most this share of the region's lines.
MAX_GUTTER_SHARE = 0.15


@dataclass(frozen=True)
class Gutter:
    x0: float
    x1: float


def reading_order(boxes: Sequence[Box], sizes: Sequence[float]) -> list[list[int]]:
    """Lines in reading order, each the indexes of the ``boxes`` (fragments,
    origin top-left) that make it up, left to right.

    >>> left = [Box(0, y, 90, y + 10) for y in (0, 12, 24)]
    >>> right = [Box(110, y, 200, y + 10) for y in (0, 12, 24)]
    >>> reading_order(right + left, [10] * 6)
    [[3], [4], [5], [0], [1], [2]]
    """
    em = max(median(sizes) if sizes else 10.0, 1.0)
    return _order(list(range(len(boxes))), boxes, em)


def _order(ids: list[int], boxes: Sequence[Box], em: float) -> list[list[int]]:
    if len(ids) < 2 * MIN_COLUMN_LINES:
        return rows(ids, boxes, em)
    gutter = find_gutter(ids, boxes, em)
    if gutter is None:
        bands = split_bands(ids, boxes, em)
        if len(bands) > 1:
            return [line for band in bands for line in _order(band, boxes, em)]
        return rows(ids, boxes, em)
    return _read_columns(ids, boxes, em, gutter)


def _read_columns(
    ids: list[int], boxes: Sequence[Box], em: float, gutter: Gutter
) -> list[list[int]]:
    """Left side then right side within each section between spanning lines."""
    spanning = sorted((i for i in ids if _spans(boxes[i], gutter, em)), key=lambda i: boxes[i].y0)
    rest = [i for i in ids if i not in set(spanning)]
    out: list[list[int]] = []
    top = float("-inf")
    for cut in [*spanning, None]:
        bottom = float("inf") if cut is None else _mid_y(boxes[cut])
        section = [i for i in rest if top <= _mid_y(boxes[i]) < bottom]
        left = [i for i in section if _mid_x(boxes[i]) < (gutter.x0 + gutter.x1) / 2]
        right = [i for i in section if i not in set(left)]
        out += _order(left, boxes, em) + _order(right, boxes, em)
        if cut is not None:
            out.append([cut])
            top = bottom
    return out


def find_gutter(ids: list[int], boxes: Sequence[Box], em: float) -> Gutter | None:
    """The emptiest wide-enough vertical band with real columns on both sides."""
    best: tuple[tuple[float, float], Gutter] | None = None
    allowed = int(MAX_GUTTER_SHARE * len(ids))
    for x0, x1, crossing in _low_coverage(ids, boxes, allowed):
        if x1 - x0 < MIN_GUTTER_EMS * em:
            continue
        gutter = Gutter(x0, x1)
        if not _real_columns(ids, boxes, em, gutter):
            continue
        score = (-crossing, x1 - x0)
        if best is None or score > best[0]:
            best = (score, gutter)
    return best[1] if best else None


def _low_coverage(
    ids: list[int], boxes: Sequence[Box], allowed: int
) -> list[tuple[float, float, int]]:
    """Maximal x-intervals inside the region crossed by at most ``allowed`` lines,
    each with the largest number of lines crossing any part of it."""
    edges = sorted({boxes[i].x0 for i in ids} | {boxes[i].x1 for i in ids})
    where = {x: k for k, x in enumerate(edges)}
    steps = [0] * (len(edges) + 1)  # a box covers the intervals from its x0 to its x1
    for i in ids:
        steps[where[boxes[i].x0]] += 1
        steps[where[boxes[i].x1]] -= 1
    out: list[tuple[float, float, int]] = []
    run: list[float] | None = None  # [start, end, worst]
    crossing = 0
    for k, (left, right) in enumerate(zip(edges, edges[1:], strict=False)):
        crossing += steps[k]
        if crossing <= allowed:
            if run is None:
                run = [left, right, crossing]
            else:
                run[1], run[2] = right, max(run[2], crossing)
        elif run is not None:
            out.append((run[0], run[1], int(run[2])))
            run = None
    return [r for r in out if r[0] > edges[0] and r[1] < edges[-1]]


def _real_columns(ids: list[int], boxes: Sequence[Box], em: float, gutter: Gutter) -> bool:
    mid = (gutter.x0 + gutter.x1) / 2
    sides: tuple[list[Box], list[Box]] = ([], [])
    for i in ids:
        box = boxes[i]
        if not _spans(box, gutter, em):
            sides[_mid_x(box) >= mid].append(box)
    wide = tuple([b for b in side if b.x1 - b.x0 >= MIN_COLUMN_EMS * em] for side in sides)
    if min(len(wide[0]), len(wide[1])) < MIN_COLUMN_LINES:
        return False
    sides = wide
    left_top, left_bottom = min(b.y0 for b in sides[0]), max(b.y1 for b in sides[0])
    right_top, right_bottom = min(b.y0 for b in sides[1]), max(b.y1 for b in sides[1])
    side_by_side = min(left_bottom, right_bottom) - max(left_top, right_top)
    return side_by_side >= MIN_COLUMN_LINES * em


def _spans(box: Box, gutter: Gutter, em: float) -> bool:
    return gutter.x0 - box.x0 > SPAN_EMS * em and box.x1 - gutter.x1 > SPAN_EMS * em


def split_bands(ids: list[int], boxes: Sequence[Box], em: float) -> list[list[int]]:
    """Split a region at horizontal gaps clearly wider than a line gap."""
    order = sorted(ids, key=lambda i: boxes[i].y0)
    bands: list[list[int]] = [[order[0]]]
    bottom = boxes[order[0]].y1
    for i in order[1:]:
        if boxes[i].y0 - bottom > 1.5 * em:
            bands.append([])
        bands[-1].append(i)
        bottom = max(bottom, boxes[i].y1)
    return bands


def rows(ids: list[int], boxes: Sequence[Box], em: float) -> list[list[int]]:
    """Top to bottom; fragments sharing a row (overlapping vertically) left to
    right, joined into one line where only a word gap separates them (pdfminer
    splits widely spaced justified lines)."""
    order = sorted(ids, key=lambda i: (boxes[i].y0, boxes[i].x0))
    grouped: list[list[int]] = []
    for i in order:
        box = boxes[i]
        if grouped and _same_row(boxes[grouped[-1][0]], box):
            grouped[-1].append(i)
        else:
            grouped.append([i])
    lines: list[list[int]] = []
    for row in grouped:
        row.sort(key=lambda j: boxes[j].x0)
        lines.append([row[0]])
        for j in row[1:]:
            if boxes[j].x0 - boxes[lines[-1][-1]].x1 < JOIN_EMS * em:
                lines[-1].append(j)
            else:
                lines.append([j])
    return lines


def _same_row(a: Box, b: Box) -> bool:
    overlap = min(a.y1, b.y1) - max(a.y0, b.y0)
    return overlap > 0.5 * min(a.y1 - a.y0, b.y1 - b.y0)


def _mid_x(box: Box) -> float:
    return (box.x0 + box.x1) / 2


def _mid_y(box: Box) -> float:
    return (box.y0 + box.y1) / 2


# --- paragraph breaks ---------------------------------------------------------

#: A vertical step this much larger than the usual line pitch ends a paragraph.
GAP_FACTOR = 1.4
#: The least line pitch for a type size (font size times this).
LEADING = 1.15
#: A first line indented by this many ems starts a paragraph.
INDENT_EMS = 0.8
#: A block's first line this much larger by the engine's measure of the
#: type, and BOX_CHANGE by its box, is a heading run into its paragraph.
TYPE_CHANGE = 0.08
BOX_CHANGE = 0.1
#: Blocks of a page that hold this many lines on average are paragraphs.
PARAGRAPH_LINES = 1.5
#: A centred line is narrower than this share of the line below it.
CENTRED_WIDTH = 0.85
#: Font sizes differing by this share belong to different blocks.
SIZE_CHANGE = 0.12
#: Line heights (OCR without font sizes) vary with ascenders: a looser limit.
HEIGHT_CHANGE = 0.5


def draft_page(
    number: int, lines: list[Line], width: float | None, height: float | None
) -> DraftPage:
    """A page of lines in reading order, with its paragraph breaks marked."""
    return DraftPage(number, tuple(with_breaks(lines, number)), width or None, height or None)


def with_breaks(lines: list[Line], page: int) -> list[Line]:
    """Lines with an empty line (a paragraph break) wherever a paragraph starts."""
    lines = join_drop_capitals(lines)
    out: list[Line] = []
    for line, starts in zip(lines, paragraph_starts(lines), strict=True):
        if starts:
            out.append(Line("", 0, 0, page))
        out.append(line)
    return out


def join_drop_capitals(lines: list[Line]) -> list[Line]:
    """A lone tall letter just left of the next line is that line's first letter.

    >>> cap = Line("A", 0, 0, box=Box(0, 0, 40, 60))
    >>> first = Line("ufklärung ist", 0, 0, box=Box(45, 0, 400, 25))
    >>> [ln.text for ln in join_drop_capitals([cap, first])]
    ['Aufklärung ist']
    """
    out: list[Line] = []
    skip = False
    for k, line in enumerate(lines):
        if skip:
            skip = False
            continue
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        if nxt is not None and _drop_capital(line, nxt):
            assert line.box is not None and nxt.box is not None
            box = Box(line.box.x0, nxt.box.y0, nxt.box.x1, nxt.box.y1)
            out.append(replace(nxt, text=line.text + nxt.text, box=box))
            skip = True
        else:
            out.append(line)
    return out


def _drop_capital(line: Line, nxt: Line) -> bool:
    if len(line.text) != 1 or not line.text.isalpha() or not line.text.isupper():
        return False
    if line.box is None or nxt.box is None or not nxt.text[:1].isalpha():
        return False
    if line.font_size and nxt.font_size:
        tall = line.font_size >= 1.5 * nxt.font_size
    else:
        tall = line.box.y1 - line.box.y0 >= 0.8 * (nxt.box.y1 - nxt.box.y0)
    width = line.box.x1 - line.box.x0
    beside = -0.25 * width <= nxt.box.x0 - line.box.x1 < 0.3 * width
    level = abs(line.box.y0 - nxt.box.y0) < 0.5 * (nxt.box.y1 - nxt.box.y0)
    return tall and beside and level


def line_size(line: Line) -> float:
    """The font size, or the box height where the format gives none (OCR)."""
    if line.font_size:
        return line.font_size
    if line.box is not None:
        return max(line.box.y1 - line.box.y0, 1.0)
    return 10.0


def typical_pitch(lines: Sequence[Line]) -> float | None:
    """The usual baseline-to-baseline step between consecutive lines."""
    steps = []
    for prev, cur in zip(lines, lines[1:], strict=False):
        if prev.box is None or cur.box is None:
            continue
        step = cur.box.y0 - prev.box.y0
        if 0 < step < 3 * line_size(prev) and _overlap_x(prev.box, cur.box) > 0:
            steps.append(step)
    return median(steps) if steps else None


def paragraph_starts(lines: Sequence[Line]) -> list[bool]:
    """For each line (one page, reading order): does a new paragraph start here?

    Evidence, each general: the block changes (the format says so), the
    vertical gap is clearly larger than the line pitch, the font size
    changes, or the first line is indented relative to the lines around it.
    """
    pitch = typical_pitch(lines)
    ids = [ln.block_id for ln in lines if ln.block_id is not None and ln.text]
    # blocks of several lines each are the format's paragraphs (Tesseract's
    # ocr_par); one block per line says nothing about them
    paragraphs = len(ids) >= PARAGRAPH_LINES * len(set(ids)) if ids else False
    typed = [ln.type_height for ln in lines if ln.type_height and ln.text]
    body = median(typed) if typed else 0.0
    out = [False] * len(lines)
    for k in range(1, len(lines)):
        prev, cur = lines[k - 1], lines[k]
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        opens = k == 1 or lines[k - 2].block_id != prev.block_id
        out[k] = _starts(prev, cur, nxt, pitch, paragraphs) or (
            opens and _heading_run_in(prev, cur, body)
        )
    return out


def _heading_run_in(first: Line, cur: Line, body: float) -> bool:
    """The first line of an OCR block set a size larger than the next and
    than the page's usual type (``body``), by the engine's measure of the
    type (hOCR ``x_size``) and by the boxes alike: a heading the engine put
    in one ``ocr_par`` with its paragraph (46 over 39, boxes 46 over 38; at
    200 dpi 30 over 27, boxes 32 over 27; at 150 dpi 23 over 21, boxes 26 over 23). A note's first line, taller than
    its second, is smaller than the body."""
    if first.box is None or cur.box is None or first.font_size or cur.font_size:
        return False
    if not first.type_height or first.type_height < (1 + TYPE_CHANGE) * body:
        return False
    if first.block_id is None or first.block_id != cur.block_id:
        return False
    if not (first.type_height and cur.type_height):
        return False
    typed = first.type_height - cur.type_height > TYPE_CHANGE * first.type_height
    boxed = line_size(first) - line_size(cur) > BOX_CHANGE * line_size(first)
    return typed and boxed


def _starts(
    prev: Line, cur: Line, nxt: Line | None, pitch: float | None, paragraphs: bool = False
) -> bool:
    new_block = cur.block_id is not None and prev.block_id not in (None, cur.block_id)
    if prev.box is None or cur.box is None:
        return new_block
    if cur.hint != prev.hint:  # the format classed them differently
        return True
    size = line_size(cur)
    if _size_changed(prev, cur):
        return True
    below = cur.box.y0 > prev.box.y0  # not the top of the next column
    same_column = _overlap_x(prev.box, cur.box) > 0 and below
    # large type (a title) is set with a larger pitch than the body's; a gap
    # counts under lines of another width too (a centred date, then a heading)
    usual = max(pitch or 0.0, LEADING * size if cur.font_size else 0.0)
    if below and usual and cur.box.y0 - prev.box.y0 > GAP_FACTOR * usual:
        return True
    if _indented(prev, cur, nxt, size, pitch):
        return True
    # engines that make one block per line say nothing about paragraphs:
    # a new block whose line simply continues the column is no break
    continues = same_column and abs(cur.box.x0 - prev.box.x0) < size
    return new_block and (paragraphs or not continues)


def _size_changed(prev: Line, cur: Line) -> bool:
    """Font sizes differ; box heights (OCR without sizes) must differ more."""
    if prev.font_size and cur.font_size:
        limit = SIZE_CHANGE
    elif not prev.font_size and not cur.font_size:
        limit = HEIGHT_CHANGE
    else:
        return False
    a, b = line_size(prev), line_size(cur)
    return abs(a - b) > limit * max(a, b)


def _indented(prev: Line, cur: Line, nxt: Line | None, size: float, pitch: float | None) -> bool:
    """Indented against the next line of the same paragraph (at the usual
    pitch), which returns to the left edge. The last line of a block the
    format gives (hOCR ``ocr_par``), in one with the line before it, is not
    measured against the first line of the next block: a note's hanging
    continuation line stands right of the next note's number."""
    assert cur.box is not None and prev.box is not None
    if nxt is None or nxt.box is None or not nxt.text:
        return False
    if cur.block_id is not None and cur.block_id == prev.block_id != nxt.block_id:
        return False
    step = nxt.box.y0 - cur.box.y0
    close = step <= GAP_FACTOR * (pitch or 1.2 * size)
    below = step > 0 and close and _overlap_x(cur.box, nxt.box) > 0
    if not below:
        return False
    indent = cur.box.x0 - nxt.box.x0
    right = nxt.box.x1 - cur.box.x1
    # centred: short of the next line on both sides alike; a paragraph's
    # indented first line of ragged text ends short too, but near full width
    narrow = cur.box.x1 - cur.box.x0 < CENTRED_WIDTH * (nxt.box.x1 - nxt.box.x0)
    centred = narrow and right > 0.5 * size and abs(indent - right) < size
    return INDENT_EMS * size < indent < 8 * size and not centred


def _overlap_x(a: Box, b: Box) -> float:
    return min(a.x1, b.x1) - max(a.x0, b.x0)
