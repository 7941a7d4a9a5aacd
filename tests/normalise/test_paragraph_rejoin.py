"""Rejoining broken paragraphs and undoing line-end hyphenation, on real snippets."""

from __future__ import annotations

import pytest

from dedupe.model import Document
from dedupe.normalise import normalise
from dedupe.normalise.blocks import demo_source


def run(text: str) -> Document:
    return normalise(demo_source(text))


def only_paragraph(text: str) -> str:
    (block,) = run(text).body
    return block.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Revue suisse de Zoologie 119(2), p. 190: a word split by typesetting
        (
            "The pictures are composites processed using the soft-\nware Imagic Image Access.",
            "the software Imagic",
        ),
        # p. 191: a compound of two words wordfreq knows, not a word joined
        (
            "Apex of aedeagus asymmetrically pointed, ventrally hook-\nlike bowed.",
            "ventrally hook-like bowed",
        ),
        # a proper name no dictionary knows, split at the line end
        ("The genus Howde-\nniola was placed into Molytinae.", "The genus Howdeniola was"),
        # a capital after the hyphen: a compound of names
        (
            "construction of the long-delayed train line between Uzbekistan-\nKyrgyzstan-China.",
            "between Uzbekistan-Kyrgyzstan-China.",
        ),
        # a soft hyphen at the line end
        ("the munificence has con\u00ad\ntinued with repeated flights.", "has continued with"),
    ],
)
def test_line_end_hyphenation(text, expected):
    assert expected in only_paragraph(text)


def test_the_documents_own_spelling_wins():
    kept = run(
        "The book was well-received in London.\n\nThe second book was also well-\nreceived there."
    )
    assert kept.body[1].text == "The second book was also well-received there."
    assert "written so elsewhere in the document" in kept.body[1].reason
    joined = run("They renegotiate every year.\n\nThey will re-\nnegotiate the debt.")
    assert joined.body[1].text == "They will renegotiate the debt."


def test_a_known_word_is_joined_without_other_evidence():
    text = only_paragraph("They asked to re-\nnegotiate the debt.")
    assert text == "They asked to renegotiate the debt."


def test_paragraph_across_a_page_break_with_a_capitalised_continuation():
    text = (
        "While this ambitious talk may be just that, Chinese experts have repeatedly advanced "
        "ideas of creating an SCO Free Trade Area, an SCO\n\fDevelopment Bank or other "
        "financial institutions."
    )
    (para,) = run(text).body
    assert "an SCO Development Bank" in para.text
    assert "across a page break" in para.reason


def test_sentence_end_before_a_page_break_keeps_two_paragraphs():
    doc = run(
        "They tested negative.\n\fReflecting a broader anger against China, it was cancelled."
    )
    assert len(doc.body) == 2


def test_heading_at_the_foot_of_a_page_stays_a_heading():
    doc = run(
        "They tested negative.\n\nMedical Aid Flows Both Ways\n\f"
        "Sinophobia was not, however, the pervasive view amongst government across the region."
    )
    assert [b.kind for b in doc.body] == ["paragraph", "heading", "paragraph"]


def test_a_list_after_a_colon_is_not_swallowed():
    doc = run(
        "The six additional exceptions are as follows:\n\n"
        "1. Nonprofit library, archive and educational institution exception.\n\n"
        "2. Reverse engineering."
    )
    assert len(doc.body) == 3


def test_block_ending_with_an_address_is_complete():
    doc = run(
        "Natur-Museum Luzern, Kasernenplatz 6, CH-6003 Luzern and Naturhistorisches Museum "
        "der Burgergemeinde Bern, Bernastrasse 15, CH-3005 Bern. E-mail: germann.christoph@gmail.com"
        "\n\nA new eyeless species of Howdeniola Osella is described from southern Ecuador."
    )
    assert len(doc.body) == 2


def test_paragraph_split_by_a_running_header_line_mid_sentence():
    text = (
        "Tensions aside, the Central Asians are getting quite keen to get their economies "
        "moving once again. The Kyrgyz have asked to open their border posts with China,\n\f"
        "Beijing Binds\n\n"
        "something which must have now happened given the train.\n\f"
        "Beijing Binds\n\nThe end."
    )
    doc = run(text)
    assert len(doc.body) == 2
    assert "with China, something which" in doc.body[0].text
    assert [b.text for b in doc.noise] == ["Beijing Binds", "Beijing Binds"]
