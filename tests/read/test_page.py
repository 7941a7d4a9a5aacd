"""PAGE XML reader on the OCR-D Kant ground truth, an OCR engine's output and
the lorem-ipsum ground truth."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dedupe.model import DedupeError
from dedupe.read import read

DATA = Path(__file__).resolve().parent.parent / "data"
GT = DATA / "kant" / "GT-PAGE" / "PAGE_0017_PAGE.xml"


def line_equivs(path: Path) -> dict[str, str]:
    """TextLine id -> its own TextEquiv/Unicode, straight from the file."""
    from lxml import etree

    root = etree.parse(str(path)).getroot()
    ns = {"pc": root.nsmap[root.prefix] if root.prefix else root.nsmap[None]}
    out = {}
    for line in root.iterfind(".//pc:TextLine", ns):
        unicode = line.find("pc:TextEquiv/pc:Unicode", ns)
        if unicode is not None and unicode.text:
            out[line.get("id")] = " ".join(unicode.text.split())
    return out


def test_lines_are_the_textline_textequivs() -> None:
    source = read(str(GT))
    assert source.witness.format == "page"
    read_lines = [ln.text for ln in source.lines if ln.text]
    # the ground truth keeps punctuation as Words of its own and sometimes
    # writes a space before it in the line ("1784 ."); the Words' boxes touch,
    # so the reader sets it solid, as the ALTO version of the page reads
    expected = [re.sub(r" ([.,])", r"\1", t) for t in line_equivs(GT).values()]
    assert "1784 ." in line_equivs(GT).values() and "1784." in read_lines
    assert "ein ſo großer Theil der Menſchen, nachdem ſie die" in read_lines
    # the drop capital "A" is joined to the first line of its paragraph
    assert "Aufklaͤrung iſt der Ausgang des Men-" in read_lines
    assert sorted(read_lines) == sorted(
        [t for t in expected if t not in ("A", "ufklaͤrung iſt der Ausgang des Men-")]
        + ["Aufklaͤrung iſt der Ausgang des Men-"]
    )


def test_regions_follow_the_reading_order() -> None:
    texts = [ln.text for ln in read(str(GT)).lines if ln.text]
    order = ["Berliniſche Monatsſchrift.", "Beantwortung der Frage:", "Aufklaͤrung iſt der"]
    positions = [next(i for i, t in enumerate(texts) if t.startswith(o)) for o in order]
    assert positions == sorted(positions)
    assert texts[-1] == "(na-"  # the catch-word closes the page


def test_region_types_become_hints() -> None:
    lines = read(str(DATA / "kant" / "GT-PAGE" / "PAGE_0020_PAGE.xml")).lines
    hints = {ln.text: (ln.hint, ln.hint_reason) for ln in lines if ln.hint}
    assert ("page-number", "PAGE XML region of type 'page-number'") in hints.values()
    assert ("footer", "PAGE XML region of type 'catch-word'") in hints.values()


def test_ocr_engine_page_with_word_confidences() -> None:
    path = next((DATA / "kant" / "OCR-TESS-frk").glob("*.xml"))
    source = read(str(path))
    lines = [ln for ln in source.lines if ln.text]
    assert len(lines) > 20
    with_words = [ln for ln in lines if ln.words]
    assert with_words
    for line in with_words:
        assert all(0.0 <= w.confidence <= 1.0 for w in line.words)
        assert re.sub(r"\s", "", line.text) == "".join(w.text for w in line.words).replace(" ", "")


def test_region_text_without_line_text() -> None:
    source = read(str(DATA / "page" / "lorem-ipsum-scan.gt.page.xml"))
    lines = [ln.text for ln in source.lines if ln.text]
    assert lines[0].startswith("Lorem ipsum dolor sit amet, consetetur sadipscing elitr")
    assert lines[-1] == "dolor sit amet."
    assert len(lines) == 7


def test_page_2013_namespace_and_points(tmp_path: Path) -> None:
    xml = (
        '<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2013-07-15">'
        '<Page imageWidth="100" imageHeight="200"><TextRegion id="r1" type="paragraph">'
        '<TextLine id="l1"><Coords points="10,20 90,20 90,30 10,30"/>'
        '<TextEquiv index="1"><Unicode>second choice</Unicode></TextEquiv>'
        '<TextEquiv index="0"><Unicode>first choice</Unicode></TextEquiv>'
        "</TextLine></TextRegion></Page></PcGts>"
    )
    path = tmp_path / "p.xml"
    path.write_text(xml)
    line = read(str(path)).lines[0]
    assert line.text == "first choice"
    assert (line.box.x0, line.box.y0, line.box.x1, line.box.y1) == (10, 20, 90, 30)


def test_malformed_page_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.xml"
    path.write_text(
        '<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"><Page>'
    )
    with pytest.raises(DedupeError, match=r"^bad\.xml: malformed XML \("):
        read(str(path))
