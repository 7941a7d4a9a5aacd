"""Finding the files of a collection: every supported file below the folders."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from typing import TypeVar

from dedupe.model import DedupeError

T = TypeVar("T")


def supported(name: str) -> bool:
    """A file name whose suffix a reader handles (see ``dedupe.read.SUPPORTED``)."""
    from dedupe.read import SUPPORTED

    return os.path.splitext(name)[1].lower() in SUPPORTED


def find_files(folders: list[str]) -> list[str]:
    """Supported files below the folders, sorted, each once; hidden folders skipped.

    A file named directly is taken as it is. A missing folder, or folders with
    no supported file at all, is a ``DedupeError``. Entries that are not
    regular files (a named pipe, a socket, a device) are listed too: reading
    them refuses them without opening them (``regular_file``), so each is
    one warning line, not a scan that hangs.
    """
    found: set[str] = set()
    for folder in folders:
        if os.path.lexists(folder) and not os.path.isdir(folder):
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


_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a folder"),
)


def regular_file(path: str) -> os.stat_result:
    """The ``os.stat`` of a regular file (a symbolic link followed), checked
    before the file is ever opened: opening a named pipe blocks until a
    writer comes, reading a device may never end. Anything else is a
    ``DedupeError`` saying what it is."""
    try:
        found = os.stat(path)
    except OSError as err:
        raise DedupeError(f"{path}: cannot read ({err.strerror})") from None
    if stat.S_ISREG(found.st_mode):
        return found
    kind = next((name for test, name in _KINDS if test(found.st_mode)), "something else")
    if os.path.islink(path):
        kind = f"a symbolic link to {kind}"
    raise DedupeError(f"{path}: not a regular file but {kind}; not opened")


def error_line(path: str, message: str) -> str:
    """A reader's one-line error, naming the file by its full path.

    Readers name a file by its base name, which is ambiguous in a collection
    of many folders.
    """
    name = os.path.basename(path)
    if message.startswith(path + ":"):
        return message
    if message.startswith(name + ":"):
        return path + message[len(name) :]
    return f"{path}: {message}"


def read_or_reason(path: str, read: Callable[[str], T]) -> T | str:
    """``read(path)``, or the one-line reason the file cannot be read.

    Any failure is caught: one odd file must not end the scan of a million.
    """
    try:
        return read(path)
    except DedupeError as err:
        return error_line(path, str(err))
    except Exception as err:  # noqa: BLE001 - a reader's bug on one file
        return f"{path}: could not be read ({type(err).__name__}: {err})"
