"""Book-length witnesses for the speed benchmark: a text pair repeated as chapters.

A witness of 50 copies of the sample report is as long as a 500-page book.
Copies that repeat the same words would be no book: every paragraph would
stand 50 times over, and no tool could tell which copy matches which. So,
as in ``gen_collection.py``, every copy after the first gets its own
vocabulary (most content words swapped for other real words, consistently
within the copy and alike in every witness), and every copy of every
witness gets its own OCR damage (``simulate.ocr_damage``, line by line, so
the layout of the file stays as it was). The first copy is the sample text
itself, so its known variants are still there.

Witness ``i`` is made from source ``i mod len(sources)``: with the sample
pair as sources, witnesses 1, 3, 5 are copies of ``a.txt`` and 2, 4 of
``b.txt``, each with damage of its own.

Usage::

    python bench/books.py samples/beijing-binds/a.txt samples/beijing-binds/b.txt \\
        --copies 50 --witnesses 2 --out DIR
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import gen_collection  # noqa: E402
import simulate  # noqa: E402

#: Character error rate of each copy (the simulator's "low" level).
NOISE = simulate.NOISE_LEVELS["low"]


def damage_lines(text: str, rate: float, rng: random.Random) -> str:
    """OCR damage line by line: line breaks and blank lines are kept.

    >>> damage_lines("one two\\n\\nthree", 0.0, random.Random(1))
    'one two\\n\\nthree'
    """
    return "\n".join(simulate.ocr_damage(line, rate, rng) for line in text.split("\n"))


def chapters(sources: list[str], copies: int, seed: int) -> list[list[str]]:
    """Per copy, the clean text of each source: copy 0 as given, later copies
    with a vocabulary of their own, shared by all sources.

    >>> first, second = chapters(["The quick brown foxes jumped."], 2, seed=1)
    >>> first
    ['The quick brown foxes jumped.']
    >>> second != first and second[0].endswith(".")
    True
    """
    out = [[s.strip("\n") for s in sources]]
    for k in range(1, copies):
        rng = random.Random(f"dedupe-bench-vocabulary:{seed}:{k}")  # str seeds are stable
        mapping: dict[str, str] = {}
        out.append([gen_collection.revocabulate(s, "en", rng, mapping) for s in out[0]])
    return out


def witnesses(
    sources: list[str], count: int, copies: int, seed: int = 1, rate: float = NOISE
) -> list[str]:
    """``count`` book-length witnesses, each ``copies`` chapters long.

    >>> a, b = witnesses(["one two three four"], 2, 3, rate=0.0)
    >>> a == b, len(a.split("\\n\\n"))
    (True, 3)
    """
    book = chapters(sources, copies, seed)
    out = []
    for i in range(count):
        parts = []
        for k, chapter in enumerate(book):
            rng = random.Random(f"dedupe-bench-damage:{seed}:{i}:{k}")
            parts.append(damage_lines(chapter[i % len(sources)], rate, rng))
        out.append("\n\n".join(parts) + "\n")
    return out


def write_witnesses(
    sources: list[Path], count: int, copies: int, out: Path, seed: int = 1
) -> list[Path]:
    """Write ``witness-1.txt`` ... to ``out``; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    texts = [p.read_text(encoding="utf-8") for p in sources]
    paths = []
    for i, text in enumerate(witnesses(texts, count, copies, seed)):
        path = out / f"witness-{i + 1}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sources", type=Path, nargs="+")
    parser.add_argument("--copies", type=int, default=50)
    parser.add_argument("--witnesses", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    paths = write_witnesses(args.sources, args.witnesses, args.copies, args.out, args.seed)
    print(f"{len(paths)} witnesses written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
