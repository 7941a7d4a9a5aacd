"""TEI P5: a real edition excerpt (tests/data/tei) and a crafted one with notes."""

from __future__ import annotations

from pathlib import Path

from dedupe.normalise import normalise
from dedupe.read import read

DATA = Path(__file__).resolve().parent.parent / "data" / "tei"


def test_real_tei_excerpt_reads_heads_pages_and_choices() -> None:
    source = read(str(DATA / "clarke-excerpt.xml"))
    assert source.witness.format == "tei"
    assert "Lewis H. Beck" not in source.text  # the header is not the text
    assert len(source.pages) == 3  # <pb n="xxvi"/> inside a paragraph, then <pb n="3"/>
    assert source.pages[1].lines[0].text.startswith("fall of Troy, the Roman adventures")
    assert "Kipling, Rudyard" in source.text and "Rudyard Kipling\n" not in source.text[:-20]
    doc = normalise(source)
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    assert "Introduction" in headings and "The Choice" in headings
    long = [b for b in doc.blocks if b.text.startswith("For the most part")]
    assert len(long) == 1 and long[0].text.endswith("July 4, 1916.")  # rejoined across the page


def test_real_tei_against_its_text_has_no_substantive_variant(textual_variants) -> None:
    assert (
        textual_variants(str(DATA / "clarke-excerpt.xml"), str(DATA / "clarke-excerpt.txt")) == []
    )


def test_tei_notes_line_breaks_and_deletions(tmp_path: Path) -> None:
    path = tmp_path / "letter.xml"
    path.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
        "<title>A letter</title></titleStmt></fileDesc></teiHeader><text><body>"
        "<head>To the Editor</head><p>The bridge was re<lb break='no'/>built in the "
        "spring<note n='1'>It had fallen in the flood of 1903.</note> and opened "
        "<del>early</del> in <hi rend='italic'>May</hi>.<pb n='2'/>The cost was met by "
        "subscription<note>The list of subscribers is kept.</note>.</p><fw>2</fw>"
        "</body></text></TEI>"
    )
    source = read(str(path))
    assert source.witness.format == "tei"
    doc = normalise(source)
    body = [b.text for b in doc.body]
    assert body[0] == "To the Editor"
    assert body[1].startswith("The bridge was rebuilt in the spring¹ and opened in *May*.")
    assert body[-1] == "The cost was met by subscription²."  # <fw> left out
    assert doc.footnotes[1].text == "It had fallen in the flood of 1903."
    assert doc.footnotes[2].text == "The list of subscribers is kept."
    assert [b.spans[-1].page for b in doc.body][-1] == 2
