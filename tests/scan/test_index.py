"""The SQLite index: unchanged files are not read again, changed ones are,
and a damaged or foreign file is refused and left as it is."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from dedupe.model import DedupeError
from dedupe.scan.files import find_files
from dedupe.scan.index import open_index
from dedupe.scan.pipeline import scan
from dedupe.scan.query import query

ROOT = Path(__file__).resolve().parents[2]
DARWIN = ROOT / "tests" / "data" / "darwin"
SAMPLES = ROOT / "samples" / "beijing-binds"


@pytest.fixture
def folder(tmp_path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    for year in (1859, 1860, 1872):
        shutil.copy(DARWIN / f"darwin{year}.txt", docs)
    shutil.copy(SAMPLES / "a.txt", docs / "beijing-a.txt")
    shutil.copy(SAMPLES / "b.txt", docs / "beijing-b.txt")
    paragraphs = [p for p in (DARWIN / "darwin1861.txt").read_text().split("\n") if p.strip()]
    (docs / "chapter.txt").write_text("\n\n".join(paragraphs[30:36]) + "\n", encoding="utf-8")
    return docs


def run(folder: Path, db: Path):
    index = open_index(str(db))
    try:
        files = find_files([str(folder)])
        result = scan(files, index=index)
        index.prune([str(folder)], files)
        return result, index.notes
    finally:
        index.close()


def execute(db: Path, statement: str) -> None:
    """Change an index behind dedupe's back."""
    con = sqlite3.connect(db)
    con.execute(statement)
    con.commit()
    con.close()


def clusters(result):
    return [[os.path.basename(m.path) for m in c.members] for c in result.clusters]


def test_a_rescan_reads_nothing_and_finds_the_same(folder, tmp_path):
    db = tmp_path / "scan.db"
    first, _ = run(folder, db)
    again, _ = run(folder, db)
    assert first.stats["fingerprinted"] == 6 and first.stats["from_index"] == 0
    assert again.stats["fingerprinted"] == 0 and again.stats["from_index"] == 6
    assert (
        clusters(again)
        == clusters(first)
        == [
            ["beijing-a.txt", "beijing-b.txt"],
            ["darwin1859.txt", "darwin1860.txt", "darwin1872.txt"],
        ]
    )
    assert again.clusters == first.clusters
    assert again.containments == first.containments and len(first.containments) == 3


def test_only_changed_files_are_fingerprinted_again(folder, tmp_path):
    db = tmp_path / "scan.db"
    run(folder, db)
    touched = folder / "darwin1860.txt"
    os.utime(touched, ns=(1, 1))  # new time, same bytes: hashed, not read again
    changed = folder / "beijing-b.txt"
    changed.write_text("A different letter altogether.\n\nNothing like the report.\n")
    (folder / "chapter.txt").unlink()
    shutil.copy(SAMPLES / "a.txt", folder / "renamed-copy.txt")  # known content, new path
    result, _ = run(folder, db)
    assert result.stats["fingerprinted"] == 1  # beijing-b.txt only
    assert result.stats["from_index"] == 5
    assert clusters(result) == [
        ["beijing-a.txt", "renamed-copy.txt"],
        ["darwin1859.txt", "darwin1860.txt", "darwin1872.txt"],
    ]
    assert result.clusters[0].pairs[0].exact
    db_paths = [p for (p,) in sqlite3.connect(db).execute("SELECT path FROM files")]
    assert not any(p.endswith("chapter.txt") for p in db_paths)  # deleted: forgotten


def test_query_finds_versions_and_containment(folder, tmp_path):
    db = tmp_path / "scan.db"
    run(folder, db)
    index = open_index(str(db), create=False)
    try:
        found = query(index, str(DARWIN / "darwin1866.txt"))
        part = query(index, str(folder / "chapter.txt"))
    finally:
        index.close()
    assert [(os.path.basename(m.path), m.relation) for m in found.matches] == [
        ("chapter.txt", "part"),
        ("darwin1859.txt", "version"),
        ("darwin1860.txt", "version"),
        ("darwin1872.txt", "version"),
    ]
    assert part.indexed == 5  # the file itself is not its own match
    assert {(os.path.basename(m.path), m.relation) for m in part.matches} == {
        ("darwin1859.txt", "contains"),
        ("darwin1860.txt", "contains"),
        ("darwin1872.txt", "contains"),
    }


def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(tmp_path):
    db = tmp_path / "notes.db"
    db.write_text("my notes, not an index\n")
    with pytest.raises(DedupeError, match=r"not an SQLite database\); refusing"):
        open_index(str(db))
    assert db.read_text() == "my notes, not an index\n"


