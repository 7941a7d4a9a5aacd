"""Scan results for people (a table) and for programs (JSON, CSV).

JSON (``"schema": "dedupe.scan/1"``) and CSV keys are stable; nothing that
varies between runs (timings, engine) goes into them, so the same
collection gives byte-identical output. File names are written as
``dedupe.scan.names`` shows them: every output is valid UTF-8, and a name
cannot split a line of the table.
"""

from __future__ import annotations

import csv
import io
import json

from dedupe.scan.cluster import ALL_PAIRS_UP_TO
from dedupe.scan.names import name_bytes, one_line, shown
from dedupe.scan.results import SCHEMA, Cluster, ScanResult


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def crowded_note(files: int) -> str:
    """Said when the candidate cap cut some files' candidates (``candidates``)."""
    from dedupe.scan.candidates import MAX_CANDIDATES

    return (
        f"{plural(files, 'file')} had more than {MAX_CANDIDATES} possible versions; "
        f"only the {MAX_CANDIDATES} most similar of each were compared"
    )


def summary(result: ScanResult) -> str:
    clustered = sum(len(c.members) for c in result.clusters)
    parts = [
        f"{plural(result.files, 'file')}: {plural(len(result.clusters), 'cluster')} of versions "
        f"({plural(clustered, 'file')})",
        f"{len(result.containments)} contained in another file",
        f"{len(result.singletons)} without versions",
    ]
    if result.skipped:
        parts.append(f"{len(result.skipped)} unreadable, skipped")
    return ", ".join(parts)


