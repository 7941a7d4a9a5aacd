"""The DOCX that --write-back writes, opened by LibreOffice: converted to a
flat ODT by ``soffice``, it holds each correction as a tracked change by
dedupe, and accepting them all gives the canonical text, rejecting them all
the witness's, whether the witness was typed text or a DOCX LibreOffice made."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest
from lxml import etree

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
DC = "http://purl.org/dc/elements/1.1/"
GOOD = (
    "The Minutes\n\nThe committee met in the spring to review the accounts.\n\n"
    "Several members questioned the cost of repairing the old library roof.\n"
)
BAD = (
    "The Minutes\n\nThe commitee met in the spring to review accounts.\n\n"
    "Several members questioned the cost of repairing the library roof today.\n"
)


def _t(name: str) -> str:
    return f"{{{TEXT}}}{name}"


def _block_text(block, regions: dict, accept: bool) -> str:
    dropped = "deletion" if accept else "insertion"
    pieces: list[str] = [block.text or ""]
    open_changes: set[str] = set()

    def kept() -> bool:
        return not any(regions[c][0] == dropped for c in open_changes)

    def walk(element: etree._Element) -> None:
        for child in element:
            ident = child.get(_t("change-id"))
            if child.tag == _t("change-start"):
                open_changes.add(ident)
            elif child.tag == _t("change-end"):
                open_changes.discard(ident)
            elif child.tag == _t("change") and not accept:
                pieces.append(regions[ident][1])
            elif child.tag == _t("s"):
                pieces.append(" " * int(child.get(_t("c"), "1")))
            else:
                if kept():
                    pieces.append(child.text or "")
                walk(child)
            if child.tail and kept():
                pieces.append(child.tail)

    walk(block)
    return "".join(pieces)


def paragraphs(odt: etree._Element, accept: bool) -> list[str]:
    """The text of each heading and paragraph with every tracked change
    accepted (or rejected), as LibreOffice stores them: ranges between
    change-start and change-end, or a point whose deleted text is kept in
    the changed region."""
    regions = {}
    for region in odt.iter(_t("changed-region")):
        kind = etree.QName(region[0]).localname
        old = " ".join("".join(p.itertext()) for p in region[0].iter(_t("p")))
        regions[region.get(_t("id"))] = (kind, old)
    body = next(odt.iter(f"{{{OFFICE}}}text"))
    return [
        _block_text(block, regions, accept) for block in body if block.tag in (_t("p"), _t("h"))
    ]


@pytest.fixture(scope="module", params=["txt", "docx"])
def opened(request, soffice, tmp_path_factory) -> dict:
    """The witness to correct as typed text, or as a DOCX LibreOffice made of it."""
    folder = tmp_path_factory.mktemp("writeback-libreoffice")
    bad, good, also = folder / "bad.txt", folder / "good.txt", folder / "also.txt"
    bad.write_text(BAD)
    good.write_text(GOOD)
    also.write_text(GOOD)
    if request.param == "docx":
        bad = soffice(bad, "docx")
    canon, fixed = folder / "canonical.txt", folder / "fixed"
    done = subprocess.run(
        [sys.executable, "-m", "dedupe", "compare", str(bad), str(good), str(also),
         "-o", str(canon), "--write-back", str(fixed)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    written = fixed / "bad.docx"
    return {
        "docx": written,
        "odt": etree.parse(str(soffice(written, "fodt"))).getroot(),
        "canonical": canon.read_text(),
    }


def test_libreoffice_reads_each_correction_as_a_tracked_change(opened) -> None:
    body = zipfile.ZipFile(opened["docx"]).read("word/document.xml").decode()
    regions = list(opened["odt"].iter(_t("changed-region")))
    assert len(regions) == body.count("<w:ins ") + body.count("<w:del ") >= 4
    kinds = {etree.QName(r[0]).localname for r in regions}
    assert kinds == {"insertion", "deletion"}
    assert {c.text for c in opened["odt"].iter(f"{{{DC}}}creator")} == {"dedupe"}


def test_libreoffice_accepting_all_gives_the_canonical_text(opened) -> None:
    accepted = paragraphs(opened["odt"], accept=True)
    assert "\n\n".join(accepted) == opened["canonical"].strip()
    assert accepted == GOOD.strip().split("\n\n")
    heading = next(opened["odt"].iter(_t("h")))
    assert heading.text == "The Minutes"  # the Heading 1 style arrives as a heading


def test_libreoffice_rejecting_all_gives_the_witness(opened) -> None:
    assert paragraphs(opened["odt"], accept=False) == BAD.strip().split("\n\n")
