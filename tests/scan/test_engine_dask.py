"""The Dask engine runs the same tasks as the in-process engine and must
find exactly the same clusters (needs the dask extra: pip install .[dask])."""

from __future__ import annotations

import shutil
from pathlib import Path

from dedupe.scan.engine_dask import DaskEngine
from dedupe.scan.engine_local import LocalEngine
from dedupe.scan.files import find_files
from dedupe.scan.output import to_json
from dedupe.scan.pipeline import scan

ROOT = Path(__file__).resolve().parents[2]


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


def test_dask_worker_processes_give_the_same_result(tmp_path):
    for path in sorted((ROOT / "tests" / "data" / "darwin").glob("*.txt"))[:3]:
        shutil.copy(path, tmp_path)
    for name in ("a.txt", "b.txt"):
        shutil.copy(ROOT / "samples" / "beijing-binds" / name, tmp_path / f"beijing-{name}")
    files = find_files([str(tmp_path)])
    engine = DaskEngine(workers=2, processes=True)
    try:
        on_dask = scan(files, engine=engine)
    finally:
        engine.close()
    local = scan(files, engine=LocalEngine())
    assert len(local.clusters) == 2
    assert to_json(on_dask) == to_json(local)
