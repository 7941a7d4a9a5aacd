"""Shared fixtures: paths to the real sample witnesses."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "beijing-binds"


@pytest.fixture
def sample_a() -> str:
    return str(SAMPLES / "a.txt")


@pytest.fixture
def sample_b() -> str:
    return str(SAMPLES / "b.txt")
