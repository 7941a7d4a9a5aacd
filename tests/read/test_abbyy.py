"""ABBYY FineReader XML: real FR6 and FR10 files (tests/data/abbyy)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dedupe.model import Box
from dedupe.read import read

DATA = Path(__file__).resolve().parent.parent / "data" / "abbyy"


def test_finereader10_words_confidences_and_boxes() -> None:
    source = read(str(DATA / "finereader_10_excerpt.xml"))
    assert source.witness.format == "abbyy"
    (line,) = source.lines
    assert line.text == "The Homeric Hymns" and line.page == 3
    assert line.box == Box(611, 757, 1417, 871) and line.font_size == 9.5
    assert [w.text for w in line.words] == ["The", "Homeric", "Hymns"]
    assert line.words[0].confidence == pytest.approx((0 + 10 + 19) / 300)
    assert source.pages[2].width == 2180


def test_finereader6_word_start_and_picture_pages() -> None:
    source = read(str(DATA / "finereader_6_sample.xml"))
    assert len(source.pages) == 4 and [p.lines for p in source.pages[:3]] == [(), (), ()]
    assert [w.confidence for w in source.lines[0].words] == [0.28, 0.31]


def test_abbyy_against_the_same_text(tmp_path: Path, textual_variants) -> None:
    txt = tmp_path / "hymns.txt"
    txt.write_text("The Homeric Hymns\n")
    assert textual_variants(str(DATA / "finereader_10_excerpt.xml"), str(txt)) == []
