"""Many witnesses, whole books: wall time, CPU time and peak memory of
``dedupe compare`` as witnesses and length grow (issue 19).

Inputs (made once into ``--data``, seeded, byte-identical on every run):

- text: 2, 5 and 10 witnesses of a 400-page book (``bench/books.py``: the
  sample pair as 40 chapters, each chapter with its own vocabulary and each
  chapter of each witness with its own OCR damage, ~176,000 words a
  witness), and 2 and 10 witnesses of its first 200 pages (20 chapters), for
  the growth when the length doubles;
- hOCR: 7 witnesses of the same 400-page book as hOCR with word boxes.
  Tesseract on 400 pages x 7 would take hours on this machine, so these are
  not re-OCRed scans: each witness's (OCR-damaged) words are laid out as
  hOCR pages (``ocr_page`` > ``ocr_par`` > ``ocr_line`` > ``ocrx_word``,
  40 lines of at most 70 characters a page, synthetic boxes from character
  counts, seeded ``x_wconf``, the page number as an ``ocr_pageno`` line at
  the foot). ``bench/scanned.py`` makes real Tesseract hOCR of short texts.

Each run is one child process (``python -m dedupe compare ... -q -o FILE``)
under GNU time: wall time, CPU time (user + system of the process and every
worker it waited for) and peak resident memory (the largest process); the
memory of the whole process tree (the sum of proportional set sizes, so
pages a forked worker shares with the main process count once) is sampled
from /proc every 50 ms beside it.

Usage::

    python bench/scale.py [--repeat 2] [--only text10,hocr7] [--out bench/RESULTS.md]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from html import escape
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import books  # noqa: E402

SOURCES = [ROOT / "samples/beijing-binds/a.txt", ROOT / "samples/beijing-binds/b.txt"]
BOOK = 40  # chapters: ~176,000 words a witness, about 400 pages
HALF = 20
LINES_PER_PAGE = 40
LINE_CHARS = 70

#: name -> (format, witnesses, chapters)
CASES = {
    "text2": ("text", 2, BOOK),
    "text5": ("text", 5, BOOK),
    "text10": ("text", 10, BOOK),
    "half2": ("text", 2, HALF),
    "half10": ("text", 10, HALF),
    "hocr7": ("hocr", 7, BOOK),
}
SECTION = "## Many witnesses, whole books (issue 19)"  # then ": LABEL"


def hocr_of(text: str, seed: str) -> str:
    """A witness's words as hOCR pages with synthetic word boxes.

    >>> page = hocr_of("one two\\n\\nthree", "s")
    >>> page.count("ocrx_word"), page.count("ocr_page'"), "ocr_pageno" in page
    (4, 1, True)
    """
    rng = random.Random(seed)
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
    lines: list[tuple[int, str]] = []  # (paragraph number, line)
    for k, para in enumerate(paragraphs):
        lines.extend((k, line) for line in textwrap.wrap(para, LINE_CHARS) or [para])
    pages = [lines[i : i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)]
    out = [
        "<?xml version='1.0' encoding='UTF-8'?>",
        "<html xmlns='http://www.w3.org/1999/xhtml'><head><title></title>",
        "<meta name='ocr-system' content='dedupe bench/scale.py'/></head><body>",
    ]
    word_id = 0
    for number, page in enumerate(pages, start=1):
        out.append(f"<div class='ocr_page' id='page_{number}' title='bbox 0 0 2480 3508'>")
        last = None
        for row, (para, line) in enumerate(page):
            if para != last:
                if last is not None:
                    out.append("</p>")
                out.append(f"<p class='ocr_par' id='par_{number}_{row}'>")
                last = para
            y0 = 200 + row * 75
            out.append(f"<span class='ocr_line' title='bbox 200 {y0} 2280 {y0 + 50}; x_fsize 12'>")
            x = 200
            for word in line.split():
                x1 = x + 28 * len(word)
                word_id += 1
                conf = rng.randint(70, 99)
                out.append(
                    f"<span class='ocrx_word' id='w{word_id}' "
                    f"title='bbox {x} {y0} {x1} {y0 + 50}; x_wconf {conf}'>{escape(word)}</span>"
                )
                x = x1 + 28
            out.append("</span>")
        if last is not None:
            out.append("</p>")
        y0 = 3300
        out.append(f"<div class='ocr_pageno'><span class='ocr_line' title='bbox 1200 {y0} 1260 ")
        out.append(f"{y0 + 50}'><span class='ocrx_word' title='bbox 1200 {y0} 1260 {y0 + 50}; ")
        out.append(f"x_wconf 95'>{number}</span></span></div></div>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def make_inputs(data: Path) -> dict[str, list[Path]]:
    """Write every case's witnesses under ``data`` (skipped where present)."""
    texts = [p.read_text(encoding="utf-8") for p in SOURCES]
    out: dict[str, list[Path]] = {}
    made: dict[int, list[str]] = {}
    for name, (fmt, count, chapters) in CASES.items():
        folder = data / name
        paths = [
            folder / f"witness-{i + 1}.{'hocr' if fmt == 'hocr' else 'txt'}" for i in range(count)
        ]
        if not all(p.exists() for p in paths):
            folder.mkdir(parents=True, exist_ok=True)
            if chapters not in made:
                made[chapters] = books.witnesses(texts, 10, chapters)
            for i, path in enumerate(paths):
                text = made[chapters][i]
                if fmt == "hocr":
                    text = hocr_of(text, f"dedupe-bench-scale:{i}")
                path.write_text(text, encoding="utf-8")
        out[name] = paths
    return out


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    peak_mb: float  # the largest process (GNU time's %M)
    tree_mb: float  # sampled sum of the proportional set sizes over the process tree


