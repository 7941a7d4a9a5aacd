"""dedupe.evaluate: CER and WER as dinglehopper defines them, on hand-computed cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from dedupe.evaluate import evaluate, graphemes, score_text
from dedupe.model import DedupeError

TRUTH = "Schöne Welt"  # 11 grapheme clusters, 2 words


def test_nfd_candidate_is_the_same_text():
    # o + COMBINING DIAERESIS: two code points, one grapheme; NFC makes it ö
    score = score_text("Scho\u0308ne Welt", TRUTH)
    assert (score.char_errors, score.cer, score.word_errors, score.wer) == (0, 0.0, 0, 0.0)
    assert (score.chars, score.words) == (11, 2)


def test_a_misread_letter():
    score = score_text("Schone Welt", TRUTH)
    assert score.char_errors == 1
    assert score.cer == pytest.approx(1 / 11)
    assert score.wer == pytest.approx(1 / 2)


def test_a_dropped_word():
    score = score_text("Schöne", TRUTH)
    assert score.char_errors == 5  # " Welt"
    assert score.cer == pytest.approx(5 / 11)
    assert score.word_errors == 1
    assert score.wer == pytest.approx(1 / 2)


def test_a_combining_character_is_one_error_not_two():
    # o + COMBINING LOW LINE has no precomposed form: one grapheme cluster
    # that replaces ö; over code points it would be two edits
    candidate = "Scho\u0332ne Welt"
    assert len(graphemes(candidate)) == 11
    score = score_text(candidate, TRUTH)
    assert score.char_errors == 1
    assert score.cer == pytest.approx(1 / 11)
    assert score.wer == pytest.approx(1 / 2)


def test_whitespace_runs_count_as_one_space():
    assert score_text("Schöne\n\n  Welt\n", TRUTH).char_errors == 0


def test_an_extra_text_can_score_above_one():
    score = score_text("Schöne Welt " * 3, TRUTH)
    assert score.cer == pytest.approx(24 / 11)


def test_files_are_scored_as_dedupe_reads_them(tmp_path: Path):
    truth = tmp_path / "truth.txt"
    truth.write_text("A Title\n\nSchöne Welt ist hier.\n", encoding="utf-8")
    # NFD in the candidate is read as the same letters; one word differs
    cand = tmp_path / "scan.txt"
    cand.write_text("A Title\n\nScho\u0308ne Welt ist dort.\n", encoding="utf-8")
    result = evaluate([str(cand), str(truth)], str(truth))
    assert [s.path for s in result.scores] == [str(cand), str(truth)]
    first, second = result.scores
    assert first.char_errors == 4  # hier -> dort
    assert first.word_errors == 1
    assert first.words == 6
    assert (second.cer, second.wer) == (0.0, 0.0)


def test_an_unreadable_file_is_one_dedupe_error(tmp_path: Path):
    truth = tmp_path / "truth.txt"
    truth.write_text("Schöne Welt\n", encoding="utf-8")
    with pytest.raises(DedupeError, match="no such file"):
        evaluate([str(tmp_path / "missing.txt")], str(truth))
