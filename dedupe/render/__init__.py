"""Renderers: every output format is one small function fed the same Collation."""

from __future__ import annotations

from importlib import import_module

from dedupe.model import Collation, DedupeError

RENDERERS = {
    "text": ("dedupe.render.text", "render_text"),
    "md": ("dedupe.render.markdown", "render_markdown"),
    "json": ("dedupe.render.json", "render_json"),
    "html": ("dedupe.render.html", "render_html"),
    "tei": ("dedupe.render.tei", "render_tei"),
}


def render(fmt: str, collation: Collation, **options) -> str:
    if fmt not in RENDERERS:
        raise DedupeError(f"unknown format {fmt!r}; use one of {', '.join(RENDERERS)}")
    module_name, func = RENDERERS[fmt]
    try:
        module = import_module(module_name)
    except ModuleNotFoundError:
        raise DedupeError(f"--format {fmt} is not available yet") from None
    return getattr(module, func)(collation, **options)
