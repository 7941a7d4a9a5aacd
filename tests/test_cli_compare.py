"""`dedupe compare` through the command line: outputs, --check, the report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from rich.console import Console

import dedupe
from dedupe.render.report import report_lines

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "beijing-binds"
A, B = str(SAMPLES / "a.txt"), str(SAMPLES / "b.txt")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dedupe", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "120"},
    )


def test_canonical_text_on_stdout_and_to_a_file(tmp_path):
    result = run("compare", A, B)
    assert result.returncode == 0, result.stderr
    assert "Patient Zero and Sinophobia" in result.stdout and "\nNotes\n" in result.stdout
    out = tmp_path / "canon.txt"
    result = run("compare", A, B, "-o", str(out), "--quiet")
    assert result.returncode == 0 and result.stdout == ""
    assert out.read_text() == run("compare", A, B).stdout


def test_check_exit_codes(tmp_path):
    assert run("compare", A, B, "--check", "-q").returncode == 1
    assert run("compare", A, A, "--check", "-q").returncode == 0
    # a copy that differs only in typography passes the check
    copy = tmp_path / "curly.txt"
    copy.write_text(Path(A).read_text().replace("'", "\u2019"))
    assert run("compare", A, str(copy), "--check", "-q").returncode == 0


def test_json_and_markdown_formats(tmp_path):
    result = run("compare", A, B, "--format", "json")
    data = json.loads(result.stdout)
    assert data["schema"] == "dedupe.collation/1"
    assert data["summary"]["counts"]["spelling"] >= 4
    md = run("compare", A, B, "--format", "md").stdout
    assert "## Persistent Tensions" in md and "[^63]:" in md


def test_prefer_and_quotes_options():
    curly = run("compare", A, B, "--quotes", "curly").stdout
    assert "\u201c" in curly and "China\u2019s" in curly
    assert "Zholdoshaev" in run("compare", A, B, "--prefer", "B").stdout
    assert "Zholdosbaev" in run("compare", A, B, "--prefer", "A").stdout
    bad = run("compare", A, B, "--prefer", "Z")
    assert bad.returncode == 2 and "not a witness" in bad.stderr


def render_report(collation, review_only=False) -> str:
    console = Console(record=True, width=160, file=open(os.devnull, "w"))
    for item in report_lines(collation, review_only):
        console.print(item)
    return console.export_text()


def test_report_lists_counts_variants_and_decisions():
    collation = dedupe.compare([A, B])
    text = render_report(collation)
    assert "A = a.txt" in text and "B = b.txt" in text
    assert "spelling" in text and "total" in text
    assert "A:‹Zholdosbaev›" in text and "B:‹Zholdoshaev›" in text
    assert "Agreement with the canonical text" in text
    assert "→ ‹Zholdosbaev›  (agree: A;" in text or "→ ‹Zholdoshaev›  (agree: B;" in text
    review = render_report(collation, review_only=True)
    assert "A:‹Zholdosbaev›" in review  # a tie with no evidence: flagged
    assert "B:‹plane loads›" not in review and "B:‹plane loads›" in text


def test_output_file_gets_ordinary_permissions(tmp_path):
    from dedupe.render.files import write_output

    old = os.umask(0o022)
    try:
        new = tmp_path / "canon.txt"
        write_output(new, "text\n", [A, B])
        assert new.stat().st_mode & 0o777 == 0o644  # as open() would make it, not 0600
        kept = tmp_path / "kept.txt"
        kept.write_text("old\n")
        kept.chmod(0o640)
        write_output(kept, "new\n", [A, B])
        assert kept.stat().st_mode & 0o777 == 0o640 and kept.read_text() == "new\n"
    finally:
        os.umask(old)
