"""The self-check every run makes: implausible words and noise per witness
and for the canonical text, and a warning where the canonical text is worse."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from rich.console import Console

import dedupe
from dedupe.evaluate import document_text, file_text, score_text
from dedupe.lexicon import zipf
from dedupe.model import TextCheck
from dedupe.normalise.fold import core
from dedupe.render.report import report_lines
from dedupe.selfcheck import REPEATED_SHARE, worse_than_a_witness

ROOT = Path(__file__).resolve().parent
SAMPLES = ROOT.parent / "samples" / "beijing-binds"
SCANS = ROOT / "data" / "selfcheck"


def witness_text(doc) -> str:
    return "\n".join(b.text for b in doc.blocks if b.kind != "noise")


@pytest.fixture(scope="module")
def sample():
    return dedupe.compare([str(SAMPLES / "a.txt"), str(SAMPLES / "b.txt")])


@pytest.fixture(scope="module")
def scans():
    """Two rough real OCR readings (hOCR) of one report, one and two columns."""
    return dedupe.compare([str(SCANS / n) for n in PAIR])


PAIR = ("beijing-onecol-rough.hocr", "beijing-twocol-rough.hocr")


def no_warning_on_the_sample(sample) -> None:
    """The good case: the sample pair's canonical text is no worse, no warning."""
    assert sample.selfcheck.warnings == ()
    assert not [w for w in sample.warnings if w.startswith("self-check")]


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


def test_a_passage_kept_twice_is_warned_about(scans, sample, tmp_path):
    """Rough one- and two-column scans of the report: passages of both
    layouts are kept, so the canonical text repeats runs of words that
    neither scan repeats, and it reads worse than the better scan against
    the ground truth (``dedupe eval``'s CER: 12.3% against 11.5%)."""
    truth = file_text(str(SCANS / "beijing-truth.txt"))
    best = min(score_text(document_text(d), truth).cer for d in scans.documents)
    canonical = tmp_path / "canonical.txt"
    canonical.write_text(dedupe.render("text", scans), encoding="utf-8")
    assert score_text(file_text(str(canonical)), truth).cer > best
    check = scans.selfcheck
    extra = check.canonical.repeated - max(c.repeated for c in check.witnesses.values())
    assert extra >= REPEATED_SHARE * check.canonical.words
    (warning,) = [w for w in check.warnings if "repeat a run of words" in w]
    assert f"{extra} more than in any witness" in warning
    assert set(check.warnings) <= set(scans.warnings)
    data = json.loads(dedupe.render("json", scans))
    assert warning in data["warnings"]
    assert data["summary"]["selfcheck"]["warnings"] == list(check.warnings)
    no_warning_on_the_sample(sample)


def test_the_warning_goes_to_stderr():
    def stderr(paths):
        result = subprocess.run(
            [sys.executable, "-m", "dedupe", "compare", *map(str, paths)],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        return result.stderr

    assert "dedupe: warning: self-check: " in stderr(SCANS / n for n in PAIR)
    assert "self-check" not in stderr(SAMPLES / n for n in ("a.txt", "b.txt"))


def sample_figures(sample, **canonical):
    """The sample pair's real figures, with the canonical text's changed."""
    check = sample.selfcheck
    return replace(check, **canonical)


def test_junk_the_best_witness_lacks_is_warned_about(sample):
    """No real scan pair of the merged pipeline keeps enough junk for this
    warning (bench/RESULTS.md), so its threshold is checked on the sample
    pair's own figures: 40 words the best witness lacks, a quarter of them
    implausible, warn; the sample's real figures do not."""
    assert worse_than_a_witness(sample.selfcheck) == []
    junk = TextCheck(words=40, implausible=10)
    (warning,) = worse_than_a_witness(sample_figures(sample, elsewhere=junk))
    assert warning.startswith("self-check: the canonical text keeps 40 words that witness")
    no_warning_on_the_sample(sample)


def test_a_canonical_text_longer_than_every_witness_is_warned_about(sample):
    """As above, on the sample pair's figures: a canonical text a fifth
    longer than its longest witness warns."""
    check = sample.selfcheck
    most = max(c.words for c in check.witnesses.values())
    longer = replace(check.canonical, words=int(most * 1.2))
    (warning,) = worse_than_a_witness(sample_figures(sample, canonical=longer))
    assert "more than every witness" in warning
    no_warning_on_the_sample(sample)


def test_paragraphs_kept_twice_through_ocr_errors_count_as_fuzzy_repeats():
    from dedupe.selfcheck import fuzzy_repeated

    doc = dedupe.normalise_file(str(ROOT / "data" / "scanned" / "darwin" / "onecol-rough.txt"))
    paragraphs = [b.text for b in doc.body]
    alone = fuzzy_repeated(paragraphs)
    # the same paragraph as another engine read it (two misread letters)
    long = max(paragraphs, key=len)
    damaged = long.replace("e", "c", 2)
    twice = fuzzy_repeated([*paragraphs, damaged])
    assert twice >= alone + 2 * len(long.split())
