"""Finding the files of a collection: every supported file below the folders."""

from __future__ import annotations

import os

from dedupe.model import DedupeError


def supported(name: str) -> bool:
    """A file name whose suffix a reader handles (see ``dedupe.read.SUPPORTED``)."""
    from dedupe.read import SUPPORTED

    return os.path.splitext(name)[1].lower() in SUPPORTED


def find_files(folders: list[str]) -> list[str]:
    """Supported files below the folders, sorted, each once; hidden folders skipped.

    A file named directly is taken as it is. A missing folder, or folders with
    no supported file at all, is a ``DedupeError``.
    """
    found: set[str] = set()
    for folder in folders:
        if os.path.isfile(folder):
            found.add(os.path.normpath(folder))
            continue
        if not os.path.isdir(folder):
            raise DedupeError(f"{folder}: no such folder")
        for root, dirs, names in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in names:
                if supported(name) and not name.startswith("."):
                    found.add(os.path.normpath(os.path.join(root, name)))
    if not found:
        from dedupe.read import SUPPORTED

        raise DedupeError(
            f"{', '.join(folders)}: no supported files found (looked for {' '.join(SUPPORTED)})"
        )
    return sorted(found)
