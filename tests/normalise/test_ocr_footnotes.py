"""Footnotes of OCR'd pages with geometry (hOCR): found by the engine's own
measure of the type (``x_size``) where the boxes waver, numbered through
numbers OCR misread, and left to the text rules where geometry cannot count
them. Small hOCR pages written here, and the generated Tesseract scans in
tests/data/scanned."""

from __future__ import annotations

from pathlib import Path

from dedupe.evaluate import evaluate
from dedupe.normalise import normalise
from dedupe.read import read

SCANNED = Path(__file__).resolve().parent.parent / "data" / "scanned" / "beijing-short"

BODY = [
    "The committee met in the spring to review the accounts of the society and",
    "several members questioned the cost of repairing the old library roof, which",
    "had leaked through the winter and damaged a number of bound volumes of letters",
    "kept on the upper shelves of the reading room beside the northern windows.",
    "A survey of the northern parishes found the registers in poor condition and",
    "the treasurer reported a modest surplus after the sale of duplicate books.",
    "same time.",
]
#: a second page of other sentences (the same lines on two pages are a running head)
BODY_2 = [
    "Rumours had circulated for some time prior to these official confirmations",
    "about cases, and it is interesting that all appear to have announced their",
    "first cases at around the same time, as the reports of the region show.",
]


def _line(n: str, text: str, y: int, height: int, x_size: float, x: int = 200) -> str:
    words = "".join(
        f"<span class='ocrx_word' id='w{n}_{k}' title='bbox {x} {y} {x + 60} {y + height}; "
        f"x_wconf 95'>{word}</span> "
        for k, word in enumerate(text.split())
    )
    return (
        f"<span class='ocr_line' id='l{n}' title=\"bbox {x} {y} {x + 1800} {y + height}; "
        f'baseline 0 -8; x_size {x_size}; x_descenders 9; x_ascenders 10">{words}</span>\n'
    )


def _page(number: int, body: list[str], notes: list[str]) -> str:
    """A page of body lines (x_size 46), then notes a size smaller (x_size 36)
    whose boxes are as tall as some body lines' ("same time." has no
    ascenders or descenders: its box is short, its x_size is not)."""
    out = [f"<div class='ocr_page' id='page_{number}' title='bbox 0 0 2480 3508'>"]
    out.append(f"<p class='ocr_par' id='par_{number}_1'>")
    y = 800  # below the head band
    for k, text in enumerate(body):
        short = text == "same time."
        out.append(_line(f"{number}_{k}", text, y, 36 if short else 48, 46))
        y += 60
    out.append("</p>")
    y = 2600
    for k, text in enumerate(notes):
        out.append(f"<p class='ocr_par' id='par_{number}_n{k}'>")
        out.append(_line(f"{number}_n{k}", text, y, 40, 36, x=200))
        out.append("</p>")
        y += 52
    out.append("</div>")
    return "\n".join(out)


def _hocr(tmp_path: Path, pages: list[tuple[list[str], list[str]]]) -> Path:
    body = "\n".join(_page(n, b, f) for n, (b, f) in enumerate(pages, start=1))
    path = tmp_path / "scan.hocr"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title></title>'
        '<meta name="ocr-system" content="tesseract 5.3.0"/></head><body>\n'
        f"{body}\n</body></html>\n",
        encoding="utf-8",
    )
    return path


def test_x_size_is_read_as_the_type_height(tmp_path: Path) -> None:
    source = read(str(_hocr(tmp_path, [(BODY, ['1 "Notes," a.org.'])])))
    heights = {ln.text: ln.type_height for ln in source.lines if ln.text}
    assert heights["same time."] == 46.0
    assert heights['1 "Notes," a.org.'] == 36.0


def test_notes_a_size_smaller_are_found_by_the_engines_measure(tmp_path: Path) -> None:
    # box heights: body 48 (one line 36), notes 40, over 0.8 of the body's:
    # by the boxes alone no line of the notes is small type
    notes = [
        '1 "Passazhirku reisa," hronikaturkmenistana.com, February 2, 2020.',
        '2 "Dva sluchaia zarazheniia," Fergana.news, March 13, 2020.',
        '3 "V Kyrgyzstane zaregistrirovan," kabar.kg, March 18, 2020.',
    ]
    doc = normalise(read(str(_hocr(tmp_path, [(BODY, notes)]))))
    assert sorted(doc.footnotes) == [1, 2, 3]
    assert doc.footnotes[2].text == '"Dva sluchaia zarazheniia," Fergana.news, March 13, 2020.'
    assert "footnote area (geometry)" in doc.footnotes[1].reason
    assert not any("Fergana" in b.text for b in doc.body)
    assert doc.body[-1].text.endswith("same time.")


