"""Reading order and paragraph breaks from boxes alone."""

from __future__ import annotations

import doctest

import dedupe.normalise.geometry
import dedupe.read.layout
from dedupe.model import Box, Line
from dedupe.read.layout import paragraph_starts, reading_order


def test_doctests() -> None:
    for module in (dedupe.read.layout, dedupe.normalise.geometry):
        assert doctest.testmod(module).failed == 0


def column_lines(x0: float, x1: float, top: float, count: int) -> list[Box]:
    return [Box(x0, top + 12 * k, x1, top + 12 * k + 10) for k in range(count)]


def test_three_columns_under_a_spanning_title_with_notes_below() -> None:
    title = [Box(40, 10, 560, 30)]
    columns = [column_lines(x, x + 160, 50, 6) for x in (40, 220, 400)]
    boxes = title + [b for col in reversed(columns) for b in col]  # stream order scrambled
    order = [i for line in reading_order(boxes, [10] * len(boxes)) for i in line]
    xs = [boxes[i].x0 for i in order]
    assert xs[0] == 40 and boxes[order[0]] == title[0]
    assert xs[1:] == [40] * 6 + [220] * 6 + [400] * 6


def test_line_numbers_are_not_a_column() -> None:
    numbers = [Box(20, 50 + 12 * k, 28, 60 + 12 * k) for k in range(8)]
    text = column_lines(50, 500, 50, 8)
    order = reading_order(numbers + text, [10] * 16)
    # row by row: number, then its line
    assert [line[0] for line in order] == [i for k in range(8) for i in (k, 8 + k)]


def test_widely_spaced_fragments_of_one_row_join() -> None:
    words = [Box(50, 50, 90, 60), Box(100, 50, 160, 60), Box(300, 50, 340, 60)]
    assert reading_order(words, [10, 10, 10]) == [[0, 1], [2]]


def line(text: str, x0: float, y0: float, x1: float = 500, size: float = 10) -> Line:
    return Line(text, 0, 0, box=Box(x0, y0, x1, y0 + size), font_size=size)


def test_paragraph_starts_from_gap_indent_and_size() -> None:
    lines = [
        line("Heading", 50, 20, 200, 14),
        line("First line of a paragraph, indented", 70, 50),
        line("second line", 50, 62),
        line("last line.", 50, 74, 300),
        line("After a gap", 50, 100),
        line("continues", 50, 112),
    ]
    assert paragraph_starts(lines) == [False, True, False, False, True, False]


def test_an_indented_first_line_of_ragged_text_is_no_centred_line() -> None:
    # Tesseract's hOCR of a two-column scan (tests/data/scanned layout): the
    # paragraph's first line is indented 48 px and ends 38 px short of the
    # next, as a centred line would; but it is nearly as wide as the next
    caption = Line("in lateral view (1) and dorsal view (2).", 0, 0, box=Box(1277, 624, 2038, 660))
    first = Line("Aedeagus (Figs 5-6): Apex of aedeagus", 0, 0, box=Box(1326, 676, 2105, 716))
    second = Line(
        "asymmetrically pointed, ventrally hook-like", 0, 0, box=Box(1278, 727, 2143, 767)
    )
    assert paragraph_starts([caption, first, second]) == [False, True, False]
    # a short line centred over the column still is centred, not indented
    title = Line("Aedeagus", 0, 0, box=Box(1560, 676, 1860, 716))
    assert paragraph_starts([caption, title, second])[1] is False


def test_a_notes_hanging_continuation_line_is_no_indented_paragraph_start() -> None:
    # Tesseract's hOCR of a rough two-column scan: each note its own ocr_par,
    # its continuation line set in (x 139) against the next note's number (x 123)
    def note_line(text: str, x0: float, y0: float, block: str) -> Line:
        return Line(text, 0, 0, box=Box(x0, y0, 560, y0 + 17), block_id=block)

    lines = [
        note_line("6. “Death Toll In Ethnic Clashes In Kazakhstan's South", 122, 1296, "par_2_6"),
        note_line("Rises To 11,” rferl.org, February 13, 2020.", 139, 1318, "par_2_6"),
        note_line('7. "Call Tsender: Na rynke djynhay prodavey vygnali', 123, 1340, "par_2_7"),
        note_line('jataycev iz ih konteynerov," kaktus.media, March 2,', 138, 1360, "par_2_7"),
    ]
    assert paragraph_starts(lines)[1] is False  # it goes on with its note
    # the same lines with no blocks from the format: the indent is all there is
    plain = [Line(ln.text, 0, 0, box=ln.box) for ln in lines]
    assert paragraph_starts(plain)[1] is True


def test_blocks_of_several_lines_are_the_formats_paragraphs() -> None:
    # Tesseract's hOCR of a worn one-column scan: each note its own ocr_par,
    # flush left under the one before at the usual pitch; the blocks are the
    # paragraphs, so each note starts one
    def at(text: str, y0: float, block: str, x0: float = 150) -> Line:
        return Line(text, 0, 0, box=Box(x0, y0, 1360, y0 + 30), block_id=block)

    body = [
        at(f"line {k} of the paragraph above the notes", 1530 + 35 * k, "par_5_5") for k in range(4)
    ]
    notes = [
        at('2 “Mocharoi Diplomati bo Diplomatchoi Chin Furudgochi Dushanbe,"', 1714, "par_5_6"),
        at('*8 “Kazakhstan summons Chinese ambassador in protest over article,"', 1749, "par_5_7"),
        at('*° “WeChat responds to the article "Multi-country eager to return', 1819, "par_5_9"),
        at("thepaper.cn, April 16, 2020.", 1851, "par_5_9", x0=171),
    ]
    assert paragraph_starts(body + notes)[4:] == [True, True, True, False]
    # an engine that makes one block per line says nothing about paragraphs
    one_each = [at(ln.text, 1530 + 35 * k, f"line_{k}") for k, ln in enumerate(body + notes[:2])]
    assert paragraph_starts(one_each) == [False] * 6


def test_a_heading_run_into_its_paragraphs_block_is_split_off() -> None:
    # Tesseract's hOCR of the two-column zoology scan: the species heading
    # (10.9 on 9.5 points) in one ocr_par with the paragraph under it
    def ocr(text: str, y0: float, height: float, x_size: float, block: str) -> Line:
        return Line(
            text, 0, 0, box=Box(1281, y0, 2189, y0 + height), type_height=x_size, block_id=block
        )

    body = [
        ocr(f"body line {k} of the paragraph before", 2000 + 52 * k, 39, 39, "p16")
        for k in range(4)
    ]
    block = [
        ocr("Howdeniola polleti sp. nov. Figs 1-6", 2390, 46, 46, "p17"),
        ocr("HOLOTYPE: o; (EC) Zamora Chinchipe: San", 2446, 38, 39, "p17"),
        ocr("Francisco, Reserva Biologica // San Francisco,", 2498, 39, 38, "p17"),
    ]
    assert paragraph_starts(body + block)[4:] == [True, True, False]
    # a note's first line is taller than its second, but smaller than the body: no heading
    note = [
        ocr('13. "Mid knr poblagodaryl kazakhstan za gumanitarnuyu', 2727, 38, 36, "p18"),
        ocr('pomoshch v bor be s koronavirusom," lenta.inform.kz,', 2767, 30, 31, "p18"),
    ]
    assert paragraph_starts(body + note)[5] is False
