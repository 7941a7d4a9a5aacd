"""The scan, stage by stage: find files -> fingerprint -> candidate pairs ->
verify -> clusters. Each stage's work is a list of independent tasks handed
to an engine (in-process or Dask), so both engines run the same functions
on the same inputs and give the same result.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np

from dedupe.scan import candidates as cand
from dedupe.scan import explain, keep
from dedupe.scan.cluster import (
    VERSION,
    build_clusters,
    build_containments,
    components,
    missing_pairs,
    relation,
)
from dedupe.scan.files import read_or_reason
from dedupe.scan.fingerprint import Fingerprint, fingerprint_file
from dedupe.scan.results import Member, Role, ScanResult
from dedupe.scan.verify import Comparison, Spilled, verify_batch

if TYPE_CHECKING:
    from dedupe.scan.index import Index

Progress = Callable[[str, int, int], None]
FILES_PER_TASK = 32
PAIRS_PER_TASK = 64
#: The word sequences of this many files (about 20 KB each for 30 KB of
#: text) are kept in memory from fingerprinting for verification; those of
#: the files beyond are written to a spill file in the scan's temporary
#: folder (where the workers share this machine's disk; else they are read
#: again if they turn out to be candidates).
KEEP_WORDS_FILES = 20_000
EVIDENCE_PER_TASK = 8
#: Substantive variants are counted (``dedupe compare`` of the kept copy and
#: each version, about a second for two 3,000-word files) by default in
#: clusters of up to this many members, for at most ``VARIANTS_BUDGET``
#: pairs (the first clusters'), so a large archive's scan is not made slow.
VARIANTS_UP_TO = 3
VARIANTS_BUDGET = 50

WordSource = np.ndarray | Spilled


def fingerprint_batch(task: tuple[list[str], bool, str | None]) -> list[Fingerprint | str]:
    """Fingerprint files; an unreadable file gives its one-line reason instead.

    The task is the paths, whether to keep their word sequences in the
    fingerprints, and a file to write them to instead (one after another, in
    the order of the paths), or None to drop them.
    """
    paths, keep_words, spill = task
    found = [read_or_reason(path, fingerprint_file) for path in paths]
    if keep_words:
        return found
    fps = [f for f in found if isinstance(f, Fingerprint)]
    if spill is not None:
        with open(spill, "wb") as fh:
            for fp in fps:
                fp.sequence.tofile(fh)
    return [replace(f, sequence=None) if isinstance(f, Fingerprint) else f for f in found]


def spilled_words(fps: Sequence[Fingerprint], spill: str) -> dict[str, Spilled]:
    """Where ``fingerprint_batch`` wrote the word sequences of a batch's files."""
    ends = np.cumsum([fp.words for fp in fps]).tolist()
    return {
        fp.path: Spilled(spill, end - fp.words, fp.words) for fp, end in zip(fps, ends, strict=True)
    }


