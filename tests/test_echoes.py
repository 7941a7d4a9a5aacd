"""Two models of one OCR engine echo each other's errors: one vote, not two."""

from pathlib import Path

import dedupe
from dedupe.echoes import echoes, votes

KANT = Path(__file__).parent / "data" / "kant"


def page(engine: str) -> str:
    name = f"OCR-D-OCR-{engine}-SEG-LINE-tesseract-ocropy-DEWARP_0001.xml"
    return str(KANT / f"OCR-{engine}" / name)


def truth_words() -> set[str]:
    truth = dedupe.normalise_file(str(KANT / "GT-PAGE" / "PAGE_0017_PAGE.xml"), "T")
    return {w for b in truth.body for w in b.text.split()}


def test_two_models_of_one_engine_echo_and_an_independent_engine_does_not():
    collation = dedupe.compare(
        [page("CALA-gt4histocr"), page("TESS-Fraktur--Latin"), page("TESS-Fraktur")]
    )
    found = echoes(collation.units, "de")
    assert found == frozenset({frozenset({"B", "C"})})
    assert votes(["B", "C"], found) == 1 and votes(["A", "B"], found) == 2


def test_the_echoing_pair_does_not_outvote_the_careful_engine_with_a_shared_non_word():
    collation = dedupe.compare(
        [page("CALA-gt4histocr"), page("TESS-Fraktur--Latin"), page("TESS-Fraktur")]
    )
    canonical = dedupe.render("text", collation)
    truth = truth_words()
    # both Tesseract models read k as f here; Calamari reads the words
    shared = [
        c
        for u in collation.units
        for c in u.columns
        if c.readings.get("B")
        and c.readings.get("B") == c.readings.get("C") != c.readings.get("A")
        and c.readings.get("A") in truth
        and c.readings["B"] not in truth
    ]
    assert len(shared) >= 3
    won = [c for c in shared if c.canonical == c.readings["A"]]
    assert len(won) * 2 > len(shared)
    assert any("one vote" in c.reason for c in won)
    assert "Aufflärung" not in canonical.split()
