"""XML and HTML nested past the parser's depth limit: one line that says so,
not lxml's "use XML_PARSE_HUGE option" nor a false "no ocr_page"."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

DEPTH = 10_000
REASON = (
    "nested deeper than 256 levels, the parser's limit: not a document dedupe can read "
    "(hOCR, ALTO and PAGE files nest about ten deep)"
)
LINE = '<span class="ocr_line" title="bbox 0 0 10 10"><span class="ocrx_word">deep</span></span>'


def deep_files() -> dict[str, tuple[str, str]]:
    inner = "<div>" * DEPTH + LINE + "</div>" * DEPTH
    page = f'<div class="ocr_page" title="bbox 0 0 100 100">{inner}</div>'
    return {
        "deep.xml": (
            '<?xml version="1.0"?><alto>' + "<a>" * DEPTH + "x" + "</a>" * DEPTH + "</alto>",
            "XML",
        ),
        # an unclosed <meta>: not XML, so read as HTML
        "deep.hocr": (
            f'<html><head><meta charset="utf-8"></head><body>{page}</body></html>',
            "HTML",
        ),
        "deep.xhtml.hocr": (f"<html><body>{page}</body></html>", "XML"),
    }


@pytest.mark.parametrize("name", deep_files())
@pytest.mark.parametrize("command", ["normalise", "compare"])
def test_too_deep_is_one_line_that_says_so(tmp_path, name, command):
    text, kind = deep_files()[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text("deep\n", encoding="utf-8")
    args = [str(path)] if command == "normalise" else [str(path), str(other)]
    result = subprocess.run(
        [sys.executable, "-m", "dedupe", command, *args, "-o", str(tmp_path / "out.txt")],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "100"},
    )
    assert result.returncode == 2
    assert result.stderr == f"dedupe: {name}: {kind} {REASON}\n"
    assert not (tmp_path / "out.txt").exists()


def test_ordinary_nesting_still_reads(tmp_path):
    page = '<div class="ocr_page" title="bbox 0 0 100 100">' + "<div>" * 50 + LINE
    path = tmp_path / "nested.hocr"
    path.write_text(
        f'<html><head><meta charset="utf-8"></head><body>{page}{"</div>" * 51}</body></html>'
    )
    from dedupe.read import read

    assert read(str(path)).text == "deep"
