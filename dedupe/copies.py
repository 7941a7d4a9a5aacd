"""Where a passage has a copy in a longer text, found through OCR noise.

Word trigrams die at every misread letter (at 5% character errors fewer
than half survive); character 6-grams of the bare words run together
(``squash``: case, punctuation and spacing folded) mostly do, and a word
split or joined by OCR costs none. Each 6-gram of the passage votes for the
offset at which the passage would start in the text (its position there
minus its position in the passage); a start many grams agree on is checked
by edit distance on that stretch, so a copy is a copy in order, not a bag of
common grams (a book holds nearly every 6-gram of its language somewhere).

The text's grams are sampled every few characters: linear memory.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

GRAM = 6
STEP = 3  # the text's grams are kept at every STEP-th position (the passage's all)
BUCKET = 32  # start offsets within this many characters vote together
COMMON = 64  # a gram at more places than this says nothing about where
MIN_CHARS = 40  # shorter passages are too short to call a copy
SIMILAR = 80  # fuzz.ratio (0-100) of a copy to the passage
VOTES = 0.2  # share of the passage's grams that must agree on one start
SMALL = 400_000  # characters of text indexed in a dict rather than numpy arrays


@dataclass(frozen=True)
class Hit:
    """A copy of the passage at ``text[start:end]``, this alike (0-100)."""

    start: int
    end: int
    similarity: float


def gram_hashes(text: str):
    """One 64-bit hash per character 6-gram of ``text`` (wrapping arithmetic)."""
    import numpy as np

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
    """A squashed text, searchable for fuzzy copies of passages.

    A short text keeps its grams in a dict (no numpy import for a small
    comparison); a long one in sorted numpy arrays (a book's grams as Python
    objects would take hundreds of megabytes)."""

    def __init__(self, text: str, small: int = SMALL) -> None:
        self.text = text
        self.grams: dict[str, list[int]] | None = None
        if len(text) <= small:
            self.grams = {}
            for j in range(0, len(text) - GRAM + 1, STEP):
                self.grams.setdefault(text[j : j + GRAM], []).append(j)
            return
        import numpy as np

        hashes = gram_hashes(text)
        positions = np.arange(0, len(hashes), STEP, dtype=np.int64)
        keys = hashes[positions]
        order = np.argsort(keys, kind="stable")
        self.keys = keys[order]
        self.positions = positions[order]

    def starts(self, passage: str) -> list[int]:
        """Where the passage would start, once per gram of it found in the text."""
        if self.grams is not None:
            out = []
            for i in range(len(passage) - GRAM + 1):
                hits = self.grams.get(passage[i : i + GRAM])
                if hits and len(hits) <= COMMON:
                    out.extend(j - i for j in hits)
            return out
        import numpy as np

        query = gram_hashes(passage)
        lo = np.searchsorted(self.keys, query, "left")
        counts = np.searchsorted(self.keys, query, "right") - lo
        useful = (counts > 0) & (counts <= COMMON)
        counts, lo = counts[useful], lo[useful]
        at = np.arange(len(query), dtype=np.int64)[useful]
        first = np.repeat(np.cumsum(counts) - counts, counts)
        found = self.positions[np.repeat(lo, counts) + np.arange(int(counts.sum())) - first]
        return (found - np.repeat(at, counts)).tolist()

    def find(
        self, passage: str, exclude: tuple[int, int] | None = None, limit: int = 4
    ) -> list[Hit]:
        """Copies of the squashed ``passage``, best first; a copy overlapping
        ``exclude`` (the passage's own place) by half or more is not one."""
        if len(passage) < MIN_CHARS or len(self.text) < GRAM:
            return []
        starts = self.starts(passage)
        if exclude is not None:  # the passage found at its own place says nothing
            starts = [s for s in starts if s != exclude[0]]
        votes = Counter(s // BUCKET for s in starts)
        need = max(3, VOTES * (len(passage) - GRAM + 1) / STEP)
        hits: list[Hit] = []
        tried: list[int] = []
        for bucket, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[: 8 * limit]:
            near = votes[bucket - 1] + votes[bucket] + votes[bucket + 1]
            if near < need or len(hits) >= limit:
                break
            if any(abs(bucket - t) <= 2 for t in tried):
                continue  # the start just checked (a copy may stand right next to the passage)
            tried.append(bucket)
            mine = sorted(s for s in starts if abs(s // BUCKET - bucket) <= 1)
            hit = self.check(passage, mine[len(mine) // 2], exclude)
            if hit and not overlaps(hit, exclude):
                hits.append(hit)
        return sorted(hits, key=lambda h: (-h.similarity, h.start))

    def check(self, passage: str, start: int, exclude: tuple[int, int] | None = None) -> Hit | None:
        """The best stretch near ``start`` like the whole passage, if alike
        enough; not reaching into ``exclude`` (a copy right beside the
        passage is found, not the passage itself)."""
        slack = len(passage) // 8 + BUCKET
        lo = max(0, start - slack)
        hi = start + len(passage) + slack
        if exclude is not None and exclude[0] < hi and lo < exclude[1]:
            if start < exclude[0]:
                hi = exclude[0]
            elif start >= exclude[1] - GRAM:
                lo = exclude[1]
        region = self.text[lo:hi]
        if len(region) < len(passage):
            if fuzz.ratio(passage, region) < SIMILAR:
                return None
            return Hit(lo, lo + len(region), fuzz.ratio(passage, region))
        found = fuzz.partial_ratio_alignment(passage, region, score_cutoff=SIMILAR)
        if found is None:
            return None
        return Hit(lo + found.dest_start, lo + found.dest_end, found.score)


def partial_alike(part: str, whole: str, cutoff: float = SIMILAR) -> bool:
    """Whether ``fuzz.partial_ratio(part, whole) >= cutoff``, answered cheaply
    where it cannot be: a window of the longer text shares at most ``C``
    characters in order with the shorter (``C``: their longest common
    subsequence, one bit-parallel pass), so the ratio is at most
    ``2C / (s + C)`` for the shorter length ``s``. Two long passages that are
    not copies fail that bound, and the slide of one over the other (a tenth
    of a second for two pages) is skipped.

    >>> partial_alike("the cat sat on the mat", "so the cat sat on the mat today")
    True
    """
    from rapidfuzz.distance import LCSseq

    shorter = min(len(part), len(whole))
    if shorter > 64:  # shorter ones are one machine word: the ratio is fast
        common = LCSseq.similarity(part, whole)
        if 200 * common < (cutoff - 1e-9) * (shorter + common):
            return False
    return fuzz.partial_ratio(part, whole, score_cutoff=cutoff) >= cutoff


def overlaps(hit: Hit, span: tuple[int, int] | None) -> bool:
    if span is None:
        return False
    shared = min(hit.end, span[1]) - max(hit.start, span[0])
    return shared * 2 >= hit.end - hit.start


def letters(text: str) -> str:
    """Only the letters, case folded: how OCR-damaged layout lines still compare."""
    return "".join(c for c in text.casefold() if c.isalpha())


#: a one-sided line of up to this many words is matched against the layout noise
#: (a running head with its page number: ``3 Boilies Binds: CovID-19 and the ...``)
NOISE_WORDS = 12


def like_noise(text: str, noise: frozenset[str]) -> str | None:
    """The layout line (``letters`` of a running head, footer, page number that
    some witness's normaliser removed) a short line resembles, if any."""
    if len(text.split()) > NOISE_WORDS or not noise:
        return None
    from rapidfuzz import fuzz, process

    key = letters(text)
    if len(key) < 3:
        return None
    lines, lengths = _by_length(noise)
    n = len(key)
    # ``fuzz.WRatio`` of two strings without spaces is their ratio where the
    # lengths differ less than 1.5 times, 0.9 times their partial ratio where
    # they differ up to 8 times, and under 75 beyond: the same answer, cheaper
    near = lines[bisect_left(lengths, n / 1.5 + 1e-9) : bisect_right(lengths, n * 1.5 - 1e-9)]
    apart = [
        t
        for t in lines[bisect_left(lengths, n / 8 - 1e-9) : bisect_right(lengths, n * 8 + 1e-9)]
        if len(t) >= n * 1.5 or len(t) <= n / 1.5
    ]
    best = process.extractOne(key, near, scorer=fuzz.ratio, score_cutoff=NOISE_LIKE)
    far = process.extractOne(
        key, apart, scorer=fuzz.partial_ratio, score_cutoff=NOISE_LIKE / 0.9 - 0.01
    )
    found = [m for m in (best, far and (far[0], far[1] * 0.9)) if m and m[1] >= NOISE_LIKE - 1e-9]
    if not found:
        return None
    return max(found, key=lambda m: m[1])[0]


#: likeness (``fuzz.WRatio``) of a line to a layout line that makes it one
NOISE_LIKE = 75


@lru_cache(maxsize=8)
def _by_length(noise: frozenset[str]) -> tuple[tuple[str, ...], list[int]]:
    lines = tuple(sorted(noise, key=lambda t: (len(t), t)))
    return lines, [len(t) for t in lines]
