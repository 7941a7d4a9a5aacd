"""Hostile DOCX, EPUB, TEI, ABBYY and HTML files, each built here: zip bombs,
entities, external DTDs and 10,000-deep nesting give one line on stderr,
exit code 2 and no output file (nor a --write-back folder); the limits hold
without inflating a bomb."""

from __future__ import annotations

import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

SECRET = "TOP-SECRET-CONTENT-7d2e"
DEPTH = 10_000
DOC = (
    '<?xml version="1.0"?>{doctype}<w:document xmlns:w="http://schemas.openxmlformats.org/'
    'wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>'
)
PARA = "<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def zeros(size: int) -> bytes:
    return b" " * size


def hostile(tmp_path: Path, docx_bytes, epub_bytes) -> dict[str, bytes]:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    dtd = tmp_path / "evil.dtd"
    dtd.write_text(f'<!ENTITY x SYSTEM "file://{secret}">')
    entity = f'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file://{secret}">]>'
    bomb_body = PARA.format(text="x") + "<!--" + " " * (4 * 2**20) + "-->"
    tei = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>{}</body></text></TEI>'
    abbyy = (
        '<document xmlns="http://www.abbyy.com/FineReader_xml/FineReader10-schema-v1.xml">'
        '<page><block blockType="Text"><text><par><line l="0" t="0" r="9" b="9">'
        '<formatting><charParams l="0" t="0" r="9" b="9" charConfidence="90">{}</charParams>'
        "</formatting></line></par></text></block></page></document>"
    )
    return {
        "bomb.docx": docx_bytes(DOC.format(doctype="", body=bomb_body)),
        "many.docx": docx_bytes(
            DOC.format(doctype="", body=PARA.format(text="x")),
            {f"word/media/{i}.bin": b"" for i in range(10_001)},
        ),
        "entity.docx": docx_bytes(DOC.format(doctype=entity, body=PARA.format(text="&x;"))),
        "dtd.docx": docx_bytes(
            DOC.format(
                doctype=f'<!DOCTYPE w:document SYSTEM "file://{dtd}">',
                body=PARA.format(text="&x;"),
            )
        ),
        "deep.docx": docx_bytes(
            DOC.format(
                doctype="", body="<w:sdt>" * DEPTH + PARA.format(text="x") + "</w:sdt>" * DEPTH
            )
        ),
        "bomb.epub": epub_bytes(
            "<html xmlns='http://www.w3.org/1999/xhtml'><body><p>x</p>"
            + "<!--"
            + " " * (4 * 2**20)
            + "--></body></html>"
        ),
        "entity.epub": epub_bytes(
            f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "file://{secret}">]>'
            "<html xmlns='http://www.w3.org/1999/xhtml'><body><p>&x;</p></body></html>"
        ),
        "dtd.epub": epub_bytes(
            f'<?xml version="1.0"?><!DOCTYPE html SYSTEM "file://{dtd}">'
            "<html xmlns='http://www.w3.org/1999/xhtml'><body><p>&x;</p></body></html>"
        ),
        "deep.epub": epub_bytes(
            "<html xmlns='http://www.w3.org/1999/xhtml'><body>"
            + "<div>" * DEPTH
            + "<p>x</p>"
            + "</div>" * DEPTH
            + "</body></html>"
        ),
        "entity-notes.docx": docx_bytes(
            DOC.format(doctype="", body=PARA.format(text="x")),
            {"word/footnotes.xml": f'<?xml version="1.0"?>{entity}<w:footnotes/>'.encode()},
        ),
        "laughs.tei.xml": (
            '<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY a "lol">'
            + "".join(
                f'<!ENTITY {c} "{("&" + p + ";") * 10}">'
                for p, c in zip("abcdefgh", "bcdefghi", strict=True)
            )
            + "]>"
            + tei.format("<p>&i;</p>")
        ).encode(),
        "entity.tei.xml": (
            f'<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY x SYSTEM "file://{secret}">]>'
            + tei.format("<p>&x;</p>")
        ).encode(),
        "dtd.tei.xml": (
            f'<?xml version="1.0"?><!DOCTYPE TEI SYSTEM "file://{dtd}">' + tei.format("<p>&x;</p>")
        ).encode(),
        "deep.tei.xml": tei.format("<div>" * DEPTH + "<p>x</p>" + "</div>" * DEPTH).encode(),
        "entity.abbyy.xml": (
            f'<?xml version="1.0"?><!DOCTYPE document [<!ENTITY x SYSTEM "file://{secret}">]>'
            + abbyy.format("&x;")
        ).encode(),
        "dtd.abbyy.xml": (
            f'<?xml version="1.0"?><!DOCTYPE document SYSTEM "file://{dtd}">' + abbyy.format("&x;")
        ).encode(),
        "deep.abbyy.xml": abbyy.replace("<page>", "<page>" + "<block>" * DEPTH)
        .replace("</page>", "</block>" * DEPTH + "</page>")
        .format("x")
        .encode(),
        "deep.html": (
            "<html><body><p>Some text</p>"
            + "<div>" * DEPTH
            + "deep"
            + "</div>" * DEPTH
            + "</body></html>"
        ).encode(),
    }


