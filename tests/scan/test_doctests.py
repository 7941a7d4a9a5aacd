"""The examples in the scan modules' docstrings are run, so they stay true."""

from __future__ import annotations

import doctest
import importlib


def test_scan_helper_examples():
    for name in ("dedupe.scan.keep",):
        result = doctest.testmod(importlib.import_module(name))
        assert result.attempted > 0 and result.failed == 0, name