def test_another_sqlite_database_is_refused_and_left_alone(tmp_path):
    db = tmp_path / "other.db"
    execute(db, "CREATE TABLE files (name TEXT)")
    before = db.read_bytes()
    with pytest.raises(DedupeError, match="wrong schema"):
        open_index(str(db))
    assert db.read_bytes() == before


def test_a_newer_schema_version_is_refused(folder, tmp_path):
    db = tmp_path / "scan.db"
    run(folder, db)
    execute(db, "UPDATE schema_version SET version = 99")
    with pytest.raises(DedupeError, match="schema version 99"):
        open_index(str(db))


def test_a_truncated_index_is_refused(folder, tmp_path):
    db = tmp_path / "scan.db"
    run(folder, db)
    data = db.read_bytes()
    db.write_bytes(data[:100] + b"\xff" * 4000)
    with pytest.raises(DedupeError, match="refusing"):
        open_index(str(db))


def test_fingerprints_of_other_settings_are_redone_with_a_note(folder, tmp_path):
    db = tmp_path / "scan.db"
    run(folder, db)
    execute(db, "UPDATE settings SET value = 'word3-old' WHERE key = 'fingerprint'")
    result, notes = run(folder, db)
    assert result.stats["fingerprinted"] == 6
    assert notes and "fingerprinted again" in notes[0]


def test_a_missing_index_for_query_is_an_error(tmp_path):
    with pytest.raises(DedupeError, match="no such index"):
        open_index(str(tmp_path / "none.db"), create=False)
    assert not (tmp_path / "none.db").exists()


def test_a_name_that_is_not_utf8_is_indexed_found_again_and_forgotten(folder, tmp_path):
    db = tmp_path / "scan.db"
    odd = os.fsencode(folder) + b"/copy-\xe9\xff.txt"
    with open(odd, "wb") as fh:
        fh.write((SAMPLES / "a.txt").read_bytes())
    first, _ = run(folder, db)
    again, _ = run(folder, db)
    assert again.stats["fingerprinted"] == 0 and again.stats["from_index"] == 7
    assert clusters(again)[0] == [
        "beijing-a.txt",
        "beijing-b.txt",
        os.fsdecode(b"copy-\xe9\xff.txt"),
    ]
    con = sqlite3.connect(db)
    assert odd in [p for (p,) in con.execute("SELECT path FROM files")]  # its bytes, a BLOB
    con.close()
    index = open_index(str(db))
    try:  # the indexed copy is found by path, and read again to verify
        found = query(index, str(SAMPLES / "a.txt"))
        assert os.fsencode(found.matches[0].path) in (odd, os.fsencode(folder / "beijing-a.txt"))
        assert len([m for m in found.matches if m.relation == "version"]) == 3
    finally:
        index.close()
    os.unlink(odd)
    run(folder, db)
    paths = [p for (p,) in sqlite3.connect(db).execute("SELECT path FROM files")]
    assert len(paths) == 6 and odd not in paths  # gone: forgotten


def _open_at_once(path: str, barrier, answers) -> None:
    barrier.wait()  # both processes open the new index at the same moment
    try:
        index = open_index(path)
        index.close()
        answers.put("ok")
    except DedupeError as err:
        answers.put(str(err))


def test_two_processes_creating_one_new_index_at_once_both_use_it(tmp_path):
    import multiprocessing

    context = multiprocessing.get_context("fork")
    for attempt in range(16):  # the race is narrow: several tries
        path = str(tmp_path / f"new-{attempt}.db")
        barrier, answers = context.Barrier(2), context.Queue()
        workers = [
            context.Process(target=_open_at_once, args=(path, barrier, answers)) for _ in range(2)
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(60)
        assert [answers.get(timeout=5), answers.get(timeout=5)] == ["ok", "ok"]
        index = open_index(path, create=False)
        assert index.count() == 0 and not index.notes
        index.close()


def test_two_scans_into_one_new_index_at_once_both_succeed(folder, tmp_path):
    import json
    import subprocess
    import sys

    db = tmp_path / "shared.db"
    command = [
        sys.executable,
        "-m",
        "dedupe",
        "scan",
        str(folder),
        "--index",
        str(db),
        "-f",
        "json",
    ]
    scans = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in "ab"
    ]
    outputs = [process.communicate(timeout=300) for process in scans]
    for process, (_, err) in zip(scans, outputs, strict=True):
        assert process.returncode == 0, err.decode()
    assert outputs[0][0] == outputs[1][0] and json.loads(outputs[0][0])["summary"]["clusters"] == 2
    index = open_index(str(db), create=False)
    try:
        assert index.count() == 6
    finally:
        index.close()