EXPECTED = {
    "bomb.docx": "refused for safety: word/document.xml is compressed",
    "many.docx": "refused for safety: 10003 members",
    "entity.docx": "declares a document type",
    "dtd.docx": "declares a document type",
    "deep.docx": "nested deeper than 256 levels",
    "bomb.epub": "refused for safety: c.xhtml is compressed",
    "entity.epub": "XML declares entities",
    "entity.tei.xml": "XML declares entities",
    "laughs.tei.xml": "XML declares entities",
    "dtd.epub": "EPUB has no text",  # the DTD was not loaded
    "deep.epub": "nested deeper than 256 levels",
    "entity-notes.docx": "declares a document type",
    "dtd.tei.xml": "TEI file has no text",  # the DTD was not loaded: &x; stays unknown
    "deep.tei.xml": "nested deeper than 256 levels",
    "entity.abbyy.xml": "XML declares entities",
    "dtd.abbyy.xml": "ABBYY file has no text",
    "deep.abbyy.xml": "nested deeper than 256 levels",
    "deep.html": "nested deeper than 256 levels",
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_file_is_one_line_exit_2_nothing_written(
    name: str, tmp_path: Path, docx_package, epub_package
) -> None:
    path = tmp_path / name
    path.write_bytes(hostile(tmp_path, docx_package, epub_package)[name])
    other = tmp_path / "other.txt"
    other.write_text("Some text\n")
    out, fixed = tmp_path / "out.txt", tmp_path / "fixed"
    before = path.read_bytes()
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "dedupe",
            "compare",
            str(path),
            str(other),
            "-o",
            str(out),
            "--write-back",
            str(fixed),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"dedupe: {name}: "), run.stderr
    assert EXPECTED[name] in lines[0]
    assert SECRET not in run.stderr and path.read_bytes() == before
    assert not out.exists() and not fixed.exists()  # no edition, no corrected copy


def test_a_bomb_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    """A 1 GiB member (compressed to about a megabyte) is refused from the
    directory: memory does not grow by anything like its size."""
    path = tmp_path / "huge.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = zeros(2**24)
            for _ in range(64):
                member.write(chunk)
    from dedupe.model import DedupeError
    from dedupe.read import read

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(DedupeError, match="inflates to 1073741824 bytes"):
        read(str(path))
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100_000


def test_a_member_that_lies_about_its_size_is_cut_off(tmp_path: Path, docx_package) -> None:
    """A directory that understates a member's size: zipfile stops at the
    size declared (a damaged file); the budget of the whole package holds too."""
    from dedupe.read import package

    data = docx_package(DOC.format(doctype="", body=PARA.format(text="x" * 5000)))
    opened = package.Package(data, "liar.docx", "DOCX")
    opened.members["word/document.xml"].file_size = 2
    with pytest.raises(package.DedupeError, match="damaged DOCX"):
        opened.read("word/document.xml")
    opened = package.Package(data, "liar.docx", "DOCX")
    opened._read = package.MAX_TOTAL_BYTES - 100  # as if other members used the budget
    with pytest.raises(package.DedupeError, match="inflates past its limit"):
        opened.read("word/document.xml")
