"""Running headers, page numbers and sidebars become noise blocks with reasons."""

from __future__ import annotations

from pathlib import Path

import pytest

from dedupe.model import Document
from dedupe.normalise import normalise
from dedupe.normalise.blocks import demo_source

ZOOLOGY = Path(__file__).resolve().parents[1] / "data" / "swiss_zoology"


@pytest.fixture(scope="module")
def zoology() -> tuple[str, Document]:
    pages = [(ZOOLOGY / f"biostor-146511_0{i}.corr.txt").read_text() for i in range(1, 6)]
    text = "\f".join(pages)
    return text, normalise(demo_source(text))


def test_running_heads_with_page_numbers_are_noise(zoology):
    _, doc = zoology
    noise = {b.text: b.reason for b in doc.noise}
    for head in ("190 C. GERMANN", "192 C. GERMANN"):
        assert noise[head] == "running header: '# c. germann' at the top of 2 pages"
    for head in ("HOWDENIOLA POLLETI SP. NOV. 191", "HOWDENIOLA POLLETI SP. NOV. 193"):
        assert noise[head].startswith("running header: 'howdeniola polleti sp. nov. #'")
    assert not any("GERMANN" in b.text and "190" in b.text for b in doc.body)


def test_the_first_page_head_is_front_matter_not_noise(zoology):
    _, doc = zoology
    assert doc.blocks[0].text == "REVUE SUISSE DE ZOOLOGIE 119 (2): 189-193; juin 2012"
    assert doc.blocks[0].region == "front"


def test_paragraph_broken_by_a_page_and_its_running_head_is_rejoined(zoology):
    _, doc = zoology
    (para,) = [b for b in doc.body if "5-megapixel digital camera (Leica DFC425)" in b.text]
    assert para.text.startswith("The male genital structures were extracted")
    assert "the software Imagic Image Access" in para.text
    assert "across a page break" in para.reason
    assert {s.page for s in para.spans} == {1, 2}


def test_all_capitals_headings_of_the_paper_are_not_sidebars(zoology):
    _, doc = zoology
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    for heading in ("INTRODUCTION", "MATERIAL AND METHODS", "ACKNOWLEDGEMENTS", "REFERENCES"):
        assert heading in headings
    assert not any((b.reason or "").startswith("probable sidebar") for b in doc.noise)


@pytest.mark.parametrize("number", ["7", "- 7 -", "Page 7", "Page 7 of 12", "vii", "[7]"])
def test_page_number_forms(number):
    text = f"Aid flows both ways.\n\n{number}\fIt did not take long.\n\n{number.replace('7', '8')}"
    if number == "vii":
        text = (
            text.replace("vii\f", "vii\f").replace("\n\nvii", "\n\nvii").rsplit("vii", 1)[0]
            + "viii"
        )
    doc = normalise(demo_source(text))
    assert [b.reason for b in doc.noise] == ["page number", "page number"]
    assert [b.text for b in doc.body] == ["Aid flows both ways.", "It did not take long."]


def test_no_page_breaks_no_running_lines():
    doc = normalise(demo_source("Persistent Tensions\n\nBut all good news must end.\n\n12\n"))
    assert doc.noise == []


def test_sidebar_interrupting_a_sentence():
    text = (
        "The Uzbeks have taken a more pragmatic approach, and instead spoken about speeding up "
        "construction of the long-delayed train line. The Kyrgyz section has held things up,\n\n"
        "SILK ROAD NOTES\n\n"
        "but the Uzbeks now consider it essential to help create a safe corridor for transport."
    )
    doc = normalise(demo_source(text))
    (noise,) = doc.noise
    assert (
        noise.reason
        == "probable sidebar: all-capitals callout 'SILK ROAD NOTES' interrupts a sentence"
    )
    (para,) = doc.body
    assert "has held things up, but the Uzbeks now consider it essential" in para.text


def test_numbered_all_capitals_label_is_a_heading_not_a_sidebar():
    doc = normalise(
        demo_source("It ended.\n\nCHAPTER II\n\nVariation Under Nature\n\nIt began again.")
    )
    assert doc.noise == []
    assert [b.text for b in doc.blocks if b.kind == "heading"] == [
        "CHAPTER II",
        "Variation Under Nature",
    ]
