"""Witness ids: A to Z, then AA to ZZ, then AAA on, for any number of witnesses."""

from __future__ import annotations

import doctest
import os
import subprocess
import sys
from pathlib import Path

import pytest

import dedupe
import dedupe.api
from dedupe.api import PARALLEL_BYTES, read_documents, witness_ids, workers_for
from dedupe.model import DedupeError
from dedupe.read.ocr_options import reading_options
from dedupe.render.json import render_json


def test_ids_stay_unique_and_ordered_for_twenty_thousand_witnesses():
    ids = witness_ids(20_000)
    assert len(set(ids)) == 20_000
    assert ids == sorted(ids, key=lambda i: (len(i), i))
    assert ids[:3] == ["A", "B", "C"] and ids[25:28] == ["Z", "AA", "AB"]
    assert ids[701:704] == ["ZZ", "AAA", "AAB"]
    assert ids[18_277:18_279] == ["ZZZ", "AAAA"]
    assert witness_ids(0) == []


def test_compare_of_800_witnesses_runs_and_names_them_all(tmp_path):
    paths = []
    for i in range(800):
        roof = "library" if i % 3 == 0 else "old"
        path = tmp_path / f"w{i:03d}.txt"
        path.write_text(
            f"The committee met to review the accounts.\n\nIt mended the {roof} roof.\n"
        )
        paths.append(str(path))
    collation = dedupe.compare(paths, prefer="ADT")
    assert [w.id for w in collation.witnesses][-3:] == ["ADR", "ADS", "ADT"]
    text = dedupe.render("text", collation)
    assert "It mended the old roof." in text
    assert collation.options["prefer"] == "ADT"


def test_the_examples_in_the_api_docstrings_stay_true():
    result = doctest.testmod(dedupe.api)
    assert result.attempted >= 1 and result.failed == 0


# Witnesses read and normalised in worker processes (issue 19)

DATA = Path(__file__).resolve().parent / "data"
DARWIN = sorted(str(p) for p in (DATA / "darwin").glob("darwin*.txt"))
HOCR = sorted(str(p) for p in (DATA / "selfcheck").glob("*.hocr"))
RUNS = reading_options("auto", "eng")


@pytest.mark.parametrize("paths", [DARWIN, HOCR + DARWIN[:1]], ids=["text", "hocr"])
def test_parallel_read_gives_the_serial_documents(paths):
    serial = read_documents(paths, RUNS, workers=1)
    parallel = read_documents(paths, RUNS, workers=2)
    assert [d.witness.id for d in parallel] == witness_ids(len(paths))
    assert parallel == serial


def test_parallel_compare_output_is_byte_identical(monkeypatch):
    monkeypatch.setenv("DEDUPE_WORKERS", "1")
    serial = render_json(dedupe.compare(DARWIN))
    monkeypatch.setenv("DEDUPE_WORKERS", "2")
    parallel = render_json(dedupe.compare(DARWIN))
    assert parallel == serial
    assert '"variants"' in serial


def test_workers_only_for_large_inputs(monkeypatch, tmp_path):
    monkeypatch.delenv("DEDUPE_WORKERS", raising=False)
    assert workers_for(DARWIN, RUNS) == 1  # six small ones: done before workers start
    big = []
    for i in range(2):
        path = tmp_path / f"w{i}.txt"
        path.write_text("word " * (PARALLEL_BYTES // 8))
        big.append(str(path))
    assert workers_for(big, RUNS) == min(2, len(os.sched_getaffinity(0)))
    assert workers_for(big[:1], RUNS) == 1
    assert workers_for(big, reading_options("auto", "eng", 2)) == 1  # readings share the cores
    monkeypatch.setenv("DEDUPE_WORKERS", "3")
    assert workers_for(DARWIN[:2], RUNS) == 2  # never more workers than witnesses
    monkeypatch.setenv("DEDUPE_WORKERS", "1")
    assert workers_for(big, RUNS) == 1


def test_the_first_bad_witness_in_order_is_the_error(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    missing = str(tmp_path / "missing.txt")
    paths = [DARWIN[0], str(empty), DARWIN[1], missing]
    with pytest.raises(DedupeError, match="empty.txt: empty file"):
        read_documents(paths, RUNS, workers=2)
    with pytest.raises(DedupeError, match="empty.txt: empty file"):
        read_documents(paths, RUNS, workers=1)


def test_workers_setting_must_be_a_number(monkeypatch):
    monkeypatch.setenv("DEDUPE_WORKERS", "many")
    with pytest.raises(DedupeError, match="DEDUPE_WORKERS=many"):
        workers_for(DARWIN, RUNS)


def test_a_bad_witness_read_in_workers_is_one_line_and_exit_2(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    out = tmp_path / "out.txt"
    env = {**os.environ, "DEDUPE_WORKERS": "2"}
    run = subprocess.run(
        [sys.executable, "-m", "dedupe", "compare", *DARWIN[:2], str(empty), "-o", str(out)],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert run.returncode == 2
    assert run.stderr.splitlines() == [f"dedupe: {empty}: empty file"]
    assert not out.exists()
