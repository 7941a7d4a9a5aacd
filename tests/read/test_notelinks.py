"""Notes found by their links both ways, as Word's "Save as Web Page",
pandoc and Wikipedia write them (LibreOffice's own HTML and EPUB are in
test_libreoffice.py): the marker becomes a note number, the note's text
comes without its link back, and a table of contents is not taken for notes."""

from __future__ import annotations

from pathlib import Path

import pytest

from dedupe.read import read

BODY = "<p>The committee met in the spring.{one}</p><p>The roof was repaired.{two}</p>"
PAGES = {
    "word": (
        "<html><body><div class=WordSection1>"
        + BODY.format(
            one='<a href="#_ftn1" name="_ftnref1"><span class=MsoFootnoteReference>[1]</span></a>',
            two='<a href="#_ftn2" name="_ftnref2"><span class=MsoFootnoteReference>[2]</span></a>',
        )
        + "</div><div style='mso-element:footnote-list'><br clear=all><hr align=left>"
        "<div style='mso-element:footnote' id=ftn1><p class=MsoFootnoteText>"
        '<a href="#_ftnref1" name="_ftn1">[1]</a> The accounts are kept in box 7.</p></div>'
        "<div style='mso-element:footnote' id=ftn2><p class=MsoFootnoteText>"
        '<a href="#_ftnref2" name="_ftn2">[2]</a> The survey was made in 1911.</p></div>'
        "</div></body></html>"
    ),
    "wikipedia": (
        "<html><body><main>"
        + BODY.format(
            one='<sup id="cite_ref-1" class="reference"><a href="#cite_note-1">[1]</a></sup>',
            two='<sup id="cite_ref-2" class="reference"><a href="#cite_note-2">[2]</a></sup>',
        )
        + '<h2>References</h2><ol class="references">'
        '<li id="cite_note-1"><span class="mw-cite-backlink"><a href="#cite_ref-1">^</a></span>'
        " <span>The accounts are kept in box 7.</span></li>"
        '<li id="cite_note-2"><span class="mw-cite-backlink"><a href="#cite_ref-2">^</a></span>'
        " <span>The survey was made in 1911.</span></li></ol></main></body></html>"
    ),
}


@pytest.mark.parametrize("producer", sorted(PAGES))
def test_notes_linked_both_ways(producer: str, tmp_path: Path) -> None:
    path = tmp_path / "minutes.html"
    path.write_text(PAGES[producer])
    source = read(str(path))
    assert "met in the spring.¹" in source.text and "was repaired.²" in source.text
    notes = [ln.text for ln in source.lines if ln.hint == "footnote"]
    assert notes == ["1 The accounts are kept in box 7.", "2 The survey was made in 1911."]
    assert "^" not in source.text and "[1]" not in source.text


def test_a_table_of_contents_is_not_notes(tmp_path: Path) -> None:
    path = tmp_path / "book.html"
    path.write_text(
        '<html><body><ol id="toc"><li><a href="#c1">1</a></li><li><a href="#c2">2</a></li>'
        '</ol><h2 id="c1">The Minutes <a href="#toc">^</a></h2><p>The committee met.</p>'
        '<h2 id="c2">The Survey <a href="#toc">^</a></h2><p>The survey was made.</p>'
        "</body></html>"
    )
    source = read(str(path))
    assert not [ln for ln in source.lines if ln.hint == "footnote"]
    assert "The Minutes" in source.text and "The survey was made." in source.text
