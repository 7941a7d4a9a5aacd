"""bench/realscan.py on a small real set: every pair and triple scored, the section's tables."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import realscan

from dedupe.evaluate import evaluate

SCANNED = Path(__file__).resolve().parents[1] / "data" / "scanned"


def small_set() -> realscan.ScanSet:
    sets = {s.name: s for s in realscan.scanned_sets(SCANNED)}
    found, as_text = sets["scanned/beijing-short"], sets["scanned/beijing-short-txt"]
    assert as_text.name == "scanned/beijing-short-txt"
    assert all(w.pages[0].endswith(".txt") for w in as_text.witnesses)
    keep = [w for w in found.witnesses if w.name in ("onecol-clean", "onecol-worn", "twocol-worn")]
    return replace(found, witnesses=tuple(keep))


def test_every_pair_and_triple_is_scored_and_reported():
    scan_set = small_set()
    assert scan_set.name == "scanned/beijing-short"
    combos = realscan.evaluate_sets([scan_set], jobs=1)
    assert [c.names for c in combos] == [
        ("onecol-clean", "onecol-worn"),
        ("onecol-clean", "twocol-worn"),
        ("onecol-worn", "twocol-worn"),
        ("onecol-clean", "onecol-worn", "twocol-worn"),
    ]
    for c in combos:
        assert not c.error
        assert all(0 < v < 1 for v in c.witness_cer)  # real OCR errors, computed
        assert c.cer is not None and c.cer >= 0
        assert c.ratio == c.cer / c.best
        assert c.met() == (c.cer <= (1.0 if len(c.names) == 2 else 0.5) * c.best)
    # the same witness scores in every combination it is in
    clean = {
        c.witness_cer[c.names.index("onecol-clean")] for c in combos if "onecol-clean" in c.names
    }
    assert len(clean) == 1
    # and as dedupe eval scores the file
    (by_eval,) = evaluate([f"{SCANNED}/beijing-short/onecol-clean.hocr"], scan_set.truth[0]).scores
    assert clean == {by_eval.cer}

    section = realscan.report(combos, [scan_set], 1.0)
    assert realscan.truth_drift(scan_set) == 0  # the truth reads back as written
    assert "Warning" not in section
    lines = section.splitlines()
    summary = next(line for line in lines if line.startswith("| scanned/beijing-short |"))
    cells = [c.strip() for c in summary.strip("|").split("|")]
    pairs_met = sum(c.met() for c in combos[:3])
    assert cells[1] == "3"
    assert cells[2] == f"{pairs_met} of 3"
    assert cells[5] == f"{int(combos[3].met())} of 1"
    ratios = sorted(c.ratio for c in combos[:3])
    assert cells[3] == f"{ratios[1]:.2f}"  # the median pair
    (alone,) = [line for line in lines if line.startswith("Each witness alone: ")]
    assert alone.count("%") == 3
    rows = [line for line in lines if re.match(r"\| (onecol|twocol)-", line)]
    assert len(rows) == 4
    for row, combo in zip(rows, combos, strict=True):
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[0] == " + ".join(combo.names)
        assert cells[3] == f"{100 * combo.cer:.2f}%"
        assert cells[4] == f"{combo.ratio:.2f}"

    data = realscan.to_json(combos)
    assert set(data[0]) == {
        "set", "witnesses", "witness_cer", "best_cer", "canonical_cer", "ratio",
        "best_wer", "canonical_wer", "met", "error",
    }  # fmt: skip
    assert data[3]["best_cer"] == min(data[3]["witness_cer"])
    assert realscan.from_json(data)[3].ratio == combos[3].ratio


def test_a_truth_the_normaliser_changes_is_flagged(tmp_path):
    folder = tmp_path / "doubled"
    folder.mkdir()
    source = SCANNED / "beijing-short"
    for name in ("onecol-clean.hocr", "onecol-worn.hocr"):
        (folder / name).write_bytes((source / name).read_bytes())
    # a truth whose page number line dedupe reads as layout, not text
    truth = (source / "truth.txt").read_text(encoding="utf-8")
    (folder / "truth.txt").write_text(truth.replace("\n\nNotes", "\n\n- 2 -\n\nNotes"), "utf-8")
    found = [s for s in realscan.scanned_sets(tmp_path) if s.name == "scanned/doubled"]
    edits = realscan.truth_drift(found[0])
    assert edits > 0
    section = realscan.report([], found, 0.0)
    assert f"reads the truth of scanned/doubled back {edits} grapheme edits away" in section
