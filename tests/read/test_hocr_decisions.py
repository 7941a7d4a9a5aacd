"""hOCR word confidences reach the decisions: two OCR readings of one page
that differ on a word, where x_wconf alone tells which to trust.

The witnesses are the hand-made fixture (tests/data/hocr/minutes.hocr) and a
copy of it in which one word is read differently; the same pair of words with
the confidences swapped must give the other canonical reading, so it is the
confidence that decides and not the words themselves.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import dedupe

HOCR = Path(__file__).resolve().parent.parent / "data" / "hocr" / "minutes.hocr"
#: The fixture's word "met" with its confidence, as it stands in the file.
MET = 'x_wconf 90">met<'


def witnesses(tmp_path: Path, a_conf: int, b_conf: int) -> list[str]:
    """A reads "sat" where B reads "met", with the given confidences (0-100)."""
    original = HOCR.read_text(encoding="utf-8")
    assert original.count(MET) == 1
    a = tmp_path / "scan-a.hocr"
    b = tmp_path / "scan-b.hocr"
    a.write_text(original.replace(MET, f'x_wconf {a_conf}">sat<'), encoding="utf-8")
    b.write_text(original.replace(MET, f'x_wconf {b_conf}">met<'), encoding="utf-8")
    return [str(a), str(b)]


@pytest.mark.parametrize(
    ("a_conf", "b_conf", "winner", "loser", "low"),
    [(38, 93, "met", "sat", "0.38"), (93, 38, "sat", "met", "0.38")],
)
def test_the_low_confidence_reading_loses_the_tie(
    tmp_path: Path, a_conf: int, b_conf: int, winner: str, loser: str, low: str
) -> None:
    collation = dedupe.compare(witnesses(tmp_path, a_conf, b_conf))
    variants = [c for _, c in collation.variants()]
    assert [c.readings for c in variants] == [{"A": "sat", "B": "met"}]
    (column,) = variants
    assert column.canonical == winner
    assert f"'{loser}' has low OCR confidence ({low})" in column.reason
    assert f"committee {winner} in the" in " ".join(u.text() for u in collation.units)


def test_the_reason_reaches_the_json_output(tmp_path: Path) -> None:
    out = tmp_path / "collation.json"
    result = subprocess.run(
        [sys.executable, "-m", "dedupe", "compare", *witnesses(tmp_path, 38, 93)]
        + ["--format", "json", "-o", str(out), "--quiet"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    (variant,) = data["variants"]
    assert variant["readings"] == {"A": "sat", "B": "met"}
    assert variant["canonical"] == "met"
    assert "'sat' has low OCR confidence (0.38)" in variant["reason"]
    assert "committee met in the" in data["canonical"]["text"]
