"""Six real editions of Darwin's chapter 1 keep their paragraph counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from dedupe.api import normalise_file

DARWIN = Path(__file__).resolve().parents[1] / "data" / "darwin"
KNOWN = {"1859": 43, "1860": 43, "1861": 43, "1866": 43, "1869": 47, "1872": 47}


@pytest.mark.parametrize("year", sorted(KNOWN))
def test_edition_keeps_its_paragraphs(year):
    doc = normalise_file(str(DARWIN / f"darwin{year}.txt"))
    assert len(doc.body) == KNOWN[year]
    assert all(b.kind == "paragraph" and b.region == "body" for b in doc.body)
    assert doc.noise == [] and doc.footnotes == {}
    source = (DARWIN / f"darwin{year}.txt").read_text(encoding="utf-8")
    assert [b.text for b in doc.body] == [p for p in source.split("\n") if p.strip()]
