"""The library API behind the CLI: each call runs the pipeline stages in order."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import replace
from string import ascii_uppercase

from dedupe.model import Collation, DedupeError, Document, Removed, Span
from dedupe.normalise import normalise
from dedupe.read import read


def witness_ids(count: int) -> list[str]:
    """A, B, ..., Z, then AA, AB, ... for very many witnesses."""
    ids = list(ascii_uppercase)
    for first in ascii_uppercase:
        if len(ids) >= count:
            break
        ids.extend(first + second for second in ascii_uppercase)
    return ids[:count]


def normalise_file(
    path: str, witness_id: str = "A", progress: Callable[[str, int, int], None] | None = None
) -> Document:
    """Read and normalise one witness; ``progress`` as in ``compare`` (long PDFs)."""
    return normalise(read(path, witness_id, progress=progress))


#: Witnesses are read and normalised in worker processes from this many on ...
PARALLEL_WITNESSES = 3
#: ... when together they are at least this large (smaller ones finish before
#: the workers start); ``DEDUPE_WORKERS`` sets the number of workers (1: serial).
PARALLEL_BYTES = 2_000_000


def workers_for(paths: Sequence[str]) -> int:
    """How many processes read and normalise: one per core, for many large witnesses."""
    env = os.environ.get("DEDUPE_WORKERS", "").strip()
    if env:
        try:
            return max(1, int(env))
        except ValueError:
            raise DedupeError(f"DEDUPE_WORKERS={env}: not a number of workers") from None
    if len(paths) < PARALLEL_WITNESSES:
        return 1
    size = sum(os.path.getsize(p) for p in paths if os.path.isfile(p))
    if size < PARALLEL_BYTES:
        return 1
    return min(
        len(paths),
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1,
    )


def read_all(
    paths: list[str],
    ids: list[str],
    report: Callable[[str, int, int], None],
    progress: Callable[[str, int, int], None] | None = None,
    workers: int | None = None,
) -> list[Document]:
    """Every witness read and normalised, in the order given.

    Witnesses are independent until they are aligned, so several cores read
    and normalise them at once; the Documents are the same as a serial run's
    (each worker runs the same pure functions on the same bytes)."""
    count = workers_for(paths) if workers is None else workers
    if count <= 1:
        docs = []
        for i, (path, wid) in enumerate(zip(paths, ids, strict=True)):
            report("read", i, len(paths))
            docs.append(normalise(read(path, wid, progress=progress)))
        report("read", len(paths), len(paths))
        return docs
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    with ProcessPoolExecutor(count, mp_context=context, initializer=_fresh_worker) as pool:
        futures = [pool.submit(normalise_file, p, w) for p, w in zip(paths, ids, strict=True)]
        docs = []
        for i, future in enumerate(futures):
            report("read", i, len(paths))
            docs.append(future.result())
    report("read", len(paths), len(paths))
    return docs


def _fresh_worker() -> None:
    """A forked worker opens its own word-list database (a connection must
    not cross a fork)."""
    from dedupe.frequencies import word_list

    word_list.cache_clear()


def compare(
    paths: Sequence[str],
    prefer: str | None = None,
    quotes: str = "straight",
    progress: Callable[[str, int, int], None] | None = None,
) -> Collation:
    """Collate two or more witnesses into a decided Collation.

    ``prefer`` is a witness id (``A``...) or a path given in ``paths``;
    ``progress(stage, done, total)`` is called as the stages advance.
    """
    paths = [str(p) for p in paths]
    if len(paths) < 2:
        raise DedupeError("compare needs at least two witnesses")
    ids = witness_ids(len(paths))
    prefer_id = resolve_prefer(prefer, paths, ids)
    report = progress or (lambda stage, done, total: None)
    docs = read_all(paths, ids, report, progress)
    from dedupe.align import align
    from dedupe.collate import collate
    from dedupe.decide import decide
    from dedupe.passages import left_out

    units = align(docs)
    report("align", 1, 1)
    units = collate(docs, units, progress=report)
    units = decide(docs, units, prefer=prefer_id, quotes=quotes)
    report("decide", 1, 1)
    removed = tuple(
        Removed(doc.witness.id, b.text, b.reason or "layout noise", _first_span(b.spans, doc))
        for doc in docs
        for b in doc.noise
    ) + tuple(left_out(docs, units))
    warnings = tuple(w for doc in docs for w in doc.warnings)
    return Collation(
        witnesses=tuple(doc.witness for doc in docs),
        documents=tuple(docs),
        units=tuple(units),
        removed=removed,
        warnings=warnings,
        options={"prefer": prefer_id, "quotes": quotes},
    )


def _first_span(spans: tuple[Span, ...], doc: Document) -> Span:
    if not spans:
        return Span(doc.witness.id, 0, 0)
    return replace(spans[0], end=spans[-1].end)


def resolve_prefer(prefer: str | None, paths: list[str], ids: list[str]) -> str | None:
    if prefer is None:
        return None
    if prefer.upper() in ids:
        return prefer.upper()
    for path, wid in zip(paths, ids, strict=True):
        if prefer == path:
            return wid
    raise DedupeError(
        f"--prefer {prefer}: not a witness; use one of {', '.join(ids)} or a path given"
    )
