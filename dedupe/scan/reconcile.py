"""``--reconcile OUTDIR``: for each cluster, the canonical edition and its
report, exactly as ``dedupe compare`` makes them for the cluster's files.

OUTDIR/cluster-001/canonical.txt   the canonical text
OUTDIR/cluster-001/collation.json  every variant, with readings and reasons
OUTDIR/cluster-001/witnesses.txt   which file is witness A, B, ...
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from dedupe.model import DedupeError
from dedupe.scan.results import ScanResult


def reconcile(
    result: ScanResult, outdir: Path, inputs: Iterable[str], warn: Callable[[str], None]
) -> int:
    """Write every cluster's edition; returns how many clusters were written.

    A cluster that cannot be collated is reported with ``warn`` and skipped,
    so one bad cluster does not lose the others.
    """
    import dedupe
    from dedupe.api import witness_ids
    from dedupe.render.files import protect, write_output

    if outdir.exists() and not outdir.is_dir():
        raise DedupeError(f"{outdir}: --reconcile needs a folder, and this is a file")
    inputs = protect(inputs)  # once: an archive has many files, a cluster three outputs
    written = 0
    for cluster in result.clusters:
        paths = [m.path for m in cluster.members]
        folder = outdir / f"cluster-{cluster.id:03d}"
        try:
            collation = dedupe.compare(paths)
        except DedupeError as err:
            warn(f"cluster {cluster.id}: not reconciled: {err}")
            continue
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise DedupeError(f"{folder}: cannot write ({err.strerror})") from None
        # a failed write (a full disk) stops the run: the next cluster would fail too
        write_output(folder / "canonical.txt", dedupe.render("text", collation), inputs)
        write_output(folder / "collation.json", dedupe.render("json", collation), inputs)
        ids = witness_ids(len(paths))
        listing = "".join(f"{wid}\t{path}\n" for wid, path in zip(ids, paths, strict=True))
        write_output(folder / "witnesses.txt", listing, inputs)
        written += 1
    return written
