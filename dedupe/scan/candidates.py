"""Candidate pairs: which files might be versions of one another, found
without comparing every file with every other.

Two complementary searches, each split into independent parts so that an
engine can run the parts anywhere (in this process or as Dask tasks):

- MinHash LSH: the 128-bin signatures are cut into bands of ``ROWS`` bins;
  files that agree on a whole band share a bucket. Finds versions whose
  shingle sets overlap by a third or more, at any length (part = a range of
  bands). A band takes bins ``BANDS`` apart, not neighbours: a short file
  fills few bins and its empty bins copy their next filled neighbour
  (``fingerprint.signature``), so neighbouring bins would make a band of
  three one bin in effect, and unrelated short files sharing a small
  vocabulary would collide in most bands.
- Sample index: files that share several of their 1-in-8 sampled shingles.
  Finds what LSH cannot: a chapter inside a book, and copies so damaged by
  OCR that their Jaccard similarity is low (part = a range of shingle keys).
  Like stop words in a search engine, a shingle shared by many files
  (``POSTING_CAP``) is a common phrase, not evidence, and is left out. The
  cap is fixed, not a share of the collection: each shingle then gives at
  most a fixed number of pairs, so the search grows linearly with the
  collection (a share would let common phrases in as it grows).

Both searches are bounded however alike the files are: an LSH bucket of
more than ``MAX_BUCKET`` files is chained (each file to the next), and each
file keeps at most its ``MAX_CANDIDATES`` most similar candidates (by
estimated Jaccard similarity, or by the share of its sample found in the
other file for a part of a larger one); a pair stays if it is among the best
of either file. So the candidates are at most ``MAX_CANDIDATES`` per file
and verification grows linearly with the collection, even for thousands of
tiny files written in a few hundred words (bench/SCAN.md).

Every pair is a ``(i, j)`` with ``i < j`` into the list of fingerprints, so
both engines give the same pairs in the same order.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from dedupe.scan.fingerprint import NUM_HASHES, mix64

ROWS = 3  # bins per band: a third-or-more Jaccard overlap is found reliably
BANDS = NUM_HASHES // ROWS
MAX_BUCKET = 64  # larger LSH buckets are chained, not paired all-to-all
MAX_CANDIDATES = 20  # candidate pairs kept per file, its most similar ones
POSTING_CAP = 20  # sampled shingles in more files than this are ignored
MIN_SHARED = 3  # sampled shingles two files must share to be a candidate
SMALL_SAMPLE = 16  # ... 2 where the smaller file has fewer informative ones (~250 words)
MIN_SHARE = 0.08  # ... as a share of the smaller file's informative sample
MIN_JACCARD = 0.1  # estimated from signatures, below which LSH hits are dropped
PARTS = 8  # independent parts of each search (tasks for an engine)


def _groups(keys: np.ndarray, members: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Members grouped by key: the members in key order, each group's start and size.

    ``members`` must be ascending (file order); a stable sort keeps them so
    within each group, which makes every pair come out as ``(i, j)``, i < j.
    32-bit keys (the sample's) are sorted with their member as one 64-bit
    number instead: the same order, several times faster than an argsort.
    """
    if keys.dtype.itemsize <= 4 and members.dtype.itemsize <= 4:
        both = keys.astype(np.uint64) << np.uint64(32)
        both |= members.astype(np.uint32)
        both.sort()
        keys = (both >> np.uint64(32)).astype(keys.dtype)
        members = (both & np.uint64(0xFFFFFFFF)).astype(members.dtype)
    else:
        order = np.argsort(keys, kind="stable")
        keys, members = keys[order], members[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if keys.size else keys[:0]
    sizes = np.diff(np.r_[starts, keys.size])
    return members, starts, sizes


def _pairs_of_groups(
    members: np.ndarray, starts: np.ndarray, sizes: np.ndarray, limit: int, chain: bool
) -> np.ndarray:
    """All ``(i, j)`` pairs of members in one group, as an (M, 2) int64 array.

    Groups larger than ``limit`` are chained (each member to the next) when
    ``chain`` is true, else skipped.
    """
    chunks = [np.empty((0, 2), dtype=np.int64)]
    for size in np.unique(sizes[sizes >= 2]).tolist():
        firsts = starts[sizes == size]
        if size > limit:
            if chain:
                idx = firsts[:, None] + np.arange(size)
                chunks.append(
                    np.stack([members[idx[:, :-1]].ravel(), members[idx[:, 1:]].ravel()], 1)
                )
            continue
        left, right = np.triu_indices(size, 1)
        chunks.append(
            np.stack(
                [members[firsts[:, None] + left].ravel(), members[firsts[:, None] + right].ravel()],
                1,
            )
        )
    return np.concatenate(chunks).astype(np.int64)


def _pairs_in_groups(keys: np.ndarray, members: np.ndarray, limit: int, chain: bool) -> np.ndarray:
    """All ``(i, j)`` pairs of (ascending) members that share a key (see above)."""
    return _pairs_of_groups(*_groups(keys, members), limit, chain)


def band_keys(signatures: np.ndarray, band: int) -> np.ndarray:
    """One 64-bit bucket key per file for one band of its signature (bins
    ``band``, ``band + BANDS``, ...; see the module docstring)."""
    cols = signatures[:, band : BANDS * ROWS : BANDS].astype(np.uint64)
    key = np.full(signatures.shape[0], np.uint64(band), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for c in range(cols.shape[1]):
            key = mix64(key ^ cols[:, c])
    return key


def lsh_part(part: int, signatures: np.ndarray, usable: np.ndarray) -> np.ndarray:
    """Candidate pairs from the bands of one part (bands ``part``, ``part+PARTS``, ...)."""
    ids = np.flatnonzero(usable)
    found = [np.empty((0, 2), dtype=np.int64)]
    for band in range(part, BANDS, PARTS):
        keys = band_keys(signatures[ids], band)
        pairs = _pairs_in_groups(keys, ids, MAX_BUCKET, chain=True)
        found.append(pairs)
    pairs = unique_pairs(np.concatenate(found))
    pairs, _ = capped(pairs, estimated_jaccard(signatures, pairs))  # bounds what parts return
    return pairs


def split_samples(keys: np.ndarray, owners: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """The postings (sampled shingle key, file index) of each part of the
    sample index, from every file's sample concatenated (``flatten_samples``).

    A key belongs to part ``key % PARTS``, so every posting list is whole in
    exactly one part and the counts of all parts add up.
    """
    part = (keys % PARTS).astype(np.uint8)
    order = np.argsort(part, kind="stable")  # a radix sort: one pass
    ends = np.cumsum(np.bincount(part, minlength=PARTS)).tolist()
    keys, owners = keys[order], owners[order]
    starts = [0, *ends[:-1]]
    return [(keys[a:b], owners[a:b]) for a, b in zip(starts, ends, strict=True)]


def sample_part(
    postings: tuple[np.ndarray, np.ndarray], files: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs sharing sampled shingles in one part of the sample index (its
    postings as ``split_samples`` gives them), encoded as one int64 each
    (see ``_encoded``), with counts, and each file's number of informative
    (not common) keys in this part.
    """
    members, starts, sizes = _groups(*postings)
    rare = sizes <= POSTING_CAP
    informative = np.bincount(members[np.repeat(rare, sizes)], minlength=files)
    pairs = _pairs_of_groups(members, starts[rare], sizes[rare], POSTING_CAP, chain=False)
    found, counts = np.unique(_encoded(pairs), return_counts=True)
    return found, counts, informative


def _encoded(pairs: np.ndarray) -> np.ndarray:
    """Pairs as one int64 each (sorting those is many times faster than rows)."""
    return (pairs[:, 0].astype(np.int64) << 32) | pairs[:, 1]


def _decoded(keys: np.ndarray) -> np.ndarray:
    return np.stack([keys >> 32, keys & 0xFFFFFFFF], axis=1)


def unique_pairs(pairs: np.ndarray) -> np.ndarray:
    """Distinct pairs, sorted."""
    if pairs.size == 0:
        return pairs.reshape(0, 2).astype(np.int64)
    return _decoded(np.unique(_encoded(pairs)))


def merge_counts(
    parts: Sequence[tuple[np.ndarray, np.ndarray, np.ndarray]], at_least: int = 1
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Add up the per-part results of the sample index: the pairs sharing
    ``at_least`` sampled shingles, how many each, and every file's number
    of informative shingles. Most pairs share one shingle by chance; they
    are dropped before they are decoded."""
    keys = np.concatenate([k for k, _, _ in parts])
    counts = np.concatenate([c for _, c, _ in parts])
    informative = np.sum([i for _, _, i in parts], axis=0)
    found, inverse = np.unique(keys, return_inverse=True)
    total = np.bincount(inverse.ravel(), weights=counts, minlength=len(found)).astype(np.int64)
    keep = total >= at_least
    return _decoded(found[keep]), total[keep], informative


def flatten_samples(samples: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Every file's sample as one key array and one owner (file index) array."""
    sizes = np.array([s.size for s in samples], dtype=np.int64)
    keys = np.concatenate(list(samples) or [np.empty(0, dtype=np.uint32)]).astype(np.uint32)
    owners = np.repeat(np.arange(len(samples), dtype=np.int32), sizes)  # half the memory
    return keys, owners


def estimated_jaccard(signatures: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """Share of signature bins two files agree on: their estimated Jaccard similarity."""
    if pairs.size == 0:
        return np.empty(0)
    return (signatures[pairs[:, 0]] == signatures[pairs[:, 1]]).mean(axis=1)


def capped(
    pairs: np.ndarray, scores: np.ndarray, per_file: int = MAX_CANDIDATES
) -> tuple[np.ndarray, int]:
    """The distinct ``pairs`` that are among the ``per_file`` best-scoring
    pairs of at least one of their two files (ties: the lower partner
    index first), in their order; and how many files had more than that.
    """
    if len(pairs) <= per_file:
        return pairs, 0
    ends = pairs.ravel()  # each pair once from each of its files
    partners = pairs[:, ::-1].ravel()
    order = np.lexsort((partners, -np.repeat(scores, 2), ends))
    ends = ends[order]
    starts = np.flatnonzero(np.r_[True, ends[1:] != ends[:-1]])
    sizes = np.diff(np.r_[starts, ends.size])
    rank = np.arange(ends.size) - np.repeat(starts, sizes)
    keep = np.zeros(len(pairs), dtype=bool)
    keep[order[rank < per_file] // 2] = True
    return pairs[keep], int(np.count_nonzero(sizes > per_file))


def select(
    signatures: np.ndarray, lsh: np.ndarray, shared: tuple[np.ndarray, np.ndarray, np.ndarray]
) -> tuple[np.ndarray, int]:
    """The candidate pairs worth aligning, sorted, and how many files had
    more than ``MAX_CANDIDATES`` (only their best were kept).

    LSH hits need an estimated Jaccard of ``MIN_JACCARD`` (a band can agree
    by chance); sample-index hits need ``MIN_SHARED`` shared shingles making
    ``MIN_SHARE`` of the smaller file's informative sample (a short file,
    a paragraph quoted from a book, has only a few: 2 of them will do).
    A pair's score for the cap is the larger of its estimated Jaccard and
    that share (a chapter has a small Jaccard with its book, a large share).
    """
    jaccard = estimated_jaccard(signatures, lsh)
    ok = jaccard >= MIN_JACCARD
    keep, scores = [lsh[ok]], [jaccard[ok]]
    pairs, counts, informative = shared
    if pairs.size:
        smaller = np.minimum(informative[pairs[:, 0]], informative[pairs[:, 1]])
        needed = np.where(smaller < SMALL_SAMPLE, 2, MIN_SHARED)
        ok = (counts >= needed) & (counts >= MIN_SHARE * smaller)
        share = counts[ok] / np.maximum(smaller[ok], 1)
        keep.append(pairs[ok])
        scores.append(np.maximum(share, estimated_jaccard(signatures, pairs[ok])))
    found, score = np.concatenate(keep), np.concatenate(scores)
    keys = _encoded(found) if found.size else np.empty(0, dtype=np.int64)
    order = np.lexsort((-score, keys))  # each pair once, with its best score
    first = np.r_[True, keys[order][1:] != keys[order][:-1]] if keys.size else keys[:0] > 0
    best, crowded = capped(found[order][first], score[order][first])
    return unique_pairs(best), crowded
