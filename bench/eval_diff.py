"""Compare two runs of ``bench/eval.py --real-only --json``, set by set.

A change to the pipeline moves hundreds of pair and triple ratios at once; this
says per set how many combinations meet the target before and after, the mean
canonical CER beside the mean best-witness CER, and how many combinations got
better or worse (by more than ``--tolerance`` points of CER), so a merge can be
judged on every set in one table rather than on the two headline counts.

Usage::

    python bench/eval_diff.py BEFORE.json AFTER.json [--worst 10]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path


def load(path: Path) -> dict[tuple[str, tuple[str, ...]], dict]:
    rows = json.loads(path.read_text(encoding="utf-8"))
    return {(row["set"], tuple(row["witnesses"])): row for row in rows}


def target_met(row: dict) -> bool:
    """The issue's targets: a pair never worse than its better witness, a triple half as bad."""
    if "met" in row:  # realscan's own verdict (a perfect best witness has no ratio)
        return bool(row["met"])
    ratio = row.get("ratio")
    if ratio is None:
        return False
    return ratio <= (1.0 if len(row["witnesses"]) == 2 else 0.5)


def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def table(before: dict, after: dict, tolerance: float) -> list[str]:
    by_set: dict[str, list[tuple]] = defaultdict(list)
    for key in sorted(before.keys() & after.keys()):
        by_set[key[0]].append(key)
    lines = [
        "| set | size | met before | met after | canonical CER | best witness CER | better | worse |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    totals = defaultdict(int)
    for name, keys in by_set.items():
        for size in (2, 3):
            group = [k for k in keys if len(k[1]) == size]
            if not group:
                continue
            old = [before[k] for k in group]
            new = [after[k] for k in group]
            met_old = sum(map(target_met, old))
            met_new = sum(map(target_met, new))
            delta = [
                (n["canonical_cer"] or 0) - (o["canonical_cer"] or 0)
                for o, n in zip(old, new, strict=True)
            ]
            better = sum(d < -tolerance / 100 for d in delta)
            worse = sum(d > tolerance / 100 for d in delta)
            kind = "pairs" if size == 2 else "triples"
            totals[f"{kind} before"] += met_old
            totals[f"{kind} after"] += met_new
            totals[f"{kind} all"] += len(group)
            lines.append(
                f"| {name} | {len(group)} {kind} | {met_old} | {met_new} "
                f"| {100 * mean([o['canonical_cer'] or 0 for o in old]):.2f}% → "
                f"{100 * mean([n['canonical_cer'] or 0 for n in new]):.2f}% "
                f"| {100 * mean([o['best_cer'] or 0 for o in old]):.2f}% → "
                f"{100 * mean([n['best_cer'] or 0 for n in new]):.2f}% | {better} | {worse} |"
            )
    for kind in ("pairs", "triples"):
        lines.append(
            f"\n{kind} meeting the target: {totals[f'{kind} before']} → "
            f"{totals[f'{kind} after']} of {totals[f'{kind} all']}"
        )
    return lines


def worst_moves(before: dict, after: dict, count: int) -> list[str]:
    moves = []
    for key in before.keys() & after.keys():
        old, new = before[key]["canonical_cer"], after[key]["canonical_cer"]
        if old is not None and new is not None:
            moves.append((new - old, key, old, new))
    moves.sort(reverse=True)
    lines = [f"\nlargest rises in canonical CER (at most {count}):"]
    for delta, (name, witnesses), old, new in moves[:count]:
        if delta <= 0:
            break
        lines.append(f"  {name}: {' + '.join(witnesses)}  {100 * old:.2f}% → {100 * new:.2f}%")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--worst", type=int, default=10, help="list this many largest rises")
    parser.add_argument(
        "--tolerance", type=float, default=0.05, help="CER points below which a move is no change"
    )
    args = parser.parse_args(argv)
    try:
        before, after = load(args.before), load(args.after)
    except (OSError, ValueError, KeyError) as error:
        print(f"eval_diff: cannot read the runs: {error}", file=sys.stderr)
        return 2
    print("\n".join(table(before, after, args.tolerance) + worst_moves(before, after, args.worst)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
