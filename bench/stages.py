"""CPU seconds per stage of ``dedupe compare`` (read, normalise, align,
collate, decide): where a speed change should look first.

Usage::

    python bench/stages.py WITNESS WITNESS [WITNESS ...]
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from dedupe.align import align
from dedupe.api import witness_ids
from dedupe.collate import collate
from dedupe.decide import decide
from dedupe.normalise import normalise
from dedupe.read import read


def main(paths: list[str]) -> dict[str, float]:
    spent: dict[str, float] = {}

    def clock(name: str, step: Callable, *args):
        start = time.process_time()
        out = step(*args)
        spent[name] = spent.get(name, 0.0) + time.process_time() - start
        return out

    ids = witness_ids(len(paths))
    raw = [clock("read", read, p, w) for p, w in zip(paths, ids, strict=True)]
    docs = [clock("normalise", normalise, d) for d in raw]
    units = clock("align", align, docs)
    units = clock("collate", collate, docs, units)
    clock("decide", decide, docs, units)
    return spent


if __name__ == "__main__":
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    spent = main(sys.argv[1:])
    print(" ".join(f"{k} {v:.2f}" for k, v in spent.items()), f"total {sum(spent.values()):.2f}")
