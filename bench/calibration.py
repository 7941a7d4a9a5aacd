"""Calibration: how often is a decision at high confidence wrong?

For every real-scan set with a ground truth (``bench/realscan.py``: the Kant
OCR-D engines, swiss_zoology, lorem-ipsum, the scanned sets), all its
witnesses are collated (page by page) and each variant's canonical reading
is set against the truth at that place. A decision is *wrong* where its
reading differs from the truth there (typography folded, case and
punctuation kept) and some witness read the truth; where no witness did,
no choice could be right, and the place is not counted. Paragraph-break
places and typography are not text decisions and are left out.

The canonical readings are aligned to the truth's words (difflib over bare
words, the canonical text in the order of the units): a variant's place in
the truth is the truth's words between the truth positions its edges
align to, words the truth has there and the canonical text lacks included.

Usage (under three minutes; another checkout with ``PYTHONPATH``)::

    .venv/bin/python bench/calibration.py [--at 0.9] [--show 5]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import realscan  # noqa: E402
import scorer  # noqa: E402

from dedupe.normalise.fold import core, fold  # noqa: E402

BINS = ((0.9, 1.01), (0.6, 0.9), (0.0, 0.6))


@dataclass
class Tally:
    """Decisions of one set (or of all) by confidence bin: counted, wrong."""

    counted: dict[tuple, int] = field(default_factory=lambda: dict.fromkeys(BINS, 0))
    wrong: dict[tuple, int] = field(default_factory=lambda: dict.fromkeys(BINS, 0))
    flagged_wrong: int = 0
    examples: list[str] = field(default_factory=list)

    def add(self, confidence: float, wrong: bool, review: bool, example: str) -> None:
        b = next(b for b in BINS if b[0] <= confidence < b[1])
        self.counted[b] += 1
        if wrong:
            self.wrong[b] += 1
            self.flagged_wrong += review
            if b == BINS[0]:
                self.examples.append(example)

    def merge(self, other: Tally) -> None:
        for b in BINS:
            self.counted[b] += other.counted[b]
            self.wrong[b] += other.wrong[b]
        self.flagged_wrong += other.flagged_wrong
        self.examples += other.examples


def key(text: str | None) -> str:
    """A reading as compared with the truth: typography folded, case and punctuation kept."""
    return " ".join(fold(t) for t in (text or "").split())


def places(collation) -> tuple[list[str], list[tuple[int, int, object]]]:
    """The canonical words in unit order, and each variant's word span in them."""
    words: list[str] = []
    spans = []
    for unit in collation.units:
        if unit.kind == "noise":
            continue
        for col in unit.columns:
            start = len(words)
            if col.canonical and not col.break_place:
                words.extend(col.canonical.split())
            if col.kind and col.kind != "typography" and not col.break_place:
                spans.append((start, len(words), col))
    return words, spans


def boundaries(a: Sequence[str], b: Sequence[str]) -> tuple[dict[int, int], dict[int, int]]:
    """For each word boundary of ``a`` the lowest and highest boundary of
    ``b`` it aligns to (where the alignment pins it)."""
    lo: dict[int, int] = {}
    hi: dict[int, int] = {}

    def pin(i: int, j: int) -> None:
        lo[i] = min(lo.get(i, j), j)
        hi[i] = max(hi.get(i, j), j)

    matcher = SequenceMatcher(None, [core(w) for w in a], [core(w) for w in b], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
            for k in range(i2 - i1 + 1):
                pin(i1 + k, j1 + k)
        elif op == "delete":  # canonical words the truth lacks
            for i in range(i1, i2 + 1):
                pin(i, j1)
        else:  # truth words the canonical text lacks here, or unpaired words
            pin(i1, j1)
            pin(i2, j2)
    return lo, hi


def judge(collation, truth: list[str], tally: Tally, name: str) -> None:
    words, spans = places(collation)
    lo, hi = boundaries(words, truth)
    for start, end, col in spans:
        if start not in lo or end not in hi:
            continue
        truth_here = key(" ".join(truth[lo[start] : hi[end]]))
        chosen = key(col.canonical)
        reachable = any(key(r) == truth_here for r in col.readings.values())
        if not reachable:
            continue
        wrong = chosen != truth_here
        example = f"{name} {col.id} {col.confidence:.2f}: chose {chosen[:60]!r}, truth {truth_here[:60]!r}"
        tally.add(col.confidence, wrong, col.review, example)


def run_set(scan_set) -> Tally:
    import dedupe

    tally = Tally()
    for page, truth_path in enumerate(scan_set.truth):
        collation = dedupe.compare([w.pages[page] for w in scan_set.witnesses])
        truth = scorer.file_text(truth_path).split()
        judge(collation, truth, tally, scan_set.name)
    return tally


def share(wrong: int, counted: int) -> str:
    return f"{wrong / counted:.1%}" if counted else "n/a"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=5, help="wrong high-confidence examples shown")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    total = Tally()
    header = "| set | witnesses | " + " | ".join(
        f"conf {a:.1f}-{min(b, 1):.1f}: wrong/counted" for a, b in BINS
    )
    print(header + " |")
    print("|---" * (2 + len(BINS)) + "|")
    for scan_set in realscan.all_sets():
        tally = run_set(scan_set)
        total.merge(tally)
        cells = " | ".join(
            f"{tally.wrong[b]}/{tally.counted[b]} ({share(tally.wrong[b], tally.counted[b])})"
            for b in BINS
        )
        print(f"| {scan_set.name} | {len(scan_set.witnesses)} | {cells} |", flush=True)
    cells = " | ".join(
        f"{total.wrong[b]}/{total.counted[b]} ({share(total.wrong[b], total.counted[b])})"
        for b in BINS
    )
    print(f"| **all** | | {cells} |")
    wrong = sum(total.wrong.values())
    print(
        f"\nwrong at confidence >= 0.9: {share(total.wrong[BINS[0]], total.counted[BINS[0]])}; "
        f"of all {wrong} wrong decisions {total.flagged_wrong} were flagged for review; "
        f"{time.perf_counter() - started:.0f} s"
    )
    for line in total.examples[: args.show]:
        print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
