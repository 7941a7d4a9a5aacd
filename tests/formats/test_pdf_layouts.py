"""Acceptance: the sample report as two real PDFs in different layouts
collates to the same canonical edition as its two .txt versions.

Version A is typeset in layout 1 (Times, A4, justified and hyphenated, title
as running header, page numbers in the footer, footnotes at the foot of each
page called by raised markers), version B in layout 2 (Helvetica, US Letter,
author and page number as running header, endnotes). B differs from A by
four real edits (``EDITS``): those, and only those, are the variants.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter

import pytest

import dedupe
from dedupe.normalise import normalise
from dedupe.read import read
from dedupe.render.text import canonical_blocks, canonical_notes

NOTES = 63


@pytest.fixture(scope="module")
def pdf_and_txt(report_files):
    files = {k: str(v) for k, v in report_files.items()}
    return (
        dedupe.compare([files["a.pdf"], files["b.pdf"]]),
        dedupe.compare([files["a.txt"], files["b.txt"]]),
    )


def real_variants(collation) -> list[tuple]:
    return [
        (c.kind, c.readings, c.canonical) for _, c in collation.variants() if c.kind != "layout"
    ]


def test_the_pdfs_give_the_canonical_text_of_the_text_versions(pdf_and_txt) -> None:
    pdf, txt = pdf_and_txt
    assert canonical_blocks(pdf) == canonical_blocks(txt)
    assert canonical_notes(pdf) == canonical_notes(txt)
    assert [n for n, _ in canonical_notes(pdf)] == list(range(1, NOTES + 1))
    assert dedupe.render("text", pdf) == dedupe.render("text", txt)


def test_the_real_differences_are_the_only_variants(pdf_and_txt, edits) -> None:
    pdf, txt = pdf_and_txt
    assert real_variants(pdf) == real_variants(txt)
    assert len(real_variants(pdf)) == len(edits)
    readings = [c.readings for _, c in pdf.variants() if c.kind != "layout"]
    assert {"A": "Zholdosbaev", "B": "Zholdoshaev"} in readings
    assert {"A": "very", "B": None} in readings


def test_no_header_footer_or_page_number_in_the_canonical_text(
    pdf_and_txt, report_files, reports
) -> None:
    pdf, _ = pdf_and_txt
    text = dedupe.render("text", pdf)
    source = reports["A"].text()
    assert text.count(reports["A"].title) == 1  # the title, not the running head
    assert text.count("Raffaello Pantucci") == source.count("Raffaello Pantucci")
    assert not [b for b in text.split("\n\n") if re.fullmatch(r"\d+", b.strip())]
    pages = {w: len(read(str(report_files[f"{w.lower()}.pdf"])).pages) for w in "AB"}
    assert min(pages.values()) >= 5
    removed = Counter((r.witness, r.reason.split(":")[0]) for r in pdf.removed)
    assert removed[("A", "running header")] == pages["A"] - 1  # none on the title page
    assert removed[("A", "page number")] == pages["A"]
    assert removed[("B", "running header")] == pages["B"]
    assert removed[("B", "page number")] == pages["B"]
    heads = {r.text for r in pdf.removed if r.reason.startswith("running header")}
    assert heads == {reports["A"].title, "Raffaello Pantucci"}


def test_footnotes_at_the_page_feet_and_endnotes_are_the_same_notes(report_files) -> None:
    a = normalise(read(str(report_files["a.pdf"])))
    b = normalise(read(str(report_files["b.pdf"]), "B"))
    notes = {d.witness.id: [blk for blk in d.blocks if blk.kind == "footnote"] for d in (a, b)}
    assert [n.n for n in notes["A"]] == [n.n for n in notes["B"]] == list(range(1, NOTES + 1))
    assert all("footnote area (geometry)" in n.reason for n in notes["A"])
    body = " ".join(blk.text for blk in a.blocks if blk.kind == "paragraph")
    assert len(re.findall("[⁰¹²³⁴⁵⁶⁷⁸⁹]+", body)) == NOTES  # the markers stay in the text


def test_line_end_hyphens_and_page_breaks_are_undone(report_files, pdf_and_txt) -> None:
    source = read(str(report_files["a.pdf"]))
    lines = [ln.text for ln in source.lines if ln.text]
    joined = [
        a.split()[-1][:-1] + b.split()[0]
        for a, b in zip(lines, lines[1:], strict=False)
        if re.search(r"[a-z]-$", a) and b[:1].islower()
    ]
    assert len(joined) >= 3
    canonical = dedupe.render("text", pdf_and_txt[0])
    for word in joined:
        assert word.rstrip(".,;:") in canonical
    # paragraphs run on over page ends, and are one paragraph in the edition
    ends = [[ln.text for ln in p.lines if ln.text and ln.hint is None] for p in source.pages]
    assert any(not re.search(r"[.:?!\"')]$", body[-1]) for body in ends if body)


def test_the_command_line_gives_the_same_edition(report_files) -> None:
    def edition(*names: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "dedupe", "compare", *(str(report_files[n]) for n in names)],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    assert edition("a.pdf", "b.pdf") == edition("a.txt", "b.txt")
