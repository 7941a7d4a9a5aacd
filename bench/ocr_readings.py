"""Which independent readings of one scan, voted, cut most errors (bench/OCR.md).

Scans: the real lorem-ipsum scans (a good and a bad one, image-only PDFs,
ground truth in PAGE XML) and a typeset report from /work/scans (its
text-layer PDF and ground truth), rasterised by pdftoppm and degraded here
(rotation, blur, noise, JPEG) into image-only PDFs. Every scan is read once
per candidate recipe (cached, see dedupe.ocr_cache), each reading scored on
its own (CER of its normalised text), then every 2 and 3 readings are voted
by ``dedupe.compare`` and scored. Also: 2 and 3 different scans compared,
and (``--throughput``) pages per second per core against Tesseract alone.

    python bench/ocr_readings.py [--write bench/OCR.md] [--throughput]
"""

from __future__ import annotations

import argparse
import io
import itertools
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))

import metrics  # noqa: E402
import scanned  # noqa: E402

import dedupe  # noqa: E402
from dedupe.normalise import normalise  # noqa: E402
from dedupe.read import read  # noqa: E402
from dedupe.read.ocr_options import READINGS, OcrOptions, Recipe  # noqa: E402

LOREM = ROOT / "tests" / "data"
SCANS = Path(os.environ.get("DEDUPE_SCANS", "/work/scans"))
WORK = Path(os.environ.get("DEDUPE_BENCH_WORK", tempfile.gettempdir())) / "dedupe-ocr-bench"

CANDIDATES = READINGS  # in the order --readings takes them
#: name: (dpi, blur px, noise sigma, JPEG quality, rotation degrees)
DEGRADATIONS = {
    "clean": (300, 0.5, 6, 90, 0.25),
    "worn": (200, 0.9, 16, 40, 0.7),
    "rough": (150, 0.8, 22, 30, 1.1),
}


#: Separately scanned copies of one printing, as an archive holds them: each
#: its own scanner settings near one quality (bench/scanned.py's "rough"),
#: its own random skew, noise and speckles (its own seed), the last one a
#: multi-page TIFF; no hard threshold (bench/scanned.py's uneven lighting
#: and threshold blacken page corners into junk no scan of a book shows).
#: name: (profile, file type)
COPIES = {
    "copy1": (scanned.Degradation("copy1", 150, 1.1, 0.8, 22.0, 0.0015, 30, False), "pdf"),
    "copy2": (scanned.Degradation("copy2", 160, 1.0, 0.9, 24.0, 0.0015, 35, False), "pdf"),
    "copy3": (scanned.Degradation("copy3", 140, 1.2, 0.7, 20.0, 0.002, 30, False), "tif"),
}


def scanned_copy(pdf: Path, name: str) -> Path:
    """An independent scan of ``pdf``'s pages (``COPIES``): rasterised by
    pdftoppm, degraded by bench/scanned.py with a seed of its own, rebuilt
    as an image-only PDF or a multi-page TIFF."""
    import numpy as np
    from PIL import Image

    profile, kind = COPIES[name]
    out = WORK / f"{pdf.parent.name}-{pdf.stem}-{name}.{kind}"
    if out.exists():
        return out
    rng = np.random.default_rng(scanned._seed(pdf.parent.name, pdf.stem, name))
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            ["pdftoppm", "-r", str(profile.dpi), "-gray", "-png", str(pdf), f"{folder}/p"],
            check=True,
        )
        frames = [
            scanned.degrade(Image.open(png), profile, rng)
            for png in sorted(Path(folder).glob("p-*.png"))
        ]
    WORK.mkdir(parents=True, exist_ok=True)
    if kind == "tif":
        frames[0].save(
            out,
            save_all=True,
            append_images=frames[1:],
            compression="tiff_lzw",
            dpi=(profile.dpi, profile.dpi),
        )
    else:
        frames[0].save(out, save_all=True, append_images=frames[1:], resolution=float(profile.dpi))
    return out


