"""bench/read_pdf.py runs and reports pages per second for each PDF, a
generated long one and all together (the numbers themselves are not tested)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_bench_reports_pages_per_second() -> None:
    pdfs = [
        str(ROOT / "tests" / "data" / "pdf" / n) for n in ("pagelabels.pdf", "lorem-ipsum-scan.pdf")
    ]
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "read_pdf.py"), "--pages", "4", *pdfs],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines()}
    assert rows["file"] == ["pages", "read", "s", "layout", "s", "pages/s"]
    number = re.compile(r"\d+\.\d+")
    for name, pages in (("pagelabels.pdf", "5"), ("generated-4-pages.pdf", "4")):
        assert rows[name][0] == pages
        assert all(number.fullmatch(v) for v in rows[name][1:])
    assert "no usable text layer on page 1" in " ".join(rows["lorem-ipsum-scan.pdf"])
    assert rows["all"][0] == "9" and number.fullmatch(rows["all"][-1])
