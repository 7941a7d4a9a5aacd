"""The library API: witnesses read and normalised in worker processes give
the same collation, byte for byte, as the serial run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import dedupe
from dedupe.api import read_all, witness_ids, workers_for
from dedupe.model import DedupeError
from dedupe.render.json import render_json

DATA = Path(__file__).resolve().parent / "data"
DARWIN = sorted(str(p) for p in (DATA / "darwin").glob("darwin*.txt"))


def test_parallel_read_gives_the_serial_documents():
    ids = witness_ids(len(DARWIN))
    serial = read_all(DARWIN, ids, lambda *_: None, workers=1)
    parallel = read_all(DARWIN, ids, lambda *_: None, workers=2)
    assert [d.witness.id for d in parallel] == ids
    assert parallel == serial


def test_parallel_compare_output_is_byte_identical(monkeypatch):
    paths = DARWIN
    monkeypatch.setenv("DEDUPE_WORKERS", "1")
    serial = render_json(dedupe.compare(paths))
    monkeypatch.setenv("DEDUPE_WORKERS", "2")
    parallel = render_json(dedupe.compare(paths))
    assert parallel == serial
    assert '"variants"' in serial


def test_workers_only_for_many_large_witnesses(monkeypatch, tmp_path):
    monkeypatch.delenv("DEDUPE_WORKERS", raising=False)
    assert workers_for(DARWIN[:2]) == 1  # two witnesses: serial
    assert workers_for(DARWIN) == 1  # six small ones: done before workers start
    big = []
    for i in range(3):
        path = tmp_path / f"w{i}.txt"
        path.write_text("word " * 500_000)
        big.append(str(path))
    assert workers_for(big) == min(3, len(os.sched_getaffinity(0)))
    monkeypatch.setenv("DEDUPE_WORKERS", "3")
    assert workers_for(DARWIN[:2]) == 3


def test_a_bad_witness_in_a_worker_is_one_clear_error(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    paths = [DARWIN[0], str(empty), DARWIN[1]]
    with pytest.raises(DedupeError, match="empty file"):
        read_all(paths, witness_ids(3), lambda *_: None, workers=2)


def test_workers_setting_must_be_a_number(monkeypatch):
    monkeypatch.setenv("DEDUPE_WORKERS", "many")
    with pytest.raises(DedupeError, match="DEDUPE_WORKERS"):
        workers_for(DARWIN)
