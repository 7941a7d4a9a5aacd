"""Damaged and unreadable PDF and OCR files at the command line: one clear
line on stderr, exit code 2, no traceback and no output file; a PDF with
text on some pages only is read, with a warning naming the pages skipped
(with ``--ocr never``; recognising scans: tests/read/test_ocr_cli.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"
GOOD = Path(__file__).resolve().parent.parent.parent / "samples" / "beijing-binds" / "a.txt"
OCR_ADVICE = "run OCR first, for example with ocrmypdf"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dedupe", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "100"},
    )


def damaged(tmp_path: Path, notes_pdf: Callable, simple_pdf: Callable) -> dict[str, Path]:
    whole = notes_pdf(2)
    files = {
        "cut.pdf": whole[: len(whole) // 2],
        "locked.pdf": simple_pdf(["secret minutes"], password="letmein"),
        "broken.alto.xml": b'<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout><Page>',
        "broken.page.xml": (
            b'<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15">'
            b"<Page><TextRegion>"
        ),
        "cut.hocr": (DATA / "hocr" / "minutes.hocr").read_bytes()[:3000],
        "entity.xml": (
            b'<?xml version="1.0"?><!DOCTYPE alto [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"<alto><Layout><Page><PrintSpace><TextBlock><TextLine>"
            b'<String CONTENT="&x;"/></TextLine></TextBlock></PrintSpace></Page></Layout></alto>'
        ),
    }
    paths = {}
    for name, data in files.items():
        paths[name] = tmp_path / name
        paths[name].write_bytes(data)
    return paths


CASES = [
    ("cut.pdf", "cut.pdf: truncated PDF"),
    ("locked.pdf", "locked.pdf: encrypted PDF (needs a password)"),
    ("broken.alto.xml", "broken.alto.xml: malformed XML ("),
    ("broken.page.xml", "broken.page.xml: malformed XML ("),
    ("cut.hocr", "cut.hocr: malformed XML ("),
    ("entity.xml", "entity.xml: XML declares entities"),
    ("lorem-ipsum-scan.pdf", f"lorem-ipsum-scan.pdf: no usable text layer on page 1: {OCR_ADVICE}"),
    (
        "lorem-ipsum-scan-bad.pdf",
        f"lorem-ipsum-scan-bad.pdf: no usable text layer on page 1: {OCR_ADVICE}",
    ),
]


@pytest.mark.parametrize("command", ["compare", "normalise"])
@pytest.mark.parametrize(("name", "message"), CASES)
def test_one_line_exit_2_and_no_output(
    tmp_path: Path, notes_pdf, simple_pdf, command: str, name: str, message: str
) -> None:
    paths = damaged(tmp_path, notes_pdf, simple_pdf)
    path = paths.get(name, DATA / "pdf" / name)
    out = tmp_path / "out.txt"
    inputs = [str(path)] if command == "normalise" else [str(GOOD), str(path)]
    result = run(command, *inputs, "-o", str(out), "--ocr", "never")
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"dedupe: {message}"), result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out")) == []


@pytest.mark.parametrize("command", ["compare", "normalise"])
def test_pages_without_text_are_named_in_a_warning(tmp_path: Path, command: str) -> None:
    """TAMReview.pdf: 21 of 23 pages have no Unicode mapping; the two that
    have text are read, and one warning names the others."""
    out = tmp_path / "out.txt"
    pdf = str(DATA / "pdf" / "TAMReview.pdf")
    inputs = [pdf] if command == "normalise" else [pdf, pdf]
    result = run(command, *inputs, "-o", str(out), "--ocr", "never")
    assert result.returncode == 0, result.stderr
    warning = f"dedupe: warning: TAMReview.pdf: no usable text layer on pages 2-22 (skipped): {OCR_ADVICE}"
    said = [line for line in result.stderr.splitlines() if line.startswith("dedupe:")]
    twice = f"dedupe: warning: {pdf} is given twice: it counts twice in every vote"
    expected = [warning] if command == "normalise" else [twice, warning, warning]
    assert said == expected  # compare's report follows
    text = out.read_text(encoding="utf-8")
    assert "Technology Acceptance Model" in text
    assert "(cid:" not in text and "\ufffd" not in text
