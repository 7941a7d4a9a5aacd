"""The examples in the renderers' helper docstrings stay true."""

from __future__ import annotations

import doctest
import importlib


def test_render_helper_examples():
    names = ("apparatus", "placing", "html", "report")
    for name in (f"dedupe.render.{n}" for n in names):
        result = doctest.testmod(importlib.import_module(name))
        assert result.attempted > 0 and result.failed == 0, name
