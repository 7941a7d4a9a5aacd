"""The Dask engine runs the same tasks as the in-process engine and must
find exactly the same clusters (needs the dask extra: pip install .[dask])."""

from __future__ import annotations

from dedupe.scan.engine_dask import DaskEngine
from dedupe.scan.engine_local import LocalEngine
from dedupe.scan.files import find_files
from dedupe.scan.output import to_json
from dedupe.scan.pipeline import scan


def test_two_dask_workers_find_what_the_local_engine_finds(collection, scanned):
    root, _ = collection
    engine = DaskEngine(workers=2, processes=False)
    try:
        on_dask = scan(find_files([str(root / "docs")]), engine=engine)
    finally:
        engine.close()
    assert on_dask.stats["engine"] == "dask" and scanned.stats["engine"] == "local"
    assert len(on_dask.clusters) > 20
    assert to_json(on_dask, show_all=True) == to_json(scanned, show_all=True)


def test_dask_worker_processes_give_the_same_result(small_folder):
    files = small_folder
    engine = DaskEngine(workers=2, processes=True)
    try:
        on_dask = scan(files, engine=engine)
    finally:
        engine.close()
    local = scan(files, engine=LocalEngine())
    assert len(local.clusters) == 2
    assert to_json(on_dask) == to_json(local)
