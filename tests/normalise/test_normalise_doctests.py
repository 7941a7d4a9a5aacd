"""Every normalising rule shows a real damaged input and its repair as a
doctest; they run here so that the examples in the docstrings stay true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "dedupe.normalise.blocks",
    "dedupe.normalise.catchwords",
    "dedupe.normalise.draft",
    "dedupe.normalise.endnotes",
    "dedupe.normalise.footnotes",
    "dedupe.normalise.headings",
    "dedupe.normalise.leaders",
    "dedupe.normalise.noise",
    "dedupe.normalise.noteruns",
    "dedupe.normalise.paragraphs",
    "dedupe.normalise.running",
    "dedupe.normalise.shape",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
