"""Benchmarks of ``dedupe scan``; the results are written up in bench/SCAN.md.

    python bench/scan_bench.py shingles            # which shingles survive OCR noise
    python bench/scan_bench.py minhash             # numpy one-permutation MinHash vs datasketch
    python bench/scan_bench.py quality DIR         # precision / recall against DIR/truth.json
    python bench/scan_bench.py speed DIR [--engine dask --workers 2]
    python bench/scan_bench.py rescan DIR          # the index: first scan, then 1% changed

DIR is a collection made by bench/gen_collection.py, e.g.
``python bench/gen_collection.py /tmp/c10k --docs 10000 --kb 30``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen_collection as gen  # noqa: E402

from dedupe.normalise.fold import fold  # noqa: E402
from dedupe.scan import candidates as cand  # noqa: E402
from dedupe.scan import fingerprint as fp  # noqa: E402
from dedupe.scan.text import quick_body  # noqa: E402
from dedupe.scan.words import hash_words, mix64  # noqa: E402

RATES = (0.02, 0.06, 0.10, 0.14, 0.18, 0.22)
_WORD = re.compile(r"[^\W_]+")


# ---------------------------------------------------------------- shingles


def _char_shingles(words: list[str], n: int) -> np.ndarray:
    data = np.frombuffer(" ".join(words).encode("utf-8"), dtype=np.uint8).astype(np.uint64)
    if data.size < n:
        return np.empty(0, dtype=np.uint64)
    combined = data[: data.size - n + 1].copy()
    for k in range(1, n):
        combined = (combined << np.uint64(8)) | data[k : data.size - n + 1 + k]
    return mix64(combined)


def shingle_kinds(text: str) -> dict[str, np.ndarray]:
    """Every candidate shingle kind of one document's text as the scan reads it."""
    body = quick_body(text)
    hashes, lengths = hash_words(body)
    content = hashes[lengths >= fp.CONTENT_LETTERS]
    words = _WORD.findall(fold(body).casefold())
    return {
        "word 1-grams": hashes,
        "word 2-grams": fp.word_shingles(hashes, 2),
        "word 3-grams": fp.word_shingles(hashes, 3),
        "char 4-grams": _char_shingles(words, 4),
        "char 5-grams": _char_shingles(words, 5),
        "content-word 1-grams": content,
        "content-word 2-grams (chosen)": fp.word_shingles(content, 2),
        "content-word 3-grams": fp.word_shingles(content, 3),
    }


