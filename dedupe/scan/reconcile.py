"""``--reconcile OUTDIR``: for each cluster, the canonical edition and its
report, exactly as ``dedupe compare`` makes them for the cluster's files.

OUTDIR/cluster-001/canonical.txt   the canonical text
OUTDIR/cluster-001/collation.json  every variant, with readings and reasons
OUTDIR/cluster-001/witnesses.txt   which file is witness A, B, ...
OUTDIR/cluster-001/review.html     the review page (``dedupe compare --format html``)
OUTDIR/index.html                  every cluster: its kept copy, members, links
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
    done = []
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
        write_output(folder / "review.html", dedupe.render("html", collation), inputs)
        done.append(cluster)
    write_output(outdir / "index.html", index_page(result, done), inputs)
    return len(done)


def index_page(result: ScanResult, done: list) -> str:
    """One HTML page linking every reconciled cluster's review page and
    edition, with its kept copy and what the other members are."""
    from html import escape

    from dedupe.scan.names import one_line
    from dedupe.scan.output import plural, summary

    rows = []
    for c in done:
        base = f"cluster-{c.id:03d}"
        roles = ", ".join(
            f"{escape(one_line(r.path))} ({r.role}{', chained' if r.chained else ''}"
            + (f", {plural(r.variants, 'substantive variant')}" if r.variants is not None else "")
            + ")"
            for r in c.roles
            if r.role != "keep"
        )
        rows.append(
            f"<tr><td>{c.id}</td><td>{escape(one_line(c.keep))}<br><small>"
            f"{escape(c.keep_reason)}</small></td><td>{len(c.members)}</td><td>{roles}</td>"
            f'<td><a href="{base}/review.html">review</a> · '
            f'<a href="{base}/canonical.txt">edition</a></td></tr>'
        )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>dedupe scan: clusters</title><style>body{font-family:sans-serif;margin:2em}"
        "td,th{border-bottom:1px solid #ccc;padding:.4em;text-align:left;vertical-align:top}"
        "table{border-collapse:collapse}</style></head><body>\n"
        f"<h1>Clusters of versions</h1>\n<p>{escape(summary(result))}</p>\n"
        "<table><tr><th>cluster</th><th>keep</th><th>files</th><th>the others</th>"
        "<th>pages</th></tr>\n" + "\n".join(rows) + "\n</table></body></html>\n"
    )
