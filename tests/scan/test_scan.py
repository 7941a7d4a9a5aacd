"""Acceptance on the generated collection: precision, recall, containment,
and the real versions (Darwin editions, Beijing Binds) clustered correctly."""

from __future__ import annotations

import os


def _rel(root, path: str) -> str:
    return os.path.relpath(path, root)


def test_version_pairs_precision_and_recall(collection, scanned, gen):
    root, truth = collection
    score = gen.score(scanned, truth, root)
    assert score["true_pairs"] > 600 and len(truth["excerpts"]) == 50
    assert score["precision"] >= 0.99, score["wrong"]
    assert score["recall"] >= 0.95, score["missed"]


def test_excerpts_are_reported_as_containment_not_versions(collection, scanned, gen):
    root, truth = collection
    score = gen.score(scanned, truth, root)
    assert score["excerpts_found"] == 1.0, score["excerpts_missed"]
    assert score["containment_precision"] >= 0.99
    excerpts = {e["part"] for e in truth["excerpts"]}
    clustered = {_rel(root, m.path) for c in scanned.clusters for m in c.members}
    assert not excerpts & clustered
    for x in scanned.containments:
        assert x.containment >= scanned.threshold > x.reverse


def test_darwin_editions_form_one_cluster_of_their_own(collection, scanned):
    root, _ = collection
    wanted = {f"docs/real/darwin{year}.txt" for year in (1859, 1860, 1861, 1866, 1869, 1872)}
    cluster = next(
        c
        for c in scanned.clusters
        if "docs/real/darwin1859.txt" in {_rel(root, m.path) for m in c.members}
    )
    assert {_rel(root, m.path) for m in cluster.members} == wanted
    assert len(cluster.pairs) == 15  # every pair of six editions, each aligned
    assert all(p.similarity > 0.8 and not p.exact for p in cluster.pairs)


def test_the_sample_pair_is_one_cluster(collection, scanned):
    root, _ = collection
    members = [
        {_rel(root, m.path) for m in c.members}
        for c in scanned.clusters
        if any("beijing" in m.path for m in c.members)
    ]
    assert members == [{"docs/real/beijing-a.txt", "docs/real/beijing-b.txt"}]


def test_singletons_are_the_files_in_no_cluster(collection, scanned):
    clustered = {m.path for c in scanned.clusters for m in c.members}
    assert not clustered & set(scanned.singletons)
    assert len(clustered) + len(scanned.singletons) == scanned.files - len(scanned.skipped)


def test_output_order_is_deterministic(scanned):
    firsts = [c.members[0].path for c in scanned.clusters]
    assert firsts == sorted(firsts)
    for c in scanned.clusters:
        paths = [m.path for m in c.members]
        assert paths == sorted(paths)
        assert [(p.a, p.b) for p in c.pairs] == sorted((p.a, p.b) for p in c.pairs)


def test_spilling_the_word_sequences_changes_nothing(collection, scanned):
    """Beyond ``keep_words`` files the words go to a spill file for
    verification instead of memory: the same result."""
    from dedupe.scan.files import find_files
    from dedupe.scan.output import to_json
    from dedupe.scan.pipeline import scan

    root, _ = collection
    spilled = scan(find_files([str(root / "docs")]), keep_words=100)
    assert to_json(spilled, show_all=True) == to_json(scanned, show_all=True)


def test_tiny_files_of_a_small_vocabulary_are_scanned_with_bounded_candidates(
    tmp_path, small_vocabulary
):
    from dedupe.scan.candidates import MAX_CANDIDATES
    from dedupe.scan.files import find_files
    from dedupe.scan.pipeline import scan

    texts, planted = small_vocabulary(400, vocabulary=8)
    for n, text in enumerate(texts):
        (tmp_path / f"t{n:04d}.txt").write_text(text + "\n", encoding="utf-8")
    result = scan(find_files([str(tmp_path)]))
    assert result.files == len(texts)
    assert result.stats["candidates"] <= MAX_CANDIDATES * len(texts)
    assert result.stats["crowded"] > len(texts) / 2
    together = {m.path: c.id for c in result.clusters for m in c.members}
    for a, b in planted:  # each planted version is in its original's cluster
        path_a, path_b = (str(tmp_path / f"t{n:04d}.txt") for n in (a, b))
        assert together[path_a] == together[path_b]