def tree_pss_kb(root: int) -> int:
    """Memory of a process and all its descendants: the sum of their
    proportional set sizes (``Pss`` in /proc/PID/smaps_rollup: a page shared
    by n processes counts 1/n in each), so a worker forked from the main
    process counts only the pages it has made its own. Summing resident sizes
    instead counted every shared page once per process. Children are found
    through each task's ``children``."""
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                total += next(int(ln.split()[1]) for ln in fh if ln.startswith("Pss:"))
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError, StopIteration):
            continue
    return total


def run_once(paths: list[Path], env: dict[str, str]) -> Run:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "time"
        command = [
            "/usr/bin/time", "-f", "%e %U %S %M", "-o", str(report),
            sys.executable, "-m", "dedupe", "compare", *map(str, paths),
            "-q", "-o", str(Path(tmp) / "out.txt"),
        ]  # fmt: skip
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        tree = 0
        while proc.poll() is None:
            tree = max(tree, tree_pss_kb(proc.pid))
            time.sleep(0.05)
        err = proc.stderr.read().decode() if proc.stderr else ""
        if proc.returncode:
            raise SystemExit(f"dedupe failed on {paths[0].parent}: {err.strip()[-500:]}")
        wall, user, system, peak = report.read_text().split()[-4:]
    return Run(float(wall), float(user) + float(system), int(peak) / 1024, tree / 1024)


def words_of(paths: list[Path]) -> int:
    if paths[0].suffix == ".hocr":
        return sum(p.read_text(encoding="utf-8").count("ocrx_word") for p in paths)
    return sum(len(p.read_text(encoding="utf-8").split()) for p in paths)


def commit(src: Path) -> str:
    if (src / "COMMIT").exists():  # an exported tree (git archive) says which
        return (src / "COMMIT").read_text().strip()
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=src, capture_output=True, text=True
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "dedupe"], cwd=src, capture_output=True, text=True
        )
        return out.stdout.strip() + (" + uncommitted changes" if dirty.stdout.strip() else "")
    except OSError:
        return "unknown"


def median_run(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.wall for r in runs),
        statistics.median(r.cpu for r in runs),
        max(r.peak_mb for r in runs),
        max(r.tree_mb for r in runs),
    )


