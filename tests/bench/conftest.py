"""The bench modules (bench/simulate.py, bench/metrics.py, bench/eval.py) are
scripts, not a package: their folder goes on the import path."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"
TEXTS = ROOT / "samples" / "texts"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))


@pytest.fixture(scope="session")
def beijing():
    """The first paragraphs and notes 1-10 of the Beijing Binds text (real text with notes)."""
    import simulate

    doc = simulate.load_clean(TEXTS / "beijing-binds.txt", "Beijing Binds")
    blocks = doc.blocks[:12]
    return simulate.CleanDoc(blocks, doc.notes[:10], doc.title)


@pytest.fixture(scope="session")
def darwin():
    import simulate

    return simulate.load_clean(TEXTS / "darwin-1859.txt", "On the Origin of Species")
