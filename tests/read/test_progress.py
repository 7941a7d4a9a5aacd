"""Reading a long PDF shows progress on stderr when stderr is a terminal
(a pseudo-terminal here), and nothing when it is a pipe or a file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize("command", ["normalise", "compare"])
def test_pdf_reading_progress_on_a_terminal_only(
    tmp_path: Path, write_file, notes_pdf, on_terminal, command: str
) -> None:
    pdf = write_file("long.pdf", notes_pdf(12))
    inputs = [pdf] if command == "normalise" else [pdf, pdf]
    code, shown = on_terminal(command, *inputs, "-o", str(tmp_path / "out.txt"))
    assert code == 0, shown
    assert "read PDF" in shown and "12/12" in shown
    piped = subprocess.run(
        [sys.executable, "-m", "dedupe", command, *inputs, "-o", str(tmp_path / "out2.txt")],
        capture_output=True,
        text=True,
    )
    assert piped.returncode == 0, piped.stderr
    assert "read PDF" not in piped.stderr and "\x1b" not in piped.stderr  # no bar off a terminal
