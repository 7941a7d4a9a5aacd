"""Editions of one text (Darwin, Origin of Species ch. 1): additions and shared paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest

import dedupe

DARWIN = Path(__file__).resolve().parent / "data" / "darwin"


@pytest.fixture(scope="module", params=["1860", "1872"])
def editions(request):
    first, other = str(DARWIN / "darwin1859.txt"), str(DARWIN / f"darwin{request.param}.txt")
    return request.param, dedupe.compare([first, other])


def block_words(collation, wid, unit):
    doc = next(d for d in collation.documents if d.witness.id == wid)
    return " ".join(doc.blocks[i].text for i in unit.blocks[wid]).split()


def test_paragraphs_shared_word_for_word_have_no_variants(editions):
    _, collation = editions
    shared = 0
    for unit in collation.units:
        if unit.section != "body" or not unit.blocks["A"] or not unit.blocks["B"]:
            continue
        if block_words(collation, "A", unit) == block_words(collation, "B", unit):
            shared += 1
            assert not any(c.kind for c in unit.columns)
    assert shared >= 1


def test_paragraphs_added_in_1872_are_additions(editions):
    year, collation = editions
    added = [u for u in collation.units if u.section == "body" and not u.blocks["A"]]
    if year == "1860":
        assert added == []
        return
    # 1869/1872 add paragraphs (47 against 43): each is one addition, kept
    assert len(added) >= 4
    text = dedupe.render("text", collation)
    for unit in added:
        (col,) = unit.columns
        assert col.kind == "addition" and col.readings["A"] is None
        assert col.canonical and col.canonical[:60] in text


def test_every_paragraph_of_both_editions_is_aligned_once(editions):
    _, collation = editions
    for doc in collation.documents:
        wid = doc.witness.id
        used = [i for u in collation.units if u.section == "body" for i in u.blocks[wid]]
        body = [i for i, b in enumerate(doc.blocks) if b.kind in ("heading", "paragraph")]
        assert sorted(used) == body
