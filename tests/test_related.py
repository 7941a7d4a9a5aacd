"""Witnesses with nothing in common are reported as probably not versions
of one document; real versions (the sample pair, Darwin's editions, bad OCR
against its ground truth) are not."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import dedupe
from dedupe.related import RELATED, shared_words

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "beijing-binds"
DATA = ROOT / "tests" / "data"
DARWIN = sorted((DATA / "darwin").glob("*.txt"))
KANT_GT = DATA / "kant" / "GT-PAGE" / "PAGE_0017_PAGE.xml"
KANT_OCR = next((DATA / "kant" / "OCR-TESS-frk").glob("*.xml"))
WARNING = "probably not versions of one document"


def related_warnings(collation) -> tuple[str, ...]:
    """The unrelated-witness warnings (the self-check may warn as well)."""
    return tuple(w for w in collation.warnings if WARNING in w)


def test_two_unrelated_texts_are_reported_with_their_shares():
    collation = dedupe.compare([SAMPLES / "a.txt", DARWIN[0]])
    assert related_warnings(collation) == (
        f"A a.txt (0%), B {DARWIN[0].name} (0%): under 20% of the words read alike "
        f"with another witness; {WARNING}",
    )


def test_one_stray_witness_among_versions_is_named_alone():
    collation = dedupe.compare([*DARWIN[:2], SAMPLES / "a.txt"])
    assert len(related_warnings(collation)) == 1
    assert related_warnings(collation)[0].startswith("C a.txt (0%): under 20%")


@pytest.mark.parametrize(
    "paths",
    [
        [SAMPLES / "a.txt", SAMPLES / "b.txt"],
        [DARWIN[0], DARWIN[-1]],
        [KANT_GT, KANT_OCR],
    ],
    ids=["sample-pair", "darwin-1859-1872", "kant-ocr"],
)
def test_real_versions_give_no_such_warning(paths):
    collation = dedupe.compare(paths)
    assert not any(WARNING in w for w in collation.warnings)
    shares = shared_words([w.id for w in collation.witnesses], collation.units)
    assert all(alike >= 2 * RELATED * words for alike, words in shares.values())


def test_the_warning_reaches_stderr_and_the_run_still_succeeds(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "dedupe", "compare", str(SAMPLES / "a.txt"), str(DARWIN[0])],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "100"},
    )
    assert result.returncode == 0
    assert f"dedupe: warning: A a.txt (0%), B {DARWIN[0].name} (0%)" in result.stderr
