"""``--reconcile OUTDIR``: for each cluster, the canonical edition and its
report, exactly as ``dedupe compare`` makes them for the cluster's files.

Each cluster's folder is named after its document (``folder_name``: the
edition's first line, its title, else the kept file's name):

OUTDIR/<title>/canonical.txt   the canonical text
OUTDIR/<title>/edition.md      the same edition in Markdown
OUTDIR/<title>/review.html     the review page (``dedupe compare --format html``)
OUTDIR/<title>/collation.json  every variant, with readings and reasons
OUTDIR/<title>/witnesses.txt   which file is witness A, B, ... (and the
                               renderings merged into each)
OUTDIR/index.html              every cluster: its kept copy, members, links

Renderings of one source (``dedupe.scan.keep.sources``) are one witness:
only the richest is collated, so one OCR run saved as text, PDF and hOCR
casts one vote, not three.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path

from dedupe.model import DedupeError
from dedupe.scan.results import Cluster, ScanResult

#: Folder names are cut to this many characters (at a word's end).
NAME_LENGTH = 60


def witnesses_of(cluster: Cluster) -> tuple[list[str], dict[str, list[str]]]:
    """The members to collate (one per source) and each one's renderings."""
    of = {r.path: r.rendering_of for r in cluster.roles}
    voters = [m.path for m in cluster.members if of.get(m.path) is None]
    merged = {v: [m.path for m in cluster.members if of.get(m.path) == v] for v in voters}
    return voters, merged


def safe_name(text: str) -> str:
    """A folder name any file system takes: letters and digits (accents
    dropped) joined by hyphens, lower case, at most ``NAME_LENGTH`` long.

    >>> safe_name("On the Origin of Species: Chapter I. Variation")
    'on-the-origin-of-species-chapter-i-variation'
    >>> safe_name("Über Ätna — 1784")
    'uber-atna-1784'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    name = ""
    for word in words:
        if len(name) + len(word) + 1 > NAME_LENGTH:
            break
        name = f"{name}-{word}" if name else word
    return name or words[0][:NAME_LENGTH] if words else name


def folder_name(canonical: str, keep: str, taken: set[str]) -> str:
    """The document's title (the edition's first line), else the kept
    file's name, made safe and unique among ``taken`` (``-2``, ``-3``...)."""
    first = next((line for line in canonical.splitlines() if line.strip()), "")
    base = safe_name(first) or safe_name(Path(keep).stem) or "document"
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base}-{n}"
    taken.add(name)
    return name


def _collate(voters: list[str], merged: dict[str, list[str]]):
    """The collation of one witness per source; a cluster of renderings of
    one source alone is collated with one of its renderings (they agree)."""
    import dedupe

    if len(voters) == 1 and merged[voters[0]]:
        return dedupe.compare([voters[0], merged[voters[0]][0]])
    return dedupe.compare(voters)


def _listing(voters: list[str], merged: dict[str, list[str]]) -> str:
    from dedupe.api import witness_ids

    lines = []
    for wid, path in zip(witness_ids(len(voters)), voters, strict=True):
        lines.append(f"{wid}\t{path}\n")
        lines += [f"{wid} (rendering, not a vote)\t{other}\n" for other in merged[path]]
    return "".join(lines)


def reconcile(
    result: ScanResult, outdir: Path, inputs: Iterable[str], warn: Callable[[str], None]
) -> int:
    """Write every cluster's edition; returns how many clusters were written.

    A cluster that cannot be collated is reported with ``warn`` and skipped,
    so one bad cluster does not lose the others.
    """
    import dedupe
    from dedupe.render.files import protect, write_output

    if outdir.exists() and not outdir.is_dir():
        raise DedupeError(f"{outdir}: --reconcile needs a folder, and this is a file")
    inputs = protect(inputs)  # once: an archive has many files, a cluster three outputs
    done: list[tuple[Cluster, str]] = []
    taken: set[str] = set()
    for cluster in result.clusters:
        voters, merged = witnesses_of(cluster)
        try:
            collation = _collate(voters, merged)
        except DedupeError as err:
            warn(f"cluster {cluster.id}: not reconciled: {err}")
            continue
        canonical = dedupe.render("text", collation)
        name = folder_name(canonical, cluster.keep, taken)
        folder = outdir / name
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise DedupeError(f"{folder}: cannot write ({err.strerror})") from None
        # a failed write (a full disk) stops the run: the next cluster would fail too
        write_output(folder / "canonical.txt", canonical, inputs)
        write_output(folder / "edition.md", dedupe.render("md", collation), inputs)
        write_output(folder / "review.html", dedupe.render("html", collation), inputs)
        write_output(folder / "collation.json", dedupe.render("json", collation), inputs)
        write_output(folder / "witnesses.txt", _listing(voters, merged), inputs)
        done.append((cluster, name))
    write_output(outdir / "index.html", index_page(result, done), inputs)
    return len(done)


def index_page(result: ScanResult, done: list[tuple[Cluster, str]]) -> str:
    """One HTML page linking every reconciled cluster's review page and
    edition, with its kept copy and what the other members are."""
    from html import escape

    from dedupe.scan.names import one_line
    from dedupe.scan.output import plural, summary

    rows = []
    for c, base in done:
        roles = ", ".join(
            f"{escape(one_line(r.path))} ({r.role}"
            + (f" of {escape(one_line(r.rendering_of))}" if r.rendering_of else "")
            + (", chained" if r.chained else "")
            + (f", {plural(r.variants, 'substantive variant')}" if r.variants is not None else "")
            + ")"
            for r in c.roles
            if r.role != "keep"
        )
        rows.append(
            f"<tr><td>{c.id}</td><td>{escape(base)}</td><td>{escape(one_line(c.keep))}<br><small>"
            f"{escape(c.keep_reason)}</small></td><td>{len(c.members)}</td><td>{roles}</td>"
            f'<td><a href="{base}/review.html">review</a> · '
            f'<a href="{base}/canonical.txt">edition</a> · '
            f'<a href="{base}/edition.md">Markdown</a></td></tr>'
        )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>dedupe scan: clusters</title><style>body{font-family:sans-serif;margin:2em}"
        "td,th{border-bottom:1px solid #ccc;padding:.4em;text-align:left;vertical-align:top}"
        "table{border-collapse:collapse}</style></head><body>\n"
        f"<h1>Clusters of versions</h1>\n<p>{escape(summary(result))}</p>\n"
        "<table><tr><th>cluster</th><th>folder</th><th>keep</th><th>files</th><th>the others</th>"
        "<th>pages</th></tr>\n" + "\n".join(rows) + "\n</table></body></html>\n"
    )
