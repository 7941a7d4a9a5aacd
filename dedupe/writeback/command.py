"""``compare --write-back DIR``: the corrected copies written into a folder.

The folder is checked before the work (it must be a folder, or a new one
whose parent exists); every copy is computed before the first is written,
and each is written through the shared output rules
(``dedupe.render.files``), so none replaces an input and none is partial.
"""

from __future__ import annotations

import os

from dedupe.model import Collation, DedupeError


def check_folder(folder: str | os.PathLike) -> None:
    path = os.fspath(folder)
    if os.path.exists(path) and not os.path.isdir(path):
        raise DedupeError(f"--write-back {path}: not a folder")
    parent = os.path.dirname(os.path.abspath(path))
    if not os.path.exists(path) and not os.path.isdir(parent):
        raise DedupeError(f"--write-back {path}: folder {parent} does not exist")


def write_back_to(
    folder: str | os.PathLike, collation: Collation, inputs: list[str]
) -> tuple[list[str], list[str]]:
    """Write the copies; returns a line per file written and the warnings."""
    from dedupe.render.files import Inputs, check_output, write_output_bytes
    from dedupe.writeback import write_back

    check_folder(folder)
    written, warnings = write_back(collation)
    protected = Inputs(inputs)
    targets = [os.path.join(os.fspath(folder), w.name) for w in written]
    for target in targets:
        if os.path.isdir(os.fspath(folder)):
            check_output(target, protected)
    if written:
        try:
            os.makedirs(os.fspath(folder), exist_ok=True)
        except OSError as err:
            raise DedupeError(f"--write-back {folder}: cannot create ({err.strerror})") from None
    lines = []
    for target, w in zip(targets, written, strict=True):
        write_output_bytes(target, w.data, protected)
        lines.append(f"{target}: {w.witness.id} as {w.how} ({w.changes} corrected)")
    return lines, warnings
