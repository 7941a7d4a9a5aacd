"""PDF witnesses (born digital, or scans with an OCR text layer) via pdfminer.six.

pdfminer finds the characters and groups them into line fragments; the rest
is ours, because a PDF's content order is the producer's, not the reader's:
superscript footnote markers that pdfminer leaves as separate fragments are
put back into their line (as Unicode superscript digits, the form the
normaliser recognises on every format), rotated margin text becomes one line,
columns are read in order (``dedupe.read.layout``), and an empty line marks
each paragraph break exactly as a blank line does in a .txt witness.
Invisible OCR text (render mode 3) is text like any other.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from statistics import median
from typing import Any, NamedTuple

from dedupe.model import Box, DedupeError, Line, Source, Witness
from dedupe.read.assemble import DraftPage, assemble
from dedupe.read.layout import draft_page, reading_order
from dedupe.read.ocr_options import OcrOptions
from dedupe.read.pdf_limits import pdf_budget

Progress = Callable[[str, int, int], None]

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)
_CID = re.compile(r"^\(cid:\d+\)$")
_SUBSET = re.compile(r"^[A-Z]{6}\+")
_SPACES = re.compile(r"\s+")
#: A glyph this much smaller than its line, raised this far, is a superscript.
SUPER_SIZE = 0.85
SUPER_RISE = 0.2
#: A gap this many ems wide inside a pdfminer line is a column gutter.
SPLIT_GAP = 1.2
#: ...and this many times the line's usual word gap.
GUTTER_RATIO = 2.5
#: A page with an image needs this many real letters or digits to count as
#: having a text layer (fewer is a scan with a page number on it).
MIN_REAL_CHARS = 10


class Glyph(NamedTuple):
    """One character in top-left page coordinates, with its baseline (a named
    tuple: pages have thousands, and tuples are quick to make)."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    font: str
    baseline: float
    upright: bool = True
    rising: bool = True  # rotated text read bottom to top


@dataclass
class PageText:
    """What one page gave: fragments of glyphs, and why it may be unusable."""

    fragments: list[list[Glyph]]
    real_chars: int
    cid_chars: int
    has_image: bool

    @property
    def usable(self) -> bool:
        """Text to read: not mostly unmapped glyph codes, and not a scanned
        image with a stray word or two (a page number) on it."""
        if 2 * self.cid_chars > self.real_chars:
            return False
        if self.has_image and self.real_chars < MIN_REAL_CHARS:
            return False
        return bool(self.fragments)

    @property
    def blank(self) -> bool:
        return not self.fragments and not self.has_image


def read_pdf(
    path: str,
    data: bytes,
    witness: Witness,
    progress: Progress | None = None,
    max_mb: int | None = None,
    ocr: OcrOptions | None = None,
) -> Source:
    """Read a PDF's text layer into pages of lines in reading order; pages
    without one are recognised (``dedupe.read.ocr``) unless ``ocr.mode`` is never.

    ``max_mb`` caps what one stream may decompress to (``dedupe.read.pdf_limits``).
    """
    ocr = ocr or OcrOptions(mode="never")
    name = witness.label
    if b"%%EOF" not in data[-8192:]:
        raise DedupeError(
            f"{name}: truncated PDF (no end-of-file marker); the file is incomplete, "
            "copy or download it again"
        )
    report = progress or (lambda stage, done, total: None)
    drafts: list[DraftPage] = []
    unusable: list[int] = []
    sizes: dict[int, tuple[float, float]] = {}  # of the unusable pages, in points
    had_text = False
    try:
        with pdf_budget(name, max_mb):
            for number, total, layout in _layouts(data, name):
                report("read PDF", number - 1, total)
                page = page_text(layout)
                if page.usable and ocr.mode != "always":
                    had_text = True
                    drafts.append(_draft(number, layout, page))
                else:
                    if not page.blank:
                        unusable.append(number)
                        sizes[number] = (layout.width, layout.height)
                    drafts.append(DraftPage(number, (), layout.width, layout.height))
                report("read PDF", number, total)
    except DedupeError:
        raise
    except Exception as err:  # pdfminer raises many types on damaged files
        raise DedupeError(f"{name}: damaged PDF ({_describe(err)})") from None
    if not drafts:
        raise DedupeError(f"{name}: PDF has no pages")
    if unusable and ocr.mode != "never":
        from dedupe.read.ocr import recognise_pdf_pages

        read = recognise_pdf_pages(path, witness, sizes, ocr, progress)
        drafts = [read.get(d.number, d) for d in drafts]
        witness, unusable = replace(witness, format="pdf+ocr"), []
        if not any(d.lines for d in drafts):
            raise DedupeError(f"{name}: no text layer, and OCR found no text")
        had_text = True
    if not had_text:
        where = f" on {page_list(unusable)}" if unusable else ""
        raise DedupeError(
            f"{name}: no usable text layer{where}: run OCR first, for example with ocrmypdf"
        )
    warnings = []
    if unusable:
        warnings.append(
            f"{name}: no usable text layer on {page_list(unusable)} (skipped): "
            "run OCR first, for example with ocrmypdf"
        )
    return assemble(witness, drafts, warnings)


