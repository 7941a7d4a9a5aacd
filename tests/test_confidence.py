"""Confidence that means something: a decision that drops or replaces more
than a few words of a witness, or rests on a plurality, is never
high-confidence and is flagged; reasons say majority or plurality, k of n."""

from __future__ import annotations

import doctest
import re
from collections import Counter
from pathlib import Path

import pytest

import dedupe
import dedupe.decide
from dedupe.confidence import FEW
from dedupe.normalise.fold import core_words

DATA = Path(__file__).resolve().parent / "data"
VOTE = re.compile(r"\b(majority|plurality) \((\d+) of (\d+)\)")


@pytest.fixture(scope="module")
def kant():
    """Three OCR engines and the ground truth of Kant's first page: four witnesses."""
    engines = ("OCR-CALA-gt4histocr", "OCR-OCRO-frakturjze", "OCR-TESS-frk")
    paths = [str(p) for e in engines for p in sorted((DATA / "kant" / e).glob("*.xml"))]
    paths.append(str(sorted((DATA / "kant" / "GT-PAGE").glob("*.xml"))[0]))
    return dedupe.compare(paths)


@pytest.fixture(scope="module")
def darwin():
    return dedupe.compare([str(p) for p in sorted((DATA / "darwin").glob("darwin18*.txt"))])


def test_reasons_say_majority_or_plurality_with_the_count(kant):
    votes = [VOTE.search(c.reason) for _, c in kant.variants()]
    votes = [m for m in votes if m]
    assert {m.group(1) for m in votes} == {"majority", "plurality"}
    for m in votes:
        k, n = int(m.group(2)), int(m.group(3))
        assert n == 4
        assert (m.group(1) == "majority") == (2 * k > n), m.group(0)


def test_a_plurality_is_flagged_and_never_high_confidence(kant):
    few = [c for _, c in kant.variants() if "plurality (" in c.reason]
    assert few
    assert all(c.review and c.confidence < 0.6 for c in few)


def lost(col) -> int:
    """The most words one witness has that the canonical reading lacks (a
    passage: the words it drops; its replacements are its parts')."""
    canonical = core_words(col.canonical or "")
    out = 0
    for reading in col.readings.values():
        words = core_words(reading or "")
        if col.parts:
            out = max(out, len(words) - len(canonical))
        else:
            out = max(out, sum((Counter(words) - Counter(canonical)).values()))
    return out


@pytest.mark.parametrize("name", ["kant", "darwin"])
def test_dropping_or_replacing_many_words_is_flagged(name, request):
    collation = request.getfixturevalue(name)
    text = [c for _, c in collation.variants() if c.kind not in ("layout", "typography", "moved")]
    heavy = [c for c in text if not c.break_place and lost(c) > FEW]
    assert heavy
    assert all(c.review and c.confidence < 0.6 for c in heavy)
    assert all("needs review" in c.reason for c in heavy)


def test_the_paragraphs_a_minority_of_editions_adds_are_left_out_for_review(darwin):
    """1869 and 1872 add paragraphs the four earlier editions lack: left out by
    majority, as one passage each, each flagged (a whole paragraph is lost)."""
    left = [c for _, c in darwin.variants() if "left out by majority" in c.reason and c.parts]
    big = [c for c in left if len((c.readings["E"] or "").split()) > 100]
    assert len(big) >= 3
    assert all(c.canonical is None and c.review and c.confidence <= 0.55 for c in big)


def test_vote_confidence_grows_with_the_margin():
    assert doctest.testmod(dedupe.decide).failed == 0
    vote = dedupe.decide.vote_confidence
    assert vote(2, 3) < vote(4, 6) < 0.9 <= vote(5, 6) < vote(7, 8)
    assert vote(2, 9) < 0.6  # a plurality
