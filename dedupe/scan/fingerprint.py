"""Fingerprints: what a document's text (dedupe.scan.text) looks like to the
candidate search, small enough to keep for millions of files.

A fingerprint is a MinHash signature (one-permutation hashing over 128 bins,
computed with numpy: sort the shingle hashes once, take the smallest in each
bin) of the document's shingles, plus a 1-in-8 sample of those shingles for
containment and for very noisy copies (a chapter inside a book has too small
a Jaccard similarity to the book for MinHash LSH to find it).

The shingles are pairs of consecutive *content words* (words of four or
more letters, the short function words skipped). Chosen by measurement
(bench/SCAN.md): word 3-grams and character n-grams lose too much to OCR
noise or separate distinct documents too poorly; pairs of content words keep
the most of a noisy copy relative to what distinct documents share.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

from dedupe.scan.words import hash_words, mix64

SHINGLE_WORDS = 2
CONTENT_LETTERS = 4  # shorter words are mostly function words
MIN_CONTENT_WORDS = 8  # below this, shingle all the words (short notes, tables)
BIN_BITS = 7
NUM_HASHES = 1 << BIN_BITS
SAMPLE_MASK = 7  # keep the shingles whose hash is 0 modulo 8
SETTINGS = (
    f"content{CONTENT_LETTERS}-word{SHINGLE_WORDS}-oph{NUM_HASHES}-sample{SAMPLE_MASK + 1}"
    "-quicktext-v2"
)

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_BIN_SHIFT = np.uint64(64 - BIN_BITS)
_LOW32 = np.uint64(0xFFFFFFFF)


@dataclass(frozen=True, eq=False)
class Fingerprint:
    """One file as the scan sees it; ``signature`` and ``sample`` are numpy arrays."""

    path: str
    size: int
    mtime_ns: int
    sha256: str
    words: int
    signature: np.ndarray  # uint32[NUM_HASHES]
    sample: np.ndarray  # sorted unique uint32 keys of 1 in 8 shingles
    #: The body's word hashes in order (uint32), kept for verification so the
    #: file need not be read again; None once dropped or written to a spill
    #: file (``pipeline.fingerprint_batch``; never in the index).
    sequence: np.ndarray | None = None


def word_shingles(hashes: np.ndarray, n: int = SHINGLE_WORDS) -> np.ndarray:
    """64-bit hashes of every run of ``n`` consecutive words."""
    if hashes.size < n:
        return np.empty(0, dtype=np.uint64)
    combined = hashes[: hashes.size - n + 1].copy()
    for k in range(1, n):
        combined = combined * _GOLDEN + hashes[k : hashes.size - n + 1 + k]
    return mix64(combined)


def signature(shingles: np.ndarray) -> np.ndarray:
    """One-permutation MinHash: the smallest shingle hash in each of 128 bins.

    Two documents agree in a bin with probability close to the Jaccard
    similarity of their shingle sets. Empty bins (short documents) borrow
    from the next filled bin, mixed with the distance, so they still agree
    exactly when the documents do (rotation densification).
    """
    if shingles.size == 0:
        return np.zeros(NUM_HASHES, dtype=np.uint32)
    h = np.sort(shingles)
    bins = np.arange(NUM_HASHES, dtype=np.uint64)
    idx = np.searchsorted(h, bins << _BIN_SHIFT)
    first = h[np.minimum(idx, h.size - 1)]
    filled = (idx < h.size) & ((first >> _BIN_SHIFT) == bins)
    values = first & _LOW32
    if not filled.all():
        have = np.flatnonzero(filled)
        empty = np.flatnonzero(~filled)
        nxt = np.searchsorted(have, empty) % have.size
        distance = ((have[nxt] - empty) % NUM_HASHES).astype(np.uint64)
        values[empty] = mix64(values[have[nxt]] + distance * _GOLDEN) & _LOW32
    return values.astype(np.uint32)


def containment_sample(shingles: np.ndarray) -> np.ndarray:
    """The shingles whose hash is 0 modulo 8, as sorted unique 32-bit keys.

    The same shingle is kept in every document that has it, so the share of
    a small document's sample found in a big one estimates how much of the
    small one the big one contains.
    """
    kept = shingles[(shingles & np.uint64(SAMPLE_MASK)) == 0]
    keys = np.sort((kept >> np.uint64(32)).astype(np.uint32))
    # what np.unique gives, without the import of numpy.ma it makes (15 ms a query)
    return keys[np.concatenate(([True], keys[1:] != keys[:-1]))] if keys.size else keys


def sequence_of(hashes: np.ndarray) -> np.ndarray:
    """The word hashes kept for verification: 32 bits each is plenty to align."""
    return (hashes >> np.uint64(32)).astype(np.uint32)


def fingerprint_hashes(
    hashes: np.ndarray, lengths: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Word sequence (uint32), signature and containment sample of a text's words."""
    content = lengths >= CONTENT_LETTERS
    if np.count_nonzero(content) < MIN_CONTENT_WORDS:
        content = np.ones_like(content)
    shingles = word_shingles(hashes[content])
    return sequence_of(hashes), signature(shingles), containment_sample(shingles)


def fingerprint_text(text: str) -> tuple[int, np.ndarray, np.ndarray]:
    """Word count, signature and containment sample of a text."""
    hashes, lengths = hash_words(text)
    _, sig, sample = fingerprint_hashes(hashes, lengths)
    return hashes.size, sig, sample


def fingerprint_file(path: str) -> Fingerprint:
    """Fingerprint one file; a ``DedupeError`` if it cannot be read."""
    from dedupe.scan.files import regular_file
    from dedupe.scan.text import scan_text

    stat = regular_file(path)
    text, sha = scan_text(path)
    sequence, sig, sample = fingerprint_hashes(*hash_words(text))
    return Fingerprint(
        path, stat.st_size, stat.st_mtime_ns, sha, sequence.size, sig, sample, sequence
    )


def file_sha256(path: str) -> str:
    """The sha256 of a file's bytes (the index's change check)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
