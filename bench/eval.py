"""Evaluation: how close does dedupe's canonical text come to the truth?

Two parts, both written to bench/EVAL.md and printed:

1. Simulated scans (bench/simulate.py) of real clean texts (samples/texts):
   for 2, 3 and 5 witnesses at low, medium and high noise, the character and
   word error rates of each witness's normalised text and of the canonical
   text, paragraphs intact, footnotes recovered, layout noise left over.
2. Real OCR: Kant's *Was ist Aufklärung?* (two pages) read by every OCR
   engine and model of the OCR-D set (Calamari, ocropy, Tesseract: eight
   runs), against the human transcription: each engine alone, the canonical
   text of all of them, and of the best three.

3. Real scans (bench/realscan.py): every pair and every triple of the
   witnesses of every real set with ground truth (Kant, swiss_zoology,
   alto/lorem-ipsum, the generated scans of bench/scanned.py), best witness
   against canonical text, scored as ``dedupe eval`` scores.

Then the targets the project set, met or not, and where the remaining
errors are (by kind, and whether the witnesses had the right reading).

Usage: ``make eval`` or ``python bench/eval.py [--jobs 2] [--sources a,b]``;
``--real-only`` for part 3 alone (printed; ``--out``/``--json`` to write it),
against any checkout: ``cd CHECKOUT && PYTHONPATH=$PWD .venv/bin/python
/path/to/bench/eval.py --real-only`` (dedupe is imported from PYTHONPATH).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import metrics  # noqa: E402
import realscan  # noqa: E402
import simulate  # noqa: E402

TEXTS = ROOT / "samples" / "texts"
#: Clean sources and their running heads.
SOURCES = {
    "beijing-binds": "Beijing Binds",
    "darwin-1859": "On the Origin of Species",
    "swiss-zoology": "Revue suisse de Zoologie",
    "kant-1784": "Berlinische Monatsschrift",
}
COUNTS = (2, 3, 5)
NOISES = ("low", "medium", "high")
SEED = 1
KANT = Path(os.environ.get("DEDUPE_KANT", "/work/shared/corpus/kant-1784"))
#: PAGE region types that are page furniture, not the text of an edition.
FURNITURE = frozenset({"page-number", "signature-mark", "catch-word", "header", "footer"})


# ---------------------------------------------------------------- one run


@dataclass
class Run:
    """Scores of one collation against its truth."""

    source: str
    noise: str
    count: int
    witness_cer: list[float]
    witness_wer: list[float]
    cer: float | None = None
    wer: float | None = None
    paragraphs: float | None = None
    footnotes: float | None = None
    layout_left: int | None = None
    seconds: float = 0.0
    error: str = ""
    report: metrics.ErrorReport = field(default_factory=metrics.ErrorReport)
    broken: list[str] = field(default_factory=list)  # truth paragraphs not intact


def collate(paths: list[Path]) -> tuple[str | None, list[str], str]:
    """The canonical text and each witness's normalised text; where the
    compare pipeline fails, the witnesses alone and the error."""
    import dedupe

    try:
        collation = dedupe.compare([str(p) for p in paths])
        canonical = dedupe.render("text", collation)
        return canonical, [metrics.document_text(d) for d in collation.documents], ""
    except Exception as err:  # an evaluation reports every failure and goes on
        docs = [dedupe.normalise_file(str(p)) for p in paths]
        return None, [metrics.document_text(d) for d in docs], f"{type(err).__name__}: {err}"


def score(source: str, noise: str, paths: list[Path], truth: str, layout: list[str]) -> Run:
    started = time.perf_counter()
    canonical, witnesses, error = collate(paths)
    run = Run(
        source,
        noise,
        len(paths),
        witness_cer=[metrics.cer(w, truth) for w in witnesses],
        witness_wer=[metrics.wer(w, truth) for w in witnesses],
        error=error,
    )
    run.seconds = time.perf_counter() - started
    if canonical is not None:
        run.cer = metrics.cer(canonical, truth)
        run.wer = metrics.wer(canonical, truth)
        run.paragraphs = metrics.paragraphs_intact(canonical, truth)
        run.broken = metrics.broken_paragraphs(canonical, truth)
        run.footnotes = metrics.footnotes_recovered(canonical, truth)
        run.layout_left = metrics.layout_left(canonical, truth, layout)
        run.report = metrics.error_report(canonical, truth, witnesses)
    return run


def simulated_runs(source: str, noise: str, counts: tuple[int, ...] = COUNTS) -> list[Run]:
    """Simulate the largest number of witnesses once; smaller sets are its
    first witnesses (each witness has its own seed, so they are the same)."""
    doc = simulate.load_clean(TEXTS / f"{source}.txt", SOURCES[source])
    with tempfile.TemporaryDirectory(prefix="dedupe-eval-") as tmp:
        paths = simulate.simulate(doc, max(counts), simulate.NOISE_LEVELS[noise], SEED, tmp)
        truth = (Path(tmp) / "truth.txt").read_text(encoding="utf-8")
        layouts = json.loads((Path(tmp) / "layout.json").read_text(encoding="utf-8"))
        runs = []
        for count in counts:
            layout = [line for p in paths[:count] for line in layouts[p.name]]
            runs.append(score(source, noise, paths[:count], truth, layout))
    return runs


# ---------------------------------------------------------------- Kant: real OCR


def page_truth(path: Path) -> str:
    """The edition text of a ground-truth PAGE file in the canonical format:
    regions in reading order, page furniture left out, line-end hyphens
    undone, a drop capital joined to its paragraph."""
    from lxml import etree

    root = etree.parse(str(path)).getroot()
    ns = {"pc": etree.QName(root).namespace}
    regions = {r.get("id"): r for r in root.iterfind(".//pc:TextRegion", ns)}
    order = [ref.get("regionRef") for ref in root.iterfind(".//pc:RegionRefIndexed", ns)]
    order += [rid for rid in regions if rid not in order]
    blocks: list[str] = []
    capital = ""
    for rid in order:
        region = regions.get(rid)
        if region is None or region.get("type") in FURNITURE:
            continue
        lines = [
            (u.text or "").strip()
            for u in region.iterfind("pc:TextLine/pc:TextEquiv/pc:Unicode", ns)
        ]
        text = ""
        for line in filter(None, lines):
            text = text[:-1] + line if text.endswith("-") else f"{text} {line}".strip()
        if region.get("type") == "drop-capital":
            capital = text
            continue
        blocks.append(capital + text)
        capital = ""
    return "\n\n".join(b for b in blocks if b) + "\n"


@dataclass
class KantResult:
    engines: dict[str, float]
    all_engines: float | None
    best_three: float | None
    best_three_names: list[str]
    error: str = ""
    report: metrics.ErrorReport = field(default_factory=metrics.ErrorReport)


def kant_engines(folder: Path) -> dict[str, list[Path]]:
    """Each OCR engine's PAGE files (one per page), by engine name."""
    engines = {}
    for sub in sorted(folder.glob("OCR-D-OCR-*")):
        name = sub.name.removeprefix("OCR-D-OCR-").removesuffix("-SEG-LINE-tesseract-ocropy-DEWARP")
        engines[name] = sorted(sub.glob("*.xml"))
    return engines


