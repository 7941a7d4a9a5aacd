"""Acceptance: the two real witnesses of "Beijing Binds" normalise as a reader sees them."""

from __future__ import annotations

from pathlib import Path

import pytest

from dedupe.api import normalise_file
from dedupe.model import Document
from dedupe.normalise.fold import fold
from dedupe.normalise.footnotes import body_markers, leading_marker

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "beijing-binds"


@pytest.fixture(scope="module")
def doc_a() -> Document:
    return normalise_file(str(SAMPLES / "a.txt"), "A")


@pytest.fixture(scope="module")
def doc_b() -> Document:
    return normalise_file(str(SAMPLES / "b.txt"), "B")


@pytest.fixture(params=["a", "b"])
def doc(request, doc_a, doc_b) -> Document:
    return doc_a if request.param == "a" else doc_b


def paragraphs(doc: Document) -> list[str]:
    return [fold(b.text) for b in doc.blocks if b.kind == "paragraph"]


def test_footnotes_numbered_exactly_1_to_63(doc):
    numbers = [b.n for b in doc.blocks if b.kind == "footnote"]
    assert numbers == list(range(1, 64))
    assert doc.warnings == ()


def test_no_footnote_left_in_the_body(doc):
    body = [fold(b.text) for b in doc.body]
    for block in doc.body:
        assert leading_marker(block.text) is None, block.text[:80]
    for n, note in doc.footnotes.items():
        key = fold(note.text)
        assert len(key) > 20, (n, key)
        assert not any(key in text for text in body), n


def test_body_markers_keep_their_numbers(doc):
    numbers = [m.n for block in doc.body for m in body_markers(block.text)]
    assert numbers == list(range(1, 64))


def test_footnotes_keep_their_text_without_the_number(doc_a, doc_b):
    a, b = doc_a.footnotes, doc_b.footnotes
    assert fold(a[11].text).startswith('"China-led $280 Million Kyrgyzstan Project')
    assert fold(b[11].text).startswith('"China-led $280 Million Kyrgyzstan Project')
    assert a[58].text.startswith("“SCO Secretary-General Vladimir Norov")  # typography kept
    assert a[21].text.endswith("some will have been sent.")


WHOLE = [
    ("a", "went down the route of attacking"),
    ("a", "closing direct borders, air routes and setting bans"),
    ("a", "noted that this was the first medical aid"),
    ("a", "at Dushanbe airport in early February"),
    ("a", "amongst big powers in the region as far as Kazakhs"),
    ("a", "the Kyrgyz MP Kenjebek Bokoev"),
    ("a", "China made a coordinated request"),
    ("a", "an SCO Development Bank"),
    ("a", "through the Collective Security Treaty Organization"),
    ("b", "has held things up, but the Uzbeks now consider"),  # past 11 footnotes
    ("b", "State Department was about confronting China"),  # past 5 footnotes
]


@pytest.mark.parametrize(("sample", "phrase"), WHOLE)
def test_broken_paragraphs_are_whole(doc_a, doc_b, sample, phrase):
    doc = doc_a if sample == "a" else doc_b
    holders = [p for p in paragraphs(doc) if fold(phrase) in p]
    assert len(holders) == 1


@pytest.mark.parametrize(
    "heading",
    [
        "Patient Zero and Sinophobia",
        "Medical Aid Flows Both Ways",
        "Persistent Tensions",
        "Get Central Asia Moving Again",
        "Towards a Chinese e-future",
    ],
)
def test_headings_found(doc, heading):
    headings = [fold(b.text).casefold() for b in doc.blocks if b.kind == "heading"]
    assert heading.casefold() in headings


def test_central_asia_program_is_a_sidebar(doc_b):
    noise = [b for b in doc_b.noise if fold(b.text) == "CENTRAL ASIA PROGRAM"]
    assert len(noise) == 1
    assert noise[0].reason.startswith("probable sidebar")


def test_title_and_author_box_are_front_matter_not_noise(doc_a, doc_b):
    front_b = [fold(b.text) for b in doc_b.blocks if b.region == "front"]
    assert "BEIJING BINDS: COVID-19 AND THE CHINA-CENTRAL ASIA RELATIONSHIP" in front_b
    assert "RAFFAELLO PANTUCCI" in front_b
    assert not any("RAFFAELLO" in fold(b.text) for b in doc_b.noise)
    front_a = [fold(b.text) for b in doc_a.blocks if b.region == "front"]
    assert "Beijing Binds: COVID-19 and the China-Central Asia Relationship" in front_a
    assert any(t.startswith("Raffaello Pantucci's research") for t in front_a)
    for doc in (doc_a, doc_b):
        first_body = next(b for b in doc.blocks if b.region == "body")
        assert first_body.text.startswith("Washington's intensely negative")


def test_nothing_is_lost(doc, nothing_lost):
    from dedupe.read import read

    nothing_lost(read(doc.witness.path, doc.witness.id), doc)
