"""Candidate search: LSH buckets, the sample index and its common-phrase cap."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from dedupe.scan import candidates as cand
from dedupe.scan.fingerprint import fingerprint_text

ROOT = Path(__file__).resolve().parents[2]
DARWIN = ROOT / "tests" / "data" / "darwin"


def fingerprints(texts):
    found = [fingerprint_text(t) for t in texts]
    return np.stack([f[1] for f in found]), [f[2] for f in found]


def search(texts):
    signatures, samples = fingerprints(texts)
    usable = signatures.any(axis=1)
    lsh = cand.unique_pairs(
        np.concatenate([cand.lsh_part(p, signatures, usable) for p in range(cand.PARTS)])
    )
    postings = cand.split_samples(*cand.flatten_samples(samples))
    shared = cand.merge_counts([cand.sample_part(part, len(texts)) for part in postings])
    return lsh, shared, cand.select(signatures, lsh, shared)[0]


def test_versions_and_an_excerpt_are_candidates_unrelated_texts_are_not():
    darwin = [DARWIN.joinpath(f"darwin{y}.txt").read_text(encoding="utf-8") for y in (1859, 1872)]
    paragraphs = [p for p in darwin[0].split("\n") if p.strip()]
    excerpt = "\n\n".join(paragraphs[20:24])
    other = (ROOT / "samples" / "beijing-binds" / "a.txt").read_text(encoding="utf-8")
    lsh, _, pairs = search([darwin[0], darwin[1], excerpt, other])
    assert [0, 1] in lsh.tolist()  # two editions: found by LSH alone
    assert [0, 2] not in lsh.tolist()  # the excerpt's Jaccard is too small for LSH
    assert pairs.tolist() == [[0, 1], [0, 2], [1, 2]]  # ... but the sample index finds it


def test_pairs_in_groups_pairs_every_member_and_chains_big_groups():
    keys = np.array([7, 7, 7, 9, 9, 9, 9, 5], dtype=np.uint64)
    members = np.arange(8)
    pairs = cand._pairs_in_groups(keys, members, limit=3, chain=True)
    assert sorted(map(tuple, pairs.tolist())) == [(0, 1), (0, 2), (1, 2), (3, 4), (4, 5), (5, 6)]
    pairs = cand._pairs_in_groups(keys, members, limit=3, chain=False)
    assert sorted(map(tuple, pairs.tolist())) == [(0, 1), (0, 2), (1, 2)]


def test_a_shingle_shared_by_too_many_files_is_not_evidence():
    files = 30
    common = np.full(files, 8 * 1000, dtype=np.uint32)  # one key in every file
    rare = np.array([8 * 5, 8 * 5], dtype=np.uint32)  # another in files 0 and 1 only
    keys = np.concatenate([common, rare])
    owners = np.concatenate([np.arange(files), [0, 1]])
    assert cand.POSTING_CAP < files
    pairs, counts, informative = cand.merge_counts(
        [cand.sample_part(part, files) for part in cand.split_samples(keys, owners)]
    )
    assert pairs.tolist() == [[0, 1]] and counts.tolist() == [1]
    assert informative.tolist() == [1, 1] + [0] * (files - 2)


def test_parts_add_up_to_the_whole_search():
    rng = np.random.default_rng(3)
    postings = np.unique(
        np.stack([rng.integers(0, 2000, 3000), rng.integers(0, 50, 3000)], 1), axis=0
    )  # (key, file) pairs, each once, as in real samples
    keys, owners = postings[:, 0].astype(np.uint32), postings[:, 1]
    pairs, counts, _ = cand.merge_counts(
        [cand.sample_part(part, 50) for part in cand.split_samples(keys, owners)]
    )
    sets = [set(keys[owners == i].tolist()) for i in range(50)]
    expected = {
        (i, j): len(sets[i] & sets[j])
        for i in range(50)
        for j in range(i + 1, 50)
        if sets[i] & sets[j]
    }
    assert dict(zip(map(tuple, pairs.tolist()), counts.tolist(), strict=True)) == expected


def test_files_sharing_a_tiny_vocabulary_get_a_bounded_number_of_candidates(small_vocabulary):
    texts, planted = small_vocabulary(500, vocabulary=8)  # every file alike
    lsh, shared, _ = search(texts)
    signatures, _ = fingerprints(texts)
    pairs, crowded = cand.select(signatures, lsh, shared)
    assert len(pairs) <= cand.MAX_CANDIDATES * len(texts) < len(texts) ** 2 / 10
    assert crowded > len(texts) / 2  # the cap did the bounding
    found = set(map(tuple, pairs.tolist()))
    assert all(tuple(p) in found for p in planted)  # real versions rank first


def test_short_unrelated_files_rarely_share_a_band(small_vocabulary):
    """Bands take bins far apart: a short file's empty bins copy their
    neighbours, so neighbouring bins would make a band one bin in effect."""
    texts, _ = small_vocabulary(300, vocabulary=40)
    signatures, _ = fingerprints(texts)
    usable = signatures.any(axis=1)
    lsh = cand.unique_pairs(
        np.concatenate([cand.lsh_part(p, signatures, usable) for p in range(cand.PARTS)])
    )
    assert len(lsh) < 3 * len(texts)


def test_capped_keeps_each_files_best_pairs():
    pairs = np.array([[0, 1], [0, 2], [0, 3], [1, 2], [2, 3]])
    scores = np.array([0.9, 0.5, 0.1, 0.2, 0.3])
    kept, crowded = cand.capped(pairs, scores, per_file=1)
    # the best of 0 and 1 is 0-1, of 2 is 0-2, of 3 is 2-3; 0-3 and 1-2 go
    assert kept.tolist() == [[0, 1], [0, 2], [2, 3]] and crowded == 4
