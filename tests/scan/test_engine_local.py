"""The in-process engine on a pool of worker processes finds the same."""

from __future__ import annotations

from dedupe.scan.engine_local import LocalEngine
from dedupe.scan.output import to_json
from dedupe.scan.pipeline import scan


def test_worker_processes_give_the_same_result(small_folder):
    files = small_folder
    pool = LocalEngine(workers=2)
    try:
        in_pool = scan(files, engine=pool)
    finally:
        pool.close()
    alone = scan(files)
    assert len(alone.clusters) == 2
    assert to_json(in_pool) == to_json(alone)