def kant_eval(folder: Path = KANT) -> KantResult | None:
    """Each engine alone, all of them collated, the best three collated: page
    by page (each page is one comparison), scored on both pages together."""
    truths = sorted((folder / "OCR-D-GT-PAGE").glob("*.xml"))
    engines = kant_engines(folder)
    if not truths or len(engines) < 3:
        return None
    truth = "\n".join(page_truth(p) for p in truths)
    pages = range(len(truths))

    def canonical(names: list[str]) -> tuple[str | None, list[str], str]:
        texts, witness_texts = [], ["" for _ in names]
        for page in pages:
            text, witnesses, error = collate([engines[n][page] for n in names])
            if text is None:
                return None, [], error
            texts.append(text)
            witness_texts = [a + b for a, b in zip(witness_texts, witnesses, strict=True)]
        return "\n".join(texts), witness_texts, ""

    import dedupe

    alone = {
        name: metrics.cer(
            "\n".join(metrics.document_text(dedupe.normalise_file(str(p))) for p in files),
            truth,
        )
        for name, files in engines.items()
    }
    ranked = sorted(alone, key=alone.__getitem__)
    everything, witnesses, error = canonical(ranked)
    three, _, _ = canonical(ranked[:3]) if everything is not None else (None, [], "")
    result = KantResult(
        engines=alone,
        all_engines=metrics.cer(everything, truth) if everything is not None else None,
        best_three=metrics.cer(three, truth) if three is not None else None,
        best_three_names=ranked[:3],
        error=error,
    )
    if everything is not None:
        result.report = metrics.error_report(everything, truth, witnesses)
    return result


