"""``--reconcile OUTDIR``: for each cluster, the canonical edition and its
report, exactly as ``dedupe compare`` makes them for the cluster's files.

OUTDIR/cluster-001/canonical.txt   the canonical text
OUTDIR/cluster-001/collation.json  every variant, with readings and reasons
OUTDIR/cluster-001/witnesses.txt   which file is witness A, B, ...
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from dedupe.model import DedupeError
from dedupe.scan.results import ScanResult


def reconcile(
    result: ScanResult, outdir: Path, inputs: list[str], warn: Callable[[str], None]
) -> int:
    """Write every cluster's edition; returns how many clusters were written.

    A cluster that cannot be collated is reported with ``warn`` and skipped,
    so one bad cluster does not lose the others.
    """
    import dedupe
    from dedupe.api import witness_ids
    from dedupe.render.files import write_atomic

    if outdir.exists() and not outdir.is_dir():
        raise DedupeError(f"{outdir}: --reconcile needs a folder, and this is a file")
    written = 0
    for cluster in result.clusters:
        paths = [m.path for m in cluster.members]
        folder = outdir / f"cluster-{cluster.id:03d}"
        try:
            collation = dedupe.compare(paths)
            canonical = dedupe.render("text", collation)
            report = dedupe.render("json", collation)
            folder.mkdir(parents=True, exist_ok=True)
            write_atomic(folder / "canonical.txt", canonical, inputs)
            write_atomic(folder / "collation.json", report, inputs)
            ids = witness_ids(len(paths))
            listing = "".join(f"{wid}\t{path}\n" for wid, path in zip(ids, paths, strict=True))
            write_atomic(folder / "witnesses.txt", listing, inputs)
            written += 1
        except DedupeError as err:
            warn(f"cluster {cluster.id}: not reconciled: {err}")
        except OSError as err:
            raise DedupeError(f"{folder}: cannot write ({err.strerror})") from None
    return written
