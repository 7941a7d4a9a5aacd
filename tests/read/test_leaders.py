"""Dot leaders on real scans: Tesseract reads the leaders of an identification
key (``Colombia (Saladido) ......... sulcipennis``) as flat runs of junk
letters (``De ee``, ``eee ee``, ``peg eesiblgetae hls caaeiiene``); read by
their boxes, they are leaders, and every layout prints one leader form."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

import dedupe
import dedupe.read.leaders
from dedupe.evaluate import file_text, score_text
from dedupe.normalise.leaders import LEADER

SCANNED = Path(__file__).parent.parent / "data" / "scanned"
ZOOLOGY = SCANNED / "zoology"


def test_docstring_examples():
    result = doctest.testmod(dedupe.read.leaders)
    assert result.attempted and not result.failed


@pytest.mark.parametrize("name", ["onecol-clean", "onecol-worn", "twocol-clean", "twocol-worn"])
def test_a_leader_read_as_junk_letters_is_read_as_a_leader(name):
    raw = (ZOOLOGY / f"{name}.hocr").read_text(encoding="utf-8")
    text = file_text(str(ZOOLOGY / f"{name}.hocr"))
    line = next(ln for ln in text.splitlines() if "sulcipennis Osella (1980)" in ln)
    assert f"(Saladido) {LEADER} sulcipennis" in line
    # what the engine printed there: junk letters, not dots
    assert not re.search(r"\(Saladido\)</span>\s*<span[^>]*>\.{5}", raw)


def test_every_layout_prints_one_leader_form():
    """The truth has the source's 33 dots; one column and two set other
    counts. Read, every leader is ``LEADER``."""
    truth = (ZOOLOGY / "truth.txt").read_text(encoding="utf-8")
    assert "(Saladido) ................................. sulcipennis" in truth
    read = file_text(str(ZOOLOGY / "truth.txt"))
    assert f"(Saladido) {LEADER} sulcipennis" in read
    assert not re.search(r"\.{6}", read)


@pytest.mark.parametrize("folder", ["darwin", "beijing-short"])
def test_no_leader_where_the_page_has_none(folder):
    """Flat junk at a line's end or before a sentence is specks, not a leader."""
    for path in sorted((SCANNED / folder).glob("*.hocr")):
        assert LEADER not in file_text(str(path)), path.name


def test_two_scans_of_the_key_agree_on_its_leaders(tmp_path):
    """The clean one-column scan and the clean two-column scan: the canonical
    text is no worse than the better scan, and keeps the key's leaders."""
    a, b = str(ZOOLOGY / "onecol-clean.hocr"), str(ZOOLOGY / "twocol-clean.hocr")
    collation = dedupe.compare([a, b])
    out = tmp_path / "canonical.txt"
    out.write_text(dedupe.render("text", collation), encoding="utf-8")
    truth = file_text(str(ZOOLOGY / "truth.txt"))
    canonical = score_text(file_text(str(out)), truth).cer
    best = min(score_text(file_text(p), truth).cer for p in (a, b))
    assert canonical <= best
    text = out.read_text(encoding="utf-8")
    assert f"(Saladido) {LEADER} sulcipennis" in text
    assert f"cylindrical {LEADER} 3" in text  # the leader only one scan read
