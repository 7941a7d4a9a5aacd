"""The in-process engine on a pool of worker processes finds the same."""

from __future__ import annotations

import shutil
from pathlib import Path

from dedupe.scan.engine_local import LocalEngine
from dedupe.scan.files import find_files
from dedupe.scan.output import to_json
from dedupe.scan.pipeline import scan

ROOT = Path(__file__).resolve().parents[2]


def test_worker_processes_give_the_same_result(tmp_path):
    for path in sorted((ROOT / "tests" / "data" / "darwin").glob("*.txt"))[:2]:
        shutil.copy(path, tmp_path)
    for name in ("a.txt", "b.txt"):
        shutil.copy(ROOT / "samples" / "beijing-binds" / name, tmp_path / f"beijing-{name}")
    files = find_files([str(tmp_path)])
    pool = LocalEngine(workers=2)
    try:
        in_pool = scan(files, engine=pool)
    finally:
        pool.close()
    alone = scan(files)
    assert len(alone.clusters) == 2
    assert to_json(in_pool) == to_json(alone)
