"""The command line as a user meets it: exit codes, one-line errors, safe outputs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "beijing-binds"


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dedupe", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "COLUMNS": "100"},
    )


def assert_one_line_error(result: subprocess.CompletedProcess, *needles: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0]
    assert result.stdout == ""


@pytest.fixture
def bad_files(tmp_path):
    files = {
        "empty": tmp_path / "empty.txt",
        "binary": tmp_path / "image.txt",
        "undecodable": tmp_path / "latin.txt",
    }
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    files["undecodable"].write_bytes(b"Caf\x81 \x8d\x90 \x9d text")
    return files


@pytest.mark.parametrize("command", ["compare", "normalise"])
@pytest.mark.parametrize(
    "case, needle",
    [
        ("missing", "no such file"),
        ("directory", "directory"),
        ("empty", "empty"),
        ("binary", "binary"),
        ("undecodable", "not valid UTF-8"),
    ],
)
def test_bad_input_gives_one_line_and_exit_2(tmp_path, bad_files, command, case, needle):
    if case == "missing":
        path = str(tmp_path / "missing.txt")
    elif case == "directory":
        path = str(tmp_path)
    else:
        path = str(bad_files[case])
    args = [command, path] if command == "normalise" else [command, str(SAMPLES / "a.txt"), path]
    result = run(*args)
    assert_one_line_error(result, needle)


def test_output_equal_to_an_input_is_refused_and_the_input_is_untouched(tmp_path):
    a = tmp_path / "a.txt"
    a.write_bytes((SAMPLES / "a.txt").read_bytes())
    before = a.read_bytes()
    result = run("compare", str(a), str(SAMPLES / "b.txt"), "-o", str(a))
    assert_one_line_error(result, "input")
    assert a.read_bytes() == before
    result = run("normalise", str(a), "-o", str(a))
    assert_one_line_error(result, "input")
    assert a.read_bytes() == before


def test_output_into_a_missing_folder_is_refused(tmp_path):
    out = tmp_path / "no" / "such" / "out.txt"
    result = run("normalise", str(SAMPLES / "a.txt"), "-o", str(out))
    assert_one_line_error(result, "does not exist")
    assert not out.exists()


def test_one_witness_is_a_usage_error():
    result = run("compare", str(SAMPLES / "a.txt"))
    assert_one_line_error(result, "at least two")


def test_unknown_option_is_a_usage_error():
    result = run("compare", "--no-such-option", "x", "y")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_help_lists_commands_with_examples():
    result = run("--help")
    assert result.returncode == 0
    assert "compare" in result.stdout and "normalise" in result.stdout
    assert "dedupe compare a.txt b.txt" in result.stdout
    result = run("compare", "--help")
    assert result.returncode == 0
    for option in ("--format", "--prefer", "--quotes", "--review", "--quiet", "--check"):
        assert option in result.stdout


def test_normalise_json_output_is_parseable(tmp_path):
    import json

    out = tmp_path / "a.json"
    result = run("normalise", str(SAMPLES / "a.txt"), "--format", "json", "-o", str(out))
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text())
    assert data["schema"] == "dedupe.document/1"
    assert {"blocks", "footnotes", "noise"} <= set(data)
    assert all({"kind", "text"} <= set(b) for b in data["blocks"])
    assert not list(tmp_path.glob(".a.json.*")), "no temporary file left behind"
