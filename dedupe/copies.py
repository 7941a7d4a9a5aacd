"""Where a passage has a copy in a longer text, found through OCR noise.

Word trigrams die at every misread letter (at 5% character errors fewer
than half survive); character 6-grams of the bare words run together
(``squash``: case, punctuation and spacing folded) mostly do, and a word
split or joined by OCR costs none. Each 6-gram of the passage votes for the
offset at which the passage would start in the text (its position there
minus its position in the passage); a start many grams agree on is checked
by edit distance on that stretch, so a copy is a copy in order, not a bag of
common grams (a book holds nearly every 6-gram of its language somewhere).

The text's grams are kept sorted in numpy arrays, sampled every few
characters: linear memory, and a look-up is a binary search.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

GRAM = 6
STEP = 3  # the text's grams are kept at every STEP-th position (the passage's all)
BUCKET = 32  # start offsets within this many characters vote together
COMMON = 64  # a gram at more places than this says nothing about where
MIN_CHARS = 40  # shorter passages are too short to call a copy
SIMILAR = 80  # fuzz.ratio (0-100) of a copy to the passage
VOTES = 0.2  # share of the passage's grams that must agree on one start


@dataclass(frozen=True)
class Hit:
    """A copy of the passage at ``text[start:end]``, this alike (0-100)."""

    start: int
    end: int
    similarity: float


def gram_hashes(text: str) -> np.ndarray:
    """One 64-bit hash per character 6-gram of ``text`` (wrapping arithmetic)."""
    if len(text) < GRAM:
        return np.zeros(0, dtype=np.uint64)
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(codes) - GRAM + 1
    out = np.zeros(n, dtype=np.uint64)
    prime = np.uint64(1_000_003)
    with np.errstate(over="ignore"):
        for k in range(GRAM):
            out = out * prime + codes[k : k + n]
    return out


class CopyIndex:
    """A squashed text, searchable for fuzzy copies of passages."""

    def __init__(self, text: str) -> None:
        self.text = text
        hashes = gram_hashes(text)
        positions = np.arange(0, len(hashes), STEP, dtype=np.int64)
        keys = hashes[positions]
        order = np.argsort(keys, kind="stable")
        self.keys = keys[order]
        self.positions = positions[order]

    def find(
        self, passage: str, exclude: tuple[int, int] | None = None, limit: int = 4
    ) -> list[Hit]:
        """Copies of the squashed ``passage``, best first; a copy overlapping
        ``exclude`` (the passage's own place) by half or more is not one."""
        if len(passage) < MIN_CHARS or not len(self.keys):
            return []
        query = gram_hashes(passage)
        lo = np.searchsorted(self.keys, query, "left")
        hi = np.searchsorted(self.keys, query, "right")
        counts = hi - lo
        useful = (counts > 0) & (counts <= COMMON)
        if not useful.any():
            return []
        counts, lo = counts[useful], lo[useful]
        at = np.arange(len(query), dtype=np.int64)[useful]
        total = int(counts.sum())
        first = np.repeat(np.cumsum(counts) - counts, counts)
        found = self.positions[np.repeat(lo, counts) + np.arange(total) - first]
        starts = found - np.repeat(at, counts)
        buckets, votes = np.unique(starts // BUCKET, return_counts=True)
        need = max(3, VOTES * len(query) / STEP)
        order = np.argsort(-votes, kind="stable")
        hits: list[Hit] = []
        tried: list[int] = []
        span = len(passage) // BUCKET + 1
        for k in order[: 8 * limit]:
            bucket = int(buckets[k])
            near = np.abs(buckets - bucket) <= 1
            if votes[near].sum() < need or len(hits) >= limit:
                break
            if any(abs(bucket - t) <= span for t in tried):
                continue
            tried.append(bucket)
            mine = starts[np.abs(starts // BUCKET - bucket) <= 1]
            hit = self.check(passage, int(np.median(mine)))
            if hit and not overlaps(hit, exclude):
                hits.append(hit)
        return sorted(hits, key=lambda h: (-h.similarity, h.start))

    def check(self, passage: str, start: int) -> Hit | None:
        """The best stretch near ``start`` like the whole passage, if alike enough."""
        slack = len(passage) // 8 + BUCKET
        lo = max(0, start - slack)
        region = self.text[lo : start + len(passage) + slack]
        if len(region) < len(passage):
            if fuzz.ratio(passage, region) < SIMILAR:
                return None
            return Hit(lo, lo + len(region), fuzz.ratio(passage, region))
        found = fuzz.partial_ratio_alignment(passage, region, score_cutoff=SIMILAR)
        if found is None:
            return None
        return Hit(lo + found.dest_start, lo + found.dest_end, found.score)


def overlaps(hit: Hit, span: tuple[int, int] | None) -> bool:
    if span is None:
        return False
    shared = min(hit.end, span[1]) - max(hit.start, span[0])
    return shared * 2 >= hit.end - hit.start
