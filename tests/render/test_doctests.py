"""The examples in the renderers' helper docstrings stay true."""

from __future__ import annotations

import doctest
import importlib


def test_render_helper_examples():
    for name in (
        "dedupe.render.apparatus",
        "dedupe.render.placing",
        "dedupe.render.html",
        "dedupe.render.markdown_text",
        "dedupe.render.markdown",
        "dedupe.render.groups",
        "dedupe.render.report",
    ):
        result = doctest.testmod(importlib.import_module(name))
        assert result.attempted > 0 and result.failed == 0, name
