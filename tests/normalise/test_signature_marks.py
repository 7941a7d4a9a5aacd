"""The signature mark and catch-word at the foot of a hand-press page are
noise even where the OCR engine read them as one line with the text's box:
on Kant page 1 as read by eight engines, and in the collation with the
ground truth."""

from __future__ import annotations

from pathlib import Path

import pytest

import dedupe
from dedupe.normalise import normalise
from dedupe.read import read

KANT = Path(__file__).resolve().parents[1] / "data" / "kant"
ENGINES = sorted(KANT.glob("OCR-*/*_0001.xml"))
WITNESSES = [KANT / "GT-PAGE" / "PAGE_0017_PAGE.xml", *ENGINES]


def test_eight_engines_are_in_the_test_data():
    assert len(ENGINES) == 8


@pytest.mark.parametrize("path", ENGINES, ids=lambda p: p.parent.name)
def test_the_page_foot_signature_line_is_noise_and_nothing_else_is(path):
    doc = normalise(read(str(path)))
    lines = [ln for page in read(str(path)).pages for ln in page.lines if ln.text.strip()]
    last = " ".join(lines[-1].text.split())
    noise = {b.text: b.reason for b in doc.noise}
    if path.parent.name == "OCR-OCRO-fraktur":
        # '.onatoschr. .d.s. Sn Hh C-': OCR lost every numeral, so it reads as no mark
        assert last not in noise
        return
    assert noise == {last: noise[last]}
    assert noise[last].startswith("signature mark: the page's last line")
    assert "St" in last and "Hh" in last
    assert all("Hh" not in b.text for b in doc.body)


def test_the_collation_leaves_the_signature_mark_out_and_lists_it(tmp_path):
    collation = dedupe.compare([str(p) for p in WITNESSES])
    canonical = dedupe.render("text", collation)
    assert canonical.rstrip().endswith("frei geſprochen")
    assert "Monats" not in canonical.split("Leitung frei")[-1]
    removed = [r for r in collation.removed if r.reason.startswith("signature mark")]
    assert len({r.witness for r in removed}) == 7
    assert all(r.text.split()[-1].startswith("(") for r in removed)  # the catch-word with it


def test_a_page_foot_citation_in_a_footnote_stays_a_footnote():
    """DMCA summary, page 1: its last line, a legal citation, is all
    abbreviations and numbers too, but it opens with its note number."""
    doc = normalise(read(str(KANT.parent / "pdf" / "dmca.pdf")))
    assert not [b for b in doc.noise if b.reason.startswith("signature mark")]
    assert any(
        "Pub. L. No. 105-304, 112 Stat. 2860" in b.text for b in doc.blocks if b.kind != "noise"
    )
