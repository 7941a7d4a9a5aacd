"""Speed and memory of ``dedupe compare`` beside its peers, on the same inputs, in one run.

Inputs: the sample pair; the pair as 10- and 50-chapter books (bench/books.py:
every chapter its own vocabulary and OCR damage); Darwin's six editions of
chapter 1; three and five witnesses of the 50-chapter book. Each tool runs
as its own process (bench/measure.py): wall time and peak memory cover
start-up, reading, work and writing. Peers (bench/peers.py) run under a time
limit; a peer that runs out of time on an input is not run on larger ones.

Usage::

    python bench/bench_compare.py              # everything, writes bench/RESULTS.md
    python bench/bench_compare.py --quick      # the sample pair only, a smoke test
    python bench/bench_compare.py --tools dedupe   # dedupe again, the peers' last runs kept

Every full run keeps its raw numbers in bench/results.json. A run of only
some tools takes the other tools' numbers from there (the report says from
which run), so that measuring a change to dedupe does not cost the hour the
peers take.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from subprocess import DEVNULL

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

from measure import Measure, measure  # noqa: E402

SAMPLE = [
    ROOT / "samples" / "beijing-binds" / "a.txt",
    ROOT / "samples" / "beijing-binds" / "b.txt",
]
DARWIN = ROOT / "tests" / "data" / "darwin"
PEERS = ("collatex", "collatex-near", "difflib", "dmp")
#: Known variants of the sample pair: (reading in a.txt, reading in b.txt).
KNOWN = (
    ("Zholdosbaev", "Zholdoshaev"),
    ("Tsakhiagiin", "Tsakhiaagiin"),
    ("planeloads", "plane loads"),
    ("e-future", "E-future"),
)
#: Where hand-written notes start in RESULTS.md; a re-run keeps them.
NOTES_MARK = "## Profile: hot spots and what changed them"


@dataclass
class Case:
    name: str
    paths: list[Path]
    scale: int = 0  # copies of the sample pair, 0 for other inputs

    @property
    def words(self) -> int:
        return sum(len(p.read_text(encoding="utf-8").split()) for p in self.paths)

    @property
    def megabytes(self) -> float:
        return sum(p.stat().st_size for p in self.paths) / 1e6


@dataclass
class Run:
    """One tool on one case: the median of its repeats, or why it did not run."""

    case: str
    tool: str
    words: int
    seconds: float | None = None
    peak_mb: float | None = None
    status: str = "ok"
    repeats: int = 0
    found: dict[str, bool] = field(default_factory=dict)  # known variant -> found
    places: int | None = None  # differences reported (sample pair)

    @property
    def words_per_second(self) -> float | None:
        return self.words / self.seconds if self.seconds else None


def make_cases(work: Path, quick: bool) -> list[Case]:
    cases = [Case("sample pair (1x)", SAMPLE, 1)]
    if quick:
        return cases
    for copies, count in ((10, 2), (50, 5)):
        # in a process of its own: word lists loaded here would swell every child's peak
        generate = [sys.executable, str(BENCH / "books.py"), *map(str, SAMPLE)]
        generate += ["--copies", str(copies), "--witnesses", str(count)]
        subprocess.run([*generate, "--out", str(work / f"x{copies}")], check=True, stdout=DEVNULL)
    book = sorted((work / "x50").glob("witness-*.txt"))
    cases += [
        Case("Darwin, 6 editions", sorted(DARWIN.glob("*.txt"))),
        Case("sample x10, 2 witnesses", sorted((work / "x10").glob("witness-*.txt")), 10),
        Case("sample x50, 2 witnesses", book[:2], 50),
        Case("sample x50, 3 witnesses", book[:3], 50),
        Case("sample x50, 5 witnesses", book[:5], 50),
    ]
    return sorted(cases, key=lambda c: c.words)


def command(tool: str, case: Case, out: Path) -> list[str]:
    paths = [str(p) for p in case.paths]
    if tool == "dedupe":
        return [sys.executable, "-m", "dedupe", "compare", *paths, "-q", "-o", str(out)]
    return [sys.executable, str(BENCH / "peers.py"), tool, str(out), *paths]


def timed(tool: str, case: Case, work: Path, repeats: int, timeout: float) -> Run:
    out = work / f"{tool}.out"
    runs: list[Measure] = []
    for _ in range(repeats):
        m = measure(command(tool, case, out), timeout)
        runs.append(m)
        if not m.ok:
            break
    run = Run(case.name, tool, case.words, repeats=len(runs))
    if not runs[-1].ok:
        run.status = runs[-1].status
        run.seconds = runs[-1].seconds if run.status == "time-out" else None
        return run
    run.seconds = statistics.median(m.seconds for m in runs)
    run.peak_mb = max(m.peak_mb for m in runs)
    if case.scale == 1:
        run.places, run.found = known_variants(tool, case, out, work)
    return run


def widen(text: str, lo: int, hi: int) -> str:
    """The whole words a character range touches.

    >>> widen("the planeloads of", 9, 9)
    'planeloads'
    """
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    return text[lo:hi]


def known_variants(tool: str, case: Case, out: Path, work: Path) -> tuple[int, dict[str, bool]]:
    """How many places a tool reported between the two sample witnesses, and
    which known variants one of them shows (``pinpoints``)."""
    if tool == "dedupe":
        json_out = work / "dedupe.json"
        subprocess.run([*command(tool, case, json_out), "-f", "json"], check=True)
        variants = json.loads(json_out.read_text(encoding="utf-8"))["variants"]
        places = [(v["readings"]["A"] or "", v["readings"]["B"] or "") for v in variants]
    else:
        a, b = (p.read_text(encoding="utf-8") for p in case.paths)
        pairs = json.loads(out.read_text(encoding="utf-8"))["places"][0]
        places = [(widen(a, *ra), widen(b, *rb)) for ra, rb in pairs]
    found = {f"{x} / {y}": any(pinpoints(x, y, ra, rb) for ra, rb in places) for x, y in KNOWN}
    return len(places), found


def pinpoints(x: str, y: str, ra: str, rb: str, slack: int = 2) -> bool:
    """A place shows the variant ``x`` / ``y`` if it holds them, with at most
    ``slack`` more words on each side (a place of a thousand words holds
    every variant, and shows none).

    >>> pinpoints("planeloads", "plane loads", "planeloads", "plane loads")
    True
    >>> pinpoints("cat", "hat", "the cat sat on the mat", "the hat sat on a mat")
    False
    """
    return (
        x in ra
        and y in rb
        and len(ra.split()) <= len(x.split()) + slack
        and len(rb.split()) <= len(y.split()) + slack
    )


def startup(repeats: int = 5) -> float:
    """Median wall time of ``dedupe --help``."""
    runs = [measure([sys.executable, "-m", "dedupe", "--help"], 60) for _ in range(repeats)]
    return statistics.median(m.seconds for m in runs)


def machine() -> dict[str, str]:
    def lscpu(key: str) -> str:
        try:
            text = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        except OSError:
            return "?"
        return next(
            (ln.split(":", 1)[1].strip() for ln in text.splitlines() if ln.startswith(key)), "?"
        )

    memory = next(
        (
            ln.split()[1]
            for ln in Path("/proc/meminfo").read_text().splitlines()
            if "MemTotal" in ln
        ),
        "0",
    )
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    return {
        "cpu": lscpu("Model name"),
        "cores": lscpu("CPU(s)"),
        "memory": f"{int(memory) / 1024 / 1024:.1f} GB",
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "commit": commit or "?",
        "date": time.strftime("%Y-%m-%d %H:%M"),
    }


def keep_earlier_runs(raw: Path, runs: list[Run], info: dict, tools: list[str]) -> list[Run]:
    """The tools not run now, from the last run that had them (same inputs)."""
    if not raw.exists():
        return runs
    earlier = json.loads(raw.read_text(encoding="utf-8"))
    cases = {r.case for r in runs}
    kept = [Run(**r) for r in earlier["runs"] if r["tool"] not in tools and r["case"] in cases]
    if kept:
        before = earlier["machine"]
        info["peers from"] = before.get("peers from") or (
            f"{before['date']} at commit {before['commit']} (load {before['load before']} / "
            f"{before['load after']})"
        )
    return runs + kept


def load() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="the sample pair only")
    parser.add_argument("--tools", default="dedupe," + ",".join(PEERS))
    parser.add_argument("--timeout", type=float, default=600, help="seconds per peer run")
    parser.add_argument("--repeat", type=int, default=3, help="dedupe runs per small input")
    parser.add_argument("--out", type=Path, default=BENCH / "RESULTS.md")
    parser.add_argument(
        "--json", type=Path, help="raw results (default for a full run: bench/results.json)"
    )
    args = parser.parse_args(argv)
    tools = [t for t in args.tools.split(",") if t]
    unknown = set(tools) - {"dedupe", *PEERS}
    if unknown:
        parser.error(f"unknown tools: {', '.join(sorted(unknown))}")

    from bench_report import report

    info = machine()
    info["load before"] = load()
    runs: list[Run] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="dedupe-bench-") as tmp:
        work = Path(tmp)
        cases = make_cases(work, args.quick)
        help_seconds = startup(1 if args.quick else 5)
        timed_out: dict[str, int] = {}  # tool -> words of the input it ran out of time on
        for case in cases:
            words = case.words
            for tool in tools:
                label = f"{case.name} / {tool}"
                if tool in timed_out and words >= timed_out[tool]:
                    runs.append(Run(case.name, tool, words, status="skipped"))
                    continue
                print(f"{label} ...", file=sys.stderr, flush=True)
                repeats = args.repeat if tool == "dedupe" and words < 200_000 else 1
                run = timed(tool, case, work, 1 if args.quick else repeats, args.timeout)
                if run.status == "time-out":
                    timed_out[tool] = words
                runs.append(run)
                print(f"{label}: {run.status} {run.seconds or 0:.2f} s", file=sys.stderr)
        info["load after"] = load()
        inputs = [(c.name, len(c.paths), c.words, c.megabytes) for c in cases]
    minutes = (time.perf_counter() - started) / 60
    raw_path = args.json or (None if args.quick else BENCH / "results.json")
    if raw_path and not args.quick:
        runs = keep_earlier_runs(raw_path, runs, info, tools)
    old = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    notes = old[old.index(NOTES_MARK) :] if NOTES_MARK in old else ""
    text = report(info, inputs, runs, help_seconds, args.timeout, minutes, quick=args.quick)
    args.out.write_text(text + ("\n" + notes if notes else ""), encoding="utf-8")
    if raw_path:
        raw = {"machine": info, "startup": help_seconds, "runs": [asdict(r) for r in runs]}
        raw_path.write_text(json.dumps(raw, indent=1) + "\n", encoding="utf-8")
    print(f"written {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
