"""The Tesseract engine, called as the ``tesseract`` program.

The program rather than a wrapper (pytesseract): a wrapper runs the same
program through temporary files and adds nothing we need. We ask for hOCR,
which carries word boxes and word confidences, and read it with the hOCR
reader, so a recognised page is exactly like an hOCR witness. Each call
runs single-threaded (``OMP_THREAD_LIMIT=1``): pages run in parallel, one
engine per core, which is faster than one engine using every core.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from functools import cache

from dedupe.model import DedupeError
from dedupe.read.ocr_options import Recipe


def packages(lang: str) -> str:
    """The Debian packages that give Tesseract these languages."""
    names = ["tesseract-ocr"]
    for code in lang.split("+"):
        names.append("tesseract-ocr-" + code.lower().replace("_", "-"))
    return " ".join(dict.fromkeys(names))


def program() -> str:
    """The path of ``tesseract``, or one line saying what to install."""
    found = shutil.which("tesseract")
    if found is None:
        raise DedupeError(
            "tesseract not found, and the scan needs OCR: "
            "apt-get install tesseract-ocr tesseract-ocr-eng (or pass --ocr never)"
        )
    return found


@cache
def _installed(path: str) -> tuple[str, frozenset[str]]:
    """The engine's version line and its installed languages."""
    try:
        version = subprocess.run(
            [path, "--version"], capture_output=True, text=True, check=True, timeout=60
        )
        langs = subprocess.run(
            [path, "--list-langs"], capture_output=True, text=True, check=True, timeout=60
        )
    except (OSError, subprocess.SubprocessError) as err:
        raise DedupeError(f"tesseract does not run ({err}): reinstall tesseract-ocr") from None
    first = (version.stdout or version.stderr).strip().splitlines()
    listed = langs.stdout.strip().splitlines()[1:]  # after "List of available languages..."
    return (first[0] if first else "tesseract"), frozenset(s.strip() for s in listed)


def check(lang: str) -> str:
    """The engine's version, once it is known to read every language in ``lang``."""
    version, installed = _installed(program())
    missing = [code for code in lang.split("+") if code not in installed]
    if missing:
        raise DedupeError(
            f"Tesseract has no language data for {'+'.join(missing)}: "
            f"apt-get install {packages('+'.join(missing))}"
        )
    return version


def recognise(image: str, lang: str, recipe: Recipe, dpi: int | None) -> bytes:
    """The hOCR of one page image file."""
    args = [program(), image, "stdout", "-l", lang, "--oem", str(recipe.oem)]
    args += ["--psm", str(recipe.psm)]
    if dpi:
        args += ["--dpi", str(dpi)]
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        done = subprocess.run(args + ["hocr"], capture_output=True, env=env, timeout=600)
    except (OSError, subprocess.SubprocessError) as err:
        raise DedupeError(f"tesseract failed ({err})") from None
    if done.returncode != 0 or b"ocr_page" not in done.stdout:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DedupeError(f"tesseract failed: {said[-1] if said else f'exit {done.returncode}'}")
    return done.stdout
