"""``dedupe eval`` on the command line: the table, the JSON schema, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCANNED = Path(__file__).resolve().parent / "data" / "scanned" / "beijing-short"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dedupe", "eval", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "120"},
    )


@pytest.fixture
def texts(tmp_path: Path) -> dict[str, Path]:
    files = {
        "truth": "Schöne Welt\n",
        "nfd": "Scho\u0308ne Welt\n",
        "dropped": "Schöne\n",
    }
    out = {}
    for name, text in files.items():
        out[name] = tmp_path / f"{name}.txt"
        out[name].write_text(text, encoding="utf-8")
    return out


def test_json_schema_and_numbers(texts):
    done = run(str(texts["nfd"]), str(texts["dropped"]), str(texts["truth"]), "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["schema"] == "dedupe.eval/1"
    assert data["truth"] == str(texts["truth"])
    assert [c["path"] for c in data["candidates"]] == [str(texts["nfd"]), str(texts["dropped"])]
    keys = {"path", "cer", "wer", "char_errors", "chars", "word_errors", "words"}
    assert all(set(c) == keys for c in data["candidates"])
    nfd, dropped = data["candidates"]
    assert (nfd["cer"], nfd["wer"]) == (0.0, 0.0)
    assert dropped["char_errors"] == 5 and dropped["chars"] == 11
    assert dropped["cer"] == pytest.approx(5 / 11)
    assert dropped["wer"] == pytest.approx(0.5)


def test_table(texts):
    done = run(str(texts["dropped"]), str(texts["truth"]))
    assert done.returncode == 0, done.stderr
    header, row, footer = done.stdout.splitlines()
    assert header.split()[:3] == ["candidate", "CER", "WER"]
    assert row.split() == [str(texts["dropped"]), "45.45%", "50.00%", "5", "1"]
    assert footer == f"truth: {texts['truth']} (11 characters, 2 words)"


def test_a_real_scan_against_its_truth():
    # Tesseract's hOCR of a degraded two-page scan (tests/data/scanned)
    done = run(str(SCANNED / "onecol-worn.hocr"), str(SCANNED / "truth.txt"), "-f", "json")
    assert done.returncode == 0, done.stderr
    (score,) = json.loads(done.stdout)["candidates"]
    assert 0 < score["cer"] < 0.2
    assert score["chars"] > 4000


def assert_one_line_error(done: subprocess.CompletedProcess, needle: str) -> None:
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("dedupe: ") and needle in lines[0]


def test_only_one_file(texts):
    assert_one_line_error(run(str(texts["truth"])), "at least one candidate")


def test_a_missing_candidate(texts, tmp_path):
    assert_one_line_error(run(str(tmp_path / "nope.txt"), str(texts["truth"])), "no such file")


def test_an_empty_truth(texts, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    assert_one_line_error(run(str(texts["nfd"]), str(empty)), "empty file")


def test_output_over_an_input_is_refused(texts):
    before = texts["truth"].read_bytes()
    done = run(str(texts["nfd"]), str(texts["truth"]), "-o", str(texts["truth"]))
    assert_one_line_error(done, "input file")
    assert texts["truth"].read_bytes() == before
