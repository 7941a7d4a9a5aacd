"""Safe XML parsing for the OCR formats (hOCR, ALTO, PAGE XML).

OCR files come from anywhere, so the parser never resolves entities, never
loads a DTD and never touches the network; a document that declares
entities at all is refused before parsing, because a legitimate OCR file has
no reason to (an external entity can read local files, an entity bomb can
exhaust memory).
"""

from __future__ import annotations

import re
from typing import Any

from dedupe.model import DedupeError

_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_ENCODINGS = ("utf-8", "utf-16", "utf-16-le", "utf-16-be")
_WHERE = re.compile(r" \(<string>, line \d+\)$")
_DEPTH = re.compile(r"Excessive depth in document: (\d+)")


def check_no_entities(data: bytes, name: str) -> None:
    """Refuse a document that declares entities (in any encoding lxml reads)."""
    for encoding in _ENCODINGS:
        sample = _as_utf8(data, encoding)
        if sample is not None and _ENTITY.search(sample):
            raise DedupeError(
                f"{name}: XML declares entities (<!ENTITY ...>); refused for safety "
                "(OCR files never need them)"
            )


def _as_utf8(data: bytes, encoding: str) -> bytes | None:
    if encoding == "utf-8":
        return data
    try:
        return data.decode(encoding).encode("utf-8")
    except UnicodeDecodeError:
        return None


def parse_xml(data: bytes, name: str) -> Any:
    """Parse XML safely; the root element, or a DedupeError naming the problem."""
    from lxml import etree

    check_no_entities(data, name)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        _refuse_if_too_deep(str(err), name, "XML")
        raise DedupeError(f"{name}: malformed XML ({_first_line(str(err))})") from None
    if root is None:
        raise DedupeError(f"{name}: malformed XML (no root element)")
    if root.getroottree().docinfo.internalDTD is not None and _has_entity_decl(root):
        raise DedupeError(f"{name}: XML declares entities; refused for safety")
    return root


def parse_html(data: bytes, name: str) -> Any:
    """Parse hOCR that is HTML rather than XHTML (no entity expansion either)."""
    from lxml import etree, html

    check_no_entities(data, name)
    parser = html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = html.fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as err:
        raise DedupeError(f"{name}: malformed HTML ({_first_line(str(err))})") from None
    for entry in parser.error_log:  # the HTML parser stops at its depth limit silently
        _refuse_if_too_deep(entry.message, name, "HTML")
    return root


def _refuse_if_too_deep(message: str, name: str, kind: str) -> None:
    """libxml2 stops at a nesting depth (256 levels, without the
    XML_PARSE_HUGE option that would also lift its other safety limits); say
    so in terms a user can act on."""
    found = _DEPTH.search(message)
    if found:
        raise DedupeError(
            f"{name}: {kind} nested deeper than {found.group(1)} levels, the parser's limit: "
            "not a document dedupe can read (hOCR, ALTO and PAGE files nest about ten deep)"
        )


def _has_entity_decl(root: Any) -> bool:
    dtd = root.getroottree().docinfo.internalDTD
    return any(getattr(item, "type", None) == "entity" for item in dtd.iterentities())


def _first_line(text: str) -> str:
    """lxml's message without its '(<string>, line 1)' suffix."""
    first = text.strip().splitlines()[0] if text.strip() else "unknown error"
    return _WHERE.sub("", first)


def local(tag: object) -> str:
    """An element's tag without its namespace: ALTO and PAGE come in several."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def children(element: Any, name: str) -> list[Any]:
    """Direct children with local name ``name``, any namespace."""
    return [child for child in element if local(child.tag) == name]


def descendants(element: Any, name: str) -> list[Any]:
    """All descendants with local name ``name``, document order, any namespace."""
    return [el for el in element.iter() if local(el.tag) == name]


def number(value: str | None, default: float = 0.0) -> float:
    """An XML attribute as a float; OCR files write '12', '12.0' or '12.'."""
    if value is None:
        return default
    try:
        return float(value.strip())
    except ValueError:
        return default
