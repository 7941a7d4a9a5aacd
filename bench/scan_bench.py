"""Benchmarks of ``dedupe scan``; the results are written up in bench/SCAN.md.

    python bench/scan_bench.py shingles            # which shingles survive OCR noise
    python bench/scan_bench.py minhash             # numpy one-permutation MinHash vs datasketch
    python bench/scan_bench.py quality DIR         # precision / recall against DIR/truth.json
    python bench/scan_bench.py speed DIR [--engine dask --workers 2]
    python bench/scan_bench.py rescan DIR          # the index: first scan, then 1% changed
    python bench/scan_bench.py tiny --files 2000   # tiny files sharing a small vocabulary

DIR is a collection made by bench/gen_collection.py, e.g.
``python bench/gen_collection.py /tmp/c10k --docs 10000 --kb 30``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
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
    try:
        from datasketch import MinHash
    except ImportError:
        print("datasketch is not installed: pip install '.[bench]'")
        return

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
    """A progress callback that records when each stage ends (wall clock)."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.ends: dict[str, float] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        self.ends[stage] = time.perf_counter()

    def report(self) -> dict[str, float]:
        out, last = {}, self.start
        for stage, end in sorted(self.ends.items(), key=lambda item: item[1]):
            out[stage] = round(end - last, 1)
            last = end
        return out


def _engine(name: str, workers: int):
    if name == "dask":
        from dedupe.scan.engine_dask import DaskEngine

        return DaskEngine(workers=workers)
    from dedupe.scan.engine_local import LocalEngine

    return LocalEngine(workers)


def _usage() -> tuple[float, float]:
    """CPU seconds and peak resident MB of this process."""
    use = resource.getrusage(resource.RUSAGE_SELF)
    return use.ru_utime + use.ru_stime, use.ru_maxrss / 1024


def _usages(engine) -> dict[str, tuple[float, float]]:
    """CPU seconds and peak MB of the main process and of every worker process."""
    found = {"main": _usage()}
    if getattr(engine, "name", "") == "dask":
        per = engine.client.run(_usage)
        found.update({f"worker {i}": v for i, v in enumerate(per.values())})
    elif getattr(engine, "_pool", None) is not None:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        found["pool"] = (children.ru_utime + children.ru_stime, children.ru_maxrss / 1024)
    return found


def timed_scan(folder: Path, engine_name: str = "local", workers: int = 1, index=None) -> dict:
    """Scan ``folder/docs``; the result, wall and CPU seconds, stages, peak memory."""
    from dedupe.scan.files import find_files
    from dedupe.scan.pipeline import scan

    files = find_files([str(folder / "docs")])
    engine = _engine(engine_name, workers)
    try:
        before = _usages(engine)
        stages = Stages()
        result = scan(files, engine=engine, index=index, progress=stages)
        seconds = time.perf_counter() - stages.start
        after = _usages(engine)
    finally:
        engine.close()
    cpu = sum(after[k][0] - before.get(k, (0, 0))[0] for k in after)
    peaks = {k: round(v[1]) for k, v in after.items()}
    return {
        "result": result,
        "seconds": seconds,
        "cpu": cpu,
        "stages": stages.report(),
        "peak_mb": peaks,
    }


def _collection(folder: Path) -> tuple[dict | None, float]:
    """The truth (if any) and the average file size in KB."""
    truth_file = folder / "truth.json"
    truth = json.loads(truth_file.read_text(encoding="utf-8")) if truth_file.exists() else None
    sizes = [p.stat().st_size for p in (folder / "docs").iterdir()]
    return truth, sum(sizes) / len(sizes) / 1000


def bench_quality(folder: Path) -> None:
    truth, _ = _collection(folder)
    run = timed_scan(folder)
    score = gen.score(run["result"], truth, folder)
    print(json.dumps({k: v for k, v in score.items() if not isinstance(v, list)}, indent=1))
    print(f"missed: {score['missed'][:10]}\nwrong: {score['wrong'][:10]}")
    print(f"excerpts missed: {score['excerpts_missed'][:10]}")
    print(f"{run['result'].files} files in {run['seconds']:.1f} s {run['stages']}")


def bench_speed(folder: Path, engine: str, workers: int) -> None:
    truth, kb = _collection(folder)
    run = timed_scan(folder, engine, workers)
    result, seconds, cpu = run["result"], run["seconds"], run["cpu"]
    documents = len(truth["groups"]) + len(truth["excerpts"]) if truth else result.files
    print(
        f"{engine} engine, {workers} worker(s): {result.files} files of {kb:.0f} KB on average "
        f"({documents} documents)\n"
        f"  wall {seconds:.1f} s = {result.files / seconds:.0f} files/s; "
        f"CPU {cpu:.1f} s = {result.files / cpu:.0f} files per CPU-second\n"
        f"  stages (wall s) {run['stages']}\n  peak memory MB {run['peak_mb']}\n"
        f"  {result.stats}; {len(result.clusters)} clusters, "
        f"{len(result.containments)} containments"
    )
    if truth:
        score = gen.score(result, truth, folder)
        print("  " + str({k: round(v, 4) for k, v in score.items() if not isinstance(v, list)}))


