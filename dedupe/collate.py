"""Collate: inside each aligned unit, align the witnesses' words into columns.

diff-match-patch runs over tokens (each distinct folded token mapped to one
character, as its line mode does), so a typography difference never breaks
an alignment. Witnesses are added one at a time onto the growing alignment,
in an order fixed by content (most words first, then checksum), never by the
order they were given in. Where the diff replaces words, a small alignment
pairs each word with its counterpart, and a word split in one witness
(``plane loads``) shares one column with the joined word (``planeloads``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence

from rapidfuzz import fuzz

from dedupe.align.anchored import token_diff
from dedupe.align.path import best_path
from dedupe.model import Column, Document, Unit, evolve
from dedupe.normalise.fold import core, fold, squash
from dedupe.parallel import fork_map, workers_for_words
from dedupe.style import QUOTE_MARKS

Cell = dict[str, list[str]]  # witness id -> its tokens in one column
#: Replacement regions larger than this are paired word by word in order.
REGION_CELLS = 2_500
PAIR = 0.5  # similarity that pairs two differing words
JOIN = 0.8  # similarity of a word to joined pieces that makes them one place
JOIN_SPAN = 3  # most pieces one word may stand for


def collate(
    docs: Sequence[Document],
    units: Sequence[Unit],
    progress: Callable[[str, int, int], None] | None = None,
) -> list[Unit]:
    """Every unit collated; a large input's units are shared among the cores
    (``dedupe.parallel``: each unit depends only on the witnesses' blocks)."""
    by_id = {d.witness.id: d for d in docs}
    ids = [d.witness.id for d in docs]
    weights = [unit_size(unit, by_id) for unit in units]
    workers = workers_for_words(sum(weights) // 6)  # about six characters a word
    if workers > 1:
        if progress:
            progress("collate", 0, len(units))
        out = fork_map(_collate_one, (by_id, ids), units, weights, workers)
        if progress:
            progress("collate", len(units), len(units))
        return out
    out = []
    step = max(1, len(units) // 100)
    for k, unit in enumerate(units):
        if progress and k % step == 0:
            progress("collate", k, len(units))
        out.append(collate_unit(unit, by_id, ids))
    if progress:
        progress("collate", len(units), len(units))
    return out


def _collate_one(shared: tuple[dict[str, Document], list[str]], unit: Unit) -> Unit:
    return collate_unit(unit, *shared)


def unit_size(unit: Unit, by_id: dict[str, Document]) -> int:
    """Characters of the unit in all witnesses: its rough cost to collate."""
    return sum(len(by_id[w].blocks[i].text) for w, idx in unit.blocks.items() for i in idx)


def unit_tokens(unit: Unit, by_id: dict[str, Document]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for wid, idx in unit.blocks.items():
        blocks = by_id[wid].blocks
        out[wid] = [t for i in idx for t in blocks[i].text.split()]
    return out


def collate_unit(unit: Unit, by_id: dict[str, Document], ids: list[str]) -> Unit:
    if unit.kind == "noise":
        readings = {
            wid: " ".join(by_id[wid].blocks[i].text for i in unit.blocks.get(wid, ())) or None
            for wid in ids
        }
        return evolve(unit, columns=(Column(readings),))
    tokens = unit_tokens(unit, by_id)
    if sum(1 for toks in tokens.values() if toks) == 1:
        # a passage only one witness has is one place, not one per word
        return evolve(unit, columns=(Column({w: " ".join(t) or None for w, t in tokens.items()}),))
    order = sorted(
        (wid for wid in ids if tokens.get(wid)),
        key=lambda w: (-len(tokens[w]), by_id[w].witness.sha256),
    )
    cells = align_tokens([(wid, tokens[wid]) for wid in order])
    if len(order) >= 3:
        cells = rejoin_split_places(cells, len(order))
    starts = block_starts(unit, by_id)
    used = dict.fromkeys(tokens, 0)
    columns = Columns(ids)
    for cell in cells:
        breaks = []
        readings: dict[str, str | None] = {}
        for wid in ids:
            toks = cell.get(wid)
            if not toks:
                readings[wid] = None
                continue
            readings[wid] = " ".join(toks)
            at, st = used[wid], starts[wid]
            used[wid] = at + len(toks)
            if st:  # a block of this witness starts inside the cell
                k = bisect_left(st, at)
                if k < len(st) and st[k] < at + len(toks):
                    breaks.append(wid)
        columns.add(readings, tuple(sorted(breaks)))
    return evolve(unit, columns=columns.done())


class Columns:
    """Cells as columns, a run of cells every witness reads alike joined into
    one: a book is mostly agreement, and a column per agreeing word made
    deciding and rendering it cost a Python object per word. A run ends
    where a block (paragraph) of some witness starts, so that breaks stand at
    the start of a column, and after a footnote marker, so that a note can
    be placed right after the word that calls it. A word with quote marks
    stays a column of its own: house style may restyle it, which makes it a
    typography place."""

    def __init__(self, ids: list[str]) -> None:
        self.ids = ids
        self.out: list[Column] = []
        self.run: list[str] = []
        self.run_breaks: tuple[str, ...] = ()

    def add(self, readings: dict[str, str | None], breaks: tuple[str, ...]) -> None:
        first = readings[self.ids[0]]
        if (
            first is None
            or any(readings[w] != first for w in self.ids)
            or not QUOTE_MARKS.isdisjoint(first)  # house style may restyle it: a place of its own
        ):
            self.flush()
            self.out.append(Column(readings, breaks=breaks))
            return
        if breaks:
            self.flush()
            self.run_breaks = breaks
        self.run.append(first)
        if "^" in fold(first):  # a footnote marker: the run ends after it
            self.flush()

    def flush(self) -> None:
        if self.run:
            text = " ".join(self.run)
            self.out.append(Column(dict.fromkeys(self.ids, text), breaks=self.run_breaks))
            self.run, self.run_breaks = [], ()

    def done(self) -> tuple[Column, ...]:
        self.flush()
        return tuple(self.out)


#: How far apart two halves of one split place may stand, in cells.
SPLIT_REACH = 3
SPLIT_ALIKE = 0.75  # how alike the two halves' words must be


def rejoin_split_places(cells: list[Cell], present: int) -> list[Cell]:
    """Two nearby places read by (almost) complementary sets of witnesses,
    with alike words, are one place the progressive alignment split: with
    many witnesses, half may put ``Terrorism, Terrorism`` a cell before the
    other half. Split, each half would lose the vote to the witnesses that
    lack it there, and the words would vanish."""
    out = list(cells)
    i = 0
    while i < len(out):
        readers = {w for w, t in out[i].items() if t}
        if len(readers) < present:
            for j in range(i + 1, min(len(out), i + 1 + SPLIT_REACH)):
                others = {w for w, t in out[j].items() if t}
                shared = readers & others
                if len(others) == present or len(shared) > max(1, present // 10):
                    continue
                if len(readers | others) * 5 < present * 4:
                    continue
                mine = squash(representative({w: out[i][w] for w in readers - shared}))
                theirs = squash(representative({w: out[j][w] for w in others - shared}))
                if alike(mine, theirs) >= SPLIT_ALIKE:
                    out[i : j + 1] = [merge_cells(out[i : j + 1])]
                    break
        i += 1
    return out


def block_starts(unit: Unit, by_id: dict[str, Document]) -> dict[str, list[int]]:
    """Per witness, the token positions where its second, third... block of
    the unit begins: the paragraph breaks it has inside this place."""
    out: dict[str, list[int]] = {}
    for wid, idx in unit.blocks.items():
        position, starts = 0, []
        for k, i in enumerate(idx):
            if k:
                starts.append(position)
            position += len(by_id[wid].blocks[i].text.split())
        out[wid] = starts
    return out


def align_tokens(sequences: list[tuple[str, list[str]]]) -> list[Cell]:
    """Progressive multiple alignment of token sequences into cells."""
    if not sequences:
        return []
    first, tokens = sequences[0]
    cells: list[Cell] = [{first: [t]} for t in tokens]
    reps = [fold(t) for t in tokens]
    for wid, toks in sequences[1:]:
        cells, reps = add_witness(cells, reps, wid, toks)
    return cells


def key_of(tokens: list[str]) -> str:
    if len(tokens) == 1:
        return fold(tokens[0])
    return " ".join(fold(t) for t in tokens)


def representative(cell: Cell) -> str:
    """The reading most witnesses have in a cell (ties: the first in order)."""
    keys = [key_of(toks) for toks in cell.values() if toks]
    if not keys:
        return ""
    if keys.count(keys[0]) == len(keys):  # all agree: most cells of a book
        return keys[0]
    counts = Counter(keys)
    return min(counts, key=lambda k: (-counts[k], k))


class _Codes(dict):
    """One character per distinct key, numbered as keys are first met."""

    def __missing__(self, key: str) -> str:
        code = self[key] = chr(0x100 + len(self))
        return code


def add_witness(
    cells: list[Cell], reps: list[str], wid: str, tokens: list[str]
) -> tuple[list[Cell], list[str]]:
    """Align one more witness's tokens onto the cells, given each cell's
    representative; returns the new cells and theirs (the cells given are
    reused, so the caller must not keep them). A cell the witness agrees with keeps its representative (one
    more vote for the leading reading), so only changed cells are counted again."""
    keys = [fold(t) for t in tokens]
    codes = _Codes()

    def encode(items: list[str]) -> str:
        return "".join(map(codes.__getitem__, items))

    a, b = encode(reps), encode(keys)
    out: list[Cell] = []
    out_reps: list[str | None] = []
    ci = ti = 0
    pending_cells: list[Cell] = []
    pending_tokens: list[str] = []
    for op, text in token_diff(a, b):
        n = len(text)
        if op == 0:
            resolved = resolve_region(pending_cells, pending_tokens, wid)
            out.extend(resolved)
            out_reps.extend([None] * len(resolved))
            pending_cells, pending_tokens = [], []
            for k in range(n):  # in place: a copy per cell per witness grew as N squared
                cell = cells[ci + k]
                cell[wid] = [tokens[ti + k]]
                out.append(cell)
            out_reps.extend(reps[ci : ci + n])
            ci, ti = ci + n, ti + n
        elif op == -1:
            pending_cells.extend(cells[ci : ci + n])
            ci += n
        else:
            pending_tokens.extend(tokens[ti : ti + n])
            ti += n
    out.extend(resolve_region(pending_cells, pending_tokens, wid))
    out_reps.extend([None] * (len(out) - len(out_reps)))
    return out, [
        r if r is not None else representative(c) for c, r in zip(out, out_reps, strict=True)
    ]


def merge_cells(cells: list[Cell]) -> Cell:
    merged: Cell = {}
    for cell in cells:
        for wid, toks in cell.items():
            merged.setdefault(wid, []).extend(toks)
    return merged


def resolve_region(cells: list[Cell], tokens: list[str], wid: str) -> list[Cell]:
    """Pair the cells and tokens of one replacement region.

    Alike words pair one to one; a word split in two pairs with the joined
    word as one cell; what is left over is an insertion (one cell for a run)
    or an omission. With nothing alike at all, the region is one cell: a
    substantive replacement reads better as one place than as many.
    """
    if not cells:
        return [{wid: list(tokens)}] if tokens else []
    if not tokens:
        return runs_alike(cells)
    if len(cells) * len(tokens) > REGION_CELLS:
        return [merge_cells(cells) | {wid: list(tokens)}]
    reps = [squash(representative(c)) for c in cells]
    words = [core(t) for t in tokens]
    moves = best_pairing(reps, words)
    if not any(kind == "pair" for kind, *_ in moves):
        return [merge_cells(cells) | {wid: list(tokens)}]
    out: list[Cell] = []
    loose_cells: list[Cell] = []
    loose_tokens: list[str] = []

    def flush() -> None:
        if loose_cells and loose_tokens:  # words replaced by other words: one place
            out.append(merge_cells(loose_cells) | {wid: list(loose_tokens)})
        elif loose_tokens:  # words only this witness has
            out.append({wid: list(loose_tokens)})
        else:  # words this witness lacks
            out.extend(runs_alike(loose_cells))
        loose_cells.clear()
        loose_tokens.clear()

    for kind, cs, ts in moves:
        if kind == "pair":
            flush()
            out.append(merge_cells([cells[c] for c in cs]) | {wid: [tokens[t] for t in ts]})
        else:
            loose_cells.extend(cells[c] for c in cs)
            loose_tokens.extend(tokens[t] for t in ts)
    flush()
    return out


def runs_alike(cells: list[Cell]) -> list[Cell]:
    """Neighbouring cells read by the same witnesses become one place
    (``I think`` missing in one edition is one omission, not two)."""
    out: list[Cell] = []
    for cell in cells:
        if out and set(out[-1]) == set(cell):
            out[-1] = merge_cells([out[-1], cell])
        else:
            out.append(cell)
    return out


def best_pairing(reps: list[str], words: list[str]) -> list[tuple[str, list[int], list[int]]]:
    """Order-keeping alignment of cell readings and tokens (small DP).

    Moves: ``pair`` (1:1 alike, or one word against two or three pieces
    that join to something alike: ``plane loads`` / ``planeloads`` even
    with an OCR error in either, or three words OCR ran together),
    ``skip`` (a cell the witness lacks), ``insert`` (a token no cell has).
    """
    n, m = len(reps), len(words)

    def pairings(i: int, j: int):
        one = alike(reps[i], words[j])
        if one >= PAIR:
            yield one, 1, 1
        for span in range(2, JOIN_SPAN + 1):
            worth = 0.5 + 0.5 * span  # beats pairing the pieces one by one
            if j + span <= m and reps[i]:
                joined = alike(reps[i], "".join(words[j : j + span]))
                if joined >= JOIN and joined > one:
                    yield worth * joined, 1, span
            if i + span <= n and words[j]:
                joined = alike("".join(reps[i : i + span]), words[j])
                if joined >= JOIN and joined > one:
                    yield worth * joined, span, 1

    moves = []
    for i, j, di, dj, paired in best_path(n, m, pairings):
        kind = "pair" if paired else ("skip" if di else "insert")
        moves.append((kind, list(range(i, i + di)), list(range(j, j + dj))))
    return moves


def alike(a: str, b: str) -> float:
    return fuzz.ratio(a, b) / 100 if a or b else 1.0