def chunks(items: Sequence[Any], size: int) -> list[list[Any]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def batches_by_component(
    pairs: Sequence[tuple[str, str]], size: int = PAIRS_PER_TASK
) -> list[list[tuple[str, str]]]:
    """Pairs in tasks of about ``size``, each connected group of files whole
    where it fits, so that a task reads each of its files once and a file is
    read by few tasks."""
    groups = components(pairs)
    where = {path: n for n, group in enumerate(groups) for path in group}
    by_group: list[list[tuple[str, str]]] = [[] for _ in groups]
    for a, b in sorted(pairs):
        by_group[where[a]].append((a, b))
    batches: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for group in by_group:
        if current and len(current) + len(group) > size:
            batches.append(current)
            current = []
        if len(group) > size:
            batches.extend(chunks(group, size))
        else:
            current.extend(group)
    return batches + [current] if current else batches


def _known_words(
    batch: list[tuple[str, str]], words: dict[str, WordSource]
) -> dict[str, WordSource]:
    paths = {p for pair in batch for p in pair}
    return {p: words[p] for p in sorted(paths) if p in words}


def fingerprint_all(
    files: Sequence[str],
    engine,
    index: Index | None,
    progress: Progress,
    keep_words: int = KEEP_WORDS_FILES,
    spill_to: str | None = None,
) -> tuple[list[Fingerprint], list[str], dict[str, int], dict[str, Spilled]]:
    """Fingerprints of every readable file (from the index where unchanged),
    the first ``keep_words`` of them with their word sequences; those of the
    other fingerprinted files are written to files in the folder ``spill_to``
    if given (where each file's words are is returned last)."""
    known: dict[str, Fingerprint] = {}
    todo = list(files)
    if index is not None:
        known, todo = index.lookup(files)
    batches = []
    for n, batch in enumerate(chunks(todo, FILES_PER_TASK)):
        keep = n * FILES_PER_TASK < keep_words
        spill = None if keep or spill_to is None else os.path.join(spill_to, f"words-{n}.u32")
        batches.append((batch, keep, spill))
    results = engine.map(
        fingerprint_batch,
        batches,
        progress=lambda d, t: progress(
            "fingerprinting", min(d * FILES_PER_TASK, len(todo)), len(todo)
        ),
    )
    spilled: dict[str, Spilled] = {}
    for (_, _, spill), found in zip(batches, results, strict=True):
        if spill is not None:
            spilled.update(spilled_words([f for f in found if isinstance(f, Fingerprint)], spill))
    fresh = [r for batch in results for r in batch]
    new = [r for r in fresh if isinstance(r, Fingerprint)]
    skipped = [r for r in fresh if isinstance(r, str)]
    if index is not None:
        index.store(new)
    by_path = {fp.path: fp for fp in [*known.values(), *new]}
    fps = [by_path[p] for p in files if p in by_path]
    return fps, skipped, {"fingerprinted": len(new), "from_index": len(known)}, spilled


def candidate_pairs(
    fps: Sequence[Fingerprint], engine, progress: Progress
) -> tuple[np.ndarray, int]:
    """Pairs of indexes into ``fps`` worth aligning (LSH and the sample index),
    and how many files had more candidates than ``candidates.MAX_CANDIDATES``."""
    if len(fps) < 2:
        return np.empty((0, 2), dtype=np.int64), 0
    signatures = np.stack([fp.signature for fp in fps])
    usable = signatures.any(axis=1)
    parts = list(range(cand.PARTS))
    report = lambda d, t: progress("finding candidates", d, 2 * t)  # noqa: E731
    lsh = engine.map(cand.lsh_part, parts, signatures, usable, progress=report)
    postings = cand.split_samples(*cand.flatten_samples([fp.sample for fp in fps]))
    report = lambda d, t: progress("finding candidates", t + d, 2 * t)  # noqa: E731
    shared = engine.map(cand.sample_part, postings, len(fps), progress=report)
    lsh_pairs = cand.unique_pairs(np.concatenate(lsh))
    # two shared shingles are the fewest any rule of ``select`` accepts
    return cand.select(signatures, lsh_pairs, cand.merge_counts(shared, at_least=2))


def verify_all(
    pairs: Sequence[tuple[str, str]],
    engine,
    index: Index | None,
    shas: dict[str, str],
    words: dict[str, WordSource],
    progress: Progress,
    stage: str = "verifying",
) -> tuple[dict[tuple[str, str], Comparison], list[str]]:
    """Align every pair (cached alignments from the index are reused; files
    whose words were kept or spilled from fingerprinting are not read again)."""
    done: dict[tuple[str, str], Comparison] = {}
    todo = list(pairs)
    if index is not None:
        done, todo = index.cached_pairs(todo, shas)
    tasks = [(batch, _known_words(batch, words)) for batch in batches_by_component(todo)]
    results = engine.map(verify_batch, tasks, progress=lambda d, t: progress(stage, d, t))
    problems = []
    fresh = []
    for r in (r for batch in results for r in batch):
        if isinstance(r, Comparison):
            fresh.append(r)
        else:
            problems.append(r)
    if index is not None:
        index.store_pairs(fresh, shas)
    done.update({(c.a, c.b): c for c in fresh})
    return done, problems


Decided = tuple[list[str], str, str, tuple[Role, ...]]


def choose_among_sources(
    group: Sequence[str],
    comparisons: dict[tuple[str, str], Comparison],
    evidence: dict[str, keep.Evidence],
    source: dict[str, str],
) -> tuple[str, str]:
    """The copy to keep among the group's sources (a rendering stands for
    none of its own: its richest rendering does), and why."""
    sources = [p for p in group if source.get(p, p) == p]
    kept, reason = keep.choose_keep(sources, comparisons, evidence)
    merged = [p for p in group if p != kept and source.get(p) == kept]
    if merged:
        formats = sorted({evidence[p].format for p in merged})
        reason += (
            f"; {len(merged)} other rendering{'s' if len(merged) > 1 else ''} of the same "
            f"text ({', '.join(formats)}) merged with it as one witness"
        )
    return kept, reason


def decide_clusters(
    groups: Sequence[Sequence[str]],
    comparisons: dict[tuple[str, str], Comparison],
    threshold: float,
    engine,
    index: Index | None,
    shas: dict[str, str],
    words: dict[str, WordSource],
    progress: Progress,
    strict: bool,
) -> tuple[list[Decided], list[str]]:
    """Each cluster's kept copy, its reason and every member's role; with
    ``strict`` the chained members split off (and decided in turn). Members
    are aligned with the kept copy where they were not yet, so each role is
    measured against it. ``comparisons`` gains those alignments."""
    paths = sorted({p for g in groups for p in g})
    tasks = chunks(paths, EVIDENCE_PER_TASK)
    found = engine.map(keep.evidence_batch, tasks, progress=lambda d, t: progress("weighing", d, t))
    evidence = {e.path: e for batch in found for e in batch if isinstance(e, keep.Evidence)}
    unread = [e for batch in found for e in batch if isinstance(e, str)]
    sizes = {p: evidence[p].words if p in evidence else 0 for p in paths}
    decided: list[Decided] = []
    todo = [list(g) for g in groups]
    formats = {p: e.format for p, e in evidence.items()}
    while todo:
        # renderings are grouped within each cluster (a split-off chain's too)
        source = {p: s for g in todo for p, s in keep.sources(g, evidence).items()}
        chosen = [(g, *choose_among_sources(g, comparisons, evidence, source)) for g in todo]
        wanted = [
            (k, p)
            for g, k, _ in chosen
            for p in g
            if p != k and not keep.pair_of(comparisons, p, k)
        ]
        extra, problems = verify_all(wanted, engine, index, shas, words, progress, "pairs")
        comparisons.update(extra)
        unread += problems
        todo = []
        for group, kept, reason in chosen:
            if strict:
                core, rest = explain.split_chains(group, kept, comparisons, threshold)
                todo += [g for g in rest if len(g) > 1]
                group = core
            if len(group) > 1:
                roles = explain.explain_members(
                    group, kept, comparisons, sizes, threshold, source, formats
                )
                decided.append((group, kept, reason, tuple(roles)))
    return sorted(decided, key=lambda d: d[0][0]), unread


def count_variants(
    decided: list[Decided],
    engine,
    progress: Progress,
    up_to: int | None,
    budget: int | None = None,
) -> list[Decided]:
    """The roles with substantive variants against the kept copy, counted
    by ``dedupe compare`` for the versions of clusters of up to ``up_to``
    members (None: every cluster), at most ``budget`` pairs (None: all)."""
    wanted = [
        (kept, r.path)
        for group, kept, _, roles in decided
        if up_to is None or len(group) <= up_to
        for r in roles
        if r.role == keep.VERSION
    ][:budget]
    counts = engine.map(
        keep.variants_batch, chunks(wanted, 1), progress=lambda d, t: progress("comparing", d, t)
    )
    found = dict(zip(wanted, (c for batch in counts for c in batch), strict=True))
    out = []
    for group, kept, reason, roles in decided:
        roles = tuple(
            replace(r, variants=found[(kept, r.path)])
            if isinstance(found.get((kept, r.path)), int)
            else r
            for r in roles
        )
        out.append((group, kept, reason, roles))
    return out


def scan(
    files: Sequence[str],
    threshold: float = 0.5,
    engine=None,
    index: Index | None = None,
    progress: Progress | None = None,
    keep_words: int = KEEP_WORDS_FILES,
    strict: bool = False,
    variants: int | None = VARIANTS_UP_TO,
    variants_budget: int | None = VARIANTS_BUDGET,
) -> ScanResult:
    """Find the versions of each document among ``files`` (see ``find_files``),
    the copy of each to keep and what the others are.

    The word sequences of the first ``keep_words`` files fingerprinted are
    kept in memory for verification, the others spilled (``KEEP_WORDS_FILES``).
    ``strict`` splits off the members only chained to the kept copy
    (``dedupe.scan.explain``); substantive variants are counted against the
    kept copy in clusters of up to ``variants`` members (None: all, 0: none),
    for at most ``variants_budget`` pairs (None: no limit).
    """
    from dedupe.scan.engine_local import LocalEngine

    engine = engine or LocalEngine()
    report = progress or (lambda stage, done, total: None)
    with ExitStack() as stack:
        spill_to = None
        if getattr(engine, "local_disk", False) and len(files) > keep_words:
            import tempfile  # here: the index query imports this module for verify_all

            spill_to = stack.enter_context(tempfile.TemporaryDirectory(prefix="dedupe-scan-"))
        fps, skipped, stats, spilled = fingerprint_all(
            files, engine, index, report, keep_words, spill_to
        )
        paths = [fp.path for fp in fps]
        found, crowded = candidate_pairs(fps, engine, report)
        pairs = [(paths[i], paths[j]) for i, j in found.tolist()]
        shas = {fp.path: fp.sha256 for fp in fps}
        words: dict[str, WordSource] = dict(spilled)
        words.update({fp.path: fp.sequence for fp in fps if fp.sequence is not None})
        comparisons, problems = verify_all(pairs, engine, index, shas, words, report)
        versions = [key for key, c in comparisons.items() if relation(c, threshold) == VERSION]
        groups = components(versions)
        extra, more_problems = verify_all(
            missing_pairs(groups, set(comparisons)), engine, index, shas, words, report, "pairs"
        )
        comparisons.update(extra)
        decided, unread = decide_clusters(
            groups, comparisons, threshold, engine, index, shas, words, report, strict
        )
        with_variants = count_variants(decided, engine, report, variants, variants_budget)
    groups = [group for group, _, _, _ in decided]
    in_cluster = {p for g in groups for p in g}
    members = {fp.path: Member(fp.path, fp.words, fp.sha256) for fp in fps}
    stats.update(
        candidates=len(pairs),
        crowded=crowded,
        verified=len(comparisons),
        engine=getattr(engine, "name", "local"),
    )
    return ScanResult(
        threshold=threshold,
        files=len(files),
        skipped=tuple(skipped + sorted(set(problems + more_problems + unread))),
        clusters=tuple(
            replace(cluster, keep=keep, keep_reason=reason, roles=roles)
            for cluster, (_, keep, reason, roles) in zip(
                build_clusters(groups, comparisons, members, threshold), with_variants, strict=True
            )
        ),
        containments=tuple(build_containments(comparisons.values(), threshold)),
        singletons=tuple(p for p in paths if p not in in_cluster),
        stats=stats,
    )
