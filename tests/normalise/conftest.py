"""Shared check for the normaliser tests: the "nothing is lost" invariant."""

from __future__ import annotations

import pytest

from dedupe.model import Document, Source
from dedupe.normalise.paragraphs import LINE_END_HYPHENS


def squeeze(text: str) -> str:
    return "".join(text.split())


def unhyphen(text: str) -> str:
    return "".join(c for c in text if c not in LINE_END_HYPHENS + "\u00ad")


def assert_nothing_lost(source: Source, doc: Document) -> None:
    """Every non-whitespace character of the source is in exactly one block's
    spans, and every block's text is the text of its spans (a note's number
    and undone line-end hyphens aside)."""
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
    for block in doc.blocks:
        raw = unhyphen(squeeze("".join(source.text[s.start : s.end] for s in block.spans)))
        text = unhyphen(squeeze(block.text))
        if block.kind == "footnote":
            assert raw.endswith(text) and len(raw) - len(text) <= 8, (raw, text)
        else:
            assert raw == text, (raw, text)


@pytest.fixture
def nothing_lost():
    """The invariant check, as a fixture (test modules are not importable)."""
    return assert_nothing_lost
