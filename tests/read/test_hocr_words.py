"""hOCR words as Tesseract splits them on a worn scan: compounds cut at
their hyphen, and the mark opening a footnote line. Hand-made fixtures in
Tesseract's own layout (its boxes and x_size), as tests/read/test_hocr.py."""

from __future__ import annotations

from pathlib import Path

from dedupe.read import read

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title></title></head><body>
<div class='ocr_page' id='page_1' title='bbox 0 0 2480 3508; ppageno 0'>
"""


def word(n: int, box: tuple[int, int, int, int], conf: int, text: str) -> str:
    x0, y0, x1, y1 = box
    return (
        f"<span class='ocrx_word' id='word_1_{n}' "
        f"title='bbox {x0} {y0} {x1} {y1}; x_wconf {conf}'>{text}</span>"
    )


def line(n: int, y: int, x_size: int, words: list[str]) -> str:
    return (
        f"<p class='ocr_par' id='par_1_{n}'><span class='ocr_line' id='line_1_{n}' "
        f'title="bbox 200 {y} 2300 {y + x_size}; x_size {x_size}">'
        + "".join(words)
        + "</span></p>\n"
    )


def hocr(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "page.hocr"
    path.write_text(HEAD + "".join(lines) + "</div></body></html>\n", encoding="utf-8")
    return path


def test_a_compound_the_engine_cut_at_its_hyphen_is_one_word(tmp_path) -> None:
    path = hocr(
        tmp_path,
        [
            line(
                1,
                700,
                47,
                [
                    word(1, (1230, 731, 1430, 780), 96, "most"),
                    word(2, (1448, 734, 1651, 780), 92, "strongly-"),  # the hyphen read twice:
                    word(3, (1639, 729, 1829, 789), 91, "-marked"),  # the boxes overlap
                    word(4, (1845, 731, 2052, 774), 96, "breeds"),
                ],
            ),
            line(
                2,
                800,
                47,
                [
                    word(5, (1051, 811, 1134, 848), 93, "and"),
                    word(6, (1152, 812, 1246, 849), 93, "sub-"),  # touching: a 2 px gap
                    word(7, (1248, 804, 1447, 864), 96, "varieties"),
                    word(8, (1480, 812, 1510, 849), 95, "-"),  # a spaced dash stays apart
                    word(9, (1540, 811, 1700, 848), 96, "differ"),
                ],
            ),
        ],
    )
    lines = [ln for ln in read(str(path)).lines if ln.text]
    assert [ln.text for ln in lines] == [
        "most strongly-marked breeds",
        "and sub-varieties - differ",
    ]
    assert [w.text for w in lines[0].words] == ["most", "strongly-marked", "breeds"]
    assert lines[0].words[1].confidence == 0.91  # the lower of the two


def test_a_damaged_note_number_opening_a_small_line_stays(tmp_path) -> None:
    body = [
        line(
            k,
            300 + 60 * k,
            47,
            [word(10 * k, (200, 300 + 60 * k, 400, 340 + 60 * k), 95, "Text"),
             word(10 * k + 1, (420, 300 + 60 * k, 600, 340 + 60 * k), 95, "goes"),
             word(10 * k + 2, (620, 300 + 60 * k, 800, 340 + 60 * k), 95, "on.")],
        )
        for k in range(1, 6)
    ]  # fmt: skip
    opening = [
        # body type: a doubtful speck before the first word is dust
        line(6, 700, 47, [word(60, (150, 705, 170, 728), 20, "‘"),
                          word(61, (200, 700, 400, 740), 95, "More"),
                          word(62, (420, 700, 600, 740), 95, "text.")]),
        # note type (smaller): the damaged number stays for the footnote rules
        line(7, 3200, 36, [word(70, (200, 3205, 220, 3224), 31, "®"),
                           word(71, (240, 3200, 500, 3236), 93, "&quot;Death"),
                           word(72, (520, 3200, 700, 3236), 93, "Toll&quot;")]),
    ]  # fmt: skip
    lines = [ln.text for ln in read(str(hocr(tmp_path, body + opening))).lines if ln.text]
    assert lines[-2:] == ["More text.", '® "Death Toll"']
