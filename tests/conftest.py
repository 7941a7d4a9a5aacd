"""Shared fixtures: paths to the real sample witnesses, the CLI on a terminal,
and the rule for required components (skip on a workstation, fail under CI)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NoReturn

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "beijing-binds"


@pytest.fixture
def sample_a() -> str:
    return str(SAMPLES / "a.txt")


@pytest.fixture
def sample_b() -> str:
    return str(SAMPLES / "b.txt")


def start_on_terminal(*args: str):
    """Start the CLI with stderr on a pseudo-terminal: (the process, ``read``);
    ``read(until=TEXT)`` returns what it has shown once TEXT appears, or at
    the end. The progress bar shows at once (it waits a second otherwise);
    colour as a terminal gets it, whatever NO_COLOR or FORCE_COLOR the tests
    run under."""
    import pty

    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "dedupe", *args],
        stdout=subprocess.DEVNULL,
        stderr=slave,
        env={**env, "COLUMNS": "100", "TERM": "xterm", "DEDUPE_PROGRESS_AFTER": "0"},
    )
    os.close(slave)
    shown: list[bytes] = []

    def read(until: str | None = None) -> str:
        start = len(shown)
        while until is None or until.encode() not in b"".join(shown[start:]):
            try:
                data = os.read(master, 65536)
            except OSError:  # the terminal closes when the process ends
                data = b""
            if not data:
                os.close(master)
                break
            shown.append(data)
        return b"".join(shown[start:]).decode("utf-8", "replace")

    return process, read


def run_on_terminal(*args: str) -> tuple[int, str]:
    """Run the CLI with stderr on a pseudo-terminal: (exit code, what it showed)."""
    process, read = start_on_terminal(*args)
    shown = read()
    return process.wait(timeout=300), shown


@pytest.fixture
def on_terminal():
    return run_on_terminal


@pytest.fixture
def on_terminal_process():
    return start_on_terminal


def under_ci() -> bool:
    """Whether the tests run under CI (``CI`` set, as CI services and .ci/run do)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing_component(reason: str) -> NoReturn:
    """A component the tests need is not here (a browser, OCR): skip with the
    reason on a workstation; under CI fail, so a green run means it was tested."""
    if under_ci():
        pytest.fail(f"required component missing under CI: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def require_component():
    """``missing_component`` for fixtures and tests (conftest is not importable)."""
    return missing_component


@pytest.fixture(scope="session")
def soffice(tmp_path_factory):
    """LibreOffice, the real producer of DOCX (and HTML, EPUB) files:
    ``convert(FILE, FORMAT) -> Path`` runs ``soffice --headless --convert-to``
    with a profile of this run's own, so parallel runs do not clash."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        missing_component("LibreOffice missing (apt-get install libreoffice-writer-nogui)")
    profile = tmp_path_factory.mktemp("soffice-profile")

    def convert(path: Path, fmt: str) -> Path:
        out = tmp_path_factory.mktemp("soffice-out")
        done = subprocess.run(
            [program, f"-env:UserInstallation={profile.as_uri()}", "--headless",
             "--convert-to", fmt, "--outdir", str(out), str(path)],
            capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        made = out / f"{path.stem}.{fmt.split(':')[0]}"
        if not made.exists():
            pytest.fail(f"soffice made no {made.name}: {done.stdout} {done.stderr}")
        return made

    return convert


#: A short report, and the places a damaged text layer reads a space as "."
#: (the 1st, 3rd, ... word gap of these pairs).
REPORT_TEXT = (
    "The Harbour Survey\n\n"
    "The survey of the old harbour began in the spring and lasted until the first storms "
    "of the autumn, when the boats could no longer reach the outer wall.\n\n"
    "Divers counted the stones of the breakwater one by one and found that the northern "
    "arm had sunk by almost a metre since the last survey was made.\n\n"
    "The report recommends that the harbour master close the northern arm to heavy "
    "vessels until the foundations have been repaired by the engineers.\n"
)
DOTTED = (
    "old harbour",
    "the first",
    "the outer",
    "the stones",
    "northern arm",
    "last survey",
    "harbour master",
    "heavy vessels",
)


@pytest.fixture
def report_text() -> str:
    """The short report the crafted witnesses are made from."""
    return REPORT_TEXT


@pytest.fixture
def dotted_pairs(tmp_path):
    """``make(n)``: two witnesses of one short report where B's text layer
    reads the first ``n`` spaces of ``DOTTED`` as dots (one systematic
    pattern), and B reads "yard" for "metre"."""

    def make(n: int) -> list[str]:
        damaged = REPORT_TEXT.replace("almost a metre", "almost a yard")
        for words in DOTTED[:n]:
            damaged = damaged.replace(words, words.replace(" ", "."), 1)
        folder = tmp_path / f"dotted-{n}"
        folder.mkdir()
        a, b = folder / "clean.txt", folder / "layer.txt"
        a.write_text(REPORT_TEXT, encoding="utf-8")
        b.write_text(damaged, encoding="utf-8")
        return [str(a), str(b)]

    return make


@pytest.fixture
def dotted_pair(dotted_pairs) -> list[str]:
    """The pair with all eight dotted spaces."""
    return dotted_pairs(len(DOTTED))


def _line_ends(pixels) -> list[tuple[int, int, int]]:
    """Each printed line of a grey page image: (top row, bottom row, last inked column)."""
    import numpy as np

    inked = pixels.min(axis=1) < 128
    rows, start = [], None
    for y, dark in enumerate(inked):
        if dark and start is None:
            start = y
        elif not dark and start is not None:
            rows.append((start, y))
            start = None
    return [
        (top, bottom, int(np.where(pixels[top:bottom].min(axis=0) < 128)[0].max()))
        for top, bottom in rows
    ]


@pytest.fixture(scope="session")
def line_ends():
    """``line_ends(pixels)``: where each line of a rasterised page ends (to put dust beside it)."""
    return _line_ends
