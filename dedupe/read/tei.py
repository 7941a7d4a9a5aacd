"""TEI P5 editions (``<TEI>`` in the TEI namespace, or none), read with lxml.

Only ``<text>`` is read (the header describes the edition; it is not its
text). ``<head>`` is a heading; ``<p>``, ``<ab>``, ``<lg>`` (its ``<l>`` one
per line), ``<item>`` and the closing and opening formulas are paragraphs;
``<note>`` becomes a note at its place (numbered by its ``@n`` where that is
a number); ``<pb/>`` starts a page, also inside a paragraph; ``<lb/>`` ends
a line (``break="no"`` joins the word across it). Of a ``<choice>`` the
regularised, corrected or expanded reading is read; ``<del>``, ``<fw>``
(running heads and page numbers) and ``<figDesc>`` are left out; ``<hi>``
with an italic or bold ``@rend``, ``<emph>`` and ``<title>`` are emphasis.
"""

from __future__ import annotations

from typing import Any

from dedupe.model import DedupeError, Source, Witness
from dedupe.read.flow import Flow
from dedupe.read.html import ENTITY, entity_text
from dedupe.read.xml import local, parse_xml

BLOCKS = {
    "p", "ab", "head", "l", "item", "byline", "dateline", "docAuthor", "docTitle",
    "titlePart", "salute", "signed", "trailer", "label", "argument", "epigraph_p",
}  # fmt: skip
PARAGRAPH_GROUPS = {"lg"}  # its lines are one block
OMITTED = {"teiHeader", "del", "fw", "figDesc", "sic", "orig", "abbr", "surplus", "facsimile"}
EMPHASIS = {"emph", "title", "foreign", "term"}
EMPHASIS_RENDS = ("italic", "bold", "it", "b", "i", "underline", "smallcap", "sc")


def read_tei(path: str, data: bytes, witness: Witness) -> Source:
    name = witness.label
    root = parse_xml(data, name)
    if local(root.tag) not in ("TEI", "TEI.2", "teiCorpus"):
        raise DedupeError(f"{name}: not TEI (root element <{local(root.tag)}>)")
    texts = [e for e in root.iter() if local(e.tag) == "text"]
    if not texts:
        raise DedupeError(f"{name}: TEI file has no <text>")
    flow = Flow()
    for text in texts:
        if any(local(a.tag) == "text" for a in text.iterancestors()):
            continue
        _walk(text, flow, emphasis=False)
        flow.end_block()
    if flow.empty:
        raise DedupeError(f"{name}: TEI file has no text")
    return flow.source(witness)


def _walk(element: Any, flow: Flow, emphasis: bool) -> None:
    for child in element:
        _element(child, flow, emphasis)
        if child.tail:
            flow.text(child.tail, emphasis=emphasis)


def _element(element: Any, flow: Flow, emphasis: bool) -> None:
    kind = local(element.tag)
    if element.tag is ENTITY:
        flow.text(entity_text(element), emphasis)
        return
    if not kind or kind in OMITTED:
        return
    if kind == "pb":
        flow.page_break()
    elif kind == "lb":
        if element.get("break") == "no":
            return
        flow.line_break()
    elif kind == "note":
        n = element.get("n")
        number = flow.marker(int(n) if n and n.isdigit() else None)
        inner = Flow()
        inner.text(element.text or "")
        _walk(element, inner, False)
        inner.end_block()
        flow.note(number, " ".join(ln.text for pg in inner.pages for ln in pg if ln.text))
    elif kind == "choice":
        options = {local(c.tag): c for c in element}
        chosen = next((options[k] for k in ("reg", "corr", "expan") if k in options), None)
        if chosen is None and len(element):
            chosen = element[0]
        if chosen is not None:
            flow.text(element.text or "", emphasis)
            _element(chosen, flow, emphasis)
    elif kind in BLOCKS or kind in PARAGRAPH_GROUPS:
        if kind != "l" or not _in_group(element):
            flow.end_block()
        if kind == "head":
            flow.heading()
        flow.text(element.text or "", emphasis)
        _walk(element, flow, emphasis)
        if kind == "l" and _in_group(element):
            flow.line_break()
        else:
            flow.end_block()
    else:
        strong = (
            emphasis
            or kind in EMPHASIS
            or (
                kind == "hi"
                and any(r in (element.get("rend") or "").lower() for r in EMPHASIS_RENDS)
            )
        )
        flow.text(element.text or "", strong)
        _walk(element, flow, strong)


def _in_group(line: Any) -> bool:
    parent = line.getparent()
    return parent is not None and local(parent.tag) in PARAGRAPH_GROUPS
