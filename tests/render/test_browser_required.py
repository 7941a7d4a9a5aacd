"""Without a browser the HTML browser tests skip on a workstation but fail
under CI, so a green CI run means the report was tested in a real browser."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ONE_BROWSER_TEST = "tests/render/test_html_browser.py::test_focus_alone_opens_the_popup"


@pytest.mark.parametrize("ci, outcome", [("", "1 skipped"), ("true", "1 error")])
def test_a_missing_browser_skips_only_off_ci(tmp_path, ci, outcome):
    env = {**os.environ, "CI": ci, "DEDUPE_CHROMIUM": str(tmp_path / "no-such-chromium")}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", ONE_BROWSER_TEST, "-rs", "-p", "no:cacheprovider"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )
    assert outcome in result.stdout, result.stdout
    assert "no chromium" in result.stdout
    assert result.returncode == (1 if ci else 0), result.stdout
    if ci:
        assert "required component missing under CI" in result.stdout
