"""Web pages (HTML, XHTML): the article's text, not the page around it.

The text is taken from ``<article>``, else ``<main>`` (or ``role="main"``),
else where the page's skip link leads (``skip_target``), else ``<body>``;
navigation, page headers and footers, asides, forms, scripts and styles are
left out. ``<h1>``-``<h6>`` are headings; ``<p>``,
list items, block quotes' paragraphs, ``<pre>``, table cells and other
blocks are paragraphs; ``<br>`` ends a line; ``<em>``, ``<i>``, ``<strong>``
and ``<b>`` are emphasis. Notes marked as such (``role="doc-footnote"`` or
``doc-endnote``, ``epub:type="footnote"`` and its kin, or an element whose
class or id names footnotes) become notes, and links to them
(``role="doc-noteref"``, ``epub:type="noteref"``, a ``<sup>`` link to a
note) become note markers. Page-break markers (``role="doc-pagebreak"``,
``epub:type="pagebreak"``) start a page. EPUB books use the same walk.
"""

from __future__ import annotations

import re
from typing import Any

from dedupe.model import DedupeError, Source, Witness
from dedupe.read.boilerplate import boilerplate, measure
from dedupe.read.flow import Flow
from dedupe.read.notelinks import NoteLinks, find_note_links
from dedupe.read.xml import local, parse_html, parse_xml

OMITTED = {
    "script", "style", "noscript", "template", "nav", "header", "footer", "form", "button",
    "select", "textarea", "svg", "math", "iframe", "object", "head", "title", "menu", "input",
    "del",
}  # fmt: skip
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCKS = HEADINGS | {
    "p", "li", "pre", "dt", "dd", "td", "th", "figcaption", "caption", "address", "summary",
}  # fmt: skip
CONTAINERS = {"div", "section", "article", "main", "blockquote", "ul", "ol", "dl", "table",
              "tbody", "thead", "tr", "figure", "body", "html", "aside", "details", "hgroup"}  # fmt: skip
