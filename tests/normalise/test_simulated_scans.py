"""Each witness of a simulated scan set (bench/simulate.py, fixed seed), read
on its own, against the truth: every footnote, no running head or page
number left, paragraphs whole. The five witnesses cover page footnotes under
a rule and without one, endnotes after a Notes heading, superscript and
bracketed markers, running heads damaged by OCR, and the hyphens ``-``,
``⸗`` and ``¬`` at line ends."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from dedupe.api import normalise_file

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import metrics  # noqa: E402
import simulate  # noqa: E402


@pytest.fixture(scope="module")
def scans(tmp_path_factory):
    """Five witnesses of Beijing Binds at medium noise: (paths, truth, layout)."""
    out = tmp_path_factory.mktemp("beijing")
    doc = simulate.load_clean(ROOT / "samples" / "texts" / "beijing-binds.txt", "Beijing Binds")
    paths = simulate.simulate(doc, 5, simulate.NOISE_LEVELS["medium"], 1, out)
    truth = (out / "truth.txt").read_text(encoding="utf-8")
    layout = json.loads((out / "layout.json").read_text(encoding="utf-8"))
    docs = [normalise_file(str(p)) for p in paths]
    return paths, docs, truth, layout


def test_the_set_has_the_layouts_it_claims(scans):
    paths, _, _, _ = scans
    texts = [p.read_text(encoding="utf-8") for p in paths]
    assert "\n___" in texts[0] and "\nNotes\n" in texts[1]
    assert "\u2e17\n" in texts[3] and "\u00ac\n" in texts[4]


@pytest.mark.parametrize("index", range(5))
def test_every_footnote_is_recovered(scans, index):
    _, docs, truth, _ = scans
    assert metrics.footnotes_recovered(metrics.document_text(docs[index]), truth) == 1.0


@pytest.mark.parametrize("index", range(5))
def test_no_running_head_or_page_number_is_left(scans, index):
    paths, docs, truth, layout = scans
    text = metrics.document_text(docs[index])
    assert metrics.layout_left(text, truth, layout[paths[index].name]) == 0


@pytest.mark.parametrize("index", range(5))
def test_paragraphs_are_whole_and_the_text_is_as_good_as_the_scan(scans, index):
    _, docs, truth, _ = scans
    text = metrics.document_text(docs[index])
    assert metrics.paragraphs_intact(text, truth) >= 0.94
    assert metrics.cer(text, truth) < 0.025  # the scan's own damage: about 2%


def test_no_line_end_hyphen_is_left_in_the_text(scans):
    _, docs, _, _ = scans
    for doc in docs:
        for block in doc.blocks:
            assert "\u2e17 " not in block.text and "\u00ac " not in block.text


def test_the_endnotes_heading_is_layout(scans):
    _, docs, _, _ = scans
    assert "Notes" not in [b.text for b in docs[1].body]
    assert any(b.text == "Notes" for b in docs[1].noise)
