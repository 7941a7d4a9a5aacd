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


def query_candidates(index: Index, target) -> list:
    """Indexed files worth aligning with ``target``, by indexed look-ups
    (``Index.candidates``) and the rules of the scan's candidate search
    (``candidates.select``): an LSH band shared and an estimated Jaccard of
    ``MIN_JACCARD``, or enough rare sampled shingles shared; the
    ``MAX_CANDIDATES`` best contents, every file of each."""
    import numpy as np

    from dedupe.scan import candidates as cand

    mine = os.path.abspath(target.path)
    scored = []
    for sha, bands, shared in index.candidates(target):
        files = [fp for fp in index.files_with(sha) if fp.path != mine]
        if not files:
            continue
        jaccard = float(np.mean(files[0].signature == target.signature))
        smaller = min(files[0].sample.size, target.sample.size)
        needed = 2 if smaller < cand.SMALL_SAMPLE else cand.MIN_SHARED
        share = shared / max(smaller, 1)
        by_lsh = bands > 0 and jaccard >= cand.MIN_JACCARD
        by_sample = shared >= needed and shared >= cand.MIN_SHARE * smaller
        if by_lsh or by_sample:
            scored.append((-max(jaccard, share if by_sample else 0.0), sha, files))
    scored.sort(key=lambda x: (x[0], x[1]))
    found = [fp for _, _, files in scored[: cand.MAX_CANDIDATES] for fp in files]
    return sorted(found, key=lambda fp: fp.path)


def query(index: Index, path: str, threshold: float = 0.5) -> QueryResult:
    from dedupe.scan.engine_local import LocalEngine
    from dedupe.scan.fingerprint import fingerprint_file
    from dedupe.scan.pipeline import verify_all

    target = fingerprint_file(path)
    found = query_candidates(index, target)
    pairs = [(fp.path, path) for fp in found]
    shas = {fp.path: fp.sha256 for fp in found}
    shas[path] = target.sha256
    words = {path: target.sequence}
    quiet = lambda stage, done, total: None  # noqa: E731
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
    indexed = index.count() - index.has(path)  # the file itself is not its own match
    return QueryResult(path, indexed, tuple(matches), tuple(problems))


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
