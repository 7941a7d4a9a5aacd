"""Word documents (DOCX, Office Open XML), read with zipfile and lxml.

The text is the document as it now stands: tracked insertions (``w:ins``)
are kept and tracked deletions (``w:del``, ``w:moveFrom``) dropped, as Word
shows it with the changes accepted. Paragraph styles named Heading or Title
(or with an outline level) are headings; footnotes and endnotes become notes
numbered in the order the body refers to them; a page break (``w:br
w:type="page"``, ``w:pageBreakBefore``) starts a new page; italic and bold
runs are emphasis. Tables are read cell by cell, one paragraph each.
"""

from __future__ import annotations

from typing import Any

from dedupe.model import DedupeError, Source, Witness
from dedupe.read.flow import Flow
from dedupe.read.package import Package, parse_part
from dedupe.read.xml import local

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: Elements whose text is not the document's current text.
SKIPPED = {"del", "moveFrom", "instrText", "delText", "fldSimple-instr", "rPr", "pPr"}
NOTE_PARTS = {"footnoteReference": "word/footnotes.xml", "endnoteReference": "word/endnotes.xml"}


def _attr(element: Any, name: str) -> str | None:
    return element.get(f"{{{W}}}{name}")


def read_docx(path: str, data: bytes, witness: Witness) -> Source:
    name = witness.label
    package = Package(data, name, "DOCX")
    main = _main_part(package)
    body = next((e for e in parse_part(package, main).iter() if local(e.tag) == "body"), None)
    if body is None:
        raise DedupeError(f"{name}: damaged DOCX ({main} has no w:body)")
    notes = {
        ref: _note_texts(package, part, name)
        for ref, part in NOTE_PARTS.items()
        if package.has(part)
    }
    flow = Flow()
    for paragraph in (e for e in body.iter() if local(e.tag) == "p"):
        if any(local(a.tag) in ("p", "del", "moveFrom") for a in paragraph.iterancestors()):
            continue  # a paragraph inside a text box is read with its own
        _paragraph(paragraph, flow, notes)
    if flow.empty:
        raise DedupeError(f"{name}: DOCX has no text")
    return flow.source(witness)


def _main_part(package: Package) -> str:
    """The main document part named by the package relationships."""
    if package.has("_rels/.rels"):
        rels = parse_part(package, "_rels/.rels")
        for rel in rels:
            if (rel.get("Type") or "").endswith("/officeDocument") and rel.get("Target"):
                target = rel.get("Target").lstrip("/")
                if package.has(target):
                    return target
    return "word/document.xml"


def _note_texts(package: Package, part: str, name: str) -> dict[str, str]:
    texts = {}
    for note in parse_part(package, part):
        if local(note.tag) not in ("footnote", "endnote") or _attr(note, "type") in (
            "separator",
            "continuationSeparator",
            "continuationNotice",
        ):
            continue
        flow = Flow()
        for paragraph in (e for e in note.iter() if local(e.tag) == "p"):
            _runs(paragraph, flow, {})
            flow.line_break()
        texts[_attr(note, "id") or ""] = " ".join(
            line.text for page in flow.pages for line in page if line.text
        )
    return texts


def _paragraph(paragraph: Any, flow: Flow, notes: dict[str, dict[str, str]]) -> None:
    props = next((c for c in paragraph if local(c.tag) == "pPr"), None)
    if props is not None:
        for item in props:
            kind = local(item.tag)
            if kind == "pageBreakBefore" and _attr(item, "val") not in ("0", "false"):
                flow.page_break()
            elif kind == "pStyle" and (_attr(item, "val") or "").lower().startswith(
                ("heading", "title", "berschrift", "titre")
            ):
                flow.heading()
            elif kind == "outlineLvl":
                flow.heading()
    _runs(paragraph, flow, notes)
    flow.end_block()


def _runs(element: Any, flow: Flow, notes: dict[str, dict[str, str]]) -> None:
    """The current text under ``element``, in document order."""
    for child in element:
        kind = local(child.tag)
        if kind in SKIPPED:
            continue
        if kind == "r":
            _run(child, flow, notes)
        elif kind not in ("p",):
            _runs(child, flow, notes)


def _run(run: Any, flow: Flow, notes: dict[str, dict[str, str]]) -> None:
    props = next((c for c in run if local(c.tag) == "rPr"), None)
    emphasis = props is not None and any(
        local(c.tag) in ("i", "b") and _attr(c, "val") not in ("0", "false") for c in props
    )
    for child in run:
        kind = local(child.tag)
        if kind == "t":
            flow.text(child.text or "", emphasis=emphasis)
        elif kind in ("tab", "noBreakHyphen"):
            flow.text(" " if kind == "tab" else "-")
        elif kind == "br":
            if _attr(child, "type") == "page":
                flow.page_break()
            else:
                flow.line_break()
        elif kind in NOTE_PARTS:
            number = flow.marker()
            text = notes.get(kind, {}).get(_attr(child, "id") or "", "")
            flow.note(number, text)
