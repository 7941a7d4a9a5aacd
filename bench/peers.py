"""The tools a user would reach for instead of dedupe, run on the same files.

Each peer compares witness 1 with every other witness and reports, per
pair, its differences as places: a character range in each text. The
benchmark (``bench_compare.py``) runs each peer as its own process, so that
its time and memory are measured like dedupe's and a time limit can stop it.

- ``collatex``, ``collatex-near``: CollateX (the Python package), all
  witnesses at once, as an alignment table (near matching off / on; near
  matching needs segmentation off, so both run without it).
- ``difflib``: ``difflib.SequenceMatcher`` over whitespace-separated words,
  ``autojunk=False`` (with autojunk on, common words are ignored and long
  texts align badly).
- ``dmp``: diff-match-patch over the whole text in character mode, with
  ``Diff_Timeout = 0``: the exact diff, however long it takes (its default
  of 1 s returns a rough diff of a book instead).

Usage::

    python bench/peers.py TOOL OUT.json WITNESS...
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

Range = tuple[int, int]
Place = tuple[Range, Range]  # (range in witness 1, range in the other witness)
_WORD = re.compile(r"\S+")


def difflib_places(a: str, b: str) -> list[Place]:
    """Word-level SequenceMatcher; each non-equal opcode is a place.

    >>> difflib_places("the cat sat", "the hat sat")
    [((4, 7), (4, 7))]
    """
    from difflib import SequenceMatcher

    wa, wb = list(_WORD.finditer(a)), list(_WORD.finditer(b))
    matcher = SequenceMatcher(
        None, [m.group() for m in wa], [m.group() for m in wb], autojunk=False
    )
    return [
        (_span(wa, i1, i2, len(a)), _span(wb, j1, j2, len(b)))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def _span(words: list[re.Match[str]], start: int, end: int, size: int) -> Range:
    """Character range of words[start:end]; an empty run sits where it would start."""
    if start < end:
        return words[start].start(), words[end - 1].end()
    at = words[start].start() if start < len(words) else size
    return at, at


def dmp_places(a: str, b: str) -> list[Place]:
    """Character-mode diff-match-patch; a run of edits between equalities is a place.

    >>> dmp_places("planeloads", "plane loads")
    [((5, 5), (5, 6))]
    """
    from diff_match_patch import diff_match_patch

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    places: list[Place] = []
    ia = ib = 0
    start: tuple[int, int] | None = None
    for op, text in dmp.diff_main(a, b, False):
        if op == 0:
            if start is not None:
                places.append(((start[0], ia), (start[1], ib)))
                start = None
            ia += len(text)
            ib += len(text)
            continue
        if start is None:
            start = (ia, ib)
        if op == -1:
            ia += len(text)
        else:
            ib += len(text)
    if start is not None:
        places.append(((start[0], ia), (start[1], ib)))
    return places


def collatex_places(texts: list[str], near: bool) -> list[list[Place]]:
    """CollateX alignment table; consecutive variant columns are one place."""
    from collatex import Collation, collate

    collation = Collation()
    sigla = [f"W{i}" for i in range(len(texts))]
    for siglum, text in zip(sigla, texts, strict=True):
        collation.add_plain_witness(siglum, text)
    table = collate(collation, output="table", segmentation=False, near_match=near)
    offsets = dict.fromkeys(sigla, 0)
    out: list[list[Place]] = [[] for _ in texts[1:]]
    open_place: list[tuple[int, int] | None] = [None] * len(out)
    for column in table.columns:
        ranges = {}
        for siglum, text in zip(sigla, texts, strict=True):
            start = offsets[siglum]
            for token in column.tokens_per_witness.get(siglum, []):
                at = text.find(token.token_data["t"], offsets[siglum])
                offsets[siglum] = (at if at >= 0 else offsets[siglum]) + len(token.token_data["t"])
            ranges[siglum] = (start, offsets[siglum])
        for k, siglum in enumerate(sigla[1:]):
            differs = _reading(column, sigla[0]) != _reading(column, siglum)
            if differs and open_place[k] is None:
                open_place[k] = (ranges[sigla[0]][0], ranges[siglum][0])
            elif not differs and open_place[k] is not None:
                a0, b0 = open_place[k]
                out[k].append(((a0, ranges[sigla[0]][0]), (b0, ranges[siglum][0])))
                open_place[k] = None
    for k, siglum in enumerate(sigla[1:]):
        if open_place[k] is not None:
            a0, b0 = open_place[k]
            out[k].append(((a0, offsets[sigla[0]]), (b0, offsets[siglum])))
    return out


def _reading(column, siglum: str) -> str:
    return "".join(t.token_data["t"] for t in column.tokens_per_witness.get(siglum, [])).strip()


def run(tool: str, texts: list[str]) -> list[list[Place]]:
    """Places per pair (witness 1, witness k) for k = 2..N."""
    if tool in ("collatex", "collatex-near"):
        return collatex_places(texts, near=tool == "collatex-near")
    pairwise = {"difflib": difflib_places, "dmp": dmp_places}[tool]
    return [pairwise(texts[0], other) for other in texts[1:]]


def main(argv: list[str] | None = None) -> int:
    tool, out, *paths = argv if argv is not None else sys.argv[1:]
    texts = [Path(p).read_text(encoding="utf-8") for p in paths]
    places = run(tool, texts)
    Path(out).write_text(json.dumps({"tool": tool, "places": places}), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
