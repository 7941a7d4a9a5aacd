"""Recognised pages kept on disk, so a scan is never recognised twice.

One hOCR file per page in ``<cache folder>/ocr`` (the folder of
``dedupe.frequencies.cache_dir``: $DEDUPE_CACHE_DIR, else XDG), named by a
hash of everything the result depends on: the file's content, the page,
the engine's version, the languages, the reading's preprocessing and modes,
and the resolution. A changed setting is a different file, never a stale
answer. The cache is best effort: a folder that cannot be written only
means pages are recognised again.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

#: Bump when the stored hOCR changes shape (renumbering, ...).
LAYOUT = "1"


class OcrCache:
    """Pages looked up and stored; ``hits`` and ``recognised`` count this run's pages."""

    def __init__(self, root: Path | None = None) -> None:
        if root is None:
            from dedupe.frequencies import cache_dir

            root = cache_dir() / "ocr"
        self.root = Path(root)
        self.hits = 0
        self.recognised = 0

    @staticmethod
    def key(content_sha256: str, page: int, settings: str) -> str:
        text = f"{LAYOUT}\n{content_sha256}\n{page}\n{settings}"
        return hashlib.sha256(text.encode()).hexdigest()

    def path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.hocr"

    def get(self, key: str) -> bytes | None:
        try:
            data = self.path(key).read_bytes()
        except OSError:
            return None
        if b"ocr_page" not in data:
            return None
        self.hits += 1
        return data

    def put(self, key: str, data: bytes) -> None:
        self.recognised += 1
        target = self.path(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".part")
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, target)
        except OSError:
            pass
