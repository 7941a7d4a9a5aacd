"""The Kant ground truth in PAGE and in ALTO is one transcription: compared,
the two give no variant at all. PAGE names the page furniture by region
type; in ALTO the geometry pass must find it (page number, catch-word,
signature mark), and the spacing of punctuation comes from the boxes in both."""

from __future__ import annotations

from pathlib import Path

import pytest

import dedupe
from dedupe.normalise.geometry import mark_layout
from dedupe.read import read

KANT = Path(__file__).resolve().parent.parent / "data" / "kant"


def versions(number: str) -> list[str]:
    return [
        str(KANT / "GT-PAGE" / f"PAGE_{number}_PAGE.xml"),
        str(KANT / "GT-ALTO" / f"PAGE_{number}_ALTO.xml"),
    ]


@pytest.mark.parametrize("number", ["0017", "0020"])
def test_page_and_alto_ground_truth_compare_without_variants(number: str) -> None:
    collation = dedupe.compare(versions(number))
    assert [(c.kind, c.readings) for _, c in collation.variants()] == []
    removed = {w: sorted(r.text for r in collation.removed if r.witness == w) for w in "AB"}
    assert removed["A"] == removed["B"]
    assert len(removed["A"]) >= 2  # the furniture is there, and left out by both
    # nothing else is left out: the canonical text is all the ALTO text's words
    canonical = " ".join(u.text() for u in collation.units).split()
    alto = collation.documents[1]
    assert canonical == " ".join(b.text for b in alto.blocks if b.kind != "noise").split()
    assert len(canonical) > 100


def test_alto_furniture_is_found_by_geometry() -> None:
    page17 = mark_layout(read(versions("0017")[1]))
    hints = {ln.text: (ln.hint, ln.hint_reason) for ln in page17.lines if ln.hint}
    assert hints["(na-"][0] == "footer" and hints["(na-"][1].startswith("catch-word")
    signature = hints["B. Monatsſchr. IV. B. 6. St. H h"]
    assert signature == ("footer", "signature mark: on the catch-word's row, under the text")
    page20 = mark_layout(read(versions("0020")[1]))
    hints = {ln.text: ln.hint for ln in page20.lines if ln.hint}
    assert hints == {"( 484 )": "page-number", "Stan-": "footer"}


def test_punctuation_is_spaced_alike_in_both_formats() -> None:
    page, alto = (read(path) for path in versions("0017"))
    for text in ("1784.", "Zwoͤlftes Stuͤk. December."):
        assert text in [ln.text for ln in page.lines]
        assert text in [ln.text for ln in alto.lines]


# --- catch-words on a generated two-page ALTO file ---------------------------------


def two_page_alto(catchword: str, next_start: str) -> str:
    """Two pages of four full lines; page 1 ends with ``catchword`` alone and
    flush right under the text, page 2 opens with ``next_start``."""

    def line(y: int, words: list[str], x0: int = 100, width: int = 800) -> str:
        step = width // len(words)
        strings = "<SP/>".join(
            f'<String CONTENT="{w}" HPOS="{x0 + k * step}" VPOS="{y}" WIDTH="{step - 20}" HEIGHT="40"/>'
            for k, w in enumerate(words)
        )
        return (
            f'<TextBlock ID="b{y}{words[0]}"><TextLine HPOS="{x0}" VPOS="{y}" WIDTH="{width}" '
            f'HEIGHT="40">{strings}</TextLine></TextBlock>'
        )

    text = (
        "Faulheit und Feigheit ſind die Urſachen warum ein ſo großer Theil der Menſchen "
        "nachdem ſie die Natur laͤngſt von fremder Leitung frei geſprochen dennoch gerne "
        "zeitlebens unmuͤndig bleiben und warum es anderen ſo leicht wird ſich zu deren "
        "Vormuͤndern aufzuwerfen es iſt ſo bequem unmuͤndig zu ſein habe ich ein Buch"
    ).split()

    def page(n: int, first: str, last: str | None) -> str:
        words = [first, *text[1 + 8 * n :]]
        lines = [line(300 + 50 * k, words[8 * k : 8 * k + 8]) for k in range(4)]
        if last:
            lines.append(line(520, [last], x0=800, width=100))
        return (
            '<Page WIDTH="1000" HEIGHT="1400"><PrintSpace>'
            + "".join(lines)
            + "</PrintSpace></Page>"
        )

    return (
        '<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout>'
        + page(0, text[0], catchword)
        + page(1, next_start, None)
        + "</Layout></alto>"
    )


def hints_of(tmp_path: Path, xml: str) -> dict[str, str | None]:
    path = tmp_path / "book.xml"
    path.write_text(xml, encoding="utf-8")
    return {ln.text: ln.hint_reason for ln in mark_layout(read(str(path))).lines if ln.text}


def test_catchword_repeating_the_next_page_is_furniture(tmp_path: Path) -> None:
    hints = hints_of(tmp_path, two_page_alto("Stan-", "Stande"))
    assert hints["Stan-"] == "catch-word: the first word of page 2, alone at the foot"


def test_a_word_the_next_page_does_not_open_with_is_text(tmp_path: Path) -> None:
    hints = hints_of(tmp_path, two_page_alto("Stan-", "Die"))
    assert hints["Stan-"] is None