EMPHASIS = {"em", "i", "strong", "b", "cite", "dfn"}
EPUB_NS = "http://www.idpf.org/2007/ops"
NOTE_TYPES = {"footnote", "endnote", "rearnote", "note", "doc-footnote", "doc-endnote"}
NOTE_LISTS = {"footnotes", "endnotes", "rearnotes", "doc-endnotes", "doc-footnotes"}
_NOTE_NAME = re.compile(r"(?:^|[\s_-])(?:foot|end)notes?(?:$|[\s_-])", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")


def entity_tag() -> Any:
    from lxml import etree

    return etree.Entity


ENTITY = entity_tag()


def read_html(path: str, data: bytes, witness: Witness) -> Source:
    name = witness.label
    flow = Flow()
    walk_document(parse_markup(data, name), flow)
    if flow.empty:
        raise DedupeError(f"{name}: HTML page has no text")
    return flow.source(witness)


_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([\w-]+)", re.IGNORECASE)


def parse_markup(data: bytes, name: str) -> Any:
    """XHTML as XML (entities refused); other HTML with the HTML parser, in
    the encoding its ``<meta charset>`` names, else UTF-8 (else CP1252, with
    a warning), never lxml's Latin-1 default."""
    head = data[:1024].removeprefix(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"<?xml"):
        return parse_xml(data, name)
    declared = _CHARSET.search(data[:4096])
    text = None
    if declared:
        try:
            text = data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        from dedupe.read.text import decode

        text, _ = decode(data, name)
    encoded = text.encode("utf-8")
    if declared:
        encoded = _CHARSET.sub(b"<meta charset=utf-8", encoded, count=1)
    else:
        encoded = b'<meta charset="utf-8">' + encoded
    return _shallow(parse_html(encoded, name), name)


#: libxml2 stops nesting XML here; its HTML parser drops the text below.
MAX_DEPTH = 255


def _shallow(root: Any, name: str) -> Any:
    """Refuse a page nested deeper than the parser keeps (text would be lost)."""
    from lxml import etree

    depth = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth > MAX_DEPTH:
            raise DedupeError(
                f"{name}: HTML nested more than {MAX_DEPTH} elements deep; refused for safety"
            )
    return root


def _types(element: Any) -> set[str]:
    values = (element.get(f"{{{EPUB_NS}}}type") or "") + " " + (element.get("epub:type") or "")
    return set((values + " " + (element.get("role") or "")).lower().split())


def is_note(element: Any) -> bool:
    types = _types(element)
    if types & NOTE_TYPES:
        return True
    name = f"{element.get('class') or ''} {element.get('id') or ''}"
    return (
        local(element.tag) in ("aside", "li", "div", "p")
        and bool(_NOTE_NAME.search(name) and not types & {"noteref", "doc-noteref"})
        and not _is_note_list(element)
    )


def _is_note_list(element: Any) -> bool:
    types = _types(element)
    name = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    return (
        bool(types & NOTE_LISTS)
        or (local(element.tag) in ("section", "div", "ol", "ul") and "notes" in name.split())
        or name.strip() in NOTE_LISTS
    )


def _is_reference(element: Any) -> bool:
    types = _types(element)
    if types & {"noteref", "doc-noteref"}:
        return True
    kind = local(element.tag)
    href = element.get("href") or ""
    if kind == "sup":
        link = next((c for c in element.iter() if local(c.tag) == "a"), None)
        return (
            link is not None
            and (link.get("href") or "").startswith("#")
            and bool(_DIGITS.fullmatch("".join(element.itertext()).strip("[]() ")))
        )
    return (
        kind == "a"
        and href.startswith("#")
        and "fn" in href.lower()
        and bool(_DIGITS.fullmatch("".join(element.itertext()).strip("[]() ")))
    )


def entity_text(element: Any) -> str:
    """The character an unexpanded entity reference stands for, by the HTML
    names (``&nbsp;``, ``&mdash;``): XHTML read without its DTD keeps such
    references as nodes, and their text must not vanish. Unknown names give
    nothing."""
    import html

    name = getattr(element, "name", None) or ""
    expanded = html.unescape(f"&{name};")
    return "" if expanded == f"&{name};" else expanded


def article(root: Any) -> Any:
    """The element that holds the text proper."""
    for wanted in ("article", "main"):
        found = [e for e in root.iter() if local(e.tag) == wanted]
        if found:
            return max(found, key=lambda e: len("".join(e.itertext())))
    for element in root.iter():
        if (element.get("role") or "") == "main":
            return element
    body = next((e for e in root.iter() if local(e.tag) == "body"), None)
    if body is None:
        return root
    skipped = skip_target(body)
    return skipped if skipped is not None else body


def visible_length(element: Any) -> int:
    """Characters of an element's text outside scripts, styles and the like."""
    found = 0
    if isinstance(element.tag, str) and local(element.tag) in OMITTED:
        return 0
    found += len((element.text or "").strip())
    for child in element:
        found += visible_length(child) + len((child.tail or "").strip())
    return found


def skip_target(body: Any) -> Any | None:
    """Where the page's skip link leads ("Skip to main content", the
    accessibility convention for pages whose navigation comes first): the
    body's first link, if it is an in-page link (``href="#id"``) to an
    element after it that holds at least half of the page's text, or to an
    empty anchor whose parent does. A web archive's page (site navigation
    around a ``<pre>`` of OCR text) is read as its text, not its menus."""
    first = next((e for e in body.iter() if isinstance(e.tag, str) and local(e.tag) == "a"), None)
    href = (first.get("href") or "") if first is not None else ""
    if len(href) < 2 or not href.startswith("#") or _is_reference(first):
        return None
    name = href[1:]
    after = False
    for element in body.iter():
        if element is first:
            after = True
        elif after and (element.get("id") == name or element.get("name") == name):
            target = element
            if not "".join(target.itertext()).strip() and target.getparent() is not None:
                target = target.getparent()
            return target if 2 * visible_length(target) >= visible_length(body) else None
    return None


def walk_document(root: Any, flow: Flow) -> None:
    """Tell ``flow`` the text of an (X)HTML document, notes included."""
    text = article(root)
    links = find_note_links(text)
    walker = _Walker(flow, links, {}, boilerplate(list(_blocks(text, links))))
    walker.walk(text, False)
    flow.end_block()


_NESTS = BLOCKS | CONTAINERS


def _blocks(element: Any, links: NoteLinks) -> Any:
    """The blocks of ``element`` in reading order, measured for ``boilerplate``:
    block elements, and containers with no block inside; notes are never judged."""
    for child in element:
        kind = local(child.tag).lower() if isinstance(child.tag, str) else ""
        if not kind or kind in OMITTED:
            continue
        if child in links.note_elements or is_note(child) or _is_note_list(child):
            continue
        nested = kind not in BLOCKS and any(
            local(e.tag).lower() in _NESTS
            for e in child.iterdescendants()
            if isinstance(e.tag, str)
        )
        if nested:
            yield from _blocks(child, links)
        elif "".join(child.itertext()).strip():
            yield measure(child, local, kind in HEADINGS)


_PAGE_BEFORE = re.compile(r"(?:page-)?break-before\s*:\s*(?:always|page|left|right)", re.I)
_PAGE_AFTER = re.compile(r"(?:page-)?break-after\s*:\s*(?:always|page|left|right)", re.I)


class _Walker:
    def __init__(
        self, flow: Flow, links: NoteLinks, numbers: dict[Any, int], skip: set[Any] | None = None
    ) -> None:
        self.flow = flow
        self.skip = skip or set()  # site chrome (``boilerplate``)
        self.pending = flow.refs  # note id -> number given at its reference
        self.links = links  # notes found by their links both ways (``notelinks``)
        self.numbers = numbers  # such a note -> number given at its reference

    def walk(self, element: Any, emphasis: bool) -> None:
        for child in element:
            self.element(child, emphasis)
            if child.tail:
                self.flow.text(child.tail, emphasis)

    def element(self, element: Any, emphasis: bool) -> None:
        flow = self.flow
        kind = local(element.tag).lower()
        if element.tag is ENTITY:
            flow.text(entity_text(element), emphasis)
            return
        if not kind or kind in OMITTED or element in self.skip:
            return
        if kind == "pre":
            self.preformatted(element)
            return
        types = _types(element)
        if types & {"pagebreak", "doc-pagebreak"}:
            flow.page_break()
            return
        if kind == "aside" and not is_note(element) and not _is_note_list(element):
            if element not in self.links.note_elements:
                return  # a sidebar or pull quote, not the text
        if self.links.is_back_link(element):
            return  # a note's link back to its marker
        if element in self.links.notes:
            digits = _DIGITS.fullmatch("".join(element.itertext()).strip("[]() "))
            number = flow.marker(int(digits.group()) if digits else None)
            self.numbers[self.links.notes[element]] = number
            return
        if element in self.links.note_elements:
            self.note(element)
            return
        if _is_reference(element):
            target = ""
            for item in element.iter():
                if (item.get("href") or "").startswith("#"):
                    target = item.get("href")[1:]
                    break
            digits = _DIGITS.search("".join(element.itertext()))
            number = flow.marker(int(digits.group()) if digits else None)
            self.pending[target] = number
            return
        if is_note(element):
            self.note(element)
            return
        if _is_note_list(element):
            items = [c for c in element.iter() if local(c.tag) == "li"] or list(element)
            for item in items:
                if local(item.tag) not in HEADINGS:
                    self.note(item)
            return
        if kind == "br":
            flow.line_break()
            return
        if kind in BLOCKS or kind in CONTAINERS:
            style = element.get("style") or ""
            flow.end_block()
            if _PAGE_BEFORE.search(style):
                flow.page_break()
            if kind in HEADINGS:
                flow.heading()
            flow.text(element.text or "", emphasis)
            self.walk(element, emphasis)
            flow.end_block()
            if _PAGE_AFTER.search(style):
                flow.page_break()
            return
        strong = emphasis or kind in EMPHASIS
        flow.text(element.text or "", strong)
        self.walk(element, strong)

    def preformatted(self, element: Any) -> None:
        """``<pre>`` keeps its lines, and an empty line ends a paragraph, as in a
        text file (a digital library's OCR text is often one ``<pre>``)."""
        flow = self.flow
        flow.end_block()
        for line in "".join(element.itertext()).splitlines():
            if line.strip():
                flow.text(line)
                flow.line_break()
            else:
                flow.end_block()
        flow.end_block()

    def note(self, element: Any) -> None:
        """A note's text, numbered as its reference was (else by its own number)."""
        ident = element.get("id") or ""
        if not ident:
            ident = next((e.get("id") for e in element.iter() if e.get("id")), "") or ""
        inner = Flow()
        inner.text(element.text or "")
        _Walker(inner, self.links, {}).walk(element, False)
        inner.end_block()
        text = " ".join(ln.text for pg in inner.pages for ln in pg if ln.text)
        number = self.numbers.get(element, self.pending.get(ident))
        digits = re.match(r"\s*\[?(\d+)[\].)]?\s+", text)
        if digits:
            text = text[digits.end() :]
            number = number if number is not None else int(digits.group(1))
        if number is None:
            number = max((n for n, _ in self.flow.notes), default=0) + 1
        self.flow.note(number, text.lstrip("↩ ").replace(" ↩", "").replace("↩", ""))
