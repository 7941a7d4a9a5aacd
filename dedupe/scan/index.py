"""The scan index: an SQLite file remembering each file's fingerprint and
every alignment already made, so a growing collection is not read again.

A file is fingerprinted again only if it changed: same size and modification
time means unchanged; otherwise its sha256 is computed and only a different
content is read again. Alignments are remembered by the two contents'
sha256, so they survive renames. A path that is not valid UTF-8 (SQLite
text must be) is stored as its bytes (a BLOB) instead. The index is never overwritten silently: a
file that is not SQLite, or SQLite without this schema, is refused.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Sequence

import numpy as np

from dedupe.model import DedupeError
from dedupe.scan.files import regular_file
from dedupe.scan.fingerprint import SETTINGS, Fingerprint, file_sha256
from dedupe.scan.names import is_utf8
from dedupe.scan.verify import Comparison

SCHEMA_VERSION = 1
_CHUNK = 500  # paths or pairs looked up in one query
#: How long a scan waits for another one writing the same index (each
#: writes in short transactions: a batch of fingerprints or alignments).
BUSY_SECONDS = 120
_COLUMNS = {
    "schema_version": ["version"],
    "settings": ["key", "value"],
    "files": ["path", "size", "mtime_ns", "sha256", "words", "signature", "sample"],
    "pairs": ["sha_a", "sha_b", "words_a", "words_b", "common", "anchored", "exact"],
}
#: The query's lookup tables, created (and filled from ``files``) in an index
#: that lacks them: each content's 43 LSH band keys and its sampled shingle
#: keys (tagged apart), so ``dedupe scan --query`` finds a file's candidates
#: by indexed look-ups instead of reading every fingerprint.
_LOOKUP = """
CREATE TABLE IF NOT EXISTS contents (
    id INTEGER PRIMARY KEY,
    sha256 TEXT UNIQUE NOT NULL,
    sample INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS lookup (
    key INTEGER NOT NULL,
    content INTEGER NOT NULL,
    PRIMARY KEY (key, content)
) WITHOUT ROWID;
"""
_KEY_BITS = (1 << 62) - 1
_SAMPLE_TAG = 1 << 62
_SCHEMA = """
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    words INTEGER NOT NULL,
    signature BLOB NOT NULL,
    sample BLOB NOT NULL
);
CREATE INDEX files_sha256 ON files (sha256);
CREATE TABLE pairs (
    sha_a TEXT NOT NULL,
    sha_b TEXT NOT NULL,
    words_a INTEGER NOT NULL,
    words_b INTEGER NOT NULL,
    common INTEGER NOT NULL,
    anchored INTEGER NOT NULL,
    exact INTEGER NOT NULL,
    PRIMARY KEY (sha_a, sha_b)
) WITHOUT ROWID;
"""


def _key(path: str) -> str | bytes:
    """How the index stores a path: absolute, as text, or as its bytes where
    it is not valid UTF-8."""
    absolute = os.path.abspath(path)
    return absolute if is_utf8(absolute) else os.fsencode(absolute)


def _path(key: str | bytes) -> str:
    return os.fsdecode(key) if isinstance(key, bytes) else key


def settings_key() -> str:
    """What the stored fingerprints depend on: scan settings and dedupe version."""
    from dedupe import __version__

    return f"{SETTINGS} dedupe-{__version__}"


class Index:
    """An open scan index (use ``open_index``)."""

    def __init__(self, path: str, db: sqlite3.Connection) -> None:
        self.path = path
        self.db = db
        self.notes: list[str] = []

    # ------------------------------------------------------------ files

    def _rows(self, abspaths: list[str | bytes]) -> dict[str | bytes, tuple]:
        """The rows of these stored paths (``_key``; a few hundred a query, not one each)."""
        rows = {}
        for start in range(0, len(abspaths), _CHUNK):
            chunk = abspaths[start : start + _CHUNK]
            found = self.db.execute(
                "SELECT path, size, mtime_ns, sha256, words, signature, sample FROM files "
                f"WHERE path IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            rows.update((row[0], row[1:]) for row in found)
        return rows

    def _by_sha(self, sha: str):
        return self.db.execute(
            "SELECT size, mtime_ns, sha256, words, signature, sample FROM files WHERE sha256 = ?",
            (sha,),
        ).fetchone()

    def lookup(self, files: Sequence[str]) -> tuple[dict[str, Fingerprint], list[str]]:
        """Fingerprints of the unchanged files, and the files to fingerprint.

        Same size and modification time: unchanged. Otherwise the sha256 is
        computed: the same content (here or under another path) is reused.
        """
        known: dict[str, Fingerprint] = {}
        todo: list[str] = []
        absolute = {path: _key(path) for path in files}
        rows = self._rows(list(absolute.values()))
        for path in files:
            try:
                stat = regular_file(path)
            except DedupeError:
                todo.append(path)  # fingerprinting will report it, without opening it
                continue
            row = rows.get(absolute[path])
            if row is not None and (row[0], row[1]) == (stat.st_size, stat.st_mtime_ns):
                known[path] = _fingerprint(path, row)
                continue
            try:
                sha = file_sha256(path)
            except OSError:
                todo.append(path)
                continue
            same = row if row is not None and row[2] == sha else self._by_sha(sha)
            if same is None:
                todo.append(path)
                continue
            fp = _fingerprint(path, same)
            known[path] = Fingerprint(
                path, stat.st_size, stat.st_mtime_ns, fp.sha256, fp.words, fp.signature, fp.sample
            )
            self._put([known[path]])
        self.db.commit()  # not held open while the rest is fingerprinted
        return known, todo

    def store(self, fps: Iterable[Fingerprint]) -> None:
        self._put(fps)
        self.db.commit()

    def _put(self, fps: Iterable[Fingerprint]) -> None:
        fps = list(fps)
        self._put_lookup(fps)
        self.db.executemany(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    _key(fp.path),
                    fp.size,
                    fp.mtime_ns,
                    fp.sha256,
                    fp.words,
                    fp.signature.astype(np.uint32).tobytes(),
                    fp.sample.astype(np.uint32).tobytes(),
                )
                for fp in fps
            ],
        )

    def _put_lookup(self, fps: Sequence[Fingerprint]) -> None:
        """Each new content's band and sample keys (``_LOOKUP``)."""
        for fp in fps:
            found = self.db.execute(
                "INSERT OR IGNORE INTO contents (sha256, sample) VALUES (?, ?)",
                (fp.sha256, int(fp.sample.size)),
            )
            if not found.rowcount:
                continue
            self.db.executemany(
                "INSERT OR IGNORE INTO lookup VALUES (?, ?)",
                [(key, found.lastrowid) for key in lookup_keys(fp.signature, fp.sample)],
            )

    def candidates(self, fp: Fingerprint) -> list[tuple[str, int, int]]:
        """The contents sharing an LSH band or sampled shingles with ``fp``:
        (sha256, bands shared, rare sampled shingles shared); shingles in
        more than ``POSTING_CAP`` contents are common phrases, left out."""
        from dedupe.scan.candidates import MAX_BUCKET, POSTING_CAP

        postings: dict[int, list[int]] = {}
        for key in lookup_keys(fp.signature, fp.sample):
            # one bounded range scan per key: a common phrase's long posting
            # list is never read whole, so a query costs the same at any size
            rows = self.db.execute(
                "SELECT content FROM lookup WHERE key = ? LIMIT ?",
                (key, MAX_BUCKET if key < _SAMPLE_TAG else POSTING_CAP + 1),
            )
            postings[key] = [c for (c,) in rows]
        bands: dict[int, int] = {}
        shared: dict[int, int] = {}
        for key, contents in postings.items():
            if key < _SAMPLE_TAG:  # a band bucket: every content in it
                for c in contents:
                    bands[c] = bands.get(c, 0) + 1
            elif len(contents) <= POSTING_CAP:
                for c in contents:
                    shared[c] = shared.get(c, 0) + 1
        ids = sorted(set(bands) | set(shared))
        shas = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            shas.update(
                self.db.execute(
                    f"SELECT id, sha256 FROM contents WHERE id IN ({','.join('?' * len(chunk))})",
                    chunk,
                )
            )
        return [(shas[i], bands.get(i, 0), shared.get(i, 0)) for i in ids if i in shas]

    def files_with(self, sha: str) -> list[Fingerprint]:
        rows = self.db.execute(
            "SELECT path, size, mtime_ns, sha256, words, signature, sample FROM files "
            "WHERE sha256 = ? ORDER BY path",
            (sha,),
        )
        return [_fingerprint(_path(row[0]), row[1:]) for row in rows]

    def prune(self, folders: Sequence[str], files: Sequence[str]) -> int:
        """Forget indexed files below ``folders`` that are no longer there, and
        the alignments of contents no file has any more."""
        present = {_key(p) for p in files}
        gone = []
        for folder in folders:
            prefix = os.fsencode(os.path.join(os.path.abspath(folder), ""))
            rows = self.db.execute(
                "SELECT path FROM files WHERE substr(CAST(path AS BLOB), 1, ?) = ?",
                (len(prefix), prefix),
            )
            gone.extend(p for (p,) in rows if p not in present)
        self.db.executemany("DELETE FROM files WHERE path = ?", [(p,) for p in gone])
        self.db.execute(
            "DELETE FROM pairs WHERE sha_a NOT IN (SELECT sha256 FROM files) "
            "OR sha_b NOT IN (SELECT sha256 FROM files)"
        )
        stale = [
            (i,)
            for (i,) in self.db.execute(
                "SELECT id FROM contents WHERE sha256 NOT IN (SELECT sha256 FROM files)"
            )
        ]
        if stale:
            self.db.executemany("DELETE FROM lookup WHERE content = ?", stale)
            self.db.executemany("DELETE FROM contents WHERE id = ?", stale)
        self.db.commit()
        return len(gone)

    def fingerprints(self) -> list[Fingerprint]:
        """Every indexed file's fingerprint, by path."""
        rows = self.db.execute(
            "SELECT path, size, mtime_ns, sha256, words, signature, sample FROM files ORDER BY path"
        )
        return [_fingerprint(_path(row[0]), row[1:]) for row in rows]

    def has(self, path: str) -> bool:
        return bool(self._rows([_key(path)]))

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM files").fetchone()[0]

    # ------------------------------------------------------------ pairs

    def cached_pairs(
        self, pairs: Sequence[tuple[str, str]], shas: dict[str, str]
    ) -> tuple[dict[tuple[str, str], Comparison], list[tuple[str, str]]]:
        """Alignments already made for these contents, and the pairs still to align."""
        done: dict[tuple[str, str], Comparison] = {}
        todo: list[tuple[str, str]] = []
        for a, b in pairs:
            sa, sb = shas[a], shas[b]
            flip = sa > sb
            row = self.db.execute(
                "SELECT words_a, words_b, common, anchored, exact FROM pairs "
                "WHERE sha_a = ? AND sha_b = ?",
                (sb, sa) if flip else (sa, sb),
            ).fetchone()
            if row is None:
                todo.append((a, b))
                continue
            wa, wb, common, anchored, exact = row
            if flip:
                wa, wb = wb, wa
            done[(a, b)] = Comparison(a, b, wa, wb, common, anchored, bool(exact))
        return done, todo

    def store_pairs(self, comparisons: Iterable[Comparison], shas: dict[str, str]) -> None:
        rows = []
        for c in comparisons:
            sa, sb, wa, wb = shas[c.a], shas[c.b], c.words_a, c.words_b
            if sa > sb:
                sa, sb, wa, wb = sb, sa, wb, wa
            rows.append((sa, sb, wa, wb, c.common, c.anchored, int(c.exact)))
        self.db.executemany("INSERT OR REPLACE INTO pairs VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        self.db.commit()

    def close(self) -> None:
        self.db.commit()
        self.db.close()


def lookup_keys(signature: np.ndarray, sample: np.ndarray) -> list[int]:
    """A content's keys in the ``lookup`` table: its LSH band keys (as the
    scan's candidate search makes them) and its sampled shingle keys, tagged."""
    from dedupe.scan.candidates import BANDS, band_keys

    sig = signature[None, :]
    bands = [int(band_keys(sig, band)[0]) & _KEY_BITS for band in range(BANDS)]
    return sorted(set(bands)) + [_SAMPLE_TAG | int(k) for k in sample.tolist()]


def _ensure_lookup(db: sqlite3.Connection) -> None:
    """Create and fill the lookup tables in an index made before them."""
    if "lookup" in _tables(db):
        return
    db.execute("BEGIN IMMEDIATE")
    if "lookup" in _tables(db):
        db.rollback()
        return
    for statement in _LOOKUP.split(";"):
        if statement.strip():
            db.execute(statement)
    index = Index("", db)
    index._put_lookup(index.fingerprints())
    db.commit()


def _fingerprint(path: str, row) -> Fingerprint:
    size, mtime_ns, sha, words, signature, sample = row
    return Fingerprint(
        path,
        size,
        mtime_ns,
        sha,
        words,
        np.frombuffer(signature, dtype=np.uint32).copy(),
        np.frombuffer(sample, dtype=np.uint32).copy(),
    )


def _refuse(path: str, why: str) -> DedupeError:
    return DedupeError(
        f"{path}: {why}; refusing to use or overwrite it (give another --index path)"
    )


def open_index(path: str, create: bool = True) -> Index:
    """Open (or create) an index; a damaged or foreign file is a ``DedupeError``."""
    exists = os.path.exists(path)
    if exists and os.path.isdir(path):
        raise DedupeError(f"{path}: is a folder, not an index file")
    if not exists and not create:
        raise DedupeError(f"{path}: no such index (make one with: dedupe index add {path} DIR)")
    if not exists:
        folder = os.path.dirname(path) or "."
        if not os.path.isdir(folder):
            raise DedupeError(f"{path}: folder {folder} does not exist")
    if exists and os.path.getsize(path) > 0:
        with open(path, "rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                raise _refuse(path, "not a dedupe index (not an SQLite database)")
    try:
        db = sqlite3.connect(path, timeout=BUSY_SECONDS)
        if not _tables(db) and _created(db):
            return Index(path, db)
        if not _schema_matches(db):
            db.close()
            raise _refuse(path, "an SQLite database but not a dedupe index (wrong schema)")
        version = db.execute("SELECT version FROM schema_version").fetchone()
        if version is None or version[0] != SCHEMA_VERSION:
            db.close()
            found = version[0] if version else "none"
            raise _refuse(
                path, f"dedupe index schema version {found}, this dedupe reads {SCHEMA_VERSION}"
            )
        index = Index(path, db)
        _check_settings(index)
        _ensure_lookup(db)
        return index
    except sqlite3.DatabaseError as err:
        raise _refuse(path, f"damaged index ({err})") from None


def _tables(db: sqlite3.Connection) -> set[str]:
    return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _created(db: sqlite3.Connection) -> bool:
    """Create the schema in an empty database, in one transaction; False if
    another process created it first (then it is checked like any index).

    ``BEGIN IMMEDIATE`` takes the write lock before looking again: a second
    scan creating the same new index waits for the first to finish creating
    it and then uses it, instead of finding half a schema (which looked like
    a damaged index) or creating the tables twice.
    """
    db.execute("BEGIN IMMEDIATE")
    if _tables(db):
        db.rollback()
        return False
    for statement in (_SCHEMA + _LOOKUP).split(";"):
        if statement.strip():
            db.execute(statement)
    db.execute("INSERT INTO schema_version VALUES (?)", (SCHEMA_VERSION,))
    db.execute("INSERT INTO settings VALUES ('fingerprint', ?)", (settings_key(),))
    db.commit()
    return True


def _schema_matches(db: sqlite3.Connection) -> bool:
    for table, columns in _COLUMNS.items():
        found = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
        if found != columns:
            return False
    return True


def _check_settings(index: Index) -> None:
    """Fingerprints made with other settings are stale: forget them (and say so)."""
    row = index.db.execute("SELECT value FROM settings WHERE key = 'fingerprint'").fetchone()
    current = settings_key()
    if row is not None and row[0] == current:
        return
    index.db.execute("DELETE FROM files")
    index.db.execute("DELETE FROM pairs")
    if "lookup" in _tables(index.db):
        index.db.execute("DELETE FROM lookup")
        index.db.execute("DELETE FROM contents")
    index.db.execute("INSERT OR REPLACE INTO settings VALUES ('fingerprint', ?)", (current,))
    index.db.commit()
    index.notes.append(
        f"{index.path}: made by another dedupe version or settings; every file is fingerprinted again"
    )
