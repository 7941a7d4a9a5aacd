"""Passage variants: an added paragraph, a footnote some witnesses lack, a
title in capitals are one variant each, with word-level detail inside, and
decisions made on the old word-level ids still apply."""

from __future__ import annotations

from pathlib import Path

import pytest

import dedupe
from dedupe.model import Decision
from dedupe.passage_variants import word_columns

DATA = Path(__file__).resolve().parent / "data"
DARWIN = DATA / "darwin"
KANT = DATA / "kant"
#: the start of a paragraph the 1869 edition adds (kept by 1872)
ADDED_1869 = "As far as I am able to judge, after long attending to the subject"
TITLE_CAPS = "BEIJING BINDS: COVID-19 AND THE CHINA-CENTRAL ASIA RELATIONSHIP"


@pytest.fixture(scope="module")
def darwin():
    return dedupe.compare([str(p) for p in sorted(DARWIN.glob("darwin18*.txt"))])


@pytest.fixture(scope="module")
def pair():
    root = Path(__file__).resolve().parent.parent / "samples" / "beijing-binds"
    return dedupe.compare([str(root / "a.txt"), str(root / "b.txt")])


def test_the_paragraph_1869_adds_is_one_variant(darwin):
    ids = {w.label: w.id for w in darwin.witnesses}
    e, f = ids["darwin1869.txt"], ids["darwin1872.txt"]
    hits = [c for _, c in darwin.variants() if ADDED_1869 in (c.readings[e] or "")]
    assert len(hits) == 1
    (col,) = hits
    words = col.readings[e].split()
    assert words[:5] == ADDED_1869.split()[:5] and len(words) > 300  # the whole paragraph
    assert col.kind == "addition" and col.readings[f]
    assert all(r is None for w, r in col.readings.items() if w not in (e, f))
    # no word of it is a variant of its own
    unit = next(u for u in darwin.units if col in u.columns)
    assert [c for c in unit.columns if c.kind] == [col]
    # where 1869 and 1872 differ inside it, the word-level places are kept
    inside = [p for p in col.parts if p.kind and p.readings[e] != p.readings[f]]
    assert inside and all(p.id and p.id != col.id for p in inside)
    assert " ".join(p.readings[e] for p in col.parts if p.readings[e]) == col.readings[e]


def test_passage_variants_cut_the_count_of_one_word_additions(darwin):
    """2,502 variants, 1,496 of them additions (most a word of an added
    paragraph), were reported word by word; each passage is one now."""
    additions = [c for _, c in darwin.variants() if c.kind == "addition"]
    one_word = [
        c for c in additions if max(len((r or "").split()) for r in c.readings.values()) == 1
    ]
    assert len(darwin.variants()) < 1200
    assert len(additions) < 300 and len(one_word) < 200  # real one-word changes remain


def test_a_title_in_capitals_is_one_case_variant(pair):
    hits = [c for _, c in pair.variants() if c.readings["B"] == TITLE_CAPS]
    assert len(hits) == 1
    (col,) = hits
    assert col.kind == "case"
    assert col.canonical == "Beijing Binds: COVID-19 and the China-Central Asia Relationship"
    assert len([p for p in col.parts if p.kind == "case"]) == 7
    assert "7 words in a row differ only in case" in col.reason
    # the words both read alike in capitals are inside it, not cut out
    assert any(p.kind is None and p.canonical == "COVID-19" for p in col.parts)


def test_a_passage_one_of_four_kant_witnesses_lacks_is_one_variant_with_its_parts():
    engines = ("OCR-CALA-gt4histocr", "OCR-OCRO-frakturjze", "OCR-TESS-frk")
    paths = [str(p) for e in engines for p in sorted((KANT / e).glob("*.xml"))]
    paths.append(str(sorted((KANT / "GT-PAGE").glob("*.xml"))[0]))
    collation = dedupe.compare(paths)
    col = next(c for _, c in collation.variants() if "Decemb." in (c.readings["A"] or ""))
    assert col.readings["B"] is None
    assert all(col.readings[w].startswith("(S. Decemb.") for w in "ACD")
    assert col.parts and col.canonical.startswith("(S. Decemb.")
    assert "places were decided one by one" in col.reason


def test_a_decision_on_an_old_word_level_id_still_applies(pair):
    col = next(c for _, c in pair.variants() if c.readings["B"] == TITLE_CAPS)
    word = next(p for p in col.parts if p.readings["B"] == "BINDS:")
    root = Path(__file__).resolve().parent.parent / "samples" / "beijing-binds"
    paths = [str(root / "a.txt"), str(root / "b.txt")]
    decided = dedupe.compare(paths, decisions=[Decision(word.id, "BINDS:")])
    assert not decided.stale
    text = dedupe.render("text", decided)
    assert text.startswith("Beijing BINDS: COVID-19 and the")
    passage = next(c for _, c in decided.variants() if c.id == col.id)
    assert "the editor decided 1 of its places" in passage.reason
    # and a decision on the passage's own id replaces the whole passage
    whole = dedupe.compare(paths, decisions=[Decision(col.id, TITLE_CAPS)])
    assert not whole.stale
    assert dedupe.render("text", whole).startswith(TITLE_CAPS)


def test_passage_ids_stay_when_the_witnesses_come_in_another_order():
    paths = [str(p) for p in sorted(DARWIN.glob("darwin18*.txt"))][-3:]
    ids = {c.id for _, c in dedupe.compare(paths).variants() if c.parts}
    again = {c.id for _, c in dedupe.compare(paths[::-1]).variants() if c.parts}
    assert ids and ids == again


def test_word_columns_give_back_the_word_level_places(pair):
    for unit in pair.units:
        words = word_columns(unit.columns)
        assert " ".join(c.canonical for c in words if c.canonical) == " ".join(
            c.canonical for c in unit.columns if c.canonical
        )
        assert not any(c.parts for c in words)


def test_a_passage_left_out_as_layout_is_one_variant_and_one_removal():
    """Six Tesseract readings of one scanned page: text one layout doubles
    (a pull quote, a passage read twice at a page break) is left out as
    layout, one variant and one removed entry per witness, not one per word."""
    paths = [str(p) for p in sorted((DATA / "scanned" / "beijing-short").glob("*.hocr"))]
    collation = dedupe.compare(paths)
    layout = [
        c for _, c in collation.variants() if c.kind == "layout" and "at another place" in c.reason
    ]
    assert layout and any(len((r or "").split()) > 5 for c in layout for r in c.readings.values())
    for col in layout:
        assert col.canonical is None and all(p.kind == "layout" for p in col.parts if p.kind)
        for wid, reading in col.readings.items():
            if reading:
                assert sum(r.witness == wid and r.text == reading for r in collation.removed) == 1
    assert all(
        len(r.text.split()) > 1 for r in collation.removed if "prints these words" in r.reason
    )
