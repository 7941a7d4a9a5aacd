"""Fingerprints: folded words, stable hashes, MinHash agreement, samples."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np

from dedupe.scan import fingerprint as fp
from dedupe.scan.words import hash_words

ROOT = Path(__file__).resolve().parents[2]
DARWIN = ROOT / "tests" / "data" / "darwin"


def shingle_set(text: str) -> set[int]:
    hashes, lengths = hash_words(text)
    return set(fp.word_shingles(hashes[lengths >= fp.CONTENT_LETTERS]).tolist())


def fingerprint(text: str):
    return fp.fingerprint_text(text)


def test_typography_alone_does_not_change_the_fingerprint():
    plain = DARWIN.joinpath("darwin1859.txt").read_text(encoding="utf-8")
    fancy = plain.replace("'", "’").replace("fi", "ﬁ").replace(" -- ", " — ")
    words_a, sig_a, sample_a = fingerprint(plain)
    words_b, sig_b, sample_b = fingerprint(fancy)
    assert words_a == words_b
    assert np.array_equal(sig_a, sig_b) and np.array_equal(sample_a, sample_b)


def test_signature_agreement_estimates_jaccard_similarity():
    a = DARWIN.joinpath("darwin1859.txt").read_text(encoding="utf-8")
    for year in (1860, 1869, 1872):
        b = DARWIN.joinpath(f"darwin{year}.txt").read_text(encoding="utf-8")
        sa, sb = shingle_set(a), shingle_set(b)
        true = len(sa & sb) / len(sa | sb)
        estimate = float((fingerprint(a)[1] == fingerprint(b)[1]).mean())
        assert abs(estimate - true) < 0.1, (year, true, estimate)
    other = (ROOT / "samples" / "beijing-binds" / "a.txt").read_text(encoding="utf-8")
    assert (fingerprint(a)[1] == fingerprint(other)[1]).mean() < 0.05


def test_hashes_are_the_same_in_another_process():
    """Python's own hash() changes per process; the fingerprint must not."""
    text = "Raffaello Pantucci's research focuses on terrorism and counter-terrorism."
    code = (
        "from dedupe.scan.fingerprint import fingerprint_text as f;"
        f"w, s, x = f({text!r}); print(s.tobytes().hex(), x.tobytes().hex())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        env={"PYTHONHASHSEED": "12345", "PATH": ""}, cwd=ROOT,
    ).stdout.split()  # fmt: skip
    _, sig, sample = fingerprint(text)
    assert out == [sig.tobytes().hex(), sample.tobytes().hex()]


def test_the_sample_of_an_excerpt_is_inside_the_sample_of_the_whole():
    whole = DARWIN.joinpath("darwin1859.txt").read_text(encoding="utf-8")
    paragraphs = [p for p in whole.split("\n") if p.strip()]
    excerpt = "\n\n".join(paragraphs[10:14])
    part_sample, whole_sample = fingerprint(excerpt)[2], fingerprint(whole)[2]
    assert part_sample.size > 20
    assert np.isin(part_sample, whole_sample).mean() > 0.95
    assert whole_sample.size > 5 * part_sample.size


def test_short_texts_use_all_their_words_and_empty_ones_have_no_signature():
    words, sig, sample = fingerprint("A cat sat on the mat.")  # no word of four letters
    assert words == 6 and sig.any()
    assert not np.array_equal(sig, fingerprint("A cat sat on the hat.")[1])
    words, sig, sample = fingerprint("   ")
    assert words == 0 and not sig.any() and sample.size == 0


def test_fingerprint_file_reads_and_records_the_file(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text("Dear Sir,\n\nI write about the weevils of Ecuador.\n", encoding="utf-8")
    found = fp.fingerprint_file(str(path))
    assert found.path == str(path)
    assert found.size == path.stat().st_size
    assert found.sha256 == fp.file_sha256(str(path))
    assert found.words == 9
