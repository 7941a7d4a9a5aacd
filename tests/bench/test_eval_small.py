"""A small evaluation run end to end: three simulated scans of a few real
paragraphs, collated by ``dedupe.compare``, must give a canonical text closer
to the truth than any one of the scans."""

from __future__ import annotations

from pathlib import Path

import metrics
import simulate

import dedupe

TEXTS = Path(__file__).resolve().parents[2] / "samples" / "texts"


def test_three_witness_canonical_beats_each_witness(beijing, tmp_path):
    doc = simulate.CleanDoc(beijing.blocks[8:12], beijing.notes, beijing.title)
    paths = simulate.simulate(doc, 3, 0.02, 5, tmp_path)
    truth = (tmp_path / "truth.txt").read_text(encoding="utf-8")
    collation = dedupe.compare([str(p) for p in paths])
    canonical = dedupe.render("text", collation)
    witnesses = [metrics.document_text(d) for d in collation.documents]
    canonical_cer = metrics.cer(canonical, truth)
    witness_cers = [metrics.cer(w, truth) for w in witnesses]
    assert all(canonical_cer < w for w in witness_cers), (canonical_cer, witness_cers)


def test_scores_of_a_perfect_and_a_damaged_text(beijing, tmp_path):
    """The metrics on known cases: the truth scores perfectly against itself."""
    truth = beijing.canonical_text()
    assert metrics.cer(truth, truth) == 0
    assert metrics.paragraphs_intact(truth, truth) == 1
    assert metrics.footnotes_recovered(truth, truth) == 1
    damaged = truth.replace("Sinophobia", "Sinopbobia").replace("\n6 ", "\n16 ")
    assert 0 < metrics.cer(damaged, truth) < 0.01
    assert metrics.footnotes_recovered(damaged, truth) == 0.9
    with_heads = truth.replace("\n\nPatient Zero", "\n\nBEIJING BINDS 3\n\nPatient Zero")
    assert metrics.layout_left(with_heads, truth, ["BEIJING BINDS 3", "Beijing Binds"]) == 1
    with_number = truth.replace("\n\nPatient Zero", "\n\n7\n\nPatient Zero")
    assert metrics.layout_left(with_number, truth, ["7", "2020"]) == 1
    assert metrics.layout_left(truth, truth, ["7", "2020", "Beijing Binds"]) == 0


def test_a_numbered_heading_one_engine_reads_as_a_letter_stays_its_own_paragraph(tmp_path):
    """Kant at high noise, three witnesses (``make eval``'s run): all three
    set the heading ``1.`` apart; one reads it ``l.``, which the word
    alignment joins to the next word. The break stands (the other breaking
    witnesses' paragraph starts with a capital), so every paragraph is whole."""
    import eval as bench_eval

    doc = simulate.load_clean(TEXTS / "kant-1784.txt", bench_eval.SOURCES["kant-1784"])
    noise = simulate.NOISE_LEVELS["high"]
    paths = simulate.simulate(doc, 3, noise, bench_eval.SEED, tmp_path)
    truth = (tmp_path / "truth.txt").read_text(encoding="utf-8")
    texts = [p.read_text(encoding="utf-8") for p in paths]
    assert "\n\nl.\n\n" in texts[0] and all("\n\n1.\n\n" in t for t in texts[1:])
    canonical = dedupe.render("text", dedupe.compare([str(p) for p in paths]))
    assert "\n\n1.\n\nBeantwortung der Frage" in canonical
    assert metrics.paragraphs_intact(canonical, truth) == 1
