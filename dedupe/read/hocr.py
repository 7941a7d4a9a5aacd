"""hOCR witnesses (HTML with OCR classes in ``class``, geometry in ``title``).

Pages are ``ocr_page``; lines are ``ocr_line`` and its kin (``ocrx_line``,
``ocr_header``, ``ocr_caption``, ``ocr_textfloat``); words are ``ocrx_word``
with ``x_wconf`` (0-100) becoming the word confidence (0-1). Paragraphs
(``ocr_par``, else ``ocr_carea``) give the block ids that mark paragraph
breaks. Lines inside an ``ocr_pageno`` float are hinted as page numbers.
Specks the engine read as marks are left out of a line
(``dedupe.read.specks``), and a compound it cut at its hyphen is joined.
"""

from __future__ import annotations

import re
from typing import Any

from dedupe.model import Box, DedupeError, Line, Source, Witness, Word
from dedupe.normalise.leaders import LEADER
from dedupe.read.assemble import assemble
from dedupe.read.layout import draft_page
from dedupe.read.leaders import read_leaders
from dedupe.read.specks import has_letters, is_speck
from dedupe.read.words import TOUCHING
from dedupe.read.xml import parse_html, parse_xml

LINE_CLASSES = {"ocr_line", "ocrx_line", "ocr_header", "ocr_caption", "ocr_textfloat"}
BLOCK_CLASSES = ("ocr_par", "ocr_carea", "ocrx_block")
_BBOX = re.compile(
    r"\bbbox\s+(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)"
)
_WCONF = re.compile(r"\bx_wconf\s+(-?\d+(?:\.\d+)?)")
_FSIZE = re.compile(r"\bx_fsize\s+(\d+(?:\.\d+)?)")
_XSIZE = re.compile(r"\bx_size\s+(\d+(?:\.\d+)?)")
#: A line in type under this share of the page's is a footnote's, maybe.
NOTE_SHARE = 0.95


def read_hocr(path: str, data: bytes, witness: Witness) -> Source:
    name = witness.label
    try:
        root = parse_xml(data, name)
    except DedupeError as err:
        if "malformed" not in str(err) or _declared_xml(data):
            raise
        if b"</html" not in data[-1024:].lower():
            raise DedupeError(f"{name}: truncated hOCR (no closing </html>)") from None
        root = parse_html(data, name)  # hOCR written as plain HTML
    drafts = []
    for number, page in enumerate(_with_class(root, {"ocr_page"}), start=1):
        box = bbox(page.get("title"))
        lines = _page_lines(page, number)
        drafts.append(draft_page(number, lines, box.x1 if box else None, box.y1 if box else None))
    if not drafts:
        raise DedupeError(f"{name}: hOCR file has no ocr_page element")
    if not any(d.lines for d in drafts):
        raise DedupeError(f"{name}: hOCR file has no text (no ocr_line with words)")
    return assemble(witness, drafts)


def _declared_xml(data: bytes) -> bool:
    """XHTML hOCR (tesseract's) says so in its prolog: it must parse as XML,
    so a damaged file is an error rather than half read as HTML."""
    return data.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"<?xml")


def classes(element: Any) -> set[str]:
    value = element.get("class") if isinstance(element.tag, str) else None
    return set(value.split()) if value else set()


def _with_class(root: Any, wanted: set[str]) -> list[Any]:
    out = []
    for el in root.iter():
        value = el.get("class") if isinstance(el.tag, str) else None
        if value and not wanted.isdisjoint(value.split()):
            out.append(el)
    return out


