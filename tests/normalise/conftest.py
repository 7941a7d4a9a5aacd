"""Shared check for the normaliser tests: the "nothing is lost" invariant."""

from __future__ import annotations

import pytest

from dedupe.model import Document, Source
from dedupe.normalise.leaders import even_leaders
from dedupe.normalise.paragraphs import LINE_END_HYPHENS

DAMAGED_MARKS = "®©°*¢™?!'’0123456789"  # what OCR reads a superscript marker as


def left_out(raw: str, text: str) -> set[str]:
    """The characters of ``raw`` left out of ``text``, which must be what is
    left of ``raw`` once they are (in order); {"?"} plus a sentinel otherwise."""
    out: set[str] = set()
    i = 0
    for c in raw:
        if i < len(text) and text[i] == c:
            i += 1
        else:
            out.add(c)
    return out if i == len(text) else out | {"\0"}


def squeeze(text: str) -> str:
    return "".join(text.split())


def unhyphen(text: str) -> str:
    return "".join(c for c in text if c not in LINE_END_HYPHENS + "\u00ad")


def assert_nothing_lost(source: Source, doc: Document) -> None:
    """Every non-whitespace character of the source is in exactly one block's
    spans, and every block's text is the text of its spans (a note's number,
    undone line-end hyphens, dot leaders printed as one form and, where the
    normaliser left them out, the symbols OCR read for body markers aside)."""
    owner = [0] * len(source.text)
    for block in doc.blocks:
        for span in block.spans:
            assert span.witness == doc.witness.id
            assert 0 <= span.start <= span.end <= len(source.text)
            for i in range(span.start, span.end):
                owner[i] += 1
    lost = [
        (i, source.text[i]) for i, c in enumerate(source.text) if not c.isspace() and owner[i] != 1
    ]
    assert lost == [], lost[:10]
    # where the body's markers OCR read as symbols were left out of the text
    relaxed = any("read as symbols left out" in (b.reason or "") for b in doc.blocks)
    for block in doc.blocks:
        # a dot leader's text is one form (its dots are the measure, not text)
        spans = "".join(source.text[s.start : s.end] for s in block.spans)
        raw = unhyphen(squeeze(even_leaders(spans)))
        text = unhyphen(squeeze(block.text))
        if block.kind == "footnote" and relaxed and not raw.endswith(text):
            # a line with a marker piece left out, joined to the note it continues
            assert left_out(raw, text) <= set(DAMAGED_MARKS) and len(raw) - len(text) <= 8
        elif block.kind == "footnote":
            assert raw.endswith(text) and len(raw) - len(text) <= 8, (raw, text)
        elif relaxed:
            assert left_out(raw, text) <= set(DAMAGED_MARKS), (raw, text)
        else:
            assert raw == text, (raw, text)


@pytest.fixture
def nothing_lost():
    """The invariant check, as a fixture (test modules are not importable)."""
    return assert_nothing_lost