def degraded(pdf: Path, kind: str, seed: int = 1) -> Path:
    """An image-only PDF of ``pdf``'s pages, rasterised and degraded."""
    import numpy as np
    from PIL import Image, ImageFilter

    out = WORK / f"{pdf.parent.name}-{pdf.stem}-{kind}.pdf"
    if out.exists():
        return out
    dpi, blur, noise, quality, angle = DEGRADATIONS[kind]
    rng = np.random.default_rng(seed)
    frames = []
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), f"{folder}/p"], check=True
        )
        for i, png in enumerate(sorted(Path(folder).glob("p-*.png"))):
            image = Image.open(png).convert("L")
            image = image.rotate(
                angle * (-1) ** i, resample=Image.Resampling.BICUBIC, fillcolor=255
            )
            image = image.filter(ImageFilter.GaussianBlur(blur))
            pixels = np.asarray(image, dtype=float) + rng.normal(
                0, noise, (image.height, image.width)
            )
            image = Image.fromarray(np.clip(pixels, 0, 255).astype("uint8"))
            buffer = io.BytesIO()
            image.save(buffer, "JPEG", quality=quality)
            frames.append(Image.open(io.BytesIO(buffer.getvalue())))
    WORK.mkdir(parents=True, exist_ok=True)
    frames[0].save(out, save_all=True, append_images=frames[1:], resolution=float(dpi))
    return out


def scans() -> dict[str, tuple[Path, str]]:
    """name: (image-only PDF, ground truth text)."""
    truth = read(str(LOREM / "page" / "lorem-ipsum-scan.gt.page.xml")).text
    found = {
        "lorem-good": (LOREM / "pdf" / "lorem-ipsum-scan.pdf", truth),
        "lorem-bad": (LOREM / "pdf" / "lorem-ipsum-scan-bad.pdf", truth),
    }
    for text, kind in (("darwin", "rough"), ("zoology", "worn")):
        typeset = SCANS / text / "onecol.pdf"
        if typeset.exists():
            truth_text = (SCANS / text / "truth.txt").read_text(encoding="utf-8")
            found[f"{text}-{kind}"] = (degraded(typeset, kind), truth_text)
    return found


def reading(path: Path, recipe: Recipe, wid: str = "A"):
    return normalise(read(str(path), wid, ocr=OcrOptions(recipe=recipe)))


def voted(docs) -> str:
    """The canonical text of readings voted (what --readings does, with any recipes)."""
    from dedupe.api import collate_documents

    return dedupe.render("text", collate_documents(docs))


def pct(value: float) -> str:
    return f"{100 * value:.2f}%"


def readings_tables(found: dict[str, tuple[Path, str]]) -> tuple[list[str], dict]:
    lines = ["## One scan, several readings", ""]
    singles: dict[str, dict[str, float]] = {}
    combos: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for name, (path, truth) in found.items():
        size = len(metrics.comparable(truth))
        docs = {r.name: reading(path, r, chr(65 + i)) for i, r in enumerate(CANDIDATES)}
        singles[name] = {k: metrics.cer(metrics.document_text(d), truth) for k, d in docs.items()}
        for n in (2, 3):
            for group in itertools.combinations(docs, n):
                errors = round(metrics.cer(voted([docs[k] for k in group]), truth) * size)
                combos.setdefault(group, []).append((errors, size))
        print(f"{name}: done", file=sys.stderr, flush=True)
    lines += [
        "CER of each reading on its own (its normalised text):",
        "",
    ]
    lines.append("| scan | " + " | ".join(r.name for r in CANDIDATES) + " |")
    lines.append("|---|" + "---:|" * len(CANDIDATES))
    for name, row in singles.items():
        lines.append(f"| {name} | " + " | ".join(pct(row[r.name]) for r in CANDIDATES) + " |")
    pooled = {group: sum(e for e, _ in v) / sum(s for _, s in v) for group, v in combos.items()}
    lines += [
        "",
        "Readings voted (`dedupe compare`), best first; CER per scan and pooled over all scans:",
        "",
    ]
    lines.append("| readings | " + " | ".join(found) + " | pooled |")
    lines.append("|---|" + "---:|" * (len(found) + 1))
    for group in sorted(pooled, key=lambda g: (pooled[g], len(g)))[:12]:
        cells = [pct(e / s) for e, s in combos[group]]
        lines.append(f"| {' + '.join(group)} | " + " | ".join(cells) + f" | {pct(pooled[group])} |")
    best = {n: min((g for g in pooled if len(g) == n), key=pooled.get) for n in (2, 3)}
    lines += [""] + [
        f"Best {n}: {' + '.join(best[n])} ({pct(pooled[best[n]])} pooled)." for n in (2, 3)
    ]
    return lines, {"singles": singles, "pooled": pooled, "best": best}