# ---------------------------------------------------------------- report


def pct(value: float | None, digits: int = 2) -> str:
    return "n/a" if value is None else f"{100 * value:.{digits}f}%"


def run_table(runs: list[Run]) -> list[str]:
    lines = [
        "| source | noise | witnesses | witness CER best / worst | canonical CER | "
        "canonical / best | witness WER best | canonical WER | paragraphs intact | "
        "footnotes recovered | layout left | seconds |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in runs:
        best = min(r.witness_cer)
        ratio = "n/a" if r.cer is None or not best else f"{r.cer / best:.2f}"
        lines.append(
            f"| {r.source} | {r.noise} | {r.count} | {pct(best)} / {pct(max(r.witness_cer))} | "
            f"{pct(r.cer)} | {ratio} | {pct(min(r.witness_wer))} | {pct(r.wer)} | "
            f"{pct(r.paragraphs, 1)} | {pct(r.footnotes, 1)} | "
            f"{'n/a' if r.layout_left is None else r.layout_left} | {r.seconds:.1f} |"
        )
    return lines


def targets(
    runs: list[Run], kant: KantResult | None, real: list[realscan.Combo] | None = None
) -> list[tuple[str, str, bool | None]]:
    """(target, what was measured, met) for each target the project set."""
    done = [r for r in runs if r.cer is not None]

    def ratios(count: int, noise: str) -> list[tuple[str, float]]:
        return [
            (r.source, r.cer / min(r.witness_cer))
            for r in done
            if r.count == count and r.noise == noise and min(r.witness_cer)
        ]

    def check(name: str, values: list[tuple[str, float]], ok) -> tuple[str, str, bool | None]:
        if not values:
            return name, "not measured", None
        shown = ", ".join(f"{s} {v:.2f}" for s, v in values)
        return name, shown, all(ok(v) for _, v in values)

    out = [
        check("3 witnesses, medium noise: canonical CER <= 1/3 of the best witness (ratio <= 0.33)",
              ratios(3, "medium"), lambda v: v <= 1 / 3),
        check("5 witnesses, medium noise: canonical CER <= 1/5 of the best witness (ratio <= 0.20)",
              ratios(5, "medium"), lambda v: v <= 1 / 5),
        check("2 witnesses, every noise level: canonical never worse than the better witness (ratio <= 1)",
              [(f"{s} {n}", v) for n in NOISES for s, v in ratios(2, n)], lambda v: v <= 1),
        check("2 witnesses, medium noise: canonical >= 25% better than the better witness (ratio <= 0.75)",
              ratios(2, "medium"), lambda v: v <= 0.75),
    ]  # fmt: skip
    left = sum(r.layout_left or 0 for r in done)
    out.append(("no running heads, footers or page numbers left", f"{left} left in {len(done)} runs",
                left == 0 if done else None))  # fmt: skip
    worst = min((r.paragraphs for r in done if r.paragraphs is not None), default=None)
    out.append(("paragraphs intact >= 99% (worst run)", pct(worst, 1),
                None if worst is None else worst >= 0.99))  # fmt: skip
    notes = [r.footnotes for r in done if r.footnotes is not None]
    out.append(("footnotes recovered >= 99% (worst run)", pct(min(notes, default=None), 1),
                min(notes) >= 0.99 if notes else None))  # fmt: skip
    if kant and kant.all_engines is not None:
        best = min(kant.engines.values())
        out.append(("Kant: canonical of all engines beats the best engine",
                    f"{pct(kant.all_engines)} vs {pct(best)}", kant.all_engines < best))  # fmt: skip
    else:
        out.append(("Kant: canonical of all engines beats the best engine", "not measured", None))
    for size, target in ((2, realscan.PAIR_TARGET), (3, realscan.TRIPLE_TARGET)):
        group = [c for c in real or [] if len(c.names) == size]
        name = (
            f"real scans, every {'pair' if size == 2 else 'triple'}: canonical CER <= "
            f"{target:.1f} x the best witness's"
        )
        if not group:
            out.append((name, "not measured", None))
            continue
        met = sum(c.met() for c in group)
        out.append((name, f"{met} of {len(group)}", met == len(group)))
    return out


def diagnosis(reports: list[tuple[str, metrics.ErrorReport, list[str]]]) -> list[str]:
    lines = []
    for title, report, broken in reports:
        total = sum(report.kinds.values())
        if not total and not broken:
            continue
        kinds = ", ".join(f"{k} {v}" for k, v in report.kinds.most_common())
        support = ", ".join(f"{k} {v}" for k, v in report.support.most_common())
        words = report.words
        lines += [
            f"**{title}**: {total} differences: {kinds}.",
            f"By witness support: {support}.",
            f"Truth words some witness misread: {words['fixed']} read right in the canonical "
            f"text, {words['left wrong']} not; {words['unreadable']} misread by every witness; "
            f"{words['broken']} read right by every witness but not in the canonical text.",
            "",
        ]
        for kind, examples in report.examples.items():
            lines.append(f"- {kind}: " + "; ".join(examples))
        if broken:
            shown = "; ".join(repr(b[:50]) for b in broken[:4])
            lines.append(f"- paragraphs not intact ({len(broken)}): {shown}")
        lines.append("")
    return lines


def kant_table(kant: KantResult) -> list[str]:
    lines = ["| witness | CER |", "|---|---:|"]
    for name, value in sorted(kant.engines.items(), key=lambda kv: kv[1]):
        lines.append(f"| {name} alone | {pct(value)} |")
    lines.append(f"| canonical of all {len(kant.engines)} | {pct(kant.all_engines)} |")
    lines.append(
        f"| canonical of the best 3 ({', '.join(kant.best_three_names)}) | {pct(kant.best_three)} |"
    )
    if kant.error:
        lines += ["", f"compare failed: `{kant.error}`"]
    return lines


def write_report(
    runs: list[Run], kant: KantResult | None, seconds: float, real_section: str = "", real=None
) -> str:
    met = targets(runs, kant, real)
    errors = sorted({r.error for r in runs if r.error})
    out = [
        "# Evaluation",
        "",
        "Written by `make eval` (`bench/eval.py`); do not edit by hand.",
        "",
        "Error rates compare texts with typography folded (quotes, dashes, emphasis, "
        "footnote-marker style) and whitespace collapsed; each witness is scored on its own "
        "normalised text (`dedupe normalise`), the canonical text is `dedupe compare` rendered "
        "as plain text. CER and WER are Levenshtein distances over characters and words "
        "divided by the length of the truth.",
        "",
        "## Simulated scans",
        "",
        f"Witnesses from `bench/simulate.py` (seed {SEED}; noise low/medium/high = character "
        "error rates of 0.5%/2%/5% aimed at) of the clean texts in `samples/texts/`. "
        "Paragraphs intact: share of the truth's headings and paragraphs found whole as one "
        "canonical block (a block nearest to it by fuzzy ratio and about as long: within 15% "
        "or 12 characters, so misread words do not count, joins and splits do). Footnotes "
        "recovered: share of the truth's notes present under their number and whole (the "
        "same test). Layout left: running heads, footers and page numbers found in the "
        "canonical text beyond those in the truth (a page number as a word of its own).",
        "",
        *run_table(runs),
        "",
    ]
    if errors:
        out += ["Failures:", "", *[f"- `{e}`" for e in errors], ""]
    out += ["## Real OCR: Kant, every engine of the OCR-D set", ""]
    out += kant_table(kant) if kant else ["The Kant corpus was not found (set DEDUPE_KANT)."]
    if real_section:
        out += ["", real_section.rstrip()]
    out += ["", "## Targets", "", "| target | measured | met |", "|---|---|---|"]
    for name, measured, ok in met:
        out.append(f"| {name} | {measured} | {'n/a' if ok is None else 'yes' if ok else 'NO'} |")
    reports = [
        (f"{r.source}, {r.count} witnesses, {r.noise} noise", r.report, r.broken)
        for r in runs
        if r.noise == "medium" and r.count in (2, 3)
    ]
    if kant:
        reports.append((f"Kant, all {len(kant.engines)} engines", kant.report, []))
    out += ["", "## Where the errors are", ""]
    out += [
        "Word-level differences of the canonical text from the truth, by kind, and by how many "
        "witnesses read the truth at that place (most witnesses right: the decision went "
        "wrong; no witness right: nothing could have given it).",
        "",
        *diagnosis(reports),
        f"Total time: {seconds:.0f} s.",
        "",
    ]
    return "\n".join(out)


def real_scans(args) -> tuple[str, list[realscan.Combo]]:
    """Part 3: every pair and triple of the real sets, and its section."""
    started = time.perf_counter()
    sets = realscan.all_sets(args.corpus, args.scans)
    caps = {"kant": args.kant_triples} if args.kant_triples is not None else {}
    if args.quick:
        caps["kant"] = min(caps.get("kant", 10), 10)
        sets = [s for s in sets if not s.name.startswith("scanned/") or s.name == "scanned/beijing"]
    combos = realscan.evaluate_sets(sets, args.jobs, caps)
    section = realscan.report(combos, sets, time.perf_counter() - started, caps)
    if args.json:
        args.json.write_text(
            json.dumps(realscan.to_json(combos), indent=1) + "\n", encoding="utf-8"
        )
    return section, combos


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=2, help="worker processes")
    parser.add_argument("--sources", default=",".join(SOURCES), help="comma-separated")
    parser.add_argument("--noise", default=",".join(NOISES), help="comma-separated")
    parser.add_argument("--no-kant", action="store_true")
    parser.add_argument("--out", type=Path, help="default bench/EVAL.md (--real-only: none)")
    parser.add_argument("--real-only", action="store_true", help="only the real-scan section")
    parser.add_argument("--no-real", action="store_true", help="leave the real-scan section out")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="medium noise only; real scans: Kant's first 10 triples, scanned/beijing only",
    )
    parser.add_argument("--kant-triples", type=int, help="cap Kant's triples (in engine order)")
    parser.add_argument("--corpus", type=Path, help="default ../shared/corpus (DEDUPE_CORPUS)")
    parser.add_argument("--scans", type=Path, help="default /work/scans (DEDUPE_SCANS)")
    parser.add_argument("--json", type=Path, help="write the real-scan combinations here")
    args = parser.parse_args(argv)
    if args.real_only:
        section, combos = real_scans(args)
        if args.out:
            args.out.write_text(section, encoding="utf-8")
        print(section)
        return 1 if any(c.error for c in combos) else 0
    out = args.out or BENCH / "EVAL.md"
    started = time.perf_counter()
    noises = "medium" if args.quick else args.noise
    cases = [(s, n) for s in args.sources.split(",") for n in noises.split(",")]
    for source, noise in cases:
        if source not in SOURCES or noise not in NOISES:
            parser.error(f"unknown source or noise: {source}, {noise}")
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        kant_job = None if args.no_kant else pool.submit(kant_eval)
        jobs = [pool.submit(simulated_runs, s, n) for s, n in cases]
        runs = [run for job in jobs for run in job.result()]
        kant = kant_job.result() if kant_job else None
    section, combos = ("", []) if args.no_real else real_scans(args)
    order = {(s, n): i for i, (s, n) in enumerate(cases)}
    runs.sort(key=lambda r: (order[(r.source, r.noise)], r.count))
    report = write_report(runs, kant, time.perf_counter() - started, section, combos)
    out.write_text(report, encoding="utf-8")
    print(report)
    failed = Counter(bool(r.error) for r in runs) + Counter(bool(c.error) for c in combos)
    return 0 if not failed[True] else 1


if __name__ == "__main__":
    raise SystemExit(main())