def _jaccard(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    a, b = np.unique(a), np.unique(b)
    common = np.intersect1d(a, b, assume_unique=True).size
    return common / (a.size + b.size - common), common / max(a.size, 1)


def _sample_hit(a: np.ndarray, b: np.ndarray) -> bool:
    """Would the sample index pair these two (before its common-phrase cap)?"""
    sa, sb = fp.containment_sample(a), fp.containment_sample(b)
    shared = np.intersect1d(sa, sb).size
    return shared >= cand.MIN_SHARED and shared >= cand.MIN_SHARE * min(sa.size, sb.size)


def _lsh_probability(j: np.ndarray) -> np.ndarray:
    return 1 - (1 - j**cand.ROWS) ** cand.BANDS


def bench_shingles(docs: int, seed: int) -> None:
    """Jaccard similarity of OCR-damaged copies and of distinct documents, per kind."""
    rng = random.Random(seed)
    bases = [
        gen.make_base(random.Random(rng.random()), rng.randint(5000, 30000)) for _ in range(docs)
    ]
    clean = [shingle_kinds(gen.render_clean(b)) for b in bases]
    kinds = list(clean[0])
    dup: dict[str, list[float]] = {k: [] for k in kinds}
    hits: dict[str, list[bool]] = {k: [] for k in kinds}
    overlap3, rates = [], []
    for base, shingles in zip(bases, clean, strict=True):
        for rate in RATES:
            damaged = shingle_kinds(gen.damage(base, rng, rate))
            for k in kinds:
                j, share = _jaccard(shingles[k], damaged[k])
                dup[k].append(j)
                if rate == RATES[-1]:
                    hits[k].append(_sample_hit(shingles[k], damaged[k]))
                if k == "word 3-grams":
                    overlap3.append(share)
            rates.append(rate)
    pairs = [(i, j) for i in range(docs) for j in range(i)]
    distinct = {k: [_jaccard(clean[i][k], clean[j][k])[0] for i, j in pairs] for k in kinds}
    false_hits = {
        k: np.mean([_sample_hit(clean[i][k], clean[j][k]) for i, j in pairs]) for k in kinds
    }
    rate_of = np.array(rates)
    shares = np.array(overlap3)
    print(
        f"{docs} documents x {len(RATES)} OCR damage rates; {len(distinct[kinds[0]])} distinct pairs"
    )
    print("word 3-grams of the clean text kept in the damaged copy, by damage rate:")
    print("  " + "  ".join(f"{r}: {np.median(shares[rate_of == r]):.2f}" for r in RATES))
    print(f"LSH: {cand.BANDS} bands of {cand.ROWS} rows")
    header = (
        "| shingles | "
        + " | ".join(f"J at {r}" for r in RATES)
        + " | distinct J median / p99 / max | LSH recall at 0.22 | LSH false-candidate rate"
        " | sample-index recall at 0.22 | sample-index hits among distinct pairs |"
    )
    print(header)
    print("|" + "---|" * (len(RATES) + 6))
    for k in kinds:
        d, x = np.array(dup[k]), np.array(distinct[k])
        worst = d[rate_of == RATES[-1]]
        cells = " | ".join(f"{np.median(d[rate_of == r]):.2f}" for r in RATES)
        print(
            f"| {k} | {cells} | {np.median(x):.3f} / {np.percentile(x, 99):.3f} / {x.max():.3f} "
            f"| {_lsh_probability(worst).mean():.2f} | {_lsh_probability(x).mean():.1e} "
            f"| {np.mean(hits[k]):.2f} | {false_hits[k]:.2f} |"
        )


# ---------------------------------------------------------------- minhash


def bench_minhash(repeat: int = 200) -> None:
    """Time one signature of a 30 KB document: numpy one-permutation vs datasketch."""
    from datasketch import MinHash

    text = gen.render_clean(gen.make_base(random.Random(1), 30000))
    words = [w for w in _WORD.findall(fold(text).casefold()) if len(w) >= fp.CONTENT_LETTERS]
    hashes, lengths = hash_words(text)
    shingles = fp.word_shingles(hashes[lengths >= fp.CONTENT_LETTERS])
    grams = [f"{a} {b}".encode() for a, b in zip(words, words[1:], strict=False)]

    def datasketch() -> None:
        m = MinHash(num_perm=fp.NUM_HASHES)
        m.update_batch(grams)

    for name, run in (
        ("numpy one-permutation", lambda: fp.signature(shingles)),
        ("datasketch", datasketch),
    ):
        start = time.perf_counter()
        for _ in range(repeat):
            run()
        print(
            f"{name}: {(time.perf_counter() - start) / repeat * 1000:.3f} ms per signature ({len(grams)} shingles)"
        )


# ---------------------------------------------------------------- scans


class Stages:
    """A progress callback that records when each stage starts and ends."""

    def __init__(self) -> None:
        self.times: dict[str, list[float]] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        self.times.setdefault(stage, [now, now])[1] = now

    def report(self) -> dict[str, float]:
        return {k: round(v[1] - v[0], 1) for k, v in self.times.items()}


def _engine(name: str, workers: int):
    if name == "dask":
        from dedupe.scan.engine_dask import DaskEngine

        return DaskEngine(workers=workers)
    from dedupe.scan.engine_local import LocalEngine

    return LocalEngine(workers)


def _peak_mb(engine) -> dict[str, float]:
    peaks = {"main": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    if getattr(engine, "name", "") == "dask":
        per = engine.client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        peaks.update({f"worker {i}": v for i, v in enumerate(per.values())})
    return {k: round(v) for k, v in peaks.items()}


def timed_scan(folder: Path, engine_name: str = "local", workers: int = 1, index=None):
    from dedupe.scan.files import find_files
    from dedupe.scan.pipeline import scan

    files = find_files([str(folder / "docs")])
    engine = _engine(engine_name, workers)
    stages = Stages()
    try:
        start = time.perf_counter()
        result = scan(files, engine=engine, index=index, progress=stages)
        seconds = time.perf_counter() - start
        peaks = _peak_mb(engine)
    finally:
        engine.close()
    return result, seconds, stages.report(), peaks


def bench_quality(folder: Path) -> None:
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    result, seconds, stages, _ = timed_scan(folder)
    score = gen.score(result, truth, folder)
    print(json.dumps({k: v for k, v in score.items() if not isinstance(v, list)}, indent=1))
    print(f"missed: {score['missed'][:10]}\nwrong: {score['wrong'][:10]}")
    print(f"{result.files} files in {seconds:.1f} s {stages}")


def bench_speed(folder: Path, engine: str, workers: int) -> None:
    result, seconds, stages, peaks = timed_scan(folder, engine, workers)
    sizes = [m.words for c in result.clusters for m in c.members]
    kb = sum(p.stat().st_size for p in (folder / "docs").iterdir()) / result.files / 1000
    print(
        f"{engine} x{workers}: {result.files} files ({kb:.0f} KB average) in {seconds:.1f} s = "
        f"{result.files / seconds:.1f} files/s; stages {stages}; peak memory MB {peaks}; "
        f"{result.stats}; {len(result.clusters)} clusters ({len(sizes)} files)"
    )
    truth = folder / "truth.json"
    if truth.exists():
        score = gen.score(result, json.loads(truth.read_text(encoding="utf-8")), folder)
        print({k: v for k, v in score.items() if not isinstance(v, list)})


def bench_rescan(folder: Path, changed: float = 0.01) -> None:
    """First scan with an index, then again after changing 1% of the files."""
    from dedupe.scan.index import open_index

    work = folder.parent / (folder.name + "-rescan")
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(folder, work)
    db = work / "index.db"
    runs = []
    for step in ("first scan", "rescan, nothing changed", f"rescan, {changed:.0%} changed"):
        if step.endswith("changed") and "nothing" not in step:
            files = sorted((work / "docs").iterdir())
            for path in random.Random(1).sample(files, max(1, round(len(files) * changed))):
                path.write_text(
                    path.read_text(encoding="utf-8") + "\nA line added later.\n", encoding="utf-8"
                )
        index = open_index(str(db))
        try:
            result, seconds, stages, _ = timed_scan(work, index=index)
        finally:
            index.close()
        runs.append(seconds)
        print(f"{step}: {seconds:.1f} s {stages} {result.stats}")
    print(f"rescan with {changed:.0%} changed: {runs[2] / runs[0]:.3f} of the first scan's time")
    shutil.rmtree(work)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    shingles = sub.add_parser("shingles")
    shingles.add_argument("--docs", type=int, default=40)
    shingles.add_argument("--seed", type=int, default=7)
    sub.add_parser("minhash")
    for name in ("quality", "speed", "rescan"):
        p = sub.add_parser(name)
        p.add_argument("folder", type=Path)
        if name == "speed":
            p.add_argument("--engine", choices=["local", "dask"], default="local")
            p.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    if args.what == "shingles":
        bench_shingles(args.docs, args.seed)
    elif args.what == "minhash":
        bench_minhash()
    elif args.what == "quality":
        bench_quality(args.folder)
    elif args.what == "speed":
        bench_speed(args.folder, args.engine, args.workers)
    else:
        bench_rescan(args.folder)


if __name__ == "__main__":
    main()
