"""Running heads OCR damaged (running.py), the first page's title that reads
like the running head, and lines at page tops that must stay text; on real
Tesseract output (tests/data/ocr/README.md) and on snippets of the sample."""

from __future__ import annotations

from pathlib import Path

import pytest

from dedupe.api import normalise_file
from dedupe.model import Document
from dedupe.normalise import normalise
from dedupe.normalise.blocks import demo_source

OCR = Path(__file__).resolve().parents[2] / "tests" / "data" / "ocr"
HEAD = "Free Software Foundation"
BODY = [
    "Given their physical proximity, it is interesting to note that none of them did.",
    "This relatively late link did not, however, stop a wave of Sinophobia at all.",
    "Reflecting a broader anger against China in the country, in mid-February it fell.",
    "Sinophobia was not, however, the pervasive view amongst government in the region.",
    "It did not take very long for the tables to turn. By mid-March they had turned.",
]


def paged(tops: list[str], first: str | None = None) -> Document:
    """Five pages of body text, each under its top line(s) and over its page number."""
    pages = []
    for i, body in enumerate(BODY):
        top = [first] if i == 0 and first else [tops[i]] if tops[i] else []
        pages.append("\n\n".join([*top, body, body.upper(), str(i + 1)]))
    return normalise(demo_source("\f".join(pages)))


def body_lines(doc: Document) -> list[str]:
    return [b.text for b in doc.body]


@pytest.mark.parametrize(
    "damaged",
    [
        "a Free Software Foundation",  # a speck read as a word
        "Free Foundation",  # a word dropped
        "Free Software Foundation12",  # the page number glued on
        "Free Sofware Foundaton",  # letters dropped
        "~\nFree Software Foundation",  # a speck line above it
    ],
)
def test_a_damaged_running_head_is_removed(damaged):
    doc = paged([HEAD, HEAD, damaged, HEAD, HEAD])
    assert not any("Found" in text for text in body_lines(doc))
    assert sum("running header" in (b.reason or "") for b in doc.noise) == 5


def test_a_running_head_read_three_ways_by_tesseract():
    """``Beijing Binds: ...``, ``Heijing Binds: ... Asin Relationship”`` and
    ``Boljizg Binds; ... Central Asia B`` (a word lost) are one running head;
    the section names printed at the top of the pages between are running
    heads too."""
    doc = normalise_file(str(OCR / "beijing-onecol-rough.txt"))
    heads = [b.text for b in doc.noise if (b.reason or "").startswith("running header")]
    assert any(text.startswith("Boljizg Binds") for text in heads)
    assert any(text.startswith("Heijing Binds") for text in heads)
    sections = [b.text for b in doc.noise if "section heading" in (b.reason or "")]
    assert sections == ["Patient Zero and Sinophobia", "Persistent Tensions"]
    assert not any("Binds: COVID" in text for text in body_lines(doc)[1:])


def test_the_first_pages_title_equal_to_the_running_head_is_kept():
    """Tesseract reads the 16 pt title of page 1 and the 9 pt running head
    of pages 2-5 alike: the title, over its byline, stays."""
    doc = normalise_file(str(OCR / "darwin-byline.txt"))
    assert [(b.kind, b.text) for b in doc.body[:2]] == [
        ("heading", "On the Origin of Species"),
        ("heading", "By Charles Darwin"),
    ]
    assert [b.text for b in doc.noise if "running header" in (b.reason or "")] == [
        "On the Origin of Species"
    ] * 3


def test_a_title_over_a_byline_stays_a_running_head_over_the_text_goes():
    titled = paged([None, HEAD, HEAD, HEAD, HEAD], first=f"{HEAD}\n\nAnnual Report")
    assert body_lines(titled)[:2] == [HEAD, "Annual Report"]
    excerpt = paged([HEAD] * 5)  # printed on page 1 too, over the text
    assert not any(HEAD in text for text in body_lines(excerpt))


def test_a_title_wrapped_over_two_lines_is_the_title_under_a_full_title_of_its_words():
    """The Swiss zoology article as Tesseract read it: page 1 opens with the
    short title set large over two lines (``... Howdeniola from`` / ``Ecuador``),
    then the full title repeating its words; the later pages' running head is
    the short title on one line. A running head is one line: the wrapped
    title stays, under it the full title, and the running heads go."""
    short = "A new eyeless species of Howdeniola from Ecuador"
    full = "A new eyeless species of Howdeniola Osella, 1980 from Ecuador (Coleoptera)"
    doc = paged([None, short, short, short, short], first=f"{short[:-8]}\nEcuador\n\n{full}")
    assert body_lines(doc)[:2] == [short, full]
    assert [b.text for b in doc.noise if "running header" in (b.reason or "")] == [short] * 4


def test_a_page_number_beside_it_makes_it_a_running_head():
    doc = paged([f"{HEAD}  {i}" for i in range(1, 6)], first=f"{HEAD}  1\n\nAnnual Report")
    assert not any(HEAD in text for text in body_lines(doc))


def test_a_sentence_at_a_page_top_that_resembles_the_head_stays():
    doc = paged([HEAD, HEAD, "Free software matters to the foundation.", HEAD, HEAD])
    assert "Free software matters to the foundation." in body_lines(doc)


def test_a_heading_at_a_page_top_is_not_a_section_running_head():
    """Only a page between the running-head pages that repeats a heading
    printed earlier carries the section's name as its running head."""
    tops = [None, HEAD, "Medical Aid Flows Both Ways", HEAD, "Persistent Tensions"]
    doc = paged(tops, first="Report\n\nBy Raffaello Pantucci")
    assert "Medical Aid Flows Both Ways" in body_lines(doc)
    assert "Persistent Tensions" in body_lines(doc)
