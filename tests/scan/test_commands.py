"""``dedupe scan`` and ``dedupe index`` as a user meets them."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DARWIN = ROOT / "tests" / "data" / "darwin"
SAMPLES = ROOT / "samples" / "beijing-binds"


def run(*args: str, code: str | None = None) -> subprocess.CompletedProcess:
    command = (
        [sys.executable, "-c", code, *args] if code else [sys.executable, "-m", "dedupe", *args]
    )
    return subprocess.run(
        command, capture_output=True, text=True, env={**os.environ, "COLUMNS": "120"}
    )


def one_line_error(result, *needles: str) -> str:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for needle in needles:
        assert needle in lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    docs = tmp_path_factory.mktemp("scan") / "docs"
    (docs / "letters").mkdir(parents=True)
    shutil.copy(DARWIN / "darwin1859.txt", docs)
    shutil.copy(DARWIN / "darwin1860.txt", docs / "letters")
    shutil.copy(SAMPLES / "a.txt", docs / "beijing-a.txt")
    shutil.copy(SAMPLES / "b.txt", docs / "letters" / "beijing-b.md")
    (docs / "alone.txt").write_text("A note about nothing else in this folder at all.\n")
    (docs / "image.txt").write_bytes(b"\x00\x01\x02 not text")
    (docs / "table.csv").write_text("not,a,supported,file\n")
    (docs / ".hidden").mkdir()
    shutil.copy(SAMPLES / "a.txt", docs / ".hidden" / "copy.txt")
    return docs


def test_json_lists_clusters_pairs_and_counts(folder):
    result = run("scan", str(folder), "--format", "json", "--all")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == "dedupe.scan/1"
    assert list(data) == [
        "schema", "threshold", "files", "summary", "clusters", "containments", "singletons",
        "skipped", "path_bytes",
    ]  # fmt: skip
    assert data["path_bytes"] == {}  # every name is valid UTF-8
    assert data["files"] == 6  # .csv and hidden folders are not looked at
    assert [[Path(m["path"]).name for m in c["members"]] for c in data["clusters"]] == [
        ["beijing-a.txt", "beijing-b.md"],
        ["darwin1859.txt", "darwin1860.txt"],
    ]
    pair = data["clusters"][1]["pairs"][0]
    assert list(pair) == ["a", "b", "similarity", "common_words", "exact", "verified"]
    assert pair["similarity"] > 0.9 and pair["verified"] and not pair["exact"]
    assert [Path(p).name for p in data["singletons"]] == ["alone.txt"]
    assert data["summary"] == {
        "clusters": 2, "clustered_files": 4, "containments": 0, "singletons": 1, "skipped": 1
    }  # fmt: skip
    assert len(data["skipped"]) == 1 and "image.txt: binary file" in data["skipped"][0]


def test_unreadable_files_are_warned_about_one_by_one_and_counted(folder):
    result = run("scan", str(folder), "--format", "json")
    assert result.returncode == 0
    lines = result.stderr.strip().splitlines()
    assert lines == [
        f"dedupe: warning: {folder / 'image.txt'}: binary file (contains NUL bytes), not text",
        "dedupe: 1 unreadable file skipped",
    ]
    assert run("scan", str(folder), "--quiet", "-f", "json").stderr.strip().splitlines() == [
        "dedupe: 1 unreadable file skipped"
    ]


def test_csv_has_one_row_per_pair(folder, tmp_path):
    out = tmp_path / "pairs.csv"
    result = run("scan", str(folder), "--format", "csv", "-o", str(out), "-q")
    assert result.returncode == 0 and result.stdout == ""
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert [(r["kind"], r["cluster"], Path(r["a"]).name) for r in rows] == [
        ("member", "1", "beijing-a.txt"),
        ("member", "1", "beijing-b.md"),
        ("version", "1", "beijing-a.txt"),
        ("member", "2", "darwin1859.txt"),
        ("member", "2", "darwin1860.txt"),
        ("version", "2", "darwin1859.txt"),
    ]
    assert sorted(r["role"] for r in rows if r["kind"] == "member") == [
        "keep", "keep", "version", "version"
    ]  # fmt: skip
    assert list(rows[0]) == [
        "kind", "cluster", "a", "b", "similarity", "exact", "containment", "reverse", "role",
        "variants", "rendering_of",
    ]  # fmt: skip


def test_plain_table_when_not_on_a_terminal(folder):
    result = run("scan", str(folder), "-q")
    assert result.returncode == 0
    text = result.stdout
    lines = text.splitlines()
    assert lines[0] == (
        "6 files: 2 clusters of versions (4 files), 0 contained in another file, "
        "1 without versions, 1 unreadable, skipped"
    )
    assert lines[1].startswith(f"next: dedupe scan {folder} --reconcile editions/")
    assert "dedupe compare" in lines[1]
    assert lines[3].startswith("Cluster 1: 2 versions of one document; keep ")
    assert "darwin1859.txt" in text and "alone.txt" not in text
    assert "alone.txt" in run("scan", str(folder), "-q", "--all").stdout


def test_containment_is_reported_apart_from_versions(tmp_path):
    paragraphs = [p for p in (DARWIN / "darwin1859.txt").read_text().split("\n") if p.strip()]
    (tmp_path / "chapter.txt").write_text("\n\n".join(paragraphs[3:9]) + "\n")
    shutil.copy(DARWIN / "darwin1872.txt", tmp_path)
    data = json.loads(run("scan", str(tmp_path), "-f", "json").stdout)
    assert data["clusters"] == []
    (found,) = data["containments"]
    assert (
        Path(found["part"]).name == "chapter.txt" and Path(found["whole"]).name == "darwin1872.txt"
    )
    assert found["containment"] > 0.8 and found["reverse"] < 0.2 and found["reason"]


def test_missing_folder_and_empty_folder_are_one_line_errors(tmp_path):
    one_line_error(run("scan", str(tmp_path / "nowhere")), "nowhere: no such folder")
    (tmp_path / "empty").mkdir()
    one_line_error(run("scan", str(tmp_path / "empty")), "empty: no supported files found")


def test_a_damaged_index_is_a_one_line_error_and_is_kept(folder, tmp_path):
    db = tmp_path / "index.db"
    db.write_text("precious notes\n")
    one_line_error(run("scan", str(folder), "--index", str(db)), "not a dedupe index")
    assert db.read_text() == "precious notes\n"
    one_line_error(run("index", "add", str(db), str(folder)), "not a dedupe index")


def test_index_add_then_scan_then_query(folder, tmp_path):
    db = tmp_path / "index.db"
    added = run("index", "add", str(db), str(folder))
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == (
        f"{db}: 5 files indexed; 5 fingerprinted now, 0 unchanged, 0 removed"
    )
    scanned = json.loads(run("scan", str(folder), "--index", str(db), "-f", "json", "-q").stdout)
    assert len(scanned["clusters"]) == 2
    queried = run("index", "query", str(db), str(DARWIN / "darwin1866.txt"))
    assert queried.returncode == 0
    assert queried.stdout.splitlines()[0] == f"Versions of {DARWIN / 'darwin1866.txt'}"
    assert len(queried.stdout.splitlines()) == 3
    as_json = json.loads(
        run("index", "query", str(db), str(SAMPLES / "a.txt"), "-f", "json").stdout
    )
    assert [(Path(m["path"]).name, m["relation"]) for m in as_json["matches"]] == [
        ("beijing-a.txt", "version"),
        ("beijing-b.md", "version"),
    ]
    assert as_json["matches"][0]["exact"]


def test_engine_dask_without_dask_names_the_extra(folder):
    code = (
        "import sys; sys.modules['distributed'] = None; "
        "sys.argv = ['dedupe', *sys.argv[1:]]; from dedupe.cli import main; main()"
    )
    one_line_error(
        run("scan", str(folder), "--engine", "dask", code=code), "pip install 'dedupe[dask]'"
    )


def test_scheduler_needs_the_dask_engine(folder):
    one_line_error(run("scan", str(folder), "--scheduler", "tcp://127.0.0.1:1"), "--engine dask")


def test_reconcile_writes_each_clusters_edition_as_compare_does(tmp_path):
    import dedupe

    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(SAMPLES / "a.txt", docs / "a.txt")
    shutil.copy(SAMPLES / "b.txt", docs / "b.txt")
    (docs / "other.txt").write_text("Nothing to do with the report.\n")
    out = tmp_path / "editions"
    result = run("scan", str(docs), "--reconcile", str(out), "-q")
    assert result.returncode == 0, result.stderr
    # the folder is named after the document's title, its edition's first line
    name = "beijing-binds-covid-19-and-the-china-central-asia"
    assert sorted(p.name for p in out.iterdir()) == [name, "index.html"]
    folder = out / name
    paths = [str(docs / "a.txt"), str(docs / "b.txt")]
    collation = dedupe.compare(paths)
    assert (folder / "canonical.txt").read_text() == dedupe.render("text", collation)
    report = json.loads((folder / "collation.json").read_text())
    assert report["schema"] == "dedupe.collation/1"
    assert [w["path"] for w in report["witnesses"]] == paths
    assert (folder / "witnesses.txt").read_text() == f"A\t{paths[0]}\nB\t{paths[1]}\n"
    assert (folder / "review.html").read_text() == dedupe.render("html", collation)
    assert (folder / "edition.md").read_text() == dedupe.render("md", collation)
    page = (out / "index.html").read_text()
    for link in ("review.html", "canonical.txt", "edition.md"):
        assert f'href="{name}/{link}"' in page
    assert "substantive variant" in page and "other.txt" not in page


def test_a_pipe_a_socket_and_links_to_a_pipe_and_a_device_are_skipped_unopened(tmp_path):
    import socket

    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(SAMPLES / "a.txt", docs / "a.txt")
    shutil.copy(SAMPLES / "b.txt", docs / "b.txt")
    os.mkfifo(docs / "pipe.txt")  # opening it to read would block for ever
    (docs / "link.md").symlink_to(docs / "pipe.txt")
    (docs / "null.txt").symlink_to(os.devnull)  # a device: /dev/zero would never end
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(docs / "sock.txt"))
    try:
        for extra in ([], ["--index", str(tmp_path / "index.db")]):
            result = subprocess.run(
                [sys.executable, "-m", "dedupe", "scan", str(docs), "-f", "json", *extra],
                capture_output=True, text=True, timeout=120,
            )  # fmt: skip
            assert result.returncode == 0, result.stderr
            data = json.loads(result.stdout)
            assert [[Path(m["path"]).name for m in c["members"]] for c in data["clusters"]] == [
                ["a.txt", "b.txt"]
            ]
            assert result.stderr.strip().splitlines() == [
                f"dedupe: warning: {docs / 'link.md'}: not a regular file but a symbolic link "
                "to a named pipe (FIFO); not opened",
                f"dedupe: warning: {docs / 'null.txt'}: not a regular file but a symbolic link "
                "to a character device; not opened",
                f"dedupe: warning: {docs / 'pipe.txt'}: not a regular file but a named pipe "
                "(FIFO); not opened",
                f"dedupe: warning: {docs / 'sock.txt'}: not a regular file but a socket; not opened",
                "dedupe: 4 unreadable files skipped",
            ]
    finally:
        server.close()


def test_names_not_utf8_or_with_a_newline_give_valid_json_csv_and_table(tmp_path):
    import base64

    docs = tmp_path / "docs"
    docs.mkdir()
    odd = os.fsencode(docs) + b"/r\xe9port\xff.txt"  # Latin-1 and a stray byte
    with open(odd, "wb") as fh:
        fh.write((SAMPLES / "a.txt").read_bytes())
    lined = docs / "two\nlines.txt"
    shutil.copy(SAMPLES / "b.txt", lined)
    (docs / "alone.txt").write_text("A note about nothing else in this folder at all.\n")

    def scan(*args: str) -> str:
        command = [sys.executable, "-m", "dedupe", "scan", str(docs), "-q", *args]
        done = subprocess.run(command, capture_output=True)
        assert done.returncode == 0, done.stderr
        return done.stdout.decode("utf-8")  # strict: raw undecodable bytes would fail

    data = json.loads(scan("-f", "json", "--all"))
    (cluster,) = data["clusters"]
    shown_odd = f"{docs}/r\\xe9port\\xff.txt"
    assert [m["path"] for m in cluster["members"]] == [shown_odd, str(lined)]
    assert data["path_bytes"] == {shown_odd: base64.b64encode(odd).decode()}
    found = [
        base64.b64decode(data["path_bytes"][m["path"]])
        if m["path"] in data["path_bytes"]
        else os.fsencode(m["path"])
        for m in cluster["members"]
    ]
    assert found == [odd, os.fsencode(lined)] and all(os.path.isfile(p) for p in found)
    assert (cluster["pairs"][0]["a"], cluster["pairs"][0]["b"]) == (shown_odd, str(lined))

    rows = list(csv.reader(io.StringIO(scan("-f", "csv", "--all"), newline="")))
    assert [row[:4] for row in rows[1:] if row[0] != "member"] == [
        ["version", "1", shown_odd, str(lined)],
        ["singleton", "", str(docs / "alone.txt"), ""],
    ]

    table = scan("--all").splitlines()
    assert any(line.startswith(f"    1  {shown_odd}  ") for line in table)
    escaped = str(docs / "two\\nlines.txt")
    assert any(f"  {escaped}  " in line for line in table)
    assert not any(line.startswith("lines.txt") for line in table)
