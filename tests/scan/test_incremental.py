"""A growing archive: rescans with ``--index`` read only new or changed
files and forget removed ones; ``scan --query`` answers from the index."""

from __future__ import annotations

import json
import shutil
from contextlib import closing
from pathlib import Path

from dedupe.scan.files import find_files
from dedupe.scan.index import open_index
from dedupe.scan.pipeline import scan

from .test_commands import one_line_error, run

ROOT = Path(__file__).resolve().parents[2]
DARWIN = ROOT / "tests" / "data" / "darwin"
SAMPLES = ROOT / "samples" / "beijing-binds"


def rescan(folder: Path, db: Path):
    with closing(open_index(str(db))) as index:
        files = find_files([str(folder)])
        result = scan(files, index=index, variants=0)
        index.prune([str(folder)], files)
        return result, index.count()


def test_rescan_reads_only_new_and_changed_files_and_forgets_removed_ones(tmp_path):
    folder, db = tmp_path / "archive", tmp_path / "archive.db"
    folder.mkdir()
    for name in ("darwin1859.txt", "darwin1860.txt"):
        shutil.copy(DARWIN / name, folder)
    shutil.copy(SAMPLES / "a.txt", folder / "beijing-a.txt")
    first, count = rescan(folder, db)
    assert first.stats["fingerprinted"] == 3 and count == 3
    assert len(first.clusters) == 1

    shutil.copy(SAMPLES / "b.txt", folder / "beijing-b.txt")  # new: a second cluster
    shutil.copy(DARWIN / "darwin1872.txt", folder / "darwin1860.txt")  # changed content
    second, count = rescan(folder, db)
    assert (second.stats["fingerprinted"], second.stats["from_index"]) == (2, 2)
    assert count == 4
    assert [len(c.members) for c in second.clusters] == [2, 2]

    (folder / "beijing-a.txt").unlink()  # removed: forgotten, its cluster gone
    third, count = rescan(folder, db)
    assert (third.stats["fingerprinted"], third.stats["from_index"]) == (0, 3)
    assert count == 3 and len(third.clusters) == 1
    with closing(open_index(str(db))) as index:
        assert sorted(Path(fp.path).name for fp in index.fingerprints()) == [
            "beijing-b.txt", "darwin1859.txt", "darwin1860.txt"
        ]  # fmt: skip
        gone = index.db.execute(
            "SELECT count(*) FROM contents WHERE sha256 NOT IN (SELECT sha256 FROM files)"
        ).fetchone()[0]
        assert gone == 0  # the removed file's look-up keys went with it


def test_scan_query_names_the_indexed_versions_of_a_new_file(tmp_path):
    folder, db = tmp_path / "archive", tmp_path / "archive.db"
    folder.mkdir()
    for path in sorted(DARWIN.glob("*.txt"))[:3]:
        shutil.copy(path, folder)
    shutil.copy(SAMPLES / "a.txt", folder / "beijing-a.txt")
    assert run("scan", str(folder), "--index", str(db), "-q").returncode == 0
    found = run("scan", "--query", str(SAMPLES / "b.txt"), "--index", str(db), "-f", "json")
    assert found.returncode == 0, found.stderr
    data = json.loads(found.stdout)
    assert data["indexed"] == 4
    assert [(Path(m["path"]).name, m["relation"]) for m in data["matches"]] == [
        ("beijing-a.txt", "version")
    ]
    darwin = run("scan", "--query", str(DARWIN / "darwin1872.txt"), "--index", str(db))
    assert darwin.stdout.splitlines()[0].startswith("Versions of ")
    assert sum("darwin18" in line for line in darwin.stdout.splitlines()[1:]) == 3
    one_line_error(run("scan", "--query", str(SAMPLES / "b.txt")), "--query needs --index")


def test_an_index_made_before_the_lookup_tables_gains_them(tmp_path):
    """An index without the query's tables is filled from its fingerprints."""
    folder, db = tmp_path / "archive", tmp_path / "archive.db"
    folder.mkdir()
    shutil.copy(SAMPLES / "a.txt", folder)
    rescan(folder, db)
    with closing(open_index(str(db))) as index:
        index.db.execute("DROP TABLE lookup")
        index.db.execute("DROP TABLE contents")
        index.db.commit()
    found = json.loads(
        run("scan", "--query", str(SAMPLES / "b.txt"), "--index", str(db), "-f", "json").stdout
    )
    assert [Path(m["path"]).name for m in found["matches"]] == ["a.txt"]
