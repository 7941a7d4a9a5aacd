"""The library API behind the CLI: each call runs the pipeline stages in order."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from string import ascii_uppercase

from dedupe.decisions import apply_decisions
from dedupe.gcpause import gc_paused
from dedupe.model import Collation, Decision, DedupeError, Document, Removed, Source, Span, evolve
from dedupe.normalise import normalise
from dedupe.parallel import Background, cores, env_workers, fresh_worker
from dedupe.read import read
from dedupe.read.ocr_options import RECOGNISED_FORMATS, OcrOptions, reading_options


def witness_ids(count: int) -> list[str]:
    """A, B, ..., Z, then AA, AB, ..., ZZ, then AAA, ... for any number of witnesses.

    >>> witness_ids(3), witness_ids(28)[-2:], witness_ids(703)[-1]
    (['A', 'B', 'C'], ['AA', 'AB'], 'AAA')
    """
    return [_witness_id(n) for n in range(count)]


def _witness_id(n: int) -> str:
    """The nth id in bijective base 26 (spreadsheet columns)."""
    letters = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = ascii_uppercase[rest] + letters
    return letters


def normalise_file(
    path: str,
    witness_id: str = "A",
    progress: Callable[[str, int, int], None] | None = None,
    max_pdf_mb: int | None = None,
    ocr: str = "auto",
    lang: str = "eng",
) -> Document:
    """Read and normalise one witness; ``progress``, ``max_pdf_mb``, ``ocr`` and
    ``lang`` as in ``compare``."""
    options = reading_options(ocr, lang)[0]
    return normalise(read(path, witness_id, progress=progress, ocr=options, max_pdf_mb=max_pdf_mb))


def read_witnesses(
    paths: Sequence[str],
    runs: Sequence[OcrOptions],
    progress: Callable[[str, int, int], None] | None = None,
    max_pdf_mb: int | None = None,
) -> list[Source]:
    """Each path read once; a recognised scan read once per run in ``runs``
    (its independent readings, labelled with the reading's name)."""
    report = progress or (lambda stage, done, total: None)
    ids = iter(witness_ids(len(paths) * len(runs)))
    sources: list[Source] = []
    for i, path in enumerate(paths):
        report("read", i, len(paths))
        first = read(path, next(ids), progress=progress, ocr=runs[0], max_pdf_mb=max_pdf_mb)
        if len(runs) == 1 or first.witness.format not in RECOGNISED_FORMATS:
            sources.append(first)
            continue
        others = [(next(ids), run) for run in runs[1:]]
        with ThreadPoolExecutor(len(others)) as pool:  # the engines share the cores
            rest = pool.map(
                lambda job, path=path: read(
                    path, job[0], progress=progress, ocr=job[1], max_pdf_mb=max_pdf_mb
                ),
                others,
            )
            for source, run in zip([first, *rest], runs, strict=True):
                label = f"{source.witness.label} ({run.recipe.name})"
                sources.append(evolve(source, witness=evolve(source.witness, label=label)))
    report("read", len(paths), len(paths))
    return sources


#: Witnesses are read and normalised in worker processes, one per core, when
#: together they are at least this large: smaller ones are done before the
#: workers have started (a worker imports dedupe afresh). ``DEDUPE_WORKERS``
#: sets the number of workers (1: always serial).
PARALLEL_BYTES = 4_000_000


def workers_for(paths: Sequence[str], runs: Sequence[OcrOptions]) -> int:
    """How many processes read and normalise ``paths``: one per core for two
    or more large witnesses, else one (serial). A scan read several ways
    (``runs``) stays serial: its readings already share the cores."""
    env = env_workers()
    if len(paths) < 2 or len(runs) > 1:
        return 1
    if env is not None:
        return min(env, len(paths))
    size = sum(os.path.getsize(p) for p in paths if os.path.isfile(p))
    return min(len(paths), cores()) if size >= PARALLEL_BYTES else 1


def read_documents(
    paths: Sequence[str],
    runs: Sequence[OcrOptions],
    progress: Callable[[str, int, int], None] | None = None,
    max_pdf_mb: int | None = None,
    workers: int | None = None,
) -> list[Document]:
    """Every witness read (as ``read_witnesses``) and normalised, in order.

    Witnesses are independent until they are aligned, so large ones are read
    and normalised in worker processes at once; the Documents are the
    serial run's (the same pure functions on the same bytes), and the first
    bad witness in the given order is the error, as in a serial run. Page
    progress inside a worker is not shown (the witnesses done are)."""
    count = workers_for(paths, runs) if workers is None else workers
    if count <= 1:
        return [normalise(s) for s in read_witnesses(paths, runs, progress, max_pdf_mb)]
    import multiprocessing

    report = progress or (lambda stage, done, total: None)
    # fork: a worker starts at once with dedupe imported, and a caller's
    # script needs no ``if __name__ == "__main__"`` guard (spawn elsewhere)
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    pool = multiprocessing.get_context(method).Pool(count, initializer=fresh_worker)
    try:
        jobs = [
            pool.apply_async(_read_and_normalise, (path, wid, runs[0], max_pdf_mb))
            for path, wid in zip(paths, witness_ids(len(paths)), strict=True)
        ]
        docs = []
        for i, job in enumerate(jobs):
            report("read", i, len(paths))
            docs.append(job.get())
        report("read", len(paths), len(paths))
    except BaseException:
        pool.terminate()  # on an error or ^C the others stop at once
        raise
    finally:
        # done: each worker takes its stop sentinel and ends (terminating a
        # closed pool could drain a sentinel and leave a worker waiting)
        pool.close()
        pool.join()
    return docs


def _read_and_normalise(
    path: str, witness_id: str, ocr: OcrOptions, max_pdf_mb: int | None
) -> Document:
    return normalise(read(path, witness_id, ocr=ocr, max_pdf_mb=max_pdf_mb))


@gc_paused
def compare(
    paths: Sequence[str],
    prefer: str | None = None,
    quotes: str = "straight",
    progress: Callable[[str, int, int], None] | None = None,
    max_pdf_mb: int | None = None,
    decisions: Sequence[Decision] = (),
    ocr: str = "auto",
    lang: str = "eng",
    readings: int = 1,
) -> Collation:
    """Collate two or more witnesses into a decided Collation.

    ``prefer`` is a witness id (``A``...) or a path given in ``paths``;
    ``progress(stage, done, total)`` is called as the stages advance;
    ``max_pdf_mb`` caps what one PDF stream may decompress to (default 64 MB,
    four times that per PDF), against decompression bombs;
    ``decisions`` (``dedupe.decisions``) are an editor's readings by variant id.
    Scans (image files, PDF pages without a usable text layer; every PDF
    page with ``ocr="always"``; none with ``"never"``) are recognised in
    the Tesseract languages ``lang``; ``readings`` > 1 reads each scan in
    that many independent ways, each a witness of its own.
    """
    paths = [str(p) for p in paths]
    runs = reading_options(ocr, lang, readings)
    if len(paths) < 2 and readings < 2:
        raise DedupeError("compare needs at least two witnesses (or one scan with --readings 2+)")
    docs = read_documents(paths, runs, progress, max_pdf_mb=max_pdf_mb)
    if len(docs) < 2:
        raise DedupeError("compare needs at least two witnesses; --readings applies to scans only")
    ids = [d.witness.id for d in docs]
    prefer_id = resolve_prefer(prefer, [d.witness.path for d in docs], ids)
    return collate_documents(docs, prefer_id, quotes, progress, decisions)


@gc_paused
def collate_documents(
    docs: Sequence[Document],
    prefer_id: str | None = None,
    quotes: str = "straight",
    progress: Callable[[str, int, int], None] | None = None,
    decisions: Sequence[Decision] = (),
) -> Collation:
    """Align, collate and decide normalised witnesses (``compare`` after reading)."""
    report = progress or (lambda stage, done, total: None)
    docs = list(docs)
    from dedupe.parallel import workers_for_words

    # what decide and the self-check learn from the witnesses alone needs no
    # alignment: a large run has it gathered by another core meanwhile
    words = sum(len(b.text) for d in docs for b in d.blocks) // 6  # about six characters a word
    job = (docs, prefer_id, quotes)
    with Background(_witness_side, job, fork=workers_for_words(words) > 1) as gathered:
        return _collate(docs, prefer_id, quotes, report, decisions, gathered)


def _witness_side(docs: list[Document], prefer_id: str | None, quotes: str) -> tuple:
    """The evidence decide gathers (but the OCR word confidences: reading
    every word object in a forked process would copy the memory holding
    them) and the self-check's witness figures."""
    from dedupe.decide import Evidence
    from dedupe.selfcheck import witness_checks

    return Evidence.gather(docs, prefer_id, quotes, confident=False), witness_checks(docs)


def _collate(
    docs: list[Document],
    prefer_id: str | None,
    quotes: str,
    report: Callable[[str, int, int], None],
    decisions: Sequence[Decision],
    gathered: Background,
) -> Collation:
    from dedupe.align import align
    from dedupe.collate import collate
    from dedupe.decide import decide, word_confidences
    from dedupe.passage_variants import merge_runs
    from dedupe.passages import left_out
    from dedupe.selfcheck import self_check
    from dedupe.variant_ids import assign_ids, assign_passage_ids

    units = align(docs)
    report("align", 1, 1)
    units = collate(docs, units, progress=report)
    evidence, checked = gathered.result()
    if not evidence.confidence:  # gathered without them (see _witness_side)
        evidence = evolve(evidence, confidence=word_confidences(docs))
    units = decide(docs, units, prefer=prefer_id, quotes=quotes, evidence=evidence)
    report("decide", 1, 1)
    units = assign_ids(units)
    from dedupe.related import unrelated_warnings

    related = unrelated_warnings([doc.witness for doc in docs], units)  # word by word
    units = assign_passage_ids(merge_runs(units))
    removed = tuple(
        Removed(doc.witness.id, b.text, b.reason or "layout noise", _first_span(b.spans, doc))
        for doc in docs
        for b in doc.noise
    ) + tuple(left_out(docs, units))
    warnings = tuple(w for doc in docs for w in doc.warnings) + tuple(related)
    collation = Collation(
        witnesses=tuple(doc.witness for doc in docs),
        documents=tuple(docs),
        units=tuple(units),
        removed=removed,
        warnings=warnings,
        options={"prefer": prefer_id, "quotes": quotes},
    )
    if decisions:
        collation = apply_decisions(collation, decisions)
    check = self_check(collation, checked)
    return evolve(collation, selfcheck=check, warnings=collation.warnings + check.warnings)


def _first_span(spans: tuple[Span, ...], doc: Document) -> Span:
    if not spans:
        return Span(doc.witness.id, 0, 0)
    return evolve(spans[0], end=spans[-1].end)


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