def _describe(err: Exception) -> str:
    text = str(err).strip().splitlines()[0] if str(err).strip() else ""
    kind = type(err).__name__
    return f"{kind}: {text[:120]}" if text else kind


def page_list(numbers: list[int]) -> str:
    """'page 3', 'pages 2-22', 'pages 2, 5-7'."""
    ranges: list[list[int]] = []
    for n in sorted(numbers):
        if ranges and n == ranges[-1][1] + 1:
            ranges[-1][1] = n
        else:
            ranges.append([n, n])
    parts = [str(a) if a == b else f"{a}-{b}" for a, b in ranges]
    word = "page" if len(numbers) == 1 else "pages"
    return f"{word} {', '.join(parts)}"


def _layouts(data: bytes, name: str) -> Any:
    """(page number, page count, pdfminer LTPage) for every page."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)), password="")
    except PDFPasswordIncorrect:
        raise DedupeError(
            f"{name}: encrypted PDF (needs a password); decrypt it first, "
            "for example with qpdf --decrypt --password=PASSWORD in.pdf out.pdf"
        ) from None
    try:
        total = int(resolve1(resolve1(document.catalog["Pages"])["Count"]))
    except Exception:
        total = 0
    manager = PDFResourceManager(caching=True)
    params = LAParams(boxes_flow=None, all_texts=True, detect_vertical=False)
    device = PDFPageAggregator(manager, laparams=params)
    interpreter = PDFPageInterpreter(manager, device)
    for number, page in enumerate(PDFPage.create_pages(document), start=1):
        interpreter.process_page(page)
        yield number, max(total, number), device.get_result()


def page_text(layout: Any) -> PageText:
    """Collect a page's line fragments as glyphs, counting real and garbage text."""
    from pdfminer.layout import LTAnno, LTChar, LTContainer, LTImage, LTTextLine

    height = layout.height
    fragments: list[list[Glyph]] = []
    counts = Counter[str]()
    has_image = False
    fonts: dict[str, str] = {}  # font names without the subset prefix

    def walk(item: Any) -> None:
        nonlocal has_image
        if isinstance(item, LTTextLine):
            glyphs: list[Glyph] = []
            for obj in item:
                if isinstance(obj, LTChar):
                    glyph = _glyph(obj, height, fonts)
                    glyphs.append(glyph)
                    if glyph.text == "\ufffd":
                        counts["cid"] += 1
                    elif glyph.text.isalnum():
                        counts["real"] += 1
                elif isinstance(obj, LTAnno) and glyphs and obj.get_text() == " ":
                    last = glyphs[-1]
                    glyphs.append(
                        Glyph(
                            " ",
                            last.x1,
                            last.y0,
                            last.x1,
                            last.y1,
                            last.size,
                            "",
                            last.baseline,
                            last.upright,
                            last.rising,
                        )
                    )
            fragments.extend(split_wide_gaps(glyphs))
        elif isinstance(item, LTImage):
            has_image = True
        elif isinstance(item, LTContainer):
            for child in item:
                walk(child)

    walk(layout)
    return PageText(fragments, counts["real"], counts["cid"], has_image)


