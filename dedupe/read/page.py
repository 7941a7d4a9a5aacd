"""PAGE XML witnesses (PRImA PAGE, 2013 and 2019 schemas, any namespace).

Regions are read in the file's ReadingOrder (regions it leaves out follow in
document order). A line's text is its own TextEquiv (the lowest index); where
a line has none, its Words' texts joined; either way a punctuation mark that
touches its word is set solid (``dedupe.read.words``). Region types that name layout
furniture (header, footer, page-number, marginalia, footnote, catch-word,
signature-mark) become hints with the reason, since the transcriber or
engine has already classified them.
"""

from __future__ import annotations

from typing import Any

from dedupe.model import Box, DedupeError, Line, Source, Witness, Word
from dedupe.read.assemble import assemble
from dedupe.read.layout import draft_page
from dedupe.read.words import close_touching
from dedupe.read.xml import children, descendants, local, number, parse_xml

REGION_HINTS = {
    "header": "header",
    "footer": "footer",
    "page-number": "page-number",
    "marginalia": "margin",
    "footnote": "footnote",
    "footnote-continued": "footnote",
    "catch-word": "footer",
    "signature-mark": "footer",
}


def read_page(path: str, data: bytes, witness: Witness) -> Source:
    name = witness.label
    root = parse_xml(data, name)
    if local(root.tag) != "PcGts":
        raise DedupeError(f"{name}: not PAGE XML (root element <{local(root.tag)}>)")
    drafts = []
    for page_number, page in enumerate(descendants(root, "Page"), start=1):
        lines = [
            line for region in ordered_regions(page) for line in _region_lines(region, page_number)
        ]
        size = number(page.get("imageWidth")), number(page.get("imageHeight"))
        drafts.append(draft_page(page_number, lines, *size))
    if not any(d.lines for d in drafts):
        raise DedupeError(f"{name}: PAGE file has no text (no TextEquiv/Unicode in any TextLine)")
    return assemble(witness, drafts)


def ordered_regions(page: Any) -> list[Any]:
    """TextRegions in ReadingOrder, then any it does not mention, in file order."""
    regions = [r for r in descendants(page, "TextRegion")]
    by_id = {r.get("id"): r for r in regions if r.get("id")}
    order: list[str] = []
    for reading in descendants(page, "ReadingOrder")[:1]:
        for group in reading:
            order += _group_refs(group)
    seen: set[str] = set()
    out = []
    for ref in order:
        if ref in by_id and ref not in seen:
            seen.add(ref)
            out.append(by_id[ref])
    return out + [r for r in regions if r.get("id") not in seen]


def _group_refs(group: Any) -> list[str]:
    """Region ids of an (Un)OrderedGroup, nested groups included, by @index."""
    items = [c for c in group if local(c.tag) not in ("Labels", "UserDefined")]
    if local(group.tag).startswith("OrderedGroup"):
        items.sort(key=lambda c: number(c.get("index"), 0.0))
    refs: list[str] = []
    if group.get("regionRef"):
        refs.append(group.get("regionRef"))
    for item in items:
        if local(item.tag).startswith(("OrderedGroup", "UnorderedGroup")):
            refs += _group_refs(item)
        elif item.get("regionRef"):
            refs.append(item.get("regionRef"))
    return refs


def _region_lines(region: Any, page: int) -> list[Line]:
    kind = region.get("type") or ""
    hint = REGION_HINTS.get(kind)
    reason = f"PAGE XML region of type '{kind}'" if hint else None
    block_id = region.get("id") or str(id(region))
    lines = []
    for text_line in children(region, "TextLine"):
        text, words = _line_text(text_line)
        if text:
            lines.append(
                Line(
                    text=text,
                    start=0,
                    end=0,
                    page=page,
                    box=coords_box(text_line),
                    font_size=_font_size(text_line),
                    words=words,
                    block_id=block_id,
                    hint=hint,
                    hint_reason=reason,
                )
            )
    if lines:
        return lines
    # text given for the whole region only: its lines, boxed where they match
    texts = [t.strip() for t in (text_equiv(region) or "").splitlines() if t.strip()]
    boxes = [coords_box(tl) for tl in children(region, "TextLine")]
    if len(boxes) != len(texts):
        boxes = [coords_box(region)] * len(texts)
    return [
        Line(text, 0, 0, page, box, block_id=block_id, hint=hint, hint_reason=reason)
        for text, box in zip(texts, boxes, strict=True)
    ]


def _line_text(text_line: Any) -> tuple[str, tuple[Word, ...]]:
    """The line's text (its own, else its Words'), spaced at punctuation by the
    Words' boxes; and the word confidences if every Word has one."""
    words = []
    for word in children(text_line, "Word"):
        text = text_equiv(word)
        if text is None:
            continue
        words.append((text, _conf(word), coords_box(word)))
    own = text_equiv(text_line)
    text = " ".join((own if own is not None else " ".join(t for t, _, _ in words)).split())
    box = coords_box(text_line)
    if words and box is not None:
        text = close_touching(text, [(t, b) for t, _, b in words], box.y1 - box.y0)
    confident = words and all(c is not None for _, c, _ in words)
    return text, tuple(Word(t, c) for t, c, _ in words) if confident else ()


def text_equiv(element: Any) -> str | None:
    """The element's own TextEquiv/Unicode with the lowest index, if any."""
    equivs = children(element, "TextEquiv")
    if not equivs:
        return None
    equivs.sort(key=lambda e: number(e.get("index"), 0.0))
    for equiv in equivs:
        for unicode in children(equiv, "Unicode"):
            return unicode.text or ""
    return None


def _conf(element: Any) -> float | None:
    equivs = sorted(children(element, "TextEquiv"), key=lambda e: number(e.get("index"), 0.0))
    if equivs and equivs[0].get("conf") is not None:
        return min(max(number(equivs[0].get("conf")), 0.0), 1.0)
    return None


def coords_box(element: Any) -> Box | None:
    """The bounding box of Coords/@points (2013+) or Coords/Point (2010)."""
    for coords in children(element, "Coords"):
        xs: list[float] = []
        ys: list[float] = []
        for pair in (coords.get("points") or "").split():
            x, _, y = pair.partition(",")
            xs.append(number(x))
            ys.append(number(y))
        for point in children(coords, "Point"):
            xs.append(number(point.get("x")))
            ys.append(number(point.get("y")))
        if xs:
            return Box(min(xs), min(ys), max(xs), max(ys))
    return None


def _font_size(element: Any) -> float | None:
    for style in children(element, "TextStyle"):
        if style.get("fontSize"):
            return number(style.get("fontSize")) or None
    return None
