"""Collation on simulated scans: the result does not depend on hash order,
paragraph breaks follow the witnesses, and heavy damage still aligns."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import metrics
import simulate

import dedupe

ROOT = Path(__file__).resolve().parents[2]
TEXTS = ROOT / "samples" / "texts"


def witnesses(tmp_path, source: str, title: str, count: int, noise: str) -> list[Path]:
    doc = simulate.load_clean(TEXTS / f"{source}.txt", title)
    return simulate.simulate(doc, count, simulate.NOISE_LEVELS[noise], 1, tmp_path)


def test_same_output_under_every_hash_seed(tmp_path):
    paths = witnesses(tmp_path, "swiss-zoology", "Howdeniola", 5, "high")
    outputs = set()
    for seed in ("1", "4", "97"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-m", "dedupe", "compare", *map(str, paths), "--format", "json"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1


def test_heavily_damaged_witnesses_keep_every_paragraph_once(tmp_path):
    paths = witnesses(tmp_path, "swiss-zoology", "Howdeniola", 5, "high")
    truth = (tmp_path / "truth.txt").read_text(encoding="utf-8")
    canonical = dedupe.render("text", dedupe.compare([str(p) for p in paths]))
    best = min(
        metrics.cer(metrics.document_text(dedupe.normalise_file(str(p))), truth) for p in paths
    )
    assert metrics.cer(canonical, truth) < best


def test_paragraph_breaks_follow_the_majority(tmp_path):
    paths = witnesses(tmp_path, "darwin-1859", "On the Origin of Species", 3, "medium")
    truth = (tmp_path / "truth.txt").read_text(encoding="utf-8")
    canonical = dedupe.render("text", dedupe.compare([str(p) for p in paths]))
    assert metrics.paragraphs_intact(canonical, truth) == 1.0


def test_twenty_witnesses_collate_and_beat_each_one(tmp_path, beijing):
    paths = simulate.simulate(beijing, 20, simulate.NOISE_LEVELS["medium"], 3, tmp_path)
    truth = (tmp_path / "truth.txt").read_text(encoding="utf-8")
    collation = dedupe.compare([str(p) for p in paths])
    assert [w.id for w in collation.witnesses][-1] == "T"
    canonical = metrics.cer(dedupe.render("text", collation), truth)
    witnesses = [metrics.cer(metrics.document_text(d), truth) for d in collation.documents]
    assert canonical < min(witnesses) / 5
    rates = dedupe.render("json", collation)
    assert '"T": {' in rates
