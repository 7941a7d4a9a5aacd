"""Stages shared among the cores (dedupe.parallel): the same results as serial."""

from __future__ import annotations

import doctest
import os
from pathlib import Path

import pytest

import dedupe.parallel
from dedupe.align import align
from dedupe.api import read_documents
from dedupe.collate import collate
from dedupe.parallel import PARALLEL_WORDS, fork_map, shares, workers_for_words
from dedupe.read.ocr_options import reading_options

DATA = Path(__file__).resolve().parent / "data"
DARWIN = sorted(str(p) for p in (DATA / "darwin").glob("darwin*.txt"))


def test_the_examples_in_the_docstrings_stay_true():
    result = doctest.testmod(dedupe.parallel)
    assert result.attempted >= 2 and result.failed == 0


def test_shares_cover_every_item_once_in_order():
    for weights in ([3, 1, 4, 1, 5, 9, 2, 6], [1] * 7, [0, 0, 5], [10]):
        for parts in (1, 2, 3, 5):
            got = shares(weights, parts)
            assert [k for a, b in got for k in range(a, b)] == list(range(len(weights)))
            assert len(got) <= parts


def _square_unless_seven(offset: int, n: int) -> int:
    if n == 7:
        raise ValueError(f"seven (pid {os.getpid()})")
    return n * n + offset


def test_fork_map_keeps_order_and_raises_a_worker_error():
    items = list(range(20))
    assert fork_map(_square_unless_seven, 1, items[8:], [1] * 12, 2) == [
        n * n + 1 for n in items[8:]
    ]
    with pytest.raises(ValueError, match="seven"):  # 7 is in the worker's share
        fork_map(_square_unless_seven, 0, items, [100] * 4 + [1] * 16, 2)


def test_workers_only_for_large_stages(monkeypatch):
    monkeypatch.delenv("DEDUPE_WORKERS", raising=False)
    assert workers_for_words(PARALLEL_WORDS - 1) == 1
    assert workers_for_words(PARALLEL_WORDS) == len(os.sched_getaffinity(0))
    monkeypatch.setenv("DEDUPE_WORKERS", "1")
    assert workers_for_words(10 * PARALLEL_WORDS) == 1


def test_parallel_align_and_collate_give_the_serial_units(monkeypatch):
    docs = read_documents(DARWIN, reading_options("auto", "eng"), workers=1)
    monkeypatch.setenv("DEDUPE_WORKERS", "1")
    serial = collate(docs, align(docs))
    monkeypatch.setenv("DEDUPE_WORKERS", "2")
    parallel = collate(docs, align(docs))
    assert parallel == serial
    assert sum(1 for u in serial for c in u.columns if c.readings) > 100


def _words_of(docs) -> int:
    return sum(len(b.text.split()) for d in docs for b in d.blocks)


def _fail(message: str) -> None:
    raise ValueError(message)


def test_background_gives_the_result_computed_here_or_its_error():
    from dedupe.parallel import Background

    docs = read_documents(DARWIN, reading_options("auto", "eng"), workers=1)
    with Background(_words_of, (docs,), fork=True) as forked:
        assert forked.pid is not None  # running in another process meanwhile
        here = _words_of(docs)
        assert forked.result() == here > 1000
    assert Background(_words_of, (docs,), fork=False).result() == here
    with pytest.raises(ValueError, match="no such witness"):
        Background(_fail, ("no such witness",), fork=True).result()
    with Background(_fail, ("never asked",), fork=True) as unused:
        pid = unused.pid
    assert unused.pid is None and pid is not None  # stopped and reaped
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, 0)


def test_self_check_from_witness_checks_computed_beside_is_the_same(monkeypatch):
    from dedupe.api import compare
    from dedupe.render.json import render_json

    monkeypatch.setenv("DEDUPE_WORKERS", "1")
    serial = render_json(compare(DARWIN))
    monkeypatch.setenv("DEDUPE_WORKERS", "2")  # witness checks in a forked process
    assert render_json(compare(DARWIN)) == serial
    assert '"selfcheck"' in serial
