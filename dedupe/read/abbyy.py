"""ABBYY FineReader XML (FineReader 6 to 10 schemas, any of their namespaces).

ABBYY writes one ``charParams`` per character, with its box (``l t r b``)
and a ``charConfidence`` (0-100). Characters make words: a new word starts
at ``wordStart="true"`` (FR6/8) or ``wordFirst="1"`` (FR10), or after a
space character. A word's confidence is the mean of its characters'; a line
keeps its box and the font size of its first ``formatting``. Paragraphs
(``par``) give the block ids that mark paragraph breaks, as in hOCR; only
blocks of type Text are read (Picture, Table grid, Separator carry none).
"""

from __future__ import annotations

from typing import Any

from dedupe.model import Box, DedupeError, Line, Source, Witness, Word
from dedupe.read.assemble import assemble
from dedupe.read.layout import draft_page
from dedupe.read.xml import children, descendants, local, number, parse_xml


def read_abbyy(path: str, data: bytes, witness: Witness) -> Source:
    name = witness.label
    root = parse_xml(data, name)
    if local(root.tag) != "document":
        raise DedupeError(f"{name}: not ABBYY FineReader XML (root element <{local(root.tag)}>)")
    drafts = []
    for page_number, page in enumerate(children(root, "page"), start=1):
        lines = []
        for block in children(page, "block"):
            if (block.get("blockType") or "Text") not in ("Text", "Table"):
                continue
            for k, par in enumerate(descendants(block, "par")):
                block_id = f"{page_number}-{id(block)}-{k}"
                for line in children(par, "line"):
                    found = read_line(line, page_number, block_id)
                    if found is not None:
                        lines.append(found)
        size = number(page.get("width")), number(page.get("height"))
        drafts.append(draft_page(page_number, lines, *size))
    if not any(d.lines for d in drafts):
        raise DedupeError(f"{name}: ABBYY file has no text (no charParams in any line)")
    return assemble(witness, drafts)


def line_words(line: Any) -> list[list[Any]]:
    """The line's words, each the list of its ``charParams`` elements."""
    words: list[list[Any]] = []
    for char in descendants(line, "charParams"):
        text = char.text or ""
        if not text.strip():
            if words and words[-1]:
                words.append([])
            continue
        starts = (char.get("wordStart") or "").lower() in ("true", "1") or char.get(
            "wordFirst"
        ) in ("1", "true")
        if not words or (starts and words[-1]):
            words.append([])
        words[-1].append(char)
    return [w for w in words if w]


def read_line(line: Any, page: int, block_id: str) -> Line | None:
    words = line_words(line)
    texts = ["".join(c.text or "" for c in w) for w in words]
    if not texts:
        return None
    confidences = []
    for word, text in zip(words, texts, strict=True):
        values = [number(c.get("charConfidence"), -1) for c in word]
        known = [v for v in values if v >= 0]
        if known:
            confidences.append(Word(text, min(max(sum(known) / len(known) / 100, 0.0), 1.0)))
    formatting = descendants(line, "formatting")
    size = number(formatting[0].get("fs")) if formatting and formatting[0].get("fs") else None
    return Line(
        text=" ".join(texts),
        start=0,
        end=0,
        page=page,
        box=char_box(line),
        font_size=size,
        words=tuple(confidences) if len(confidences) == len(texts) else (),
        block_id=block_id,
    )


def char_box(element: Any) -> Box | None:
    if element.get("l") is None or element.get("t") is None:
        return None
    return Box(*(number(element.get(k)) for k in ("l", "t", "r", "b")))