def _page_lines(page: Any, number: int) -> list[Line]:
    """The page's lines in document order, in one walk down the tree that
    carries each line's paragraph and ``ocr_pageno`` float with it (looking
    them up among every line's ancestors cost more than the reading)."""
    outer = [page, *page.iterancestors()]
    block = next((a for a in outer if classes(a) & set(BLOCK_CLASSES)), None)
    pageno = any("ocr_pageno" in classes(a) for a in outer)
    sizes = [_type_height(el) for el in _with_class(page, LINE_CLASSES)]
    known = sorted(size for size in sizes if size)
    body = known[len(known) // 2] if known else None
    lines: list[Line] = []
    _collect_lines(page, number, block, pageno, lines, body)
    return lines


def _collect_lines(
    element: Any, page: int, block: Any, pageno: bool, lines: list[Line], body: float | None
) -> None:
    for child in element:
        if not isinstance(child.tag, str):
            continue
        found = classes(child)
        if found & LINE_CLASSES:  # a line inside a line is read as part of the outer one
            line = _line(child, page, block, pageno, body)
            if line is not None:
                lines.append(line)
            continue
        inner = child if found & set(BLOCK_CLASSES) else block
        _collect_lines(child, page, inner, pageno or "ocr_pageno" in found, lines, body)


def _line(element: Any, page: int, block: Any, pageno: bool, body: float | None) -> Line | None:
    word_elements = _with_class(element, {"ocrx_word"})
    words: list[Word] = []
    texts: list[str] = []
    confident = bool(word_elements)
    for text, confidence in _unspecked(element, word_elements, body):
        texts.append(text)
        if confidence is not None:
            words.append(Word(text, confidence))
        else:
            confident = False
    text = " ".join(texts) if word_elements else " ".join("".join(element.itertext()).split())
    if not text:
        return None
    return Line(
        text=text,
        start=0,
        end=0,
        page=page,
        box=bbox(element.get("title")),
        font_size=_font_size(element, word_elements),
        type_height=_type_height(element),
        words=tuple(words) if confident else (),
        block_id=(block.get("id") or str(id(block))) if block is not None else None,
        hint="page-number" if pageno else None,
        hint_reason="hOCR marks it as ocr_pageno" if pageno else None,
    )


def _unspecked(
    element: Any, word_elements: list[Any], body: float | None
) -> list[tuple[str, float | None]]:
    """The line's words (text, confidence 0-1 or None), specks left out
    (``dedupe.read.specks``) where real words remain; a line of nothing but
    specks is kept whole for the line rules, which say why it is noise. The
    mark that opens a line in type smaller than the page's (``body``, the
    median x_size) stays: it is often a footnote's number OCR damaged
    (``®``, ``°°``, ``¢``), which the footnote rules read as one."""
    found = []
    for word in word_elements:
        # a word is mostly bare text: its own .text is all that itertext gives
        raw = "".join(word.itertext()) if len(word) else word.text
        text = " ".join(raw.split()) if raw else ""
        if not text:
            continue
        title = word.get("title") or ""
        conf = _WCONF.search(title)
        confidence = min(max(float(conf.group(1)) / 100, 0.0), 1.0) if conf else None
        found.append((text, confidence, bbox(title)))
    box = bbox(element.get("title"))
    height = _type_height(element) or (box.y1 - box.y0 if box else None)
    small = bool(height and body and height < NOTE_SHARE * body)
    found = read_leaders(found, height)
    kept = [
        f
        for k, f in enumerate(found)
        if (small and not k) or f[0] == LEADER or not is_speck(*f, height)
    ]
    if not any(has_letters(t) for t, _, _ in kept):
        kept = found
    return [(t, c) for t, c, _ in _joined_at_hyphens(kept, height)]


_HYPHENS = "-\u2010"


def _joined_at_hyphens(
    words: list[tuple[str, float | None, Box | None]], height: float | None
) -> list[tuple[str, float | None, Box | None]]:
    """Two words of a line that touch at a hyphen are one compound: the
    engine split it (``sub-`` ``varieties``) or read its hyphen twice
    (``strongly-`` ``-marked``, boxes overlapping). Joined with one hyphen,
    the lower confidence."""
    out: list[tuple[str, float | None, Box | None]] = []
    for text, conf, box in words:
        if out and height and box is not None:
            left, lconf, lbox = out[-1]
            touching = lbox is not None and box.x0 - lbox.x1 <= TOUCHING * height
            hyphen = left[-1:] in _HYPHENS or text[:1] in _HYPHENS
            core_l, core_r = left.rstrip(_HYPHENS), text.lstrip(_HYPHENS)
            if touching and hyphen and core_l[-1:].isalpha() and core_r[:1].isalpha():
                merged = Box(lbox.x0, min(lbox.y0, box.y0), box.x1, max(lbox.y1, box.y1))
                known = [c for c in (lconf, conf) if c is not None]
                out[-1] = (f"{core_l}-{core_r}", min(known) if known else None, merged)
                continue
        out.append((text, conf, box))
    return out


def bbox(title: str | None) -> Box | None:
    """The ``bbox x0 y0 x1 y1`` property of an hOCR title."""
    match = _BBOX.search(title or "")
    if not match:
        return None
    x0, y0, x1, y1 = (float(v) for v in match.groups())
    return Box(x0, y0, x1, y1)


def _type_height(element: Any) -> float | None:
    """Tesseract's ``x_size`` of a line: the height of its type as the engine
    fitted the whole row (ascender to descender)."""
    match = _XSIZE.search(element.get("title") or "")
    return float(match.group(1)) or None if match else None


def _font_size(element: Any, words: list[Any]) -> float | None:
    for item in [element, *words[:1]]:
        match = _FSIZE.search(item.get("title") or "")
        if match:
            return float(match.group(1))
    return None
