"""hOCR reader: a fixture hand-made from the hOCR 1.2 specification."""

from __future__ import annotations

from pathlib import Path

import pytest

from dedupe.model import Box, DedupeError
from dedupe.read import read

HOCR = Path(__file__).resolve().parent.parent / "data" / "hocr" / "minutes.hocr"


def test_lines_paragraphs_and_boxes() -> None:
    source = read(str(HOCR))
    assert source.witness.format == "hocr"
    assert [ln.text for ln in source.lines] == [
        "Minutes of 1898",
        "",
        "The committee met in the sprlng to review the accounts;",
        "several members questioned the cost of re-",
        "pairing the library roof.",
        "",
        "The treasurer reported a surplus.",
        "",
        "- 7 -",
    ]
    assert source.pages[0].width == 2480 and source.pages[0].height == 3508
    assert source.lines[2].box == Box(360, 420, 2180, 480)
    assert source.lines[2].block_id == "par_1_2"
    for line in source.lines:
        assert source.text[line.start : line.end] == line.text


def test_word_confidences_arrive_in_line_words() -> None:
    line = read(str(HOCR)).lines[2]
    assert [w.text for w in line.words] == line.text.split()
    confidence = {w.text: w.confidence for w in line.words}
    assert confidence["sprlng"] == pytest.approx(0.61)
    assert confidence["in"] == pytest.approx(0.97)


def test_page_number_float_is_hinted() -> None:
    last = read(str(HOCR)).lines[-1]
    assert (last.hint, last.hint_reason) == ("page-number", "hOCR marks it as ocr_pageno")


def test_plain_html_hocr_without_xml_declaration(tmp_path: Path) -> None:
    html = (
        "<html><body><div class='ocr_page' title='bbox 0 0 100 100'>"
        "<span class='ocr_line' title='bbox 0 0 90 10'>"
        "<span class='ocrx_word' title='bbox 0 0 40 10; x_wconf 80'>Hello<br></span> "
        "<span class='ocrx_word' title='bbox 50 0 90 10; x_wconf 70'>world</span>"
        "</span></div></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html)
    source = read(str(path))
    assert [ln.text for ln in source.lines] == ["Hello world"]
    assert [w.confidence for w in source.lines[0].words] == [0.8, 0.7]


def test_hocr_without_text_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.hocr"
    path.write_text("<html><body><div class='ocr_page' title='bbox 0 0 9 9'></div></body></html>")
    with pytest.raises(DedupeError, match=r"^empty\.hocr: hOCR file has no text"):
        read(str(path))


def test_nested_lines_read_once_and_idless_paragraphs_hold_together(tmp_path: Path) -> None:
    """A line inside a line is part of the outer one; lines of one paragraph
    without an id share its block, and the next paragraph has another."""
    page = (
        "<?xml version='1.0' encoding='UTF-8'?><html xmlns='http://www.w3.org/1999/xhtml'><body>"
        "<div class='ocr_page' title='bbox 0 0 1000 1000'><div class='ocr_carea'>"
        "<p class='ocr_par'><span class='ocr_line' title='bbox 0 0 900 40'>"
        "<span class='ocrx_word'>one</span><span class='ocr_line'>"
        "<span class='ocrx_word'>two</span></span></span>"
        "<span class='ocr_line' title='bbox 0 50 900 90'><span class='ocrx_word'>three</span>"
        "</span></p><p class='ocr_par'><span class='ocr_line' title='bbox 0 100 900 140'>"
        "<span class='ocrx_word'>four</span></span></p></div></div></body></html>"
    )
    path = tmp_path / "nested.hocr"
    path.write_text(page, encoding="utf-8")
    lines = read(str(path)).pages[0].lines
    # the two paragraphs are the format's (blocks of several lines): a break between
    assert [ln.text for ln in lines] == ["one two", "three", "", "four"]
    assert lines[0].block_id == lines[1].block_id != lines[3].block_id
