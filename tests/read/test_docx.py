"""DOCX witnesses made with python-docx in the test: headings, emphasis, page
breaks, footnotes and endnotes, tracked changes read as the current text, and
the same text as a .txt comparing with no substantive variant."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from dedupe.read import read

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NOTES = (
    f'<w:{{kind}}s xmlns:w="{W}">'
    '<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
    '<w:{kind} w:id="1"><w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:{kind}>'
    "</w:{kind}s>"
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."


def make_docx(path: Path) -> Path:
    """A Word document with python-docx, then a footnote, an endnote and
    tracked changes added to its parts as Word writes them."""
    import docx

    document = docx.Document()
    document.add_heading("The Society Minutes", level=1)
    p = document.add_paragraph("The committee met in the spring to review the ")
    p.add_run("accounts").italic = True
    p.add_run(" of the society.")
    document.add_paragraph("Several members questioned the cost of repairing the old library roof.")
    document.add_page_break()
    document.add_heading("The Survey", level=2)
    document.add_paragraph("A survey of the northern parishes found the registers in ")
    document.save(path)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    body = etree.fromstring(parts["word/document.xml"])
    paras = body.findall(f".//{{{W}}}p")

    def element(xml: str):
        return etree.fromstring(f'<w:x xmlns:w="{W}">{xml}</w:x>')[0]

    paras[1].append(element('<w:r><w:footnoteReference w:id="1"/></w:r>'))
    last = paras[-1]
    last.append(
        element('<w:del w:id="9" w:author="A"><w:r><w:delText>poor</w:delText></w:r></w:del>')
    )
    last.append(element('<w:ins w:id="10" w:author="A"><w:r><w:t>good</w:t></w:r></w:ins>'))
    last.append(element('<w:r><w:t xml:space="preserve"> condition.</w:t></w:r>'))
    last.append(element('<w:r><w:endnoteReference w:id="1"/></w:r>'))
    parts["word/document.xml"] = etree.tostring(body, xml_declaration=True, encoding="UTF-8")
    parts["word/footnotes.xml"] = NOTES.format(
        kind="footnote", text="The accounts are kept in box 7."
    ).encode()
    parts["word/endnotes.xml"] = NOTES.format(
        kind="endnote", text="The survey was made in 1911."
    ).encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    extra = "".join(
        f'<Relationship Id="rIdN{k}" Type="{REL}{k}s" Target="{k}s.xml"/>'
        for k in ("footnote", "endnote")
    )
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>", extra + "</Relationships>"
    ).encode()
    types = parts["[Content_Types].xml"].decode()
    extra = "".join(
        f'<Override PartName="/word/{k}s.xml" ContentType="{CT}{k}s+xml"/>'
        for k in ("footnote", "endnote")
    )
    parts["[Content_Types].xml"] = types.replace("</Types>", extra + "</Types>").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def test_docx_structure_notes_and_tracked_changes(tmp_path: Path) -> None:
    source = read(str(make_docx(tmp_path / "minutes.docx")))
    assert source.witness.format == "docx"
    text = source.text
    assert "registers in good condition.²" in text and "poor" not in text
    assert "review the *accounts* of the society.¹" in text
    assert len(source.pages) == 2 and source.pages[1].lines[0].text == "The Survey"
    notes = [ln.text for ln in source.lines if ln.hint == "footnote"]
    assert notes == ["1 The accounts are kept in box 7.", "2 The survey was made in 1911."]
    from dedupe.normalise import normalise

    doc = normalise(source)
    kinds = [(b.kind, b.text) for b in doc.blocks]
    assert ("heading", "The Survey") in kinds
    assert doc.footnotes[2].text == "The survey was made in 1911."


def test_docx_named_anything_is_read_by_content(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "minutes.docx")
    renamed = tmp_path / "minutes.bin"
    renamed.write_bytes(path.read_bytes())
    assert read(str(renamed)).witness.format == "docx"


def test_docx_against_the_same_text_has_no_substantive_variant(
    tmp_path: Path, textual_variants, minutes_text
) -> None:
    txt = tmp_path / "minutes.txt"
    txt.write_text(minutes_text)
    assert textual_variants(str(make_docx(tmp_path / "minutes.docx")), str(txt)) == []