def scans_tables(found: dict[str, tuple[Path, str]]) -> list[str]:
    """Different scans of one text compared (one default reading each)."""
    lines = ["", "## Several scans of one text", ""]
    lines.append("| scans | each alone (CER) | canonical | canonical / best |")
    lines.append("|---|---|---:|---:|")
    groups = [
        ("lorem-ipsum", [found["lorem-good"][0], found["lorem-bad"][0]], found["lorem-good"][1])
    ]
    typeset = SCANS / "darwin" / "onecol.pdf"
    if typeset.exists():
        truth = (SCANS / "darwin" / "truth.txt").read_text(encoding="utf-8")
        three = [degraded(typeset, k) for k in ("clean", "worn", "rough")]
        groups += [("darwin", three, truth), ("darwin", three[1:], truth)]
        copies = [scanned_copy(typeset, name) for name in COPIES]
        groups += [("darwin", copies, truth)]
        groups += [("darwin", pair, truth) for pair in itertools.combinations(copies, 2)]
    for name, paths, truth in groups:
        alone = [
            metrics.cer(metrics.document_text(reading(p, CANDIDATES[0])), truth) for p in paths
        ]
        canonical = metrics.cer(
            dedupe.render("text", dedupe.compare([str(p) for p in paths])), truth
        )
        label = f"{name}: " + ", ".join(
            p.stem.rsplit("-", 1)[-1] + (" (TIFF)" if p.suffix == ".tif" else "") for p in paths
        )
        ratio = canonical / min(alone) if min(alone) else 0.0
        lines.append(
            f"| {label} | {' / '.join(pct(a) for a in alone)} | {pct(canonical)} | {ratio:.2f} |"
        )
    return lines


def throughput(path: Path) -> list[str]:
    """dedupe's recognition (fresh cache) against Tesseract alone on the same page images."""
    from dedupe.ocr_cache import OcrCache
    from dedupe.read.ocr import recognise, workers
    from dedupe.read.page_images import pdf_pages

    pages = pdf_pages(str(path), path.name, 300)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as cache:
        recognise(pages, "bench", OcrOptions(), cache=OcrCache(Path(cache)))
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    ours = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-r", "300", "-gray", str(path), f"{folder}/p"], check=True)
        t0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        for png in sorted(Path(folder).glob("p-*.pgm")):
            subprocess.run(
                ["tesseract", str(png), "stdout", "--dpi", "300", "hocr"],
                capture_output=True,
                check=True,
                env=dict(os.environ, OMP_THREAD_LIMIT="1"),
            )
        t1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    alone = t1.ru_utime + t1.ru_stime - t0.ru_utime - t0.ru_stime
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    n = len(pages)
    return [
        "",
        "## Throughput",
        "",
        f"{path.name}, {n} pages at 300 dpi, fresh cache, {workers()} workers (cores shared with other jobs):",
        "",
        "| | CPU s | pages/s per core | wall s |",
        "|---|---:|---:|---:|",
        f"| dedupe (rasterise + recognise) | {ours:.1f} | {n / ours:.2f} | {wall:.1f} |",
        f"| tesseract alone on the same page images | {alone:.1f} | {n / alone:.2f} | |",
        "",
        f"dedupe / tesseract CPU: {ours / alone:.2f}. Peak memory: {peak:.0f} MB in dedupe's "
        f"process, {child_peak:.0f} MB the largest child (one page image at a time).",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, help="also write the report to this file")
    parser.add_argument("--throughput", action="store_true")
    parser.add_argument("--throughput-only", action="store_true", help="print only that section")
    parser.add_argument("--scans-only", action="store_true", help="print only that section")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    found = scans()
    if args.throughput_only:
        print("\n".join(throughput(found["darwin-rough"][0])))
        return 0
    if args.scans_only:
        print("\n".join(scans_tables(found)))
        print(f"({time.perf_counter() - started:.0f} s)")
        return 0
    lines, _ = readings_tables(found)
    lines += scans_tables(found)
    if args.throughput and "darwin-rough" in found:
        lines += throughput(found["darwin-rough"][0])
    seconds = time.perf_counter() - started
    head = [
        "# OCR: readings and scans",
        "",
        "Written by `python bench/ocr_readings.py --write bench/OCR.md --throughput`; do not edit by hand.",
        f"Tesseract: {subprocess.run(['tesseract', '--version'], capture_output=True, text=True).stdout.splitlines()[0]}, "
        "languages eng. CER: Levenshtein distance over the truth's length, whole texts "
        "compared as in bench/EVAL.md (typography folded). The typeset Beijing Binds report "
        "of /work/scans is left out: its footnotes put every reading near 45% (block order, "
        f"the normaliser's doing, the same for every reading). Run took {seconds:.0f} s "
        "(recognitions come from the OCR "
        "cache after the first run).",
        "",
    ]
    text = "\n".join(head + lines) + "\n"
    sys.stdout.write(text)
    if args.write:
        args.write.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
