"""The page around a web page's text: menus, link lists, site chrome.

Archives save web pages whole (a digital library's "full text" page, a
transcription on a site), and many such pages mark their menus with plain
``<div>``s and ``<ul>``s, not ``<nav>``, so omitting the HTML5 elements is
not enough: the site's menu would be read as the document's first pages.
Menus are made of links; text is not. Following jusText's block
classification, every block is judged by its link density (share of its
characters inside links) and length: a block mostly made of links is
boilerplate, a long block of plain text is content, and a run of short
blocks takes the class of its neighbours: between menus it is menu; after the
text and before a menu, what precedes its first heading (a signature, "The
End") closes the text and the heading on introduces the menu; a heading
before the text stays with the text. A run of short blocks holding much text
between them (a poem's lines) is content. Nothing is pruned unless some
content remains.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: a block is boilerplate when more than this share of its text is links
LINK_DENSITY = 0.5
#: plain text a block needs to count as content on its own (jusText's length_low)
LONG = 70
#: a run of short blocks with this much text in all is content
RUN = 200


@dataclass(frozen=True)
class Block:
    element: Any
    chars: int
    link_chars: int
    heading: bool = False

    @property
    def links(self) -> bool:
        return self.chars > 0 and self.link_chars > LINK_DENSITY * self.chars

    @property
    def long(self) -> bool:
        return self.chars - self.link_chars >= LONG


def _length(text: str) -> int:
    return len(" ".join(text.split()))


def measure(element: Any, local: Any, heading: bool = False) -> Block:
    text = _length("".join(element.itertext()))
    anchors = [e for e in element.iter() if local(e.tag) == "a" and e.get("href") is not None]
    outer = [a for a in anchors if not any(b is not a and a in set(b.iter()) for b in anchors)]
    linked = sum(_length("".join(a.itertext())) for a in outer)
    return Block(element, text, min(text, linked), heading)


def _runs(kinds: list[str]) -> list[tuple[int, int]]:
    """(start, end) of every run of short blocks."""
    runs, i = [], 0
    while i < len(kinds):
        if kinds[i] != "short":
            i += 1
            continue
        j = i
        while j < len(kinds) and kinds[j] == "short":
            j += 1
        runs.append((i, j))
        i = j
    return runs


def boilerplate(blocks: list[Block]) -> set[Any]:
    """The elements of ``blocks`` (in reading order) that are not the text."""
    kinds = ["bad" if b.links else "good" if b.long else "short" for b in blocks]
    for i, j in _runs(kinds):
        if sum(b.chars for b in blocks[i:j]) >= RUN:
            kinds[i:j] = ["good"] * (j - i)
    if "bad" not in kinds or "good" not in kinds:
        return set()
    found = {b.element for b, k in zip(blocks, kinds, strict=True) if k == "bad"}
    for i, j in _runs(kinds):
        before = kinds[i - 1] if i > 0 else "bad"
        after = kinds[j] if j < len(blocks) else "bad"
        if after != "bad":
            continue
        first = i if before == "bad" else next((k for k in range(i, j) if blocks[k].heading), j)
        found.update(b.element for b in blocks[first:j])
    return found
