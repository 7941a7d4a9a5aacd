"""Canonical plain text: blocks separated by blank lines, notes under ``Notes``."""

from __future__ import annotations

from dedupe.model import Collation
from dedupe.render.summary import body_units, footnote_units
from dedupe.style import plain


def canonical_blocks(collation: Collation) -> list[tuple[str, str]]:
    """(kind, text) of every canonical heading and paragraph, in order."""
    out = []
    for unit in body_units(collation):
        out.extend((unit.kind, text) for text in unit.text().split("\n\n") if text)
    return out


def canonical_notes(collation: Collation) -> list[tuple[int | None, str]]:
    out = []
    for unit in footnote_units(collation):
        text = unit.text()
        if text:
            out.append((unit.n, text))
    return out


def note_line(n: int | None, text: str) -> str:
    return f"{n} {text}" if n is not None else text


def render_text(collation: Collation, **_: object) -> str:
    quotes = str(collation.options.get("quotes", "straight"))
    parts = [plain(text, quotes) for _, text in canonical_blocks(collation)]
    notes = canonical_notes(collation)
    if notes:
        parts.append("Notes")
        parts.append("\n".join(note_line(n, plain(t, quotes)) for n, t in notes))
    return "\n\n".join(parts) + "\n"
