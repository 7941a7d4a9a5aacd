"""A searchable PDF whose invisible text layer holds the canonical text.

For a scan that was OCRed (its text drawn invisibly, render mode 3, over the
page image, as ocrmypdf and scanners write it): the old text layer is taken
out of each page (and of the form XObjects it draws), and a new invisible
layer is drawn with the corrected words, each on the box of the word it
corrects and stretched (``Tz``) to its width, as ocrmypdf does (a line whose
words cannot be told apart, on its line box). Nothing visible is touched,
so the pages look the same; ``pdftotext`` gives the canonical words. The
font is a glyphless Type0 font whose character codes are the Unicode code
points (a ``ToUnicode`` map says so), so any script extracts correctly.

A PDF with visible text is not rewritten (changing it would change how the
page looks): that witness gets a warning instead.
"""

from __future__ import annotations

import io
from typing import Any

from dedupe.model import Box, DedupeError, Line, Source
from dedupe.writeback.edits import Edit
from dedupe.writeback.slots import TokenSlot, apply_edits

FONT = "/FDedupeOCR"
INVISIBLE = 3
#: Glyph advance of the glyphless font, in thousandths of the size.
ADVANCE = 500


class Holder:
    """A line's tokens, corrected in place, and their boxes if known."""

    def __init__(self, line: Line, boxes: tuple[Box, ...]) -> None:
        self.line = line
        self.tokens: list[str | None] = line.text.split()
        self.boxes = boxes if len(boxes) == len(self.tokens) else ()


def rewrite_pdf(data: bytes, source: Source, edits: list[Edit]) -> tuple[bytes, int]:
    import pikepdf

    from dedupe.read.pdf import word_boxes

    name = source.witness.label
    boxes = word_boxes(data, name)
    holders = [
        Holder(line, boxes.get((line.page, line.box), ()))
        for line in source.lines
        if line.text and line.box is not None
    ]
    slots = [TokenSlot(h.tokens, k) for h in holders for k in range(len(h.tokens))]
    made = apply_edits(slots, edits)
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PdfError as err:
        raise DedupeError(f"cannot open the PDF again ({err})") from None
    with pdf:
        font = _font(pdf)
        by_page: dict[int, list[Holder]] = {}
        for holder in holders:
            by_page.setdefault(holder.line.page, []).append(holder)
        for number, page in enumerate(pdf.pages, start=1):
            _strip_text(pdf, page, name, number)
            layer = _layer(by_page.get(number, []), page)
            if layer:
                if "/Resources" not in page.obj:
                    page.obj.Resources = pikepdf.Dictionary()
                resources = page.obj.Resources
                if "/Font" not in resources:
                    resources.Font = pikepdf.Dictionary()
                resources.Font[FONT] = font
                page.contents_add(pikepdf.Stream(pdf, layer), prepend=False)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue(), made


def _strip_text(pdf: Any, page: Any, name: str, number: int) -> None:
    """Take the invisible text out of a page and its form XObjects."""
    import pikepdf

    targets = [page.obj]
    xobjects = page.obj.get("/Resources", {}).get("/XObject", {})
    for key in list(xobjects.keys()):
        xobject = xobjects[key]
        if xobject.get("/Subtype") == "/Form":
            targets.append(xobject)
    for k, target in enumerate(targets):
        operations = pikepdf.parse_content_stream(target)
        kept, inside = [], False
        mode = 0
        for operands, operator in operations:
            op = str(operator)
            if op == "BT":
                inside = True
                continue
            if inside:
                if op == "Tr":
                    mode = int(operands[0])
                if op in ("Tj", "TJ", "'", '"') and mode not in (INVISIBLE, 7):
                    raise DedupeError(
                        f"page {number} has visible text; only OCRed scans (invisible text) "
                        "are written back"
                    )
                if op == "ET":
                    inside = False
                continue
            kept.append((operands, operator))
        stream = pikepdf.unparse_content_stream(kept)
        if k == 0:  # the page itself
            page.obj.Contents = pikepdf.Stream(pdf, stream)
        else:
            target.write(stream)


def _escape(text: str) -> str:
    codes = [ord(c) if ord(c) < 0x10000 and not 0xD800 <= ord(c) < 0xE000 else 0xFFFD for c in text]
    return "<" + "".join(f"{c:04X}" for c in codes) + ">"


def _layer(holders: list[Holder], page: Any) -> bytes:
    """Content drawing each line's corrected text invisibly over its boxes."""
    box = page.mediabox
    x_origin, top = float(box[0]), float(box[3])
    parts = []
    for holder in holders:
        line_box = holder.line.box
        if line_box is None:
            continue
        size = max(line_box.y1 - line_box.y0, 1.0)
        y = top - line_box.y1 + size * 0.2  # the baseline, a little above the box's foot
        if holder.boxes:
            placed = [(t, b) for t, b in zip(holder.tokens, holder.boxes, strict=True) if t]
        else:
            text = " ".join(t for t in holder.tokens if t)
            placed = [(text, line_box)] if text else []
        for text, word in placed:
            natural = len(text) * ADVANCE / 1000 * size
            stretch = 100 * (word.x1 - word.x0) / natural if natural else 100
            parts.append(
                f"BT {INVISIBLE} Tr {FONT} {size:.2f} Tf {stretch:.2f} Tz "
                f"1 0 0 1 {x_origin + word.x0:.2f} {y:.2f} Tm {_escape(text)} Tj ET"
            )
    return ("q " + "\n".join(parts) + " Q\n").encode("ascii") if parts else b""


def _font(pdf: Any) -> Any:
    import pikepdf

    ranges = "\n".join(
        f"<{hi:02X}00> <{hi:02X}FF> <{hi:02X}00>" for hi in range(256) if not 0xD8 <= hi < 0xE0
    )
    count = sum(1 for hi in range(256) if not 0xD8 <= hi < 0xE0)
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{count} beginbfrange\n{ranges}\nendbfrange\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end\n"
    )
    descriptor = pikepdf.Dictionary(
        Type=pikepdf.Name.FontDescriptor,
        FontName=pikepdf.Name("/GlyphLessFont"),
        Flags=5,
        FontBBox=[0, 0, ADVANCE, 1000],
        ItalicAngle=0,
        Ascent=1000,
        Descent=0,
        CapHeight=1000,
        StemV=80,
    )
    cid = pikepdf.Dictionary(
        Type=pikepdf.Name.Font,
        Subtype=pikepdf.Name.CIDFontType2,
        BaseFont=pikepdf.Name("/GlyphLessFont"),
        CIDSystemInfo=pikepdf.Dictionary(Registry="Adobe", Ordering="Identity", Supplement=0),
        FontDescriptor=pdf.make_indirect(descriptor),
        DW=ADVANCE,
        CIDToGIDMap=pikepdf.Name.Identity,
    )
    return pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type0,
            BaseFont=pikepdf.Name("/GlyphLessFont"),
            Encoding=pikepdf.Name("/Identity-H"),
            DescendantFonts=[pdf.make_indirect(cid)],
            ToUnicode=pdf.make_indirect(pikepdf.Stream(pdf, cmap.encode("ascii"))),
        )
    )
