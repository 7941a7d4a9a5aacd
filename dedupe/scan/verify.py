"""Verification: every candidate pair is aligned word by word before it is
reported, so a cluster never has a member that only looked similar.

The alignment is the longest common subsequence of the two word sequences
(rapidfuzz, bit-parallel), which tolerates OCR errors, moved footnotes and
layout noise: it counts the words the two files have in common, in order.
Two numbers come out of it:

- ``common``: all words aligned. ``similarity = 2*common/(words_a+words_b)``
  and each file's coverage ``common/words`` decide whether two files are
  versions of one document.
- ``anchored``: aligned words in runs of three or more. A short text
  aligned against a long unrelated one finds many of its words by chance
  (``the``, ``of``), and a paraphrase keeps its function words in order;
  such matches come alone or in pairs, so containment is measured with
  anchored words only (bench/SCAN.md has the measurement).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dedupe.scan.comparison import PART_RATIO, Comparison
from dedupe.scan.files import read_or_reason

#: Longer texts are compared on a hash-chosen subset of their words, the same
#: subset in both, so one comparison stays within about a tenth of a second.
MAX_WORDS = 20_000
_SURROGATES = 0xD800
_MAX_SYMBOLS = 0x110000 - 0x800
#: Aligned words count towards containment only in runs at least this long.
ANCHOR_RUN = 3
#: The band of the alignment is estimated from a sketch of 1 in 8 words
#: (``_SKETCH_BITS``: the same words on both sides), this share of the
#: shorter side's words wider than the sketch suggests, where the sketch has
#: at least ``_MIN_SKETCH`` words.
_SKETCH_BITS = np.uint32(29)
_SKETCH_MIX = np.uint32(0x9E3779B1)
SKETCH_MARGIN = 0.08
_MIN_SKETCH = 64


@dataclass(frozen=True)
class Spilled:
    """A file's word sequence written to a spill file during fingerprinting:
    ``size`` words (uint32) from word ``offset`` on."""

    file: str
    offset: int
    size: int

    def load(self) -> np.ndarray:
        return np.fromfile(self.file, dtype=np.uint32, count=self.size, offset=4 * self.offset)


def load_words(path: str) -> np.ndarray:
    """Read one file into its word sequence, as fingerprinting makes it
    (a DedupeError if unreadable)."""
    from dedupe.scan.fingerprint import sequence_of
    from dedupe.scan.text import scan_text
    from dedupe.scan.words import hash_words

    text, _ = scan_text(path)
    return sequence_of(hash_words(text)[0])


def bounded(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Both word sequences, thinned the same way if either is too long."""
    longest = max(a.size, b.size)
    if longest <= MAX_WORDS:
        return a, b
    step = np.uint32(-(-longest // MAX_WORDS))
    return a[a % step == 0], b[b % step == 0]


def by_frequency(sequences: list[np.ndarray]) -> list[np.ndarray]:
    """The sequences with each word replaced by its frequency rank in all of
    them, as code points (uint32, the surrogate range skipped), or [] if
    there are more distinct words than code points.

    Same alignments, several times faster: rapidfuzz looks the 256 smallest
    symbols up in a table and the others in a hash map, and the commonest
    words make most of a text. (What ``np.unique`` with ``return_inverse``
    gives, twice as fast: each word and its position sorted as one 64-bit key.)
    """
    if not sequences:
        return []
    words = np.concatenate(sequences)
    keys = words.astype(np.uint64) << np.uint64(32)
    keys |= np.arange(words.size, dtype=np.uint64)
    keys.sort()
    first = np.empty(words.size, dtype=bool)
    first[:1] = True
    np.not_equal(keys[1:] >> np.uint64(32), keys[:-1] >> np.uint64(32), out=first[1:])
    starts = np.flatnonzero(first)
    if starts.size > _MAX_SYMBOLS:
        return []
    counts = np.diff(starts, append=words.size)
    rank = np.empty(counts.size, dtype=np.uint32)
    rank[np.argsort(-counts, kind="stable")] = np.arange(counts.size, dtype=np.uint32)
    ranked = np.empty(words.size, dtype=np.uint32)
    ranked[(keys & np.uint64(0xFFFFFFFF)).astype(np.intp)] = rank[np.cumsum(first) - 1]
    ranked += (ranked >= _SURROGATES) * np.uint32(0x800)
    return np.split(ranked, np.cumsum([s.size for s in sequences[:-1]]))


def _as_text(symbols: np.ndarray) -> str:
    """Symbols as a string (handed to rapidfuzz without a Python object each)."""
    return symbols.tobytes().decode("utf-32-le")


def _sketch(symbols: np.ndarray) -> np.ndarray:
    """1 in 8 of the symbols, chosen by value (the same in any sequence)."""
    return symbols[(symbols * _SKETCH_MIX) >> _SKETCH_BITS == 0]


def lcs_length(seq_a: np.ndarray, seq_b: np.ndarray) -> int:
    """The length of the longest common subsequence of two symbol sequences.

    Exact, and faster the more the two have in common: told the least length
    that matters (``score_cutoff``), rapidfuzz computes only a band around
    the diagonal, exact whenever the length reaches it (0 otherwise). The
    least length is estimated from the alignment of a sketch of both (1 in 8
    words, a 64th of the work) less ``SKETCH_MARGIN``; where the whole falls
    short of it (rarely), it is computed again in full.
    """
    from rapidfuzz.distance import LCSseq

    text_a, text_b = _as_text(seq_a), _as_text(seq_b)
    sketch_a, sketch_b = _sketch(seq_a), _sketch(seq_b)
    shorter = min(sketch_a.size, sketch_b.size)
    if shorter >= _MIN_SKETCH:
        share = LCSseq.similarity(_as_text(sketch_a), _as_text(sketch_b)) / shorter
        least = int((share - SKETCH_MARGIN) * min(seq_a.size, seq_b.size))
        if least > 0:
            found = LCSseq.similarity(text_a, text_b, score_cutoff=least)
            if found:
                return found
    return LCSseq.similarity(text_a, text_b)


def _shared(seq_a: np.ndarray, seq_b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Both symbol sequences without the symbols the other lacks."""
    present = np.zeros(max(int(seq_a.max()), int(seq_b.max())) + 1, dtype=bool)
    present[seq_b] = True
    shared_a = seq_a[present[seq_a]]
    present[:] = False
    present[shared_a] = True
    return shared_a, seq_b[present[seq_b]]


def may_be_part(words_a: int, words_b: int) -> bool:
    """Whether the smaller file is small enough to be a part of the other."""
    return min(words_a, words_b) <= PART_RATIO * max(words_a, words_b)


def align_counts(
    a: np.ndarray, b: np.ndarray, ranked: tuple[np.ndarray, np.ndarray] | None = None
) -> tuple[int, int]:
    """(common, anchored) word counts of the best in-order alignment, scaled
    back to the full lengths when the sequences were thinned; ``ranked`` is
    both sequences as ``by_frequency`` gives them, if known.

    Words found in one file only cannot align: they are left out before
    aligning, which does not change the count. Anchored words (runs, which
    leaving words out would join) are counted only where one file may be
    part of the other: they are used for nothing else (0 otherwise).
    """
    from rapidfuzz.distance import LCSseq

    thin_a, thin_b = bounded(a, b)
    if not thin_a.size or not thin_b.size:
        return 0, 0
    if ranked is None or thin_a.size < a.size or thin_b.size < b.size:
        ranked = tuple(by_frequency([thin_a, thin_b]))  # two files: few enough words
    seq_a, seq_b = ranked
    scale = a.size / thin_a.size
    if not may_be_part(a.size, b.size):
        return round(lcs_length(*_shared(seq_a, seq_b)) * scale), 0
    common = anchored = 0
    for op in LCSseq.opcodes(_as_text(seq_a), _as_text(seq_b)):
        if op.tag == "equal":
            run = op.src_end - op.src_start
            common += run
            if run >= ANCHOR_RUN:
                anchored += run
    return round(common * scale), round(anchored * scale)


def compare_words(
    path_a: str,
    words_a: np.ndarray,
    path_b: str,
    words_b: np.ndarray,
    ranked: tuple[np.ndarray, np.ndarray] | None = None,
) -> Comparison:
    common, anchored = align_counts(words_a, words_b, ranked)
    exact = words_a.size == words_b.size == common and _same_folded_text(path_a, path_b)
    return Comparison(path_a, path_b, words_a.size, words_b.size, common, anchored, exact)


def _same_folded_text(path_a: str, path_b: str) -> bool:
    """Whether two files with the same words have the same text once
    typography, case and spacing are folded (punctuation counts); False if
    either cannot be read again."""
    from dedupe.normalise.fold import fold
    from dedupe.scan.text import scan_text

    texts = []
    for path in (path_a, path_b):
        found = read_or_reason(path, scan_text)
        if isinstance(found, str):
            return False
        texts.append(fold(found[0]).casefold())
    return texts[0] == texts[1]


Batch = tuple[list[tuple[str, str]], dict[str, np.ndarray | Spilled]]


def verify_batch(batch: Batch) -> list[Comparison | str]:
    """Align each pair of files; a file that cannot be read gives its error line.

    ``batch`` is the pairs and the word hashes already known (kept or spilled
    from fingerprinting); other files are read, once per batch.
    """
    pairs, known = batch
    texts: dict[str, np.ndarray | str] = {
        path: words.load() if isinstance(words, Spilled) else words for path, words in known.items()
    }

    def words(path: str) -> np.ndarray | str:
        if path not in texts:
            texts[path] = read_or_reason(path, load_words)
        return texts[path]

    for a, b in pairs:
        words(a), words(b)
    readable = [p for p, w in texts.items() if not isinstance(w, str) and w.size <= MAX_WORDS]
    ranked = dict(zip(readable, by_frequency([texts[p] for p in readable]), strict=False))
    out: list[Comparison | str] = []
    for a, b in pairs:
        wa, wb = texts[a], texts[b]
        if isinstance(wa, str) or isinstance(wb, str):
            out.append(wa if isinstance(wa, str) else str(wb))
        else:
            both = (ranked[a], ranked[b]) if a in ranked and b in ranked else None
            out.append(compare_words(a, wa, b, wb, both))
    return out
