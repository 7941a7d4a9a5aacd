"""ALTO reader on real ALTO files (v2 ABBYY, v3 Tesseract, OCR-D ground truth)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dedupe.model import DedupeError
from dedupe.normalise.fold import fold
from dedupe.read import read

DATA = Path(__file__).resolve().parent.parent / "data"


def strings(path: Path) -> list[str]:
    """Every String CONTENT and HYP of the file, in file order."""
    raw = path.read_text(encoding="utf-8-sig")
    found = re.findall(r'<(?:\w+:)?(String|HYP)\b[^>]*?CONTENT="([^"]*)"', raw)
    return [content for _, content in found]


@pytest.mark.parametrize("name", ["test.alto2.xml", "test.alto3.xml"])
def test_text_is_the_string_content_in_order(name: str) -> None:
    path = DATA / "alto" / name
    source = read(str(path))
    assert source.witness.format == "alto"
    words = " ".join(ln.text for ln in source.lines if ln.text).split()
    expected = " ".join(strings(path)).replace(" -", "-").split()
    assert "".join(words) == "".join(expected).replace("&amp;", "&").replace("&quot;", '"')
    for line in source.lines:
        assert source.text[line.start : line.end] == line.text


def test_alto3_lines_boxes_and_confidences() -> None:
    source = read(str(DATA / "alto" / "test.alto3.xml"))
    first = source.lines[0]
    assert first.text == "über die vielen Sorgen wegen deſſelben vergaß"
    assert (first.box.x0, first.box.y0, first.box.x1, first.box.y1) == (135, 251, 876, 298)
    assert [w.confidence for w in first.words] == [0.89, 0.96, 0.87, 0.96, 0.21, 0.21, 0.74]
    # one TextBlock per line, but the lines continue one paragraph
    assert [ln.text for ln in source.lines][1:] == [
        "Hartkopf, der Frau Amtmännin das ver-",
        "ſprochene zu überliefern.",
    ]


def test_alto2_font_sizes_and_hyphens() -> None:
    source = read(str(DATA / "alto" / "test.alto2.xml"))
    sizes = {ln.font_size for ln in source.lines if ln.text}
    assert sizes <= {7.0, 11.0} and 11.0 in sizes
    assert any(ln.text.endswith("-") for ln in source.lines)
    assert source.lines[0].text == "142"


def kant_words(path: Path) -> list[str]:
    text = " ".join(ln.text for ln in read(str(path)).lines if ln.text)
    return fold(text).split()


def test_kant_ground_truth_page_and_alto_read_to_the_same_words() -> None:
    for number in ("0017", "0020"):
        page = kant_words(DATA / "kant" / "GT-PAGE" / f"PAGE_{number}_PAGE.xml")
        alto = kant_words(DATA / "kant" / "GT-ALTO" / f"PAGE_{number}_ALTO.xml")
        # PAGE writes some punctuation apart ("Stuͤk ."), ALTO gives no spaces:
        # both are spaced by the boxes, so the words are the same
        assert page == alto, number
        assert len(alto) > 100


def test_namespace_v4_and_missing_geometry(tmp_path: Path) -> None:
    xml = (
        '<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout><Page WIDTH="10" HEIGHT="10">'
        '<PrintSpace><TextBlock ID="b1"><TextLine><String CONTENT="Was"/><SP/>'
        '<String CONTENT="iſt" WC="0.5"/></TextLine></TextBlock></PrintSpace></Page></Layout></alto>'
    )
    path = tmp_path / "v4.xml"
    path.write_text(xml)
    source = read(str(path))
    assert [ln.text for ln in source.lines] == ["Was iſt"]
    assert source.lines[0].words == ()  # one String has no WC: no partial list


def test_malformed_alto_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text('<alto xmlns="http://www.loc.gov/standards/alto/ns-v3#"><Layout><Page>')
    with pytest.raises(DedupeError) as err:
        read(str(path))
    assert str(err.value).startswith("broken.xml: malformed XML (")
    assert "\n" not in str(err.value)


def test_superscript_strings_become_superscript_markers(tmp_path: Path) -> None:
    xml = (
        '<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Styles>'
        '<TextStyle ID="sup" FONTSIZE="6" FONTSTYLE="superscript"/></Styles>'
        '<Layout><Page WIDTH="100" HEIGHT="100"><PrintSpace><TextBlock ID="b">'
        '<TextLine><String CONTENT="the"/><SP/><String CONTENT="roof."/><SP/>'
        '<String CONTENT="12" STYLEREFS="sup"/><SP/><String CONTENT="It"/></TextLine>'
        '<TextLine><String CONTENT="3" STYLE="superscript"/><SP/><String CONTENT="Note."/>'
        "</TextLine></TextBlock></PrintSpace></Page></Layout></alto>"
    )
    path = tmp_path / "sup.xml"
    path.write_text(xml)
    assert [ln.text for ln in read(str(path)).lines] == ["the roof.¹² It", "³ Note."]
