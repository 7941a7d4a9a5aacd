"""Fingerprints: what a document's normalised body text looks like to the
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
import os
import re
import unicodedata
import zlib
from dataclasses import dataclass

import numpy as np

from dedupe.model import DedupeError, Document
from dedupe.normalise.fold import SUPER_RUN, fold_marker

SHINGLE_WORDS = 2
CONTENT_LETTERS = 4  # shorter words are mostly function words
MIN_CONTENT_WORDS = 8  # below this, shingle all the words (short notes, tables)
BIN_BITS = 7
NUM_HASHES = 1 << BIN_BITS
SAMPLE_MASK = 7  # keep the shingles whose hash is 0 modulo 8
SETTINGS = (
    f"content{CONTENT_LETTERS}-word{SHINGLE_WORDS}-oph{NUM_HASHES}-sample{SAMPLE_MASK + 1}-v1"
)

_WORD = re.compile(r"[^\W_]+")
_LIGATURE_MAP = {
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st", "\u0132": "IJ", "\u0133": "ij",
}  # fmt: skip
_INVISIBLE = "\u00ad\u200b\u200c\u200d\ufeff"
_SPECIAL = re.compile(f"[{_INVISIBLE}]|[{''.join(_LIGATURE_MAP)}]|{SUPER_RUN.pattern}")
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_BIN_SHIFT = np.uint64(64 - BIN_BITS)


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
    #: file need not be read again; None once dropped (never in the index).
    sequence: np.ndarray | None = None


def body_text(doc: Document) -> str:
    """The text that is compared: headings and paragraphs, no noise or notes."""
    return " ".join(b.text for b in doc.body)


def comparison_text(text: str) -> str:
    """``fold(text).casefold()`` as far as words are concerned, several times faster.

    Only the folding rules that change *word characters* matter once the text
    is split into words (quotes, dashes and spaces are separators anyway):
    canonical composition, invisible characters, ligatures and superscript
    footnote markers. tests/scan/test_fingerprint.py checks that the words
    are the same as those of ``fold`` on real texts.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
        text = _SPECIAL.sub(_fold_special, text)
    return text.casefold()


def _fold_special(match: re.Match[str]) -> str:
    char = match.group(0)
    if char in _INVISIBLE:
        return ""
    return _LIGATURE_MAP.get(char) or fold_marker(match)


def words_of(text: str) -> list[str]:
    """The words of a text, typography folded and case-folded."""
    return _WORD.findall(comparison_text(text))


_WORD_HASHES: dict[str, int] = {}


def word_hashes(words: list[str]) -> np.ndarray:
    """A stable 32-bit hash per word (CRC-32: the same in every process and run)."""
    cache = _WORD_HASHES
    if len(cache) > 2_000_000:
        cache.clear()
    get = cache.get
    values = [get(word) for word in words]
    if None in values:
        for i, value in enumerate(values):
            if value is None:
                word = words[i]
                value = values[i] = cache[word] = zlib.crc32(word.encode("utf-8"))
    return np.array(values, dtype=np.uint64)


def mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: spreads any input evenly over 64 bits."""
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * _M1
        x = (x ^ (x >> np.uint64(27))) * _M2
        return x ^ (x >> np.uint64(31))


def word_shingles(hashes: np.ndarray, n: int = SHINGLE_WORDS) -> np.ndarray:
    """64-bit hashes of every run of ``n`` consecutive words."""
    if hashes.size < n:
        return np.empty(0, dtype=np.uint64)
    with np.errstate(over="ignore"):
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
    values = first & np.uint64(0xFFFFFFFF)
    if not filled.all():
        have = np.flatnonzero(filled)
        empty = np.flatnonzero(~filled)
        nxt = np.searchsorted(have, empty) % have.size
        distance = ((have[nxt] - empty) % NUM_HASHES).astype(np.uint64)
        values[empty] = mix64(values[have[nxt]] + distance * _GOLDEN) & np.uint64(0xFFFFFFFF)
    return values.astype(np.uint32)


def containment_sample(shingles: np.ndarray) -> np.ndarray:
    """The shingles whose hash is 0 modulo 8, as sorted unique 32-bit keys.

    The same shingle is kept in every document that has it, so the share of
    a small document's sample found in a big one estimates how much of the
    small one the big one contains.
    """
    kept = shingles[(shingles & np.uint64(SAMPLE_MASK)) == 0]
    return np.unique((kept >> np.uint64(32)).astype(np.uint32))


def content_words(words: list[str]) -> list[str]:
    """The words that carry content: four letters or more (all, if too few)."""
    content = [w for w in words if len(w) >= CONTENT_LETTERS]
    return content if len(content) >= MIN_CONTENT_WORDS else words


def fingerprint_words(words: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Word hashes in order (uint32), signature and containment sample."""
    hashes = word_hashes(words)
    content = np.fromiter(map(len, words), dtype=np.int64, count=len(words)) >= CONTENT_LETTERS
    if content.sum() < MIN_CONTENT_WORDS:
        content[:] = True
    shingles = word_shingles(hashes[content])
    return hashes.astype(np.uint32), signature(shingles), containment_sample(shingles)


def fingerprint_text(text: str) -> tuple[int, np.ndarray, np.ndarray]:
    """Word count, signature and containment sample of a body text."""
    words = words_of(text)
    _, sig, sample = fingerprint_words(words)
    return len(words), sig, sample


def document_of(path: str) -> tuple[Document, str]:
    """Read and normalise a file; its sha256 comes from the reader."""
    from dedupe.normalise import normalise
    from dedupe.read import read

    source = read(path, "A")
    return normalise(source), source.witness.sha256


def fingerprint_file(path: str) -> Fingerprint:
    """Fingerprint one file; a ``DedupeError`` if it cannot be read."""
    try:
        stat = os.stat(path)
    except OSError as err:
        raise DedupeError(f"{path}: cannot read ({err.strerror})") from None
    doc, sha = document_of(path)
    sequence, sig, sample = fingerprint_words(words_of(body_text(doc)))
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
