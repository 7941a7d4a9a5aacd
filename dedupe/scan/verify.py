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

from dedupe.scan.files import read_or_reason

#: Longer texts are compared on a hash-chosen subset of their words, the same
#: subset in both, so one comparison stays within about a tenth of a second.
MAX_WORDS = 20_000
#: Aligned words count towards containment only in runs at least this long.
ANCHOR_RUN = 3


@dataclass(frozen=True)
class Comparison:
    """The alignment of two files' normalised words."""

    a: str
    b: str
    words_a: int
    words_b: int
    common: int
    anchored: int
    exact: bool

    @property
    def similarity(self) -> float:
        total = self.words_a + self.words_b
        return 2 * self.common / total if total else 1.0

    def coverage(self, side: str) -> float:
        """Share of one side's words aligned with the other side."""
        words = self.words_a if side == "a" else self.words_b
        return self.common / words if words else 1.0

    def containment(self, side: str) -> float:
        """Share of one side's words found in the other in anchored runs."""
        words = self.words_a if side == "a" else self.words_b
        return self.anchored / words if words else 1.0


@dataclass(frozen=True)
class Text:
    """What verification needs of one file: its word hashes, and its body
    text once the exact-duplicate check wants it."""

    words: np.ndarray  # word hashes, in order
    body: str | None = None


def load_text(path: str) -> Text:
    """Read and normalise one file into word hashes (a DedupeError if unreadable)."""
    from dedupe.scan.fingerprint import body_text, document_of, word_hashes, words_of

    doc, _ = document_of(path)
    body = body_text(doc)
    return Text(word_hashes(words_of(body)).astype(np.uint32), body)


def bounded(a: np.ndarray, b: np.ndarray) -> tuple[list[int], list[int]]:
    """Both word sequences, thinned the same way if either is too long."""
    longest = max(a.size, b.size)
    if longest <= MAX_WORDS:
        return a.tolist(), b.tolist()
    step = np.uint64(-(-longest // MAX_WORDS))
    return a[a % step == 0].tolist(), b[b % step == 0].tolist()


def align_counts(a: np.ndarray, b: np.ndarray) -> tuple[int, int]:
    """(common, anchored) word counts of the best in-order alignment, scaled
    back to the full lengths when the sequences were thinned."""
    from rapidfuzz.distance import LCSseq

    seq_a, seq_b = bounded(a, b)
    if not seq_a or not seq_b:
        return 0, 0
    common = anchored = 0
    for op in LCSseq.opcodes(seq_a, seq_b):
        if op.tag == "equal":
            run = op.src_end - op.src_start
            common += run
            if run >= ANCHOR_RUN:
                anchored += run
    scale = a.size / len(seq_a) if len(seq_a) < a.size else 1.0
    return round(common * scale), round(anchored * scale)


def compare_texts(path_a: str, text_a: Text, path_b: str, text_b: Text) -> Comparison:
    common, anchored = align_counts(text_a.words, text_b.words)
    exact = False
    if text_a.words.size == text_b.words.size == common:
        folded_a, folded_b = _folded(path_a, text_a), _folded(path_b, text_b)
        exact = folded_a is not None and folded_a == folded_b
    return Comparison(path_a, path_b, text_a.words.size, text_b.words.size, common, anchored, exact)


def _folded(path: str, text: Text) -> str | None:
    """The folded body text; the file is read again if only its words were kept."""
    from dedupe.normalise.fold import fold

    body = text.body
    if body is None:
        loaded = read_or_reason(path, load_text)
        if isinstance(loaded, str):
            return None
        body = loaded.body or ""
    return fold(body).casefold()


Batch = tuple[list[tuple[str, str]], dict[str, np.ndarray]]


def verify_batch(batch: Batch) -> list[Comparison | str]:
    """Align each pair of files; a file that cannot be read gives its error line.

    ``batch`` is the pairs and the word hashes already known (kept from
    fingerprinting); other files are read, once per batch.
    """
    pairs, known = batch
    texts: dict[str, Text | str] = {path: Text(words) for path, words in known.items()}

    def text(path: str) -> Text | str:
        if path not in texts:
            texts[path] = read_or_reason(path, load_text)
        return texts[path]

    out: list[Comparison | str] = []
    for a, b in pairs:
        ta, tb = text(a), text(b)
        if isinstance(ta, str) or isinstance(tb, str):
            out.append(ta if isinstance(ta, str) else str(tb))
        else:
            out.append(compare_texts(a, ta, b, tb))
    return out
