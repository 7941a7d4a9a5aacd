"""Writing outputs safely: atomically, and never over an input file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from dedupe.model import DedupeError


def check_output(output: Path, inputs: list[str]) -> None:
    """Refuse an output path that is an input or cannot be written."""
    target = Path(output)
    for path in inputs:
        if os.path.exists(path) and target.exists() and os.path.samefile(path, target):
            raise DedupeError(f"{output}: output path is an input file; refusing to overwrite it")
        if os.path.abspath(path) == os.path.abspath(target):
            raise DedupeError(f"{output}: output path is an input file; refusing to overwrite it")
    if target.is_dir():
        raise DedupeError(f"{output}: output path is a directory")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise DedupeError(f"{output}: folder {parent} does not exist")


def write_atomic(output: Path, text: str, inputs: list[str]) -> None:
    """Write via a temporary file in the same folder, then rename into place."""
    check_output(output, inputs)
    target = Path(output)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    except OSError as err:
        raise DedupeError(f"{output}: cannot write ({err.strerror})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.chmod(tmp, _mode_for(target))  # mkstemp makes 0600; an edition is for sharing
        os.replace(tmp, target)
    except OSError as err:
        os.unlink(tmp)
        raise DedupeError(f"{output}: cannot write ({err.strerror})") from None


def _mode_for(target: Path) -> int:
    """The permissions a plain ``open()`` would give: the file's own where it
    is replaced, else 0666 less the umask."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