def test_misread_note_numbers_keep_their_place_in_the_count(tmp_path: Path) -> None:
    # 3 read as '8', 6 as '®' and 7 as '‘0': the numbers after them count on to them
    first = [
        '1 "Passazhirku reisa," hronikaturkmenistana.com, February 2, 2020.',
        '2 "Dva sluchaia zarazheniia," Fergana.news, March 13, 2020.',
        '8 "V Kyrgyzstane zaregistrirovan," kabar.kg, March 18, 2020.',
        '4 "U grazhdanina Uzbekistana," kun.uz, March 15, 2020.',
    ]
    second = [
        '5 "Tadzhikistan ofitsialno priznal," avesta.tj, April 30, 2020.',
        '® "Chem Torguyut v Kitaiskih," asiaplustj.info, March 2, 2020.',
        '‘0"Dvuh grajdan kitaya," Tengrinews.kz, January 29, 2020.',
        '8 "China-led $280 Million," Reuters.com, February 18, 2020.',
    ]
    doc = normalise(read(str(_hocr(tmp_path, [(BODY, first), (BODY_2, second)]))))
    assert sorted(doc.footnotes) == list(range(1, 9))
    assert doc.footnotes[3].text.startswith('"V Kyrgyzstane')
    assert "number read as '8'" in doc.footnotes[3].reason
    assert doc.footnotes[6].text.startswith('"Chem Torguyut')
    assert doc.footnotes[7].text.startswith('"Dvuh')
    assert doc.footnotes[8].text.startswith('"China-led')
    assert not any("Reuters" in b.text or "Kyrgyzstane" in b.text for b in doc.body)


def test_two_column_scan_notes_leave_the_body() -> None:
    # Tesseract's hOCR of the two-column layout: notes led by 'N.' at each
    # column's foot, 7.5 on 9.5 points; read by boxes alone most stayed in the body
    truth = SCANNED / "truth.txt"
    (clean,) = evaluate([str(SCANNED / "twocol-clean.hocr")], str(truth)).scores
    (text,) = evaluate([str(SCANNED / "twocol-clean.txt")], str(truth)).scores
    assert clean.cer < 0.01
    assert clean.cer < text.cer
    doc = normalise(read(str(SCANNED / "twocol-clean.hocr")))
    assert sorted(doc.footnotes) == list(range(1, 11))
    assert not any('"Passazhirku' in b.text for b in doc.body)


def test_a_running_head_whose_box_heights_waver_is_one_style_beside_the_title(
    tmp_path: Path,
) -> None:
    # Tesseract's hOCR of a worn scan (darwin, two columns): the title on
    # page 1 (box 48 high), the head on pages 2 and 4 (boxes 27 and 25 high,
    # one read with specks); all three in one cluster of like text at the top
    pages = []
    for n, head, height in (
        (1, None, 0),
        (2, "2 : : On the Origin of Species", 27),
        (3, None, 0),
        (4, "4 On the Origin of Species", 25),
    ):
        top = []
        if n == 1:
            top.append(_line("t", "On the Origin of Species", 243, 48, 48, x=505))
        elif head:
            top.append(_line(f"h{n}", head, 163, height, 25, x=160))
        body = BODY[:-1] if n % 2 else BODY_2
        pages.append(("".join(top), body))
    text = "\n".join(
        _page(n, body, []).replace("<p class='ocr_par'", f"{top}<p class='ocr_par'", 1)
        for n, (top, body) in enumerate(pages, start=1)
    )
    path = tmp_path / "heads.hocr"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
        f"<head><title></title></head><body>\n{text}\n</body></html>\n",
        encoding="utf-8",
    )
    doc = normalise(read(str(path)))
    heads = [b.text for b in doc.noise if b.reason.startswith("running header")]
    assert heads == ["2 : : On the Origin of Species", "4 On the Origin of Species"]
    assert doc.body[0].text == "On the Origin of Species"


def test_markers_read_as_symbols_leave_the_text_of_a_page_with_notes_found_by_geometry(
    tmp_path: Path,
) -> None:
    # the notes are found where they stand (geometry), the body's raised
    # markers OCR read as symbols: they are left out of the text as they are
    # where the notes were known by their numbering; the word they clung to
    # keeps its OCR confidence (not read with full confidence once mended)
    body = [
        "The committee met in the spring to review the accounts of the society.'®",
        "Several members questioned the cost of repairing the old library roof.°",
        "It had leaked through the winter and damaged a number of bound volumes.'°",
        *BODY[3:-1],
    ]
    notes = [
        '1 "Passazhirku reisa," hronikaturkmenistana.com, February 2, 2020.',
        '2 "Dva sluchaia zarazheniia," Fergana.news, March 13, 2020.',
        '3 "V Kyrgyzstane zaregistrirovan," kabar.kg, March 18, 2020.',
    ]
    path = _hocr(tmp_path, [(body, notes)])
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "x_wconf 95'>volumes.'°", "x_wconf 41'>volumes.'°"
        ),
        encoding="utf-8",
    )
    doc = normalise(read(str(path)))
    assert sorted(doc.footnotes) == [1, 2, 3]
    (paragraph,) = [b for b in doc.body if "committee" in b.text]
    assert "society. Several" in paragraph.text and "volumes. kept on" in paragraph.text
    assert "note markers OCR read as symbols left out" in paragraph.reason
    confidence = {w.text: w.confidence for w in paragraph.confidences}
    assert confidence["volumes."] == 0.41
