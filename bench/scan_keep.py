"""Keep-which-copy against the known best copy, and query latency, on a
generated collection (bench/gen_collection.py) and its index.

    python bench/gen_collection.py /tmp/c --docs 10000 --kb 5-30 --seed 1
    dedupe index add /tmp/c.db /tmp/c/docs
    python bench/scan_keep.py /tmp/c /tmp/c.db

In a generated group that keeps its clean original beside its OCR-damaged
versions, the original is the least noisy copy: the scan should keep it.
"""

from __future__ import annotations

import json
import random
import sys
import time
from contextlib import closing
from pathlib import Path


def main() -> None:
    from dedupe.scan.files import find_files
    from dedupe.scan.index import open_index
    from dedupe.scan.pipeline import scan
    from dedupe.scan.query import query

    root, db = Path(sys.argv[1]), sys.argv[2]
    truth = json.loads((root / "truth.json").read_text())
    started = time.perf_counter()
    result = scan(find_files([str(root / "docs")]), variants=0)
    seconds = time.perf_counter() - started
    originals = [  # generated groups with their clean original (d000012.txt beside -v1, -v2)
        str(root / p)
        for g in truth["groups"]
        if any("-v" in Path(q).name for q in g)
        for p in g
        if "-v" not in Path(p).name
    ]
    kept = {c.keep for c in result.clusters}
    right = sum(p in kept for p in originals)
    print(f"scan of {result.files} files with keep decisions: {seconds:.1f} s")
    print(f"clean original kept: {right}/{len(originals)} ({right / len(originals):.1%})")
    with closing(open_index(db)) as index:
        files = sorted(find_files([str(root / "docs")]))
        picks = random.Random(1).sample(files, 20)
        query(index, picks[0])
        times = []
        for path in picks:
            t = time.perf_counter()
            query(index, path)
            times.append(time.perf_counter() - t)
        times.sort()
        print(
            f"query on {index.count()} indexed files: median {1000 * times[10]:.0f} ms, "
            f"max {1000 * times[-1]:.0f} ms"
        )


if __name__ == "__main__":
    main()
