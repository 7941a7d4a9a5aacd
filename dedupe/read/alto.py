"""ALTO XML witnesses (versions 2 to 4, any namespace).

Lines keep their box (in the file's MeasurementUnit), font size from the
referenced TextStyle, and each String's word confidence (WC). A line-end
hyphen (HYP) stays on the line, as printed; the normaliser decides whether
to join the word. Text in the page margins (TopMargin, BottomMargin,
LeftMargin, RightMargin) is hinted as header, footer or margin, because the
OCR engine that wrote the file already said where it sat.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from dedupe.model import Box, DedupeError, Line, Source, Witness, Word
from dedupe.read.assemble import assemble
from dedupe.read.layout import draft_page
from dedupe.read.words import apart
from dedupe.read.xml import children, descendants, local, number, parse_xml

#: Where a page's areas are read: body between header and footer, side notes last.
AREAS = ("TopMargin", "PrintSpace", "BottomMargin", "LeftMargin", "RightMargin")
AREA_HINTS = {
    "TopMargin": ("header", "ALTO places it in the page's TopMargin"),
    "BottomMargin": ("footer", "ALTO places it in the page's BottomMargin"),
    "LeftMargin": ("margin", "ALTO places it in the page's LeftMargin"),
    "RightMargin": ("margin", "ALTO places it in the page's RightMargin"),
}
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def read_alto(path: str, data: bytes, witness: Witness) -> Source:
    name = witness.label
    root = parse_xml(data, name)
    if local(root.tag) != "alto":
        raise DedupeError(f"{name}: not ALTO XML (root element <{local(root.tag)}>)")
    styles = _styles(root)
    drafts = []
    for number_, page in enumerate(descendants(root, "Page"), start=1):
        lines = _page_lines(page, number_, styles)
        size = number(page.get("WIDTH")), number(page.get("HEIGHT"))
        drafts.append(draft_page(number_, lines, *size))
    if not any(d.lines for d in drafts):
        raise DedupeError(f"{name}: ALTO file has no text (no TextLine with String CONTENT)")
    return assemble(witness, drafts)


@dataclass(frozen=True)
class Styles:
    """The TextStyles a String or line may refer to."""

    sizes: dict[str, float]
    raised: frozenset[str]  # FONTSTYLE superscript

    def superscript(self, string: Any) -> bool:
        refs = (string.get("STYLEREFS") or "").split()
        own = (string.get("STYLE") or "").lower()
        return "superscript" in own or any(ref in self.raised for ref in refs)


def _styles(root: Any) -> Styles:
    sizes = {}
    raised = set()
    for style in descendants(root, "TextStyle"):
        ident = style.get("ID")
        if ident and style.get("FONTSIZE"):
            sizes[ident] = number(style.get("FONTSIZE"))
        if ident and "superscript" in (style.get("FONTSTYLE") or "").lower():
            raised.add(ident)
    return Styles(sizes, frozenset(raised))


def _page_lines(page: Any, page_number: int, styles: Styles) -> list[Line]:
    areas = {local(child.tag): child for child in page}
    blocks: list[tuple[Any, str | None]] = []
    for area in AREAS:
        if area in areas:
            blocks += [(b, area) for b in descendants(areas[area], "TextBlock")]
    if not blocks:  # a Page without areas: blocks directly inside
        blocks = [(b, None) for b in descendants(page, "TextBlock")]
    lines = []
    for block, area in blocks:
        hint, reason = AREA_HINTS.get(area or "", (None, None))
        for text_line in children(block, "TextLine"):
            line = _line(text_line, block, page_number, styles)
            if line is not None:
                lines.append(replace(line, hint=hint, hint_reason=reason))
    return lines


def _line(text_line: Any, block: Any, page: int, styles: Styles) -> Line | None:
    parts: list[str] = []
    words: list[Word] = []
    all_confident = True
    explicit_spaces = any(local(c.tag) == "SP" for c in text_line)
    previous: Any = None
    height = number(text_line.get("HEIGHT"), 1.0) or 1.0
    for item in text_line:
        kind = local(item.tag)
        if kind == "String":
            content = item.get("CONTENT") or ""
            if content.isdigit() and styles.superscript(item):
                content = content.translate(SUPERSCRIPT)  # a note marker, as in a PDF
                while parts and not parts[-1].strip():
                    parts.pop()
            elif previous is not None and not explicit_spaces and _apart(previous, item, height):
                parts.append(" ")
            parts.append(content)
            if item.get("WC") is not None:
                words.append(Word(content, min(max(number(item.get("WC")), 0.0), 1.0)))
            else:
                all_confident = False
            previous = item
        elif kind == "SP":
            parts.append(" ")
        elif kind == "HYP":
            parts.append(item.get("CONTENT") or "-")
    text = " ".join("".join(parts).split())
    if not text:
        return None
    return Line(
        text=text,
        start=0,
        end=0,
        page=page,
        box=_box(text_line),
        font_size=_size(text_line, block, styles.sizes),
        words=tuple(words) if all_confident else (),
        block_id=block.get("ID") or str(id(block)),
    )


def _apart(left: Any, right: Any, height: float) -> bool:
    """Without SP elements, each String is a word, except that punctuation
    touching a word (a full stop, an opening bracket set as its own String)
    is not."""
    gap = None
    if left.get("HPOS") is not None and right.get("HPOS") is not None:
        gap = number(right.get("HPOS")) - number(left.get("HPOS")) - number(left.get("WIDTH"))
    return apart(left.get("CONTENT") or "", right.get("CONTENT") or "", gap, height)


def _box(element: Any) -> Box | None:
    if element.get("HPOS") is None or element.get("VPOS") is None:
        return None
    x, y = number(element.get("HPOS")), number(element.get("VPOS"))
    return Box(x, y, x + number(element.get("WIDTH")), y + number(element.get("HEIGHT")))


def _size(text_line: Any, block: Any, sizes: dict[str, float]) -> float | None:
    """The font size of the first String, the line or the block that names one."""
    strings = children(text_line, "String")
    for element in [*strings[:1], text_line, block]:
        for ref in (element.get("STYLEREFS") or "").split():
            if ref in sizes:
                return sizes[ref]
    return None
