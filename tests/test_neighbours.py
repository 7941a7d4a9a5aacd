"""One short text two scans read at neighbouring places (one as a heading,
the other as a paragraph of its own) is kept once (dedupe.neighbours)."""

from __future__ import annotations

from pathlib import Path

import dedupe
from dedupe.model import Column, Unit
from dedupe.neighbours import settle_neighbours

ZOOLOGY = Path(__file__).parent / "data" / "scanned" / "zoology"


def test_a_heading_one_scan_read_as_a_paragraph_is_kept_once():
    """Tesseract's text of the clean one-column scan reads the species
    heading ``Howdeniola polleti sp. nov. Figs 1-6`` as a heading, the rough
    two-column scan's as a paragraph the alignment cannot pair with it: each
    is one-sided, each too short for the copy search. The rough scan's
    reading goes; the canonical text has the heading once, as the truth does."""
    clean, rough = str(ZOOLOGY / "onecol-clean.txt"), str(ZOOLOGY / "twocol-rough.txt")
    collation = dedupe.compare([clean, rough])
    gone = [c for _, c in collation.variants() if "one text read at two places" in c.reason]
    assert gone and all(c.canonical is None and c.readings["A"] is None for c in gone)
    text = dedupe.render("text", collation)
    heading = "Howdeniola polleti sp. nov. Figs 1-6"
    assert text.count(heading) == 1 == (ZOOLOGY / "truth.txt").read_text("utf-8").count(heading)


def test_alike_records_keep_one_and_unlike_texts_are_not_touched():
    def unit(a: str | None, b: str | None) -> Unit:
        col = Column({"A": a, "B": b}, "addition", canonical=a or b)
        return Unit("paragraph", "body", {"A": (0,) if a else (), "B": (0,) if b else ()}, (col,))

    units = [unit("Zwölftes Stük. December.", None), unit(None, "1734 Zwölftes Stüf, December.")]
    settled = settle_neighbours(units, {"A": 0.04, "B": 0.3})
    assert [u.columns[0].canonical for u in settled] == ["Zwölftes Stük. December.", None]
    alike = {"A": 0.2, "B": 0.22}  # records alike: the more careful reader, else the first place
    settled = settle_neighbours(units, alike, {"A": 1.0, "B": 2.0})
    assert [u.columns[0].canonical for u in settled] == [None, "1734 Zwölftes Stüf, December."]
    assert "reads more of its words as words of the language" in settled[0].columns[0].reason
    settled = settle_neighbours(units, alike, {"A": 2.0, "B": 2.1})
    assert [u.columns[0].canonical for u in settled] == ["Zwölftes Stük. December.", None]
    assert "its reading comes first" in settled[1].columns[0].reason
    other = [units[0], unit(None, "Beantwortung der Frage")]
    assert settle_neighbours(other, {"A": 0.04, "B": 0.3}) == other


KANT = Path(__file__).parent / "data" / "kant"


def test_a_page_head_two_engines_read_apart_is_kept_once():
    """Tesseract's frk model reads Kant's page head as three blocks, its
    frk+deu model as one line; their records are alike, so before either copy
    stayed and the canonical text held ``Zwölftes`` twice."""
    paths = [
        str(KANT / f"OCR-{e}" / f"OCR-D-OCR-{e}-SEG-LINE-tesseract-ocropy-DEWARP_0001.xml")
        for e in ("TESS-frk", "TESS-frk--deu")
    ]
    text = dedupe.render("text", dedupe.compare(paths))
    assert text.count("Zwölftes") == 1
