"""The self-check every run makes: implausible words and noise per witness
and for the canonical text, and a warning where the canonical text is worse."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rapidfuzz.distance import Levenshtein
from rich.console import Console

import dedupe
from dedupe.lexicon import zipf
from dedupe.normalise.fold import core
from dedupe.render.report import report_lines
from dedupe.selfcheck import REPEATED_SHARE

ROOT = Path(__file__).resolve().parent
SAMPLES = ROOT.parent / "samples" / "beijing-binds"
SCANS = ROOT / "data" / "selfcheck"


def cer(text: str, truth: str) -> float:
    """Character error rate with whitespace runs as one space."""
    a, b = " ".join(text.split()), " ".join(truth.split())
    return Levenshtein.distance(a, b) / len(b)


def witness_text(doc) -> str:
    return "\n".join(b.text for b in doc.blocks if b.kind != "noise")


@pytest.fixture(scope="module")
def sample():
    return dedupe.compare([str(SAMPLES / "a.txt"), str(SAMPLES / "b.txt")])


@pytest.fixture(scope="module")
def scans():
    """Two real OCR readings of one report: a clean and a rough scan."""
    return dedupe.compare([str(SCANS / "onecol-clean.txt"), str(SCANS / "onecol-rough.txt")])


def counted(text: str) -> list[str]:
    return [w for w in (core(t) for t in text.split()) if w.isalpha()]


def test_the_sample_pairs_figures_count_what_they_say(sample):
    check = sample.selfcheck
    assert check.language == "en" and check.rated
    docs = {d.witness.id: d for d in sample.documents}
    words = {w: counted(witness_text(d)) for w, d in docs.items()}
    for wid, figures in check.witnesses.items():
        assert figures.words == len(words[wid])
        assert figures.noise_blocks == len(docs[wid].noise)
        # implausible: unknown to the word list and read by this witness alone
        other = set(words["B" if wid == "A" else "A"])
        alone = [w for w in words[wid] if zipf(w, "en") == 0 and w not in other]
        assert figures.implausible == len(alone)
    assert check.witnesses["B"].noise_blocks == 1  # the CENTRAL ASIA PROGRAM sidebar
    edition = json.loads(dedupe.render("json", sample))["canonical"]
    canonical = [
        w for part in ("blocks", "footnotes") for b in edition[part] for w in counted(b["text"])
    ]
    assert check.canonical.words == len(canonical)
    # the canonical text is no worse than either witness: no warning
    assert check.canonical.rate <= min(c.rate for c in check.witnesses.values())
    assert check.warnings == ()
    assert not [w for w in sample.warnings if w.startswith("self-check")]


def test_the_figures_are_in_the_json_summary_and_every_report(sample):
    data = json.loads(dedupe.render("json", sample))
    figures = data["summary"]["selfcheck"]
    check = sample.selfcheck
    assert figures["witnesses"]["A"] == {
        "words": check.witnesses["A"].words,
        "implausible": check.witnesses["A"].implausible,
        "implausible_rate": round(check.witnesses["A"].rate, 4),
        "noise_blocks": 0,
        "noise_words": 0,
        "repeated": check.witnesses["A"].repeated,
    }
    assert figures["canonical"]["words"] == check.canonical.words
    assert figures["best"] in ("A", "B") and figures["warnings"] == []
    assert "read by only one witness" in figures["definition"]
    console = Console(width=160, record=True, file=open(os.devnull, "w"))
    for line in report_lines(sample):
        console.print(line)
    report = console.export_text()
    rate = f"{check.canonical.rate:.2%}"
    assert "Self-check" in report and rate in report
    assert f"{check.witnesses['B'].words}" in report and "1 blocks, 3 words" in report
    md = dedupe.render("md", sample)
    assert f"**canonical** {check.canonical.words} words, {rate} implausible" in md
    html = dedupe.render("html", sample)
    assert '<table class="selfcheck">' in html and rate in html


def test_a_canonical_text_worse_than_its_better_witness_is_warned_about(scans):
    """The clean scan's notes were not recognised as notes and stay in the
    body, while the rough scan has them as notes: the canonical text keeps
    them twice and reads worse than either scan against the ground truth."""
    truth = (SCANS / "truth.txt").read_text(encoding="utf-8")
    best = min(cer(witness_text(d), truth) for d in scans.documents)
    assert cer(dedupe.render("text", scans), truth) > best * 1.1
    check = scans.selfcheck
    start = f"self-check: the canonical text keeps {check.elsewhere.words} words"
    (warning,) = [w for w in check.warnings if w.startswith(start)]
    assert check.elsewhere.rate >= 0.2
    assert set(check.warnings) <= set(scans.warnings)
    data = json.loads(dedupe.render("json", scans))
    assert warning in data["warnings"]
    assert data["summary"]["selfcheck"]["warnings"] == list(check.warnings)


def test_the_warning_goes_to_stderr():
    result = subprocess.run(
        [sys.executable, "-m", "dedupe", "compare"]
        + [str(SCANS / n) for n in ("onecol-clean.txt", "onecol-rough.txt")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "dedupe: warning: self-check: the canonical text keeps" in result.stderr


def test_a_canonical_text_longer_than_every_witness_is_warned_about():
    """One- and two-column rough scans: the canonical text runs a fifth longer
    than either (passages of one layout kept beside the other's)."""
    paths = [str(SCANS / "onecol-rough.txt"), str(SCANS / "twocol-rough.txt")]
    collation = dedupe.compare(paths)
    truth = (SCANS / "truth.txt").read_text(encoding="utf-8")
    best = min(cer(witness_text(d), truth) for d in collation.documents)
    assert cer(dedupe.render("text", collation), truth) > best * 1.1
    longest = max(c.words for c in collation.selfcheck.witnesses.values())
    assert collation.selfcheck.canonical.words > 1.1 * longest
    assert any("more than every witness" in w for w in collation.selfcheck.warnings)


def test_a_passage_kept_twice_is_warned_about():
    """A clean one-column and a rough two-column scan of Darwin: misaligned
    passages are kept from both scans, so the canonical text repeats runs
    of words that neither scan repeats, and its error rate is several times
    the better scan's."""
    paths = [str(SCANS / "darwin-onecol-clean.txt"), str(SCANS / "darwin-twocol-rough.txt")]
    collation = dedupe.compare(paths)
    truth = (SCANS / "darwin-truth.txt").read_text(encoding="utf-8")
    best = min(cer(witness_text(d), truth) for d in collation.documents)
    assert cer(dedupe.render("text", collation), truth) > best * 2
    check = collation.selfcheck
    extra = check.canonical.repeated - max(c.repeated for c in check.witnesses.values())
    assert extra >= REPEATED_SHARE * check.canonical.words
    (warning,) = [w for w in check.warnings if "repeat a run of words" in w]
    assert f"{extra} more than in any witness" in warning
