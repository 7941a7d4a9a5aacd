"""A one-sided passage without a majority whose text stands elsewhere in the
canonical text, or in the notes of the witness that lacks it, is left out."""

from pathlib import Path

import dedupe
from dedupe.evaluate import file_text, score_text

NOTES = Path(__file__).parent / "data" / "scanned" / "beijing-notes"


def test_notes_one_scan_read_as_a_paragraph_are_left_out_where_the_other_has_them_as_notes(
    tmp_path,
):
    clean, rough = str(NOTES / "onecol-clean.txt"), str(NOTES / "onecol-rough.txt")
    collation = dedupe.compare([clean, rough])
    gone = [r for r in collation.removed if "stands elsewhere" in r.reason]
    assert gone and all(r.witness == "B" for r in gone)
    # the rough scan's run of garbled page-foot notes ("sledovavshego" read as
    # "jadovavghego"), which the clean scan has as notes 1-5
    assert any("jadovavghego" in r.text for r in gone)
    text = dedupe.render("text", collation)
    assert "jadovavghego" not in text
    out = tmp_path / "canonical.txt"
    out.write_text(text, encoding="utf-8")
    truth = file_text(str(NOTES / "truth.txt"))
    canonical = score_text(file_text(str(out)), truth).cer
    rough_alone = score_text(file_text(rough), truth).cer
    assert canonical < 0.05 < 0.3 < rough_alone


def test_a_note_stands_where_one_scan_found_it_not_in_the_others_body():
    """Six Tesseract readings of one page: the two-column scans find the page's
    notes, the one-column scans (markers read as ``®``, ``*``) keep them in the
    body; the canonical text has them once, as notes, and says why."""
    data = Path(__file__).parent / "data" / "scanned" / "beijing-short"
    collation = dedupe.compare([str(p) for p in sorted(data.glob("*.hocr"))])
    placed = [c for _, c in collation.variants() if "a numbered note (the others read" in c.reason]
    assert placed
    text = dedupe.render("text", collation)
    body, notes = text.split("\nNotes\n")
    assert "Dva sluchaia zarazheniia" in notes and "Dva sluchaia zarazheniia" not in body
