"""Notes known by their numbering when OCR lost every marker (noteruns.py),
on real Tesseract output (tests/data/ocr/README.md), and numbered lists that
must stay body text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from dedupe.api import normalise_file
from dedupe.model import Document
from dedupe.normalise import normalise
from dedupe.normalise.blocks import demo_source
from dedupe.normalise.footnotes import body_markers

ROOT = Path(__file__).resolve().parents[2]
OCR = ROOT / "tests" / "data" / "ocr"


def truth_notes() -> dict[int, str]:
    """The 63 notes of the Beijing Binds report, as the clean text has them."""
    text = (ROOT / "samples" / "texts" / "beijing-binds.txt").read_text(encoding="utf-8")
    tail = text.split("\nNotes\n", 1)[1]
    return {int(m.group(1)): m.group(2) for m in re.finditer(r"(?m)^(\d+) (.+)$", tail)}


def matches_truth(doc: Document) -> list[int]:
    """The numbers of the notes found whose text is the truth's note of that number."""
    truth = truth_notes()
    return [n for n, b in doc.footnotes.items() if fuzz.ratio(b.text, truth.get(n, "")) >= 85]


def numbered_body(doc: Document) -> list[str]:
    return [b.text[:40] for b in doc.body if re.match(r"\d{1,2}[ .,:°]", b.text)]


def test_page_foot_notes_with_no_marker_read_are_notes(nothing_lost):
    """Tesseract read no body marker as a digit (``media).'``, ``Kazakh'*``)
    and lost the numbers of page 1's notes; the numbered notes of pages 2-7
    are found, under the right number, with their own text."""
    path = OCR / "beijing-foot.txt"
    assert not any(body_markers(line) for line in path.read_text(encoding="utf-8").split("\n"))
    doc = normalise_file(str(path))
    assert sorted(doc.footnotes) == list(range(5, 64))
    assert len(matches_truth(doc)) >= 55
    assert numbered_body(doc) == []
    assert "at the feet of" in doc.footnotes[30].reason


def test_endnotes_under_a_notes_heading_with_damaged_numbers():
    doc = normalise_file(str(OCR / "beijing-end.txt"))
    assert len(doc.footnotes) >= 58
    assert {17, 19, 26} <= set(doc.footnotes)  # read as ``17."``, ``19,``, ``26..``
    assert "under a notes heading" in doc.footnotes[17].reason
    assert "Notes" in [b.text for b in doc.noise]


def test_note_numbers_read_as_symbols_hold_their_place():
    """Superscript note numbers at the page foot read as ``?``, ``®``,
    ``‘0``, ``“!``, ``*8``: between the numbers that were read, each takes
    its place in the run."""
    doc = normalise_file(str(OCR / "beijing-onecol-worn.txt"))
    assert len(doc.footnotes) >= 41
    assert doc.footnotes[2].text.startswith('"Dva sluchaia')  # printed ² read as ``?``
    assert "number read as symbols" in doc.footnotes[2].reason
    assert doc.footnotes[33].text.startswith("“Kazakhstan summons")  # ``*8``
    assert numbered_body(doc) == []


PAGE = (
    "Reflecting a broader anger against China in the country, in mid-February the\n"
    "announcement was made to cancel the At-Bashi logistics center in Kyrgyzstan.{m}\n"
    "The US$280 million project was signed during a visit by Chinese President Xi.\n\n"
)
PAGE_2 = (
    "Sinophobia was not, however, the pervasive view amongst government across the\n"
    "region, with the Uzbek,{m} Kazakh and Kyrgyz governments all sending various\n"
    "volumes of medical aid to China during the first half of February.\n\n"
)


def test_a_run_at_the_feet_of_two_pages_without_markers():
    text = (
        PAGE.format(m="'")
        + "1 “China-led $280 Million Kyrgyzstan Project Abandoned,” Reuters.com.\n\n"
        + "2 “Uzbekistan Sending Medical Supplies,” rferl.org.\n\f"
        + PAGE_2.format(m="?")
        + "3 “Mid knr poblagodaryl kazakhstan,” lenta.inform.kz.\n"
    )
    doc = normalise(demo_source(text))
    assert sorted(doc.footnotes) == [1, 2, 3]
    assert len(doc.body) == 2


@pytest.mark.parametrize(
    ("lists", "page_after"),
    [
        # introduced by a sentence ending in a colon, at the foot of page 1
        (
            "They asked for three things:\n\n"
            "1. Masks and protective suits.\n\n2. Testing kits.\n\n3. Doctors.\n\f",
            True,
        ),
        # run on over the page: its numbering goes on in the body of page 2
        (
            "1. Close the borders with China.\n\n2. Ban the arrivals.\n\f"
            "3. Test everyone who came in February.\n\n4. Trace their contacts.\n\n",
            True,
        ),
        # ending the text: no page after it, no notes heading over it
        ("1. Masks.\n\n2. Testing kits.\n\n3. Doctors.\n", False),
    ],
)
def test_a_numbered_list_in_the_body_stays_body(lists, page_after):
    tail = PAGE_2.format(m="") if page_after else ""
    doc = normalise(demo_source(PAGE.format(m="") + lists + tail))
    assert doc.footnotes == {}
    assert any(b.text.startswith("1. ") for b in doc.body)


def test_body_markers_read_as_symbols_are_not_text(nothing_lost):
    """Where the notes were known by their numbering alone, ``Kazakh'*``,
    ``post.?°``, ``Kyrgyzstan!®`` lose the symbols OCR read for their
    superscript markers: they stay in the block's spans, not in its text."""
    from dedupe.read import read

    source = read(str(OCR / "beijing-onecol-worn.txt"))
    doc = normalise(source)
    nothing_lost(source, doc)
    text = " ".join(b.text for b in doc.body)
    raw = source.text
    assert "®" in raw and "°" in raw
    assert raw.count("°") > 10
    assert "®" not in text and text.count("°") == 1  # ``March 12°``: after a number, a degree sign
    assert any("read as symbols left out" in (b.reason or "") for b in doc.body)
