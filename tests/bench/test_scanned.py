"""bench/scanned.py: the typeset pages carry the furniture the truth leaves out."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import scanned

SCANNED = Path(__file__).resolve().parents[1] / "data" / "scanned" / "beijing-short"


def test_truth_is_the_text_without_furniture():
    doc = scanned.load_source(scanned.SETS["beijing-short"])
    truth = scanned.truth_text(doc)
    assert truth.startswith("Beijing Binds: COVID-19 and the China-Central Asia Relationship\n\n")
    body, notes = truth.split("\n\nNotes\n\n")
    called = sorted({int(m.translate(scanned._TO_DIGIT)) for m in scanned._MARKER.findall(body)})
    assert called == list(range(1, 11))
    assert [int(line.split()[0]) for line in notes.splitlines()] == called
    assert truth == (SCANNED / "truth.txt").read_text(encoding="utf-8")


def test_pages_have_running_heads_notes_and_a_pull_quote(tmp_path):
    source = scanned.SETS["beijing-short"]
    doc = scanned.load_source(source)
    pdf = tmp_path / "onecol.pdf"
    pages = scanned.typeset(doc, source, scanned.LAYOUTS["onecol"], pdf, seed=1)
    assert pages == 2
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True)
    first, second = text.stdout.split("\f")[:2]
    title = doc.blocks[0].text
    # the title on page 1, the same words as the running head of page 2
    assert title.split(":")[0] in first.splitlines()[0]
    assert second.strip().splitlines()[0].strip() == title
    assert re.search(r"^\s*2\s*$", second, re.M)  # the page number at the foot
    # a pull quote on every second column (page 2 here): a sentence of a
    # paragraph the page holds, printed a second time
    flat = " ".join((first + second).split())
    paragraphs = [b.text for b in doc.blocks if not b.heading and not b.title]
    repeated = [s for p in paragraphs for s in scanned.sentences_of(p) if flat.count(s) >= 2]
    assert len(repeated) == 1
    assert " ".join(second.split()).count(repeated[0]) == 1
    # note 1 at the foot of the page that calls it (page 2), not in the body
    assert "Passazhirku reisa" in second and "Passazhirku reisa" not in first


def test_the_hocr_holds_every_page_with_unique_ids():
    hocr = (SCANNED / "twocol-worn.hocr").read_text(encoding="utf-8")
    assert re.findall(r"id='page_(\d+)'", hocr) == ["1", "2"]
    ids = re.findall(r"id='(\w+)'", hocr)
    assert len(ids) == len(set(ids))
    text = (SCANNED / "twocol-worn.txt").read_text(encoding="utf-8")
    assert text.count("\f") == 1


def test_the_committed_darwin_set_is_what_the_generator_makes():
    folder = SCANNED.parent / "darwin"
    doc = scanned.load_source(scanned.SETS["darwin"])
    assert scanned.truth_text(doc) == (folder / "truth.txt").read_text(encoding="utf-8")
    for layout in ("onecol", "twocol"):
        pages = (folder / f"{layout}-clean.txt").read_text(encoding="utf-8").split("\f")
        assert len(pages) == 4
        # the title on page 1 and as the running head of the even pages;
        # the chapter heading as the running head of page 3
        for number, head in (
            (1, doc.blocks[0].text),
            (2, doc.blocks[0].text),
            (3, doc.blocks[1].text),
            (4, doc.blocks[0].text),
        ):
            assert head in pages[number - 1].strip().splitlines()[0]
