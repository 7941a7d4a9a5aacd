"""Reading a long PDF shows progress on stderr when stderr is a terminal
(a pseudo-terminal here), and nothing when it is a pipe or a file."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest


def run_on_terminal(*args: str) -> tuple[int, str]:
    """Run the CLI with stderr on a pseudo-terminal: (exit code, what it showed)."""
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "dedupe", *args],
        stdout=subprocess.DEVNULL,
        stderr=slave,
        # the bar waits a second before it shows; this small PDF is read faster
        env={**os.environ, "COLUMNS": "100", "TERM": "xterm", "DEDUPE_PROGRESS_AFTER": "0"},
    )
    os.close(slave)
    shown = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the terminal closes when the process ends
            break
        if not data:
            break
        shown.append(data)
    os.close(master)
    return process.wait(), b"".join(shown).decode("utf-8", "replace")


@pytest.mark.parametrize("command", ["normalise", "compare"])
def test_pdf_reading_progress_on_a_terminal_only(
    tmp_path: Path, write_file, notes_pdf, command: str
) -> None:
    pdf = write_file("long.pdf", notes_pdf(12))
    inputs = [pdf] if command == "normalise" else [pdf, pdf]
    code, shown = run_on_terminal(command, *inputs, "-o", str(tmp_path / "out.txt"))
    assert code == 0, shown
    assert "read PDF" in shown and "12/12" in shown
    piped = subprocess.run(
        [sys.executable, "-m", "dedupe", command, *inputs, "-o", str(tmp_path / "out2.txt")],
        capture_output=True,
        text=True,
    )
    assert piped.returncode == 0, piped.stderr
    assert piped.stderr == ""
