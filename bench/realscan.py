"""Real scans: is the canonical text better than the best witness it was made from?

For every set of real OCR witnesses with a ground truth, and for EVERY pair
and EVERY triple of its witnesses: the CER of the best witness of the pair or
triple, the CER of their canonical text (``dedupe.compare``), and the ratio.
The targets (issue 14): a pair's canonical text is never worse than its
better witness (ratio <= 1.0); a triple's is at most half its best witness's
CER (ratio <= 0.5).

Every text is scored as ``dedupe eval`` scores it (``dedupe/evaluate.py``):
read and normalised by dedupe, printed as the canonical plain text prints a
document, CER over grapheme clusters after NFC divided by the truth's length.
The canonical text is written to a file and read back the same way, so
``dedupe eval canonical.txt truth`` gives the same number.

Sets: ``../shared/corpus`` next to the checkout (or ``DEDUPE_CORPUS``): Kant
(the OCR-D engines in PAGE XML against OCR-D-GT-PAGE, two pages, compared
page by page), swiss_zoology (Tesseract, ABBYY, the archive.org DjVu text
against the corrected text, which was made from the Tesseract output and so
favours it), alto/lorem-ipsum (Tesseract ALTO of a good and of a bad scan
against the ground truth); and the generated scans (``bench/scanned.py``;
``DEDUPE_SCANS``, default /work/scans, else tests/data/scanned): each folder
with a ``truth.txt``, its hOCR witnesses and, as a set of its own, its
plain-text witnesses.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import scorer

ROOT = Path(__file__).resolve().parent.parent
PAIR_TARGET = 1.0
TRIPLE_TARGET = 0.5


def default_corpus() -> Path:
    """``../shared/corpus`` next to the checkout in use (the cwd's, then this file's)."""
    if os.environ.get("DEDUPE_CORPUS"):
        return Path(os.environ["DEDUPE_CORPUS"])
    for base in (Path.cwd(), ROOT):
        candidate = base.parent / "shared" / "corpus"
        if candidate.is_dir():
            return candidate
    return Path("/work/shared/corpus")


def default_scans() -> Path:
    if os.environ.get("DEDUPE_SCANS"):
        return Path(os.environ["DEDUPE_SCANS"])
    published = Path("/work/scans")
    if any(published.glob("*/truth.txt")):
        return published
    return ROOT / "tests" / "data" / "scanned"


@dataclass(frozen=True)
class Witness:
    name: str
    pages: tuple[str, ...]  # one file, or one file per page (compared page by page)


@dataclass(frozen=True)
class ScanSet:
    name: str
    witnesses: tuple[Witness, ...]
    truth: tuple[str, ...]  # one file per page, as the witnesses
    note: str = ""
    #: the truth is in the canonical plain-text format and must read back unchanged
    canonical_truth: bool = False


@dataclass(frozen=True)
class Combo:
    """One pair or triple: its witnesses' CERs and its canonical text's."""

    set: str
    names: tuple[str, ...]
    witness_cer: tuple[float, ...]
    cer: float | None  # canonical; None where compare failed
    wer: float | None
    best_wer: float
    seconds: float
    error: str = ""

    @property
    def best(self) -> float:
        return min(self.witness_cer)

    @property
    def ratio(self) -> float | None:
        """Canonical CER over the best witness's; None where either is
        missing or the best witness is perfect."""
        if self.cer is None or not self.best:
            return None
        return self.cer / self.best

    def met(self) -> bool:
        target = PAIR_TARGET if len(self.names) == 2 else TRIPLE_TARGET
        return self.cer is not None and self.cer <= target * self.best + 1e-12


# ---------------------------------------------------------------- the sets


def kant_set(folder: Path) -> ScanSet | None:
    truths = sorted((folder / "OCR-D-GT-PAGE").glob("*.xml"))
    witnesses = []
    for sub in sorted(folder.glob("OCR-D-OCR-*")):
        name = sub.name.removeprefix("OCR-D-OCR-").removesuffix("-SEG-LINE-tesseract-ocropy-DEWARP")
        pages = tuple(str(p) for p in sorted(sub.glob("*.xml")))
        if len(pages) == len(truths):
            witnesses.append(Witness(name, pages))
    if not truths or len(witnesses) < 2:
        return None
    return ScanSet(
        "kant",
        tuple(witnesses),
        tuple(str(p) for p in truths),
        f"{len(witnesses)} OCR-D engine runs (PAGE XML) of two pages of Fraktur against "
        "OCR-D-GT-PAGE; compared page by page, scored on both pages",
    )


def zoology_set(folder: Path) -> ScanSet | None:
    base = folder / "biostor-146511"
    files = {
        "tess": f"{base}_01-05.tess.txt",
        "abby": f"{base}_01-05.abby.txt",
        "djvu": f"{base}_djvu.txt",
    }
    truth = f"{base}_01-05.corr.txt"
    if not Path(truth).exists() or not all(Path(f).exists() for f in files.values()):
        return None
    return ScanSet(
        "swiss_zoology",
        tuple(Witness(n, (f,)) for n, f in files.items()),
        (truth,),
        "Tesseract, ABBYY and the archive.org DjVu text (an HTML page, read as text) of five "
        "pages against the corrected text, which was made from the Tesseract output",
    )


def lorem_set(folder: Path) -> ScanSet | None:
    good = folder / "lorem-ipsum-scan.ocr.tesseract.alto.xml"
    bad = folder / "lorem-ipsum-scan-bad.ocr.tesseract.alto.xml"
    truth = folder / "lorem-ipsum-scan.gt.page.xml"
    if not (good.exists() and bad.exists() and truth.exists()):
        return None
    return ScanSet(
        "lorem-ipsum",
        (Witness("good", (str(good),)), Witness("bad", (str(bad),))),
        (str(truth),),
        "Tesseract ALTO of a good and of a bad scan of one page against the PAGE ground truth",
    )


def scanned_sets(folder: Path) -> list[ScanSet]:
    """Each folder of the generated corpus with a truth: its hOCR witnesses
    as one set (``scanned/NAME``), its plain-text witnesses (no geometry:
    pages by form feeds only) as another (``scanned/NAME-txt``)."""
    out = []
    for truth in sorted(folder.glob("*/truth.txt")):
        for suffix, name, what in (
            (".hocr", "", "hOCR"),
            (".txt", "-txt", "plain text (pages separated by form feeds)"),
        ):
            files = sorted(f for f in truth.parent.glob(f"*-*{suffix}") if f != truth)
            if len(files) < 2:
                continue
            out.append(
                ScanSet(
                    f"scanned/{truth.parent.name}{name}",
                    tuple(Witness(f.stem, (str(f),)) for f in files),
                    (str(truth),),
                    f"generated scans ({truth.parent}): Tesseract {what} of two layouts x "
                    "three degradations",
                    canonical_truth=True,
                )
            )
    return out


def all_sets(corpus: Path | None = None, scans: Path | None = None) -> list[ScanSet]:
    corpus = corpus or default_corpus()
    found = [
        kant_set(corpus / "kant-1784"),
        zoology_set(corpus / "ocr-eng" / "swiss_zoology"),
        lorem_set(corpus / "alto" / "lorem-ipsum"),
        *scanned_sets(scans or default_scans()),
    ]
    return [s for s in found if s is not None]


# ---------------------------------------------------------------- scoring


def truth_drift(scan_set: ScanSet) -> int:
    """Grapheme edits between a truth file in the canonical format and the
    truth as this checkout reads it back (0 where not checked: PAGE truths,
    and texts whose page furniture the normaliser is meant to remove). A
    normaliser that changes such a truth changes every number of the set."""
    if not scan_set.canonical_truth:
        return 0
    raw = "\n\n".join(Path(p).read_text(encoding="utf-8") for p in scan_set.truth)
    return scorer.score_text(pages_text(scan_set.truth), raw).char_errors


def pages_text(pages: Sequence[str]) -> str:
    return "\n\n".join(scorer.file_text(p) for p in pages)


def canonical_text(witnesses: Sequence[Witness]) -> str:
    """The canonical text of the witnesses, page by page, read back as
    ``dedupe eval`` reads a file."""
    import dedupe

    texts = []
    with tempfile.TemporaryDirectory(prefix="dedupe-realscan-") as tmp:
        for page in range(len(witnesses[0].pages)):
            collation = dedupe.compare([w.pages[page] for w in witnesses])
            path = Path(tmp) / f"canonical-{page}.txt"
            path.write_text(dedupe.render("text", collation), encoding="utf-8")
            texts.append(scorer.file_text(str(path)))
    return "\n\n".join(texts)


def score_combo(job: tuple) -> Combo:
    set_name, witnesses, truth, witness_scores = job
    started = time.perf_counter()
    try:
        text = canonical_text(witnesses)
        score = scorer.score_text(text, truth)
        cer, wer, error = score.cer, score.wer, ""
    except Exception as err:  # an evaluation reports every failure and goes on
        cer = wer = None
        error = f"{type(err).__name__}: {err}"
    return Combo(
        set_name,
        tuple(w.name for w in witnesses),
        tuple(s.cer for s in witness_scores),
        cer,
        wer,
        min(s.wer for s in witness_scores),
        time.perf_counter() - started,
        error,
    )


def combos_of(scan_set: ScanSet, max_triples: int | None) -> list[tuple[Witness, ...]]:
    pairs = list(combinations(scan_set.witnesses, 2))
    triples = list(combinations(scan_set.witnesses, 3))
    if max_triples is not None:
        triples = triples[:max_triples]
    return pairs + triples


def evaluate_sets(
    sets: Sequence[ScanSet], jobs: int = 2, max_triples: dict[str, int] | None = None
) -> list[Combo]:
    """Every pair and triple of every set (triples capped per set by name)."""
    caps = max_triples or {}
    work = []
    for s in sets:
        truth = pages_text(s.truth)
        alone = {w.name: scorer.score_text(pages_text(w.pages), truth) for w in s.witnesses}
        for group in combos_of(s, caps.get(s.name)):
            work.append((s.name, group, truth, tuple(alone[w.name] for w in group)))
    if jobs <= 1:
        return [score_combo(j) for j in work]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(score_combo, work, chunksize=1))


# ---------------------------------------------------------------- report


def pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.2f}%"


def ratio_text(c: Combo) -> str:
    if c.cer is None:
        return "failed"
    if c.ratio is None:
        return "n/a (best 0)"
    return f"{c.ratio:.2f}"


def summary_rows(combos: Sequence[Combo], sets: Sequence[ScanSet]) -> list[dict]:
    """Per set: pairs and triples meeting their targets, the worst ratios."""
    rows = []
    for s in sets:
        mine = [c for c in combos if c.set == s.name]
        row = {"set": s.name, "witnesses": len(s.witnesses)}
        for size, key in ((2, "pairs"), (3, "triples")):
            group = [c for c in mine if len(c.names) == size]
            ratios = [c for c in group if c.ratio is not None]
            worst = max(ratios, key=lambda c: c.ratio, default=None)
            row[key] = len(group)
            row[f"{key}_met"] = sum(c.met() for c in group)
            row[f"{key}_failed"] = sum(c.cer is None for c in group)
            row[f"{key}_worst"] = worst
            values = sorted(c.ratio for c in ratios)
            row[f"{key}_median"] = values[len(values) // 2] if values else None
        rows.append(row)
    return rows


def report(combos: Sequence[Combo], sets: Sequence[ScanSet], seconds: float, caps=None) -> str:
    """The real-scan section of bench/EVAL.md."""
    caps = caps or {}
    out = [
        "## Real scans: every pair and triple against the best witness",
        "",
        "Written by `bench/eval.py` (`bench/realscan.py`). Each text is scored as `dedupe eval` "
        "scores it: read and normalised by dedupe, printed as the canonical plain text prints a "
        "document, CER = Levenshtein distance over grapheme clusters (NFC) / the truth's "
        "length; the canonical text (`dedupe compare`) is written to a file and read back the "
        "same way. Ratio = canonical CER / best witness CER of the pair or triple. Targets: "
        f"every pair <= {PAIR_TARGET:.1f}, every triple <= {TRIPLE_TARGET:.1f}.",
        "",
        "| set | witnesses | pairs <= 1.0 | median pair | worst pair | triples <= 0.5 | "
        "median triple | worst triple |",
        "|---|---:|---:|---:|---|---:|---:|---|",
    ]
    for row in summary_rows(combos, sets):
        cells = []
        for key in ("pairs", "triples"):
            worst = row[f"{key}_worst"]
            failed = f" ({row[f'{key}_failed']} failed)" if row[f"{key}_failed"] else ""
            cells.append(f"{row[f'{key}_met']} of {row[key]}{failed}")
            median = row[f"{key}_median"]
            cells.append("n/a" if median is None else f"{median:.2f}")
            cells.append(
                "n/a" if worst is None else f"{worst.ratio:.2f} ({' + '.join(worst.names)})"
            )
        out.append(f"| {row['set']} | {row['witnesses']} | " + " | ".join(cells) + " |")
    out += ["", "Sets:", ""]
    for s in sets:
        cap = caps.get(s.name)
        capped = f" Triples capped at the first {cap} (in witness order)." if cap else ""
        out.append(f"- **{s.name}**: {s.note}.{capped}")
    drifts = {s.name: truth_drift(s) for s in sets}
    for name, edits in drifts.items():
        if edits:
            out.append(
                f"- **Warning**: this checkout reads the truth of {name} back {edits} grapheme "
                "edits away from the file, so its numbers are not comparable with another "
                "checkout's."
            )
    errors = sorted({c.error for c in combos if c.error})
    if errors:
        out += ["", "Failures:", "", *[f"- `{e}`" for e in errors]]
    for s in sets:
        mine = [c for c in combos if c.set == s.name]
        alone = {n: v for c in mine for n, v in zip(c.names, c.witness_cer, strict=True)}
        out += [
            "",
            f"### {s.name}",
            "",
            "Each witness alone: "
            + ", ".join(f"{n} {pct(v)}" for n, v in sorted(alone.items(), key=lambda kv: kv[1]))
            + ".",
            "",
            "| witnesses | witness CERs | best CER | canonical CER | ratio | best WER | "
            "canonical WER | met |",
            "|---|---|---:|---:|---:|---:|---:|---|",
        ]
        for c in mine:
            each = ", ".join(pct(v) for v in c.witness_cer)
            out.append(
                f"| {' + '.join(c.names)} | {each} | {pct(c.best)} | {pct(c.cer)} | "
                f"{ratio_text(c)} | {pct(c.best_wer)} | {pct(c.wer)} | "
                f"{'yes' if c.met() else 'NO'} |"
            )
    out += ["", f"Real-scan time: {seconds:.0f} s.", ""]
    return "\n".join(out)


def from_json(data: list[dict]) -> list[Combo]:
    """The combinations back from ``to_json`` (to re-render a saved run)."""
    return [
        Combo(
            d["set"],
            tuple(d["witnesses"]),
            tuple(d["witness_cer"]),
            d["canonical_cer"],
            d["canonical_wer"],
            d["best_wer"],
            0.0,
            d["error"],
        )
        for d in data
    ]


def to_json(combos: Sequence[Combo]) -> list[dict]:
    return [
        {
            "set": c.set,
            "witnesses": list(c.names),
            "witness_cer": list(c.witness_cer),
            "best_cer": c.best,
            "canonical_cer": c.cer,
            "ratio": c.ratio,
            "best_wer": c.best_wer,
            "canonical_wer": c.wer,
            "met": c.met(),
            "error": c.error,
        }
        for c in combos
    ]
