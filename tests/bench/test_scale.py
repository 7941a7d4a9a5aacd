"""The scale benchmark's inputs and measurement, on a small book."""

from __future__ import annotations

import doctest
import os

import books
import scale

from dedupe.normalise import normalise
from dedupe.read import read


def test_doctests():
    assert doctest.testmod(scale).failed == 0


def test_hocr_witness_reads_back_as_the_same_words(tmp_path):
    text = books.witnesses([open(scale.SOURCES[0], encoding="utf-8").read()], 1, 2)[0]
    path = tmp_path / "w.hocr"
    path.write_text(scale.hocr_of(text, "seed"), encoding="utf-8")
    doc = normalise(read(str(path), "A"))
    words = " ".join(b.text for b in doc.blocks).split()  # every block: nothing is lost
    assert abs(len(words) - len(text.split())) < len(text.split()) * 0.05
    assert {"1", "2", "3"} <= {b.text for b in doc.noise}  # page numbers at the foot


def test_a_run_is_measured_in_a_child_process(tmp_path):
    paths = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for p, src in zip(paths, scale.SOURCES, strict=True):
        p.write_bytes(src.read_bytes())
    env = {**os.environ, "PYTHONPATH": str(scale.ROOT)}
    run = scale.run_once(paths, env)
    assert run.wall > 0 and run.cpu > 0
    assert 20 < run.peak_mb < 1000 and run.tree_mb > 0