def report(results: dict[str, tuple[int, int, list[Run]]], args: argparse.Namespace) -> str:
    load = os.getloadavg()[0]
    lines = [
        f"{SECTION}: {args.label}",
        "",
        f"Made by `make bench-scale` (`python bench/scale.py {' '.join(args.argv)}`) with the "
        f"code at {args.src} (commit {commit(args.src)}), "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average (1 min) at the end {load:.1f} (a shared machine: wall time moves with "
        "the load, CPU time much less).",
        "",
        "Inputs: `bench/books.py` books of the sample pair as chapters (40 chapters, about "
        "400 pages and 176,000 words a witness; 20 chapters for half the length), with OCR "
        "damage of their own in every chapter of every witness; the hOCR witnesses are the "
        "same damaged words laid out as hOCR pages with synthetic word boxes and confidences "
        "(not re-OCRed: Tesseract on 7 x 400 pages is hours here).",
        "",
        "| input | witnesses | words (all) | wall time | CPU time | peak memory (largest "
        "process) | peak memory (process tree, PSS) | runs |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, (count, words, runs) in results.items():
        m = median_run(runs)
        fmt, _, chapters = CASES[name]
        label = f"{fmt}, {chapters * 10} pages"
        lines.append(
            f"| {label} | {count} | {words:,} | {m.wall:.1f} s | {m.cpu:.1f} s | "
            f"{m.peak_mb:.0f} MB | {m.tree_mb:.0f} MB | {len(runs)} |"
        )
    growth = []

    def ratio(big: str, small: str, what: str) -> None:
        if big in results and small in results:
            b, s = median_run(results[big][2]), median_run(results[small][2])
            inp = results[big][1] / results[small][1]
            growth.append(
                f"| {what} | {inp:.2f}x | {b.wall / s.wall:.2f}x | {b.cpu / s.cpu:.2f}x | "
                f"{b.cpu / s.cpu / inp:.2f} |"
            )

    ratio("text10", "text5", "witnesses double (5 -> 10, 400 pages)")
    ratio("text5", "text2", "witnesses 2 -> 5 (400 pages)")
    ratio("text2", "half2", "length doubles (200 -> 400 pages, 2 witnesses)")
    ratio("text10", "half10", "length doubles (200 -> 400 pages, 10 witnesses)")
    if growth:
        lines += [
            "",
            "Growth (medians): time growth over input growth (witnesses x words) is the last "
            "column; 1.0 is linear.",
            "",
            "| change | input (words) | wall time | CPU time | CPU growth / input growth |",
            "|---|---:|---:|---:|---:|",
            *growth,
        ]
    return "\n".join(lines) + "\n"


def write_section(path: Path, text: str) -> None:
    """Replace this benchmark's section of the same label in ``path`` (or append it)."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    heading = text.split("\n", 1)[0]
    if heading + "\n" in old:
        head, rest = old.split(heading + "\n", 1)
        tail = rest.split("\n## ", 1)
        after = "\n## " + tail[1] if len(tail) > 1 else ""
        new = head + text + after
    else:
        new = old.rstrip("\n") + "\n\n" + text
    path.write_text(new, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "dedupe-scale")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--only", default=",".join(CASES), help="cases, comma-separated")
    parser.add_argument("--out", type=Path, default=None, help="write the section into this file")
    parser.add_argument("--src", type=Path, default=ROOT, help="the checkout whose dedupe runs")
    parser.add_argument("--label", default="current code", help="the section's name")
    args = parser.parse_args(argv)
    args.argv = sys.argv[1:] if argv is None else argv
    inputs = make_inputs(args.data)
    env = {**os.environ, "PYTHONPATH": str(args.src.resolve())}
    results: dict[str, tuple[int, int, list[Run]]] = {}
    for name in args.only.split(","):
        paths = inputs[name]
        runs = []
        for _ in range(args.repeat):
            runs.append(run_once(paths, env))
            r = runs[-1]
            print(
                f"{name}: wall {r.wall:.1f} s, cpu {r.cpu:.1f} s, peak {r.peak_mb:.0f} MB, "
                f"tree {r.tree_mb:.0f} MB, load {os.getloadavg()[0]:.1f}",
                flush=True,
            )
        results[name] = (len(paths), words_of(paths), runs)
    text = report(results, args)
    print(text)
    if args.out:
        write_section(args.out, text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