def bench_rescan(folder: Path, changed: float = 0.01) -> None:
    """First scan with a new index, a rescan with nothing changed, and one
    after changing 1% of the files (a line added; put back afterwards)."""
    import tempfile

    from dedupe.scan.index import open_index

    files = sorted((folder / "docs").iterdir())
    picked = random.Random(1).sample(files, max(1, round(len(files) * changed)))
    originals = {path: path.read_bytes() for path in picked}
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "index.db")
        try:
            for step in ("first scan", "rescan, nothing changed", f"rescan, {changed:.0%} changed"):
                if step.endswith("% changed"):
                    for path, data in originals.items():
                        path.write_bytes(data + b"\nA line added later.\n")
                index = open_index(db)
                try:
                    run = timed_scan(folder, index=index)
                finally:
                    index.close()
                runs.append(run["seconds"])
                print(
                    f"{step}: wall {run['seconds']:.1f} s, CPU {run['cpu']:.1f} s "
                    f"{run['stages']} {run['result'].stats}"
                )
            print(f"index size {Path(db).stat().st_size / 1e6:.0f} MB")
        finally:
            for path, data in originals.items():
                path.write_bytes(data)
    print(f"rescan with {changed:.0%} changed: {runs[2] / runs[0]:.3f} of the first scan's time")


def tiny_collection(folder: Path, files: int, vocabulary: int = 200, seed: int = 1) -> None:
    """``files`` tiny documents of 20-50 words drawn from ``vocabulary``
    words (made up, of four to nine letters, the n-th commonest 1/n as
    frequent as the commonest, as in real text), in ``folder/docs``; a tenth
    of them also with a copy that has one word changed (the versions to find).

    Every file shares many word pairs with many others: the case where
    buckets of the candidate search fill with unrelated files.
    """
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    words: set[str] = set()
    while len(words) < vocabulary:
        words.add("".join(rng.choice(letters) for _ in range(rng.randint(4, 9))))
    vocab = sorted(words)
    rng.shuffle(vocab)
    weights = [1 / rank for rank in range(1, vocabulary + 1)]
    docs = folder / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    versions = files // 10
    for n in range(files - versions):
        text = rng.choices(vocab, weights, k=rng.randint(20, 50))
        (docs / f"t{n:06d}.txt").write_text(" ".join(text) + ".\n", encoding="utf-8")
        if n < versions:
            text[rng.randrange(len(text))] = rng.choice(vocab)  # one word changed
            (docs / f"t{n:06d}-v.txt").write_text(" ".join(text) + ".\n", encoding="utf-8")


def bench_tiny(files: int, vocabulary: int) -> None:
    """Scan a tiny-file collection (``tiny_collection``): time, memory,
    candidates, and how many of the planted versions were found."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        tiny_collection(folder, files, vocabulary)
        run = timed_scan(folder)
    result = run["result"]
    planted = files // 10
    found = sum(
        1
        for c in result.clusters
        for m in c.members
        if m.path.endswith("-v.txt")
        and m.path.replace("-v.txt", ".txt") in {x.path for x in c.members}
    )
    print(
        f"{result.files} tiny files ({vocabulary}-word vocabulary): wall {run['seconds']:.1f} s, "
        f"CPU {run['cpu']:.1f} s, peak MB {run['peak_mb']}\n"
        f"  stages (wall s) {run['stages']}\n  {result.stats}\n"
        f"  {len(result.clusters)} clusters; planted versions found {found} of {planted}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    shingles = sub.add_parser("shingles")
    shingles.add_argument("--docs", type=int, default=40)
    shingles.add_argument("--seed", type=int, default=7)
    sub.add_parser("minhash")
    tiny = sub.add_parser("tiny")
    tiny.add_argument("--files", type=int, default=2000)
    tiny.add_argument("--vocabulary", type=int, default=200)
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
    elif args.what == "tiny":
        bench_tiny(args.files, args.vocabulary)
    elif args.what == "quality":
        bench_quality(args.folder)
    elif args.what == "speed":
        bench_speed(args.folder, args.engine, args.workers)
    else:
        bench_rescan(args.folder)


if __name__ == "__main__":
    main()
