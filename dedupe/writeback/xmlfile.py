"""Parse an OCR file for rewriting and serialise it again.

The input was already read once by ``dedupe.read`` (entities refused, no
DTD, no network); it is parsed again with the same settings but keeping
comments and processing instructions, so the written copy differs from the
original only in the words corrected.
"""

from __future__ import annotations

from typing import Any

from dedupe.model import DedupeError
from dedupe.read.xml import check_no_entities

#: The attribute value (and ALTO PURPOSE) that marks a corrected word.
MARK = "dedupe-canonical"


def parse_for_rewrite(data: bytes, name: str) -> Any:
    from lxml import etree

    check_no_entities(data, name)
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        return etree.fromstring(data, parser).getroottree()
    except etree.XMLSyntaxError as err:
        raise DedupeError(f"{name}: cannot rewrite: malformed XML ({err})") from None


def serialise(tree: Any) -> bytes:
    """The tree as bytes, with the original's declaration and doctype."""
    from lxml import etree

    info = tree.docinfo
    return etree.tostring(
        tree,
        xml_declaration=True,
        encoding=info.encoding or "UTF-8",
        standalone=info.standalone,
        doctype=info.doctype or None,
    )


def drop(element: Any) -> None:
    """Remove an element but keep the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)