def to_json(result: ScanResult, show_all: bool = False) -> str:
    data = {
        "schema": SCHEMA,
        "threshold": result.threshold,
        "files": result.files,
        "summary": {
            "clusters": len(result.clusters),
            "clustered_files": sum(len(c.members) for c in result.clusters),
            "containments": len(result.containments),
            "singletons": len(result.singletons),
            "skipped": len(result.skipped),
        },
        "clusters": [
            {
                "id": c.id,
                "reason": c.reason,
                "members": [
                    {"path": shown(m.path), "words": m.words, "sha256": m.sha256} for m in c.members
                ],
                "pairs": [
                    {
                        "a": shown(p.a),
                        "b": shown(p.b),
                        "similarity": p.similarity,
                        "common_words": p.common,
                        "exact": p.exact,
                        "verified": p.verified,
                    }
                    for p in c.pairs
                ],
            }
            for c in result.clusters
        ],
        "containments": [
            {
                "part": shown(x.part),
                "whole": shown(x.whole),
                "containment": x.containment,
                "reverse": x.reverse,
                "reason": x.reason,
            }
            for x in result.containments
        ],
        "singletons": [shown(p) for p in result.singletons] if show_all else [],
        "skipped": [shown(line) for line in result.skipped],
        "path_bytes": name_bytes(_named(result, show_all)),
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _named(result: ScanResult, show_all: bool) -> list[str]:
    """Every file name the JSON output gives."""
    names = [m.path for c in result.clusters for m in c.members]
    names += [p for x in result.containments for p in (x.part, x.whole)]
    return names + list(result.singletons if show_all else ())


CSV_FIELDS = ["kind", "cluster", "a", "b", "similarity", "exact", "containment", "reverse"]


def to_csv(result: ScanResult, show_all: bool = False) -> str:
    """One row per pair of versions, per containment, and (``--all``) per singleton."""
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for c in result.clusters:
        for p in c.pairs:
            writer.writerow(
                {"kind": "version", "cluster": c.id, "a": shown(p.a), "b": shown(p.b),
                 "similarity": p.similarity, "exact": str(p.exact).lower()}
            )  # fmt: skip
    for x in result.containments:
        writer.writerow(
            {"kind": "contained", "a": shown(x.part), "b": shown(x.whole),
             "containment": x.containment, "reverse": x.reverse}
        )  # fmt: skip
    if show_all:
        for path in result.singletons:
            writer.writerow({"kind": "singleton", "a": shown(path)})
    return out.getvalue()


def _cluster_lines(c: Cluster) -> list[str]:
    width = max(len(one_line(m.path)) for m in c.members)
    lines = [f"Cluster {c.id}: {len(c.members)} versions of one document"]
    lines += [f"  {one_line(m.path):<{width}}  {m.words:>8,} words" for m in c.members]
    for p in c.pairs:
        note = "  exact duplicate" if p.exact else ""
        lines.append(f"    {p.similarity:.3f}  {one_line(p.a)}  ~  {one_line(p.b)}{note}")
    return lines


def to_table(result: ScanResult, show_all: bool = False) -> str:
    """Plain aligned text: for pipes, files and screen readers."""
    lines: list[str] = []
    for c in result.clusters:
        lines += _cluster_lines(c) + [""]
    if result.containments:
        lines.append("Contained in another file (part  in  whole: share of the part found)")
        width = max(len(one_line(x.part)) for x in result.containments)
        for x in result.containments:
            lines.append(
                f"  {one_line(x.part):<{width}}  in  {one_line(x.whole)}  {x.containment:.3f}"
            )
        lines.append("")
    if show_all and result.singletons:
        lines.append("Without versions")
        lines += [f"  {one_line(path)}" for path in result.singletons]
        lines.append("")
    lines.append(summary(result))
    return "\n".join(lines) + "\n"


def _rich_cluster(c: Cluster):
    """Members lettered A, B, ... and a matrix of their pairwise similarities."""
    from rich.console import Group
    from rich.table import Table

    from dedupe.api import witness_ids

    letters = dict(zip((m.path for m in c.members), witness_ids(len(c.members)), strict=True))
    members = Table(title=f"Cluster {c.id}: {len(c.members)} versions", title_justify="left")
    members.add_column("")
    members.add_column("file", overflow="fold")
    members.add_column("words", justify="right")
    for m in c.members:
        members.add_row(letters[m.path], one_line(m.path), f"{m.words:,}")
    if len(c.members) > ALL_PAIRS_UP_TO:  # too big for a matrix: the verified pairs
        pairs = Table(title="similarity of the verified pairs", title_justify="left")
        for name in ("", "", "similarity"):
            pairs.add_column(name, justify="right")
        for p in c.pairs:
            pairs.add_row(letters[p.a], letters[p.b], f"{p.similarity:.3f}{'*' if p.exact else ''}")
        return Group(members, pairs)
    similarity = {(p.a, p.b): p for p in c.pairs} | {(p.b, p.a): p for p in c.pairs}
    matrix = Table(title="similarity (* exact duplicate)", title_justify="left")
    matrix.add_column("")
    for m in c.members:
        matrix.add_column(letters[m.path], justify="right")
    for row in c.members:
        cells = []
        for col in c.members:
            pair = similarity.get((row.path, col.path))
            cells.append(f"{pair.similarity:.3f}{'*' if pair.exact else ''}" if pair else "")
        matrix.add_row(letters[row.path], *cells)
    return Group(members, matrix)


def print_rich(result: ScanResult, show_all: bool = False) -> None:
    """The same results with rich, for a terminal."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for c in result.clusters:
        console.print(_rich_cluster(c))
        console.print()
    if result.containments:
        table = Table(title="Contained in another file", title_justify="left")
        table.add_column("part", overflow="fold")
        table.add_column("whole", overflow="fold")
        table.add_column("part found", justify="right")
        table.add_column("whole found", justify="right")
        for x in result.containments:
            table.add_row(
                one_line(x.part), one_line(x.whole), f"{x.containment:.3f}", f"{x.reverse:.3f}"
            )
        console.print(table)
    if show_all and result.singletons:
        table = Table(title="Without versions", title_justify="left")
        table.add_column("file", overflow="fold")
        for path in result.singletons:
            table.add_row(one_line(path))
        console.print(table)
    console.print(summary(result), highlight=False)


RENDERERS = {"table": to_table, "json": to_json, "csv": to_csv}