def split_wide_gaps(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Split a fragment where two glyphs stand a column gutter apart: pdfminer
    joins lines of neighbouring columns when the producer wrote them in one go.
    A gutter is wide and much wider than the line's word gaps (a justified
    line widens all its gaps alike)."""
    inked = [g for g in glyphs if g.text.strip()]
    gaps = [b.x0 - a.x1 for a, b in zip(inked, inked[1:], strict=False)]
    words = sorted(g for g, a in zip(gaps, inked, strict=False) if g > 0.15 * a.size)
    usual = words[len(words) // 2] if words else 0.0
    parts: list[list[Glyph]] = [[]]
    last: Glyph | None = None
    for glyph in glyphs:
        if glyph.text.strip():
            gap = glyph.x0 - last.x1 if last is not None else 0.0
            if glyph.upright and gap > SPLIT_GAP * glyph.size and gap > GUTTER_RATIO * usual:
                parts.append([])
            last = glyph
        parts[-1].append(glyph)
    return [p for p in parts if any(g.text.strip() for g in p)]


def _glyph(char: Any, height: float, fonts: dict[str, str]) -> Glyph:
    font = fonts.get(char.fontname)
    if font is None:
        font = fonts[char.fontname] = _SUBSET.sub("", char.fontname or "")
    raw = char.get_text()
    text = "\ufffd" if raw.startswith("(cid:") and _CID.match(raw) else raw
    size = char.size if char.upright else max(char.width, 0.1)
    # the bottom of the box stands for the baseline: the matrix leaves out
    # text rise (Ts), which some producers use for superscripts
    return Glyph(
        text,
        char.x0,
        height - char.y1,
        char.x1,
        height - char.y0,
        round(size, 2),
        font,
        height - char.y0,
        char.upright,
        char.matrix[1] > 0,
    )


# --- lines from fragments -----------------------------------------------------


def _draft(number: int, layout: Any, page: PageText) -> DraftPage:
    ordered = [_line(glyphs, number) for glyphs in _line_glyphs(page)]
    return draft_page(number, ordered, layout.width, layout.height)


def _line_glyphs(page: PageText) -> list[list[Glyph]]:
    """The glyphs of each line of the page, in reading order."""
    fragments = attach_superscripts(join_rotated(page.fragments))
    fragments = [f for f in fragments if line_text(f)]
    flowing = [f for f in fragments if f[0].upright]
    boxes = [_glyph_box(f) for f in flowing]
    order = reading_order(boxes, [_dominant_size(f) for f in flowing])
    ordered = [_joined([flowing[i] for i in line]) for line in order]
    # rotated text stands outside the flow of the page: read it last
    return ordered + [f for f in fragments if not f[0].upright]


def word_boxes(data: bytes, name: str) -> dict[tuple[int, Box], tuple[Box, ...]]:
    """Each upright line's word boxes, keyed by (page, line box) as ``read_pdf``
    gives them: the glyphs between spaces, one box a word of its text. A line
    whose glyph runs do not pair one to one with its words (a note marker set
    apart) is left out. For write-back, which draws each word on its box."""
    out: dict[tuple[int, Box], tuple[Box, ...]] = {}
    with pdf_budget(name, None):
        for number, _, layout in _layouts(data, name):
            page = page_text(layout)
            if not page.usable:
                continue
            for glyphs in _line_glyphs(page):
                runs: list[list[Glyph]] = [[]]
                for glyph in glyphs:
                    if glyph.text.strip():
                        runs[-1].append(glyph)
                    elif runs[-1]:
                        runs.append([])
                runs = [r for r in runs if r]
                if glyphs[0].upright and len(runs) == len(line_text(glyphs).split()):
                    out[(number, _glyph_box(glyphs))] = tuple(_glyph_box(r) for r in runs)
    return out


def _joined(fragments: list[list[Glyph]]) -> list[Glyph]:
    """Fragments of one line, left to right, with a space between them."""
    out = list(fragments[0])
    for fragment in fragments[1:]:
        last = out[-1]
        out.append(Glyph(" ", last.x1, last.y0, last.x1, last.y1, last.size, "", last.baseline))
        out.extend(fragment)
    return out


def join_rotated(fragments: list[list[Glyph]]) -> list[list[Glyph]]:
    """Rotated glyphs (pdfminer gives one fragment each) stacked in a column
    become one line, read in their writing direction."""
    is_upright = [any(g.upright for g in f if g.text.strip()) for f in fragments]
    upright = [f for f, up in zip(fragments, is_upright, strict=True) if up]
    rotated = sorted(
        (
            g
            for f, up in zip(fragments, is_upright, strict=True)
            if not up
            for g in f
            if g.text.strip()
        ),
        key=lambda g: (round(g.x0), g.y0),
    )
    columns: list[list[Glyph]] = []
    for glyph in rotated:
        last = columns[-1][-1] if columns else None
        if (
            last is not None
            and abs(last.x0 - glyph.x0) < 1.0
            and glyph.y0 - last.y1 < 2 * max(glyph.size, last.size)
        ):
            columns[-1].append(glyph)
        else:
            columns.append([glyph])
    for column in columns:
        column.sort(key=lambda g: g.y0, reverse=column[0].rising)
    return upright + columns


def attach_superscripts(fragments: list[list[Glyph]]) -> list[list[Glyph]]:
    """A short fragment in small type, overlapping a larger line vertically and
    touching it horizontally, is a marker pdfminer split off: merge it in."""
    sizes = [_dominant_size(f) for f in fragments]
    boxes = [_glyph_box(f) for f in fragments]
    merged: dict[int, int] = {}
    for i, small in enumerate(fragments):
        if sum(1 for g in small if g.text.strip()) > 4 or not small[0].upright:
            continue
        target = _host(i, fragments, sizes, boxes)
        if target is not None:
            merged[i] = target
    out: list[list[Glyph]] = []
    extra: dict[int, list[Glyph]] = {}
    for i, target in merged.items():
        while target in merged:  # a marker attached to another marker
            target = merged[target]
        extra.setdefault(target, []).extend(fragments[i])
    for i, glyphs in enumerate(fragments):
        if i in merged:
            continue
        if i in extra:
            glyphs = _interleave(glyphs, extra[i])
        out.append(glyphs)
    return out


def _host(i: int, fragments: list[list[Glyph]], sizes: list[float], boxes: list[Box]) -> int | None:
    box = boxes[i]
    for j, big in enumerate(fragments):
        if j == i or sizes[i] > SUPER_SIZE * sizes[j] or not big[0].upright:
            continue
        other = boxes[j]
        overlap = min(box.y1, other.y1) - max(box.y0, other.y0)
        near = other.x0 - sizes[j] <= box.x0 and box.x1 <= other.x1 + sizes[j]
        if near and overlap > 0.3 * (box.y1 - box.y0) and box.y0 < other.y0 + 0.5 * sizes[j]:
            return j
    return None


def _interleave(glyphs: list[Glyph], markers: list[Glyph]) -> list[Glyph]:
    """Insert marker glyphs at their x position among the line's glyphs."""
    out = list(glyphs)
    for marker in sorted(markers, key=lambda g: g.x0):
        at = 0
        for k, g in enumerate(out):
            if g.text.strip() and g.x0 < marker.x0:
                at = k + 1
        out.insert(at, marker)
    return out


