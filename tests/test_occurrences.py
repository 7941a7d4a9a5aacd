"""OCR confidences belong to a word's own place, not to every place it is read."""

from __future__ import annotations

import json
from pathlib import Path

import dedupe
from dedupe.decide import word_confidences
from dedupe.model import Block, Span, Word
from dedupe.normalise.fold import fold
from dedupe.occurrences import token_confidences

SCANNED = Path(__file__).parent / "data" / "scanned"


def test_tokens_take_their_own_words_confidences():
    block = Block(
        "paragraph",
        "the planeloads of the aid",
        (Span("A", 0, 26),),
        confidences=(
            Word("the", 0.95),
            Word("plane-", 0.6),
            Word("loads", 0.7),
            Word("of", 0.9),
            Word("the", 0.1),
            Word("aid", 0.8),
        ),
    )
    # a hyphenation the normaliser joined is no word the engine read
    assert token_confidences(block) == [0.95, None, 0.9, 0.1, 0.8]


def test_a_common_word_is_not_doubted_everywhere_for_one_doubtful_place():
    """Tesseract's hOCR of a rough scan reads ``in`` hundreds of times, once
    at confidence 0.00: by the word alone every ``in a`` of the witness was
    doubted and lost the tie to the other scan's ``ina``."""
    darwin = SCANNED / "darwin"
    paths = [str(darwin / "onecol-rough.hocr"), str(darwin / "twocol-rough.hocr")]
    docs = [dedupe.normalise_file(p, w) for p, w in zip(paths, "AB", strict=True)]
    assert word_confidences(docs)["A"][fold("in")] < 0.05  # its lowest, anywhere
    data = json.loads(dedupe.render("json", dedupe.compare(paths)))
    chosen = {
        tuple(sorted(v["readings"].values())): v
        for v in data["variants"]
        if None not in v["readings"].values()
    }
    for right, wrong in (("in a", "ina"), ("prior to", "prior'to"), ("may have", "may-have")):
        v = chosen[tuple(sorted((right, wrong)))]
        assert v["canonical"] == right, v["reason"]
        assert f"{right!r} has low OCR confidence" not in v["reason"]
