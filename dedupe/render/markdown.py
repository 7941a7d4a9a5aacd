"""Canonical Markdown: headings as ``##``, footnotes as ``[^n]``, emphasis kept."""

from __future__ import annotations

import re

from dedupe.model import Collation
from dedupe.normalise.fold import SUPERSCRIPT_DIGITS
from dedupe.render.text import canonical_blocks, canonical_notes
from dedupe.style import apply_quotes

_MARKER = re.compile(
    f"(?P<sup>[{SUPERSCRIPT_DIGITS}]+)|\\[\\^?(?P<br>\\d{{1,3}})\\](?![(:])|\\^(?P<caret>\\d{{1,3}})\\b"
)


def markdown_markers(text: str) -> str:
    """Every footnote-marker form becomes a Markdown footnote reference.

    >>> markdown_markers("in official media).¹ In contrast [12] and ^3")
    'in official media).[^1] In contrast [^12] and [^3]'
    """
    return _MARKER.sub(lambda m: f"[^{marker_number(m)}]", text)


def marker_number(match: re.Match[str]) -> str:
    if match.group("sup"):
        return "".join(str(SUPERSCRIPT_DIGITS.index(c)) for c in match.group("sup"))
    return match.group("br") or match.group("caret")


def render_markdown(collation: Collation, **_: object) -> str:
    quotes = str(collation.options.get("quotes", "straight"))
    parts = []
    for kind, text in canonical_blocks(collation):
        text = markdown_markers(apply_quotes(text, quotes))
        parts.append(f"## {text}" if kind == "heading" else text)
    for n, text in canonical_notes(collation):
        text = apply_quotes(text, quotes)
        parts.append(f"[^{n}]: {text}" if n is not None else text)
    return "\n\n".join(parts) + "\n"
