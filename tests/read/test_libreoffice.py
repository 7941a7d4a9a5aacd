"""DOCX, HTML and EPUB made by LibreOffice (``soffice --headless
--convert-to``) from a flat ODT written here: real footnote and endnote
parts, tracked changes, heading styles, a page break and italics as
LibreOffice writes them, read with their structure and comparing with the
same text typed as .txt with no variant in the words."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from dedupe.normalise import normalise
from dedupe.read import read

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)
STYLES = (
    "<office:styles>"
    '<style:style style:name="Heading" style:family="paragraph" style:class="text"/>'
    '<style:style style:name="Heading_20_1" style:display-name="Heading 1" '
    'style:family="paragraph" style:parent-style-name="Heading" '
    'style:default-outline-level="1"/>'
    '<style:style style:name="Heading_20_2" style:display-name="Heading 2" '
    'style:family="paragraph" style:parent-style-name="Heading" '
    'style:default-outline-level="2"/>'
    "</office:styles><office:automatic-styles>"
    '<style:style style:name="Em" style:family="text">'
    '<style:text-properties fo:font-style="italic"/></style:style>'
    '<style:style style:name="NewPage" style:family="paragraph" '
    'style:parent-style-name="Heading_20_2">'
    '<style:paragraph-properties fo:break-before="page"/></style:style>'
    "</office:automatic-styles>"
)
CHANGE = (
    '<text:changed-region text:id="{id}"><text:{kind}><office:change-info>'
    "<dc:creator>Editor</dc:creator><dc:date>2024-01-01T00:00:00</dc:date>"
    "</office:change-info>{old}</text:{kind}></text:changed-region>"
)


def flat_odt(tracked: bool) -> str:
    """The minutes as a flat ODT; with ``tracked``, 'poor' is a tracked
    deletion and 'good' a tracked insertion (else the text just reads 'good')."""
    changes = ""
    good = "good"
    if tracked:
        changes = (
            "<text:tracked-changes>"
            + CHANGE.format(id="c1", kind="deletion", old="<text:p>poor</text:p>")
            + CHANGE.format(id="c2", kind="insertion", old="")
            + "</text:tracked-changes>"
        )
        good = (
            '<text:change text:change-id="c1"/><text:change-start text:change-id="c2"/>'
            'good<text:change-end text:change-id="c2"/>'
        )

    def note(ident: str, kind: str, citation: str, text: str) -> str:
        return (
            f'<text:note text:id="{ident}" text:note-class="{kind}"><text:note-citation>'
            f"{citation}</text:note-citation><text:note-body><text:p>{text}</text:p>"
            "</text:note-body></text:note>"
        )

    return (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document {NS} office:version="1.2" '
        f'office:mimetype="application/vnd.oasis.opendocument.text">{STYLES}'
        f"<office:body><office:text>{changes}"
        '<text:h text:style-name="Heading_20_1" text:outline-level="1">'
        "The Society Minutes</text:h>"
        "<text:p>The committee met in the spring to review the "
        '<text:span text:style-name="Em">accounts</text:span> of the society.'
        + note("n1", "footnote", "1", "The accounts are kept in box 7.")
        + "</text:p><text:p>Several members questioned the cost of repairing the old "
        'library roof.</text:p><text:h text:style-name="NewPage" text:outline-level="2">'
        "The Survey</text:h><text:p>A survey of the northern parishes found the registers "
        f"in {good} condition."
        + note("n2", "endnote", "i", "The survey was made in 1911.")
        + "</text:p></office:text></office:body></office:document>"
    )


NOTES = ["1 The accounts are kept in box 7.", "2 The survey was made in 1911."]


@pytest.fixture(scope="module")
def made(soffice, tmp_path_factory, minutes_text) -> dict[str, Path]:
    """LibreOffice's DOCX (with the tracked changes), HTML and EPUB (from the
    accepted text: LibreOffice writes both readings of a change into those)."""
    folder = tmp_path_factory.mktemp("libreoffice")
    tracked, accepted = folder / "tracked.fodt", folder / "minutes.fodt"
    tracked.write_text(flat_odt(tracked=True))
    accepted.write_text(flat_odt(tracked=False))
    typed = folder / "minutes.txt"
    typed.write_text(minutes_text)
    return {
        "docx": soffice(tracked, "docx"),
        "html": soffice(accepted, "html"),
        "epub": soffice(accepted, "epub"),
        "txt": typed,
    }


def headings(source) -> list[str]:
    return [b.text for b in normalise(source).blocks if b.kind == "heading"]


def test_libreoffice_docx_notes_parts_tracked_changes_pages(made) -> None:
    with zipfile.ZipFile(made["docx"]) as package:
        parts = set(package.namelist())
        body = package.read("word/document.xml").decode()
    assert {"word/footnotes.xml", "word/endnotes.xml"} <= parts  # real note parts
    assert "<w:del " in body and "<w:delText>poor</w:delText>" in body and "<w:ins " in body
    source = read(str(made["docx"]))
    assert source.witness.format == "docx"
    assert "registers in good condition.²" in source.text and "poor" not in source.text
    assert "review the *accounts* of the society.¹" in source.text
    assert len(source.pages) == 2 and source.pages[1].lines[0].text == "The Survey"
    assert [ln.text for ln in source.lines if ln.hint == "footnote"] == NOTES
    assert headings(source) == ["The Society Minutes", "The Survey"]
    doc = normalise(source)
    assert doc.footnotes[1].text == "The accounts are kept in box 7."
    assert doc.footnotes[2].text == "The survey was made in 1911."


def test_libreoffice_html_notes_page_break_and_headings(made) -> None:
    page = made["html"].read_text()
    assert 'content="LibreOffice' in page and 'class="sdfootnoteanc"' in page
    source = read(str(made["html"]))
    assert source.witness.format == "html"
    assert "review the *accounts* of the society.¹" in source.text
    assert [ln.text for ln in source.lines if ln.hint == "footnote"] == NOTES
    assert len(source.pages) == 2 and source.pages[1].lines[0].text == "The Survey"
    assert headings(source) == ["The Society Minutes", "The Survey"]


def test_libreoffice_epub_spine_and_notes(made) -> None:
    with zipfile.ZipFile(made["epub"]) as package:
        opf = next(n for n in package.namelist() if n.endswith(".opf"))
        assert "LibreOffice" in package.read(opf).decode()
    source = read(str(made["epub"]))
    assert source.witness.format == "epub"
    # the notes without the link back to their marker that LibreOffice puts first
    assert [ln.text for ln in source.lines if ln.hint == "footnote"] == NOTES
    assert re.search(r"of the society\.¹\n\nSeveral members", source.text)


@pytest.mark.parametrize("kind", ["docx", "html", "epub"])
def test_libreoffice_files_against_the_same_text(made, kind, textual_variants) -> None:
    assert textual_variants(str(made[kind]), str(made["txt"])) == []
