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

from dedupe.scan.names import name_bytes, one_line, shown
from dedupe.scan.results import SCHEMA, Cluster, ScanResult

#: Clusters of more members list them without their pairs (a matrix of
#: 105 pairs helps nobody; each member says which it is most like).
COMPACT_OVER = 10


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


def next_step(result: ScanResult, folders: list[str] | None = None) -> str:
    """The command to run next, said right after the summary."""
    import shlex

    if not result.clusters:
        return "nothing to reconcile"
    where = " ".join(shlex.quote(one_line(f)) for f in folders or ["DIR"])
    first = result.clusters[0]
    others = [r.path for r in first.roles if r.path != first.keep and r.rendering_of is None]
    other = others[0] if others else None
    pair = " ".join(shlex.quote(one_line(p)) for p in (first.keep, other) if p)
    return (
        f"next: dedupe scan {where} --reconcile editions/  (every cluster's edition and "
        f"review page), or review cluster {first.id}: dedupe compare {pair}"
    )


def _role_json(n: int, member, role) -> dict:
    data = {"n": n, "path": shown(member.path), "words": member.words, "sha256": member.sha256}
    if role is not None:
        data.update(
            role=role.role,
            linked_to=shown(role.linked_to) if role.linked_to else None,
            similarity=role.similarity,
            found_in_keep=role.found_in_keep,
            similar_to_keep=role.similar_to_keep,
            chained=role.chained,
        )
        if role.variants is not None:
            data["variants"] = role.variants
        if role.rendering_of is not None:
            data["rendering_of"] = shown(role.rendering_of)
    return data


def roles_by_path(c: Cluster) -> dict:
    return {r.path: r for r in c.roles}


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
                "keep": shown(c.keep),
                "keep_reason": c.keep_reason,
                "chained": sum(r.chained for r in c.roles),
                "members": [
                    _role_json(n, m, roles_by_path(c).get(m.path))
                    for n, m in enumerate(c.members, 1)
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


CSV_FIELDS = [
    "kind", "cluster", "a", "b", "similarity", "exact", "containment", "reverse", "role",
    "variants", "rendering_of",
]  # fmt: skip


def to_csv(result: ScanResult, show_all: bool = False) -> str:
    """One row per cluster member (``a``; ``b`` the member it is most like),
    per pair of versions, per containment, and (``--all``) per singleton."""
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for c in result.clusters:
        for r in c.roles:
            writer.writerow(
                {"kind": "member", "cluster": c.id, "a": shown(r.path),
                 "b": shown(r.linked_to) if r.linked_to else "", "similarity": r.similarity,
                 "role": r.role + (" chained" if r.chained else ""),
                 "variants": "" if r.variants is None else r.variants,
                 "rendering_of": shown(r.rendering_of) if r.rendering_of else ""}
            )  # fmt: skip
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


def labels(c: Cluster) -> dict[str, str]:
    """Members numbered 1, 2, ... in path order (letters would clash with
    file names such as witness_A.hocr)."""
    return {m.path: str(n) for n, m in enumerate(c.members, 1)}


def why(role, label: dict[str, str]) -> str:
    """Why a member is in its cluster, in a few words."""
    if role.role == "keep":
        return "kept"
    text = role.role
    if role.rendering_of is not None:
        return f"{text} of {label.get(role.rendering_of, '?')}: one witness with it"
    if role.role == "version" and role.variants is not None:
        text += f", {plural(role.variants, 'substantive variant')}"
    if role.chained:
        return f"{text}; chained: only through {label.get(role.linked_to, '?')} (similarity {role.similarity:.3f})"
    return f"{text}; {role.similar_to_keep or 0:.3f} similar to the kept copy"


def _cluster_lines(c: Cluster) -> list[str]:
    label = labels(c)
    roles = roles_by_path(c)
    width = max(len(one_line(m.path)) for m in c.members)
    lines = [
        f"Cluster {c.id}: {len(c.members)} versions of one document; keep {label.get(c.keep, '?')}: {one_line(c.keep)}"
    ]
    lines.append(f"  why: {c.keep_reason}")
    for m in c.members:
        note = why(roles[m.path], label) if m.path in roles else ""
        lines.append(
            f"  {label[m.path]:>3}  {one_line(m.path):<{width}}  {m.words:>8,} words  {note}"
        )
    if len(c.members) <= COMPACT_OVER:
        for p in c.pairs:
            note = "  exact duplicate" if p.exact else ""
            lines.append(f"       {label[p.a]} ~ {label[p.b]}  {p.similarity:.3f}{note}")
    return lines


def to_table(result: ScanResult, show_all: bool = False, folders: list[str] | None = None) -> str:
    """Plain aligned text: for pipes, files and screen readers; the summary
    and the next step first."""
    lines: list[str] = [summary(result), next_step(result, folders), ""]
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
    return "\n".join(lines).rstrip("\n") + "\n"


def _rich_cluster(c: Cluster):
    """Members numbered 1, 2, ... with their roles, and (up to
    ``COMPACT_OVER`` members) a matrix of their pairwise similarities."""
    from rich.console import Group
    from rich.table import Table

    label = labels(c)
    roles = roles_by_path(c)
    members = Table(
        title=f"Cluster {c.id}: {len(c.members)} versions; keep {label.get(c.keep, '?')} "
        f"({c.keep_reason})",
        title_justify="left",
    )
    members.add_column("")
    members.add_column("file", overflow="fold")
    members.add_column("words", justify="right")
    members.add_column("role", overflow="fold")
    for m in c.members:
        note = why(roles[m.path], label) if m.path in roles else ""
        members.add_row(label[m.path], one_line(m.path), f"{m.words:,}", note)
    if len(c.members) > COMPACT_OVER:
        return members
    similarity = {(p.a, p.b): p for p in c.pairs} | {(p.b, p.a): p for p in c.pairs}
    matrix = Table(title="similarity (* exact duplicate)", title_justify="left")
    matrix.add_column("")
    for m in c.members:
        matrix.add_column(label[m.path], justify="right")
    for row in c.members:
        cells = []
        for col in c.members:
            pair = similarity.get((row.path, col.path))
            cells.append(f"{pair.similarity:.3f}{'*' if pair.exact else ''}" if pair else "")
        matrix.add_row(label[row.path], *cells)
    return Group(members, matrix)


def print_rich(
    result: ScanResult, show_all: bool = False, folders: list[str] | None = None
) -> None:
    """The same results with rich, for a terminal: the summary first."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    console.print(summary(result), highlight=False)
    console.print(next_step(result, folders), highlight=False)
    console.print()
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


RENDERERS = {"table": to_table, "json": to_json, "csv": to_csv}
