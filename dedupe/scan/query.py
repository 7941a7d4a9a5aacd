"""``dedupe index query``: the indexed files that are versions of one file,
contain it, or are contained in it; found and verified as in a scan."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

from dedupe.scan.cluster import A_IN_B, B_IN_A, VERSION, relation
from dedupe.scan.index import Index


@dataclass(frozen=True)
class Match:
    path: str
    relation: str  # "version", "contains" (the indexed file contains FILE), "part"
    similarity: float
    containment: float
    exact: bool


@dataclass(frozen=True)
class QueryResult:
    file: str
    indexed: int
    matches: tuple[Match, ...]
    problems: tuple[str, ...]


def query(index: Index, path: str, threshold: float = 0.5) -> QueryResult:
    from dedupe.scan.engine_local import LocalEngine
    from dedupe.scan.fingerprint import fingerprint_file
    from dedupe.scan.pipeline import candidate_pairs, verify_all

    target = fingerprint_file(path)
    mine = os.path.abspath(path)
    fps = [fp for fp in index.fingerprints() if fp.path != mine]
    everything = [*fps, target]
    last = len(fps)
    quiet = lambda stage, done, total: None  # noqa: E731
    pairs = [
        (everything[i].path, path)
        for i, j in candidate_pairs(everything, LocalEngine(), quiet)[0].tolist()
        if j == last
    ]
    shas = {fp.path: fp.sha256 for fp in everything}
    words = {path: target.sequence}
    comparisons, problems = verify_all(pairs, LocalEngine(), index, shas, words, quiet)
    matches = []
    for (other, _), c in sorted(comparisons.items()):
        kind = relation(c, threshold)
        if kind == VERSION:
            matches.append(Match(other, "version", round(c.similarity, 4), 0.0, c.exact))
        elif kind == A_IN_B:  # the indexed file is inside FILE
            matches.append(
                Match(other, "part", round(c.similarity, 4), round(c.containment("a"), 4), False)
            )
        elif kind == B_IN_A:  # FILE is inside the indexed file
            matches.append(
                Match(
                    other, "contains", round(c.similarity, 4), round(c.containment("b"), 4), False
                )
            )
    return QueryResult(path, len(fps), tuple(matches), tuple(problems))


_HEADINGS = {
    "version": "Versions of {file}",
    "contains": "Indexed files containing {file}",
    "part": "Indexed files contained in {file}",
}


def format_query(result: QueryResult, fmt: str) -> str:
    """JSON or lines of text; file names as ``dedupe.scan.names`` shows them."""
    from dedupe.scan.names import name_bytes, one_line, shown

    if fmt == "json":
        data = {
            "schema": "dedupe.scan-query/1",
            "file": shown(result.file),
            "indexed": result.indexed,
            "matches": [{**m.__dict__, "path": shown(m.path)} for m in result.matches],
            "problems": [shown(p) for p in result.problems],
            "path_bytes": name_bytes([result.file, *(m.path for m in result.matches)]),
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    lines = []
    for kind, heading in _HEADINGS.items():
        found = [m for m in result.matches if m.relation == kind]
        if found:
            lines.append(heading.format(file=one_line(result.file)))
            for m in found:
                value = m.similarity if kind == "version" else m.containment
                note = "  exact duplicate" if m.exact else ""
                lines.append(f"  {value:.3f}  {one_line(m.path)}{note}")
    if not result.matches:
        lines.append(f"{one_line(result.file)}: no versions among {result.indexed} indexed files")
    lines += [f"warning: {one_line(p)}" for p in result.problems]
    return "\n".join(lines) + "\n"
