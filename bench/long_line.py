"""Long lines: ``dedupe compare`` on two witnesses that are each one line.

The witnesses are the benchmark books (``bench/books.py``: the sample pair
as chapters, each with its own vocabulary and OCR damage), with every line
break and blank line replaced by a space, at 1, 2, 5 and 10 MB each;
``--paragraphs`` measures the same books with their paragraphs kept too. Reading and
collating must grow linearly in line length, and memory per MB of input is
the README's rule of thumb. Whole processes, timed by ``bench/measure.py``.

    python bench/long_line.py [--sizes 1 2 5 10] [--paragraphs] [--timeout 180]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import books  # noqa: E402
from measure import measure  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "beijing-binds"
MB = 1 << 20


def book_pair(mb: float) -> tuple[str, str]:
    """Two witnesses of about ``mb`` MB each, paragraphs kept."""
    sources = [(SAMPLES / n).read_text(encoding="utf-8") for n in ("a.txt", "b.txt")]
    copies = max(1, round(mb * MB / len(sources[0].encode())))
    a, b = books.witnesses(sources, 2, copies)
    return a, b


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip() + "\n"


def run(sizes: list[float], timeout: float, paragraphs: bool) -> list[dict[str, object]]:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for mb in sizes:
            a, b = book_pair(mb)
            shapes = [("one line", (one_line(a), one_line(b)))]
            shapes += [("paragraphs", (a, b))] if paragraphs else []
            for shape, texts in shapes:
                paths = []
                for name, text in zip(("a.txt", "b.txt"), texts, strict=True):
                    path = Path(folder) / name
                    path.write_text(text, encoding="utf-8")
                    paths.append(str(path))
                size = sum(Path(p).stat().st_size for p in paths) / MB
                out = str(Path(folder) / "out.txt")
                command = [sys.executable, "-m", "dedupe", "compare", *paths, "-q", "-o", out]
                m = measure(command, timeout)
                row = {
                    "mb_each": mb,
                    "shape": shape,
                    "input_mb": round(size, 2),
                    "seconds": round(m.seconds, 2),
                    "peak_mb": round(m.peak_mb),
                    "status": m.status,
                }
                rows.append(row)
                print(row, flush=True)
    return rows


def table(rows: list[dict[str, object]]) -> str:
    lines = [
        "| MB each | shape | input MB (both) | time | peak memory | MB memory per MB input |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    for r in rows:
        per = float(r["peak_mb"]) / float(r["input_mb"]) if r["input_mb"] else 0.0
        time = f"{r['seconds']} s" if r["status"] == "ok" else str(r["status"])
        lines.append(
            f"| {r['mb_each']} | {r['shape']} | {r['input_mb']} | {time} "
            f"| {r['peak_mb']} MB | {per:.0f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 5, 10])
    parser.add_argument("--paragraphs", action="store_true", help="measure paragraphs too")
    parser.add_argument("--timeout", type=float, default=180)
    args = parser.parse_args(argv)
    print(table(run(args.sizes, args.timeout, args.paragraphs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
