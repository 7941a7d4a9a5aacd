"""The Dask engine runs the same tasks as the in-process engine and must
find exactly the same clusters (needs the dask extra: pip install .[dask])."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from dedupe.scan.engine_dask import DaskEngine
from dedupe.scan.engine_local import LocalEngine
from dedupe.scan.output import to_json
from dedupe.scan.pipeline import scan


@pytest.fixture(scope="module")
def cluster():
    """A scheduler with two worker processes, as ``dask scheduler`` and two
    ``dask worker`` would start them."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as running:
        yield running


def test_scan_on_a_two_worker_cluster_finds_what_the_local_engine_finds(
    collection, scanned, cluster
):
    root, _ = collection
    command = [sys.executable, "-m", "dedupe", "scan", str(root / "docs"), "-f", "json", "--all"]
    command += ["--engine", "dask", "--scheduler", cluster.scheduler_address, "-q"]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["clusters"]) > 100
    assert result.stdout == to_json(scanned, show_all=True)


def test_without_an_address_a_local_cluster_is_started(small_folder):
    files = small_folder
    engine = DaskEngine(workers=2)
    try:
        assert len(engine.client.scheduler_info()["workers"]) == 2
        on_dask = scan(files, engine=engine, keep_words=0)  # the workers spill the words
    finally:
        engine.close()
    local = scan(files, engine=LocalEngine())
    assert on_dask.stats["engine"] == "dask" and local.stats["engine"] == "local"
    assert len(local.clusters) == 2
    assert to_json(on_dask) == to_json(local)


def test_an_unreachable_scheduler_is_one_clear_line(small_folder, tmp_path):
    import os
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    from pathlib import Path

    folder = Path(small_folder[0]).parent
    work = tmp_path / "work"
    work.mkdir()
    command = [sys.executable, "-m", "dedupe", "scan", str(folder), "--engine", "dask"]
    command += ["--scheduler", f"tcp://127.0.0.1:{port}"]
    env = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"}
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=work)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"127.0.0.1:{port}: cannot connect" in lines[0], result.stderr
    assert result.stdout == "" and not list(work.iterdir())


def test_renderings_are_merged_alike_on_dask(renderings):
    """The rendering merge (one witness per OCR run) gives the same roles."""
    from dedupe.scan.files import find_files

    files = find_files([str(renderings)])
    engine = DaskEngine(workers=2)
    try:
        on_dask = scan(files, engine=engine, variants=0)
    finally:
        engine.close()
    local = scan(files, engine=LocalEngine(), variants=0)
    assert sum(r.rendering_of is not None for r in local.clusters[0].roles) == 4
    assert to_json(on_dask) == to_json(local)