def _dominant_size(glyphs: list[Glyph]) -> float:
    sizes = Counter(g.size for g in glyphs if g.text.strip())
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _glyph_box(glyphs: list[Glyph]) -> Box:
    inked = [g for g in glyphs if g.text.strip()] or glyphs
    return Box(
        min(g.x0 for g in inked),
        min(g.y0 for g in inked),
        max(g.x1 for g in inked),
        max(g.y1 for g in inked),
    )


def _line(glyphs: list[Glyph], page: int) -> Line:
    inked = [g for g in glyphs if g.text.strip()]
    size = _dominant_size(glyphs)
    fonts = Counter(g.font for g in inked if g.size == size)
    return Line(
        text=line_text(glyphs),
        start=0,
        end=0,
        page=page,
        box=_glyph_box(glyphs),
        font_size=round(size, 1) if size else None,
        font_name=fonts.most_common(1)[0][0] if fonts else None,
    )


def line_text(glyphs: list[Glyph]) -> str:
    """The line's text: raised small digits as superscript digits, one space
    between words.

    A marker sticks to the word before it ("law¹ and"); a raised number
    opening the line is a note's own number and is followed by a space
    ("¹⁰ More than..."), so notes and markers look the same in every format.
    """
    if not glyphs or not glyphs[0].upright:
        return _SPACES.sub(" ", "".join(g.text for g in glyphs)).strip()
    size = _dominant_size(glyphs)
    body = [g.baseline for g in glyphs if g.size == size and g.text.strip()]
    baseline = median(body) if body else 0.0
    out: list[str] = []
    in_marker = False
    for g in glyphs:
        raised = g.size < SUPER_SIZE * size and baseline - g.baseline > SUPER_RISE * size
        if not (raised and g.text.isdigit()):
            if in_marker and g.text.strip() and not "".join(out).strip(" " + SUPERSCRIPT_DIGITS):
                out.append(" ")  # after a note's opening number
            in_marker = False
            out.append(g.text)
            continue
        if not in_marker:
            while out and not out[-1].strip():
                out.pop()
        in_marker = True
        out.append(g.text.translate(SUPERSCRIPT))
    return _SPACES.sub(" ", "".join(out)).strip()
