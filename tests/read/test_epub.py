"""EPUB 3 books built in the test by the EPUB 3.3 package rules: spine order
(not manifest order), footnotes as notes, page-list markers as page breaks."""

from __future__ import annotations

import zipfile
from pathlib import Path

from dedupe.normalise import normalise
from dedupe.read import read

XHTML = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" '
    'xmlns:epub="http://www.idpf.org/2007/ops"><head><title>{title}</title></head>'
    "<body>{body}</body></html>"
)
CHAPTER_ONE = (
    "<section epub:type='chapter'><h1>The Society Minutes</h1><p>The committee met in the "
    "spring to review the accounts of the society.<a epub:type='noteref' href='notes.xhtml#n1'>"
    "1</a></p><span epub:type='pagebreak' id='p2' title='2'/><p>Several members questioned the "
    "cost of repairing the old library roof.</p></section>"
)
CHAPTER_TWO = (
    "<section epub:type='chapter'><h1>The Survey</h1><p>A survey of the northern parishes "
    "found the registers in poor condition.</p></section>"
)
NOTES = (
    "<section epub:type='endnotes'><h2>Notes</h2><ol><li id='n1' epub:type='endnote'><p>"
    "The accounts are kept in box 7.</p></li></ol></section>"
)


def make_epub(path: Path, extra: dict[str, bytes] | None = None) -> Path:
    opf = (
        '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" '
        'unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
        "<dc:identifier id='id'>urn:uuid:1</dc:identifier><dc:title>Minutes</dc:title>"
        "<dc:language>en</dc:language></metadata><manifest>"
        "<item id='notes' href='notes.xhtml' media-type='application/xhtml+xml'/>"
        "<item id='c2' href='text/two.xhtml' media-type='application/xhtml+xml'/>"
        "<item id='c1' href='text/one.xhtml' media-type='application/xhtml+xml'/>"
        "</manifest><spine><itemref idref='c1'/><itemref idref='c2'/><itemref idref='notes'/>"
        "</spine></package>"
    )
    container = (
        '<?xml version="1.0"?><container version="1.0" '
        'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
        '<rootfile full-path="OEBPS/book.opf" media-type="application/oebps-package+xml"/>'
        "</rootfiles></container>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/container.xml", container)
        z.writestr("OEBPS/book.opf", opf)
        z.writestr("OEBPS/text/one.xhtml", XHTML.format(title="One", body=CHAPTER_ONE))
        z.writestr("OEBPS/text/two.xhtml", XHTML.format(title="Two", body=CHAPTER_TWO))
        z.writestr("OEBPS/notes.xhtml", XHTML.format(title="Notes", body=NOTES))
        for name, data in (extra or {}).items():
            z.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return path


def test_epub_spine_order_notes_and_pages(tmp_path: Path) -> None:
    source = read(str(make_epub(tmp_path / "minutes.epub")))
    assert source.witness.format == "epub"
    assert source.text.index("Society Minutes") < source.text.index("The Survey")
    assert len(source.pages) == 2 and source.pages[1].lines[0].text.startswith("Several")
    doc = normalise(source)
    assert doc.footnotes[1].text == "The accounts are kept in box 7."
    assert "of the society.¹" in source.text


def test_epub_against_the_same_text(
    tmp_path: Path, textual_variants, minutes_one_note_text
) -> None:
    txt = tmp_path / "minutes.txt"
    txt.write_text(minutes_one_note_text)
    assert textual_variants(str(make_epub(tmp_path / "minutes.epub")), str(txt)) == []
