"""bench/RESULTS.md from the runs of bench_compare.py: tables, ratios, targets."""

from __future__ import annotations

TOOL_NAMES = {
    "dedupe": "dedupe",
    "collatex": "CollateX",
    "collatex-near": "CollateX near-match",
    "difflib": "difflib (words)",
    "dmp": "diff-match-patch (chars)",
}


def seconds(run) -> str:
    if run is None:
        return "-"
    if run.status == "time-out":
        return f"time-out (> {run.seconds:.0f} s)"
    if run.status == "skipped":
        return "not run (timed out on a smaller input)"
    if run.status != "ok":
        return run.status
    return f"{run.seconds:.2f} s"


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a and b else None


def report(info, inputs, runs, help_seconds, timeout, minutes, quick=False) -> str:
    by = {(r.case, r.tool): r for r in runs}
    tools = list(dict.fromkeys(r.tool for r in runs))
    cases = [name for name, *_ in inputs]
    out = [
        "# Speed and memory: dedupe compare beside its peers",
        "",
        "Made by `make bench` (`python bench/bench_compare.py"
        + (" --quick`: the sample pair only)." if quick else "`)."),
        f"Run {info['date']} at commit {info['commit']}; the whole run took {minutes:.0f} min.",
        *(
            [
                "",
                f"The peers' numbers are from the run of {info['peers from']}",
                "(`--tools dedupe` keeps them: they do not change with dedupe's code).",
            ]
            if info.get("peers from")
            else []
        ),
        "",
        "## Machine",
        "",
        f"- CPU: {info['cpu']}, {info['cores']} cores; memory {info['memory']}",
        f"- {info['system']}, Python {info['python']}",
        f"- load average (1 min) before / after the run: {info['load before']} / "
        f"{info['load after']} (a shared machine: other work ran beside the benchmark)",
        "",
        "## Inputs",
        "",
        "| input | witnesses | words (all witnesses) | MB |",
        "|---|---:|---:|---:|",
    ]
    out += [f"| {name} | {n} | {words:,} | {mb:.2f} |" for name, n, words, mb in inputs]
    out += [
        "",
        "The books are `bench/books.py`: the sample pair repeated as chapters, each chapter",
        "after the first with its own vocabulary (content words swapped, alike in every",
        "witness) and every chapter of every witness with its own OCR damage (0.5% of",
        "characters). Witnesses 1, 3, 5 are made from `a.txt`, 2 and 4 from `b.txt`.",
        "",
        "## dedupe compare",
        "",
        "Whole process (`python -m dedupe compare ... -q -o FILE`, plain-text output):"
        " wall time (median of the repeats), peak resident memory, and input words per"
        " second.",
        "",
        "| input | wall time | peak memory | words/s | runs |",
        "|---|---:|---:|---:|---:|",
    ]
    for name in cases:
        r = by.get((name, "dedupe"))
        if r is None:
            continue
        rate = f"{r.words_per_second:,.0f}" if r.status == "ok" else "-"
        memory = f"{r.peak_mb:.0f} MB" if r.peak_mb else "-"
        out.append(f"| {name} | {seconds(r)} | {memory} | {rate} | {r.repeats} |")
    out += ["", f"`dedupe --help`: {help_seconds:.2f} s (median of runs).", ""]
    out += growth(by)
    out += peers_table(by, cases, tools, timeout)
    out += variants_table(by, cases[0], tools)
    out += targets(by, help_seconds, tools, cases)
    return "\n".join(out) + "\n"


def growth(by) -> list[str]:
    one = by.get(("sample pair (1x)", "dedupe"))
    ten = by.get(("sample x10, 2 witnesses", "dedupe"))
    fifty = by.get(("sample x50, 2 witnesses", "dedupe"))
    if not (one and ten and fifty) or not all(r.seconds for r in (one, ten, fifty)):
        return []
    rows = [
        "## Growth with input size (two witnesses)",
        "",
        "| | 1x | 10x | 50x |",
        "|---|---:|---:|---:|",
        f"| words | {one.words:,} | {ten.words:,} ({ten.words / one.words:.1f}x) | "
        f"{fifty.words:,} ({fifty.words / one.words:.1f}x) |",
        f"| wall time | {one.seconds:.2f} s | {ten.seconds:.2f} s "
        f"({ten.seconds / one.seconds:.1f}x) | {fifty.seconds:.2f} s "
        f"({fifty.seconds / one.seconds:.1f}x) |",
        f"| peak memory | {one.peak_mb:.0f} MB | {ten.peak_mb:.0f} MB | {fifty.peak_mb:.0f} MB |",
        "",
        f"From 10x to 50x (5x the words) time grows {fifty.seconds / ten.seconds:.1f}x and "
        f"peak memory {fifty.peak_mb / ten.peak_mb:.1f}x (each peak includes the fixed "
        "cost of the interpreter and libraries, so growth under 5x is linear or better). "
        "The 1x time is mostly start-up (Python, imports, word lists), which is why "
        "the 10x and 50x ratios are well under the growth in words.",
        "",
    ]
    return rows


def peers_table(by, cases, tools, timeout) -> list[str]:
    peers = [t for t in tools if t != "dedupe"]
    if not peers:
        return []
    out = [
        "## Peers on the same inputs",
        "",
        f"Each peer runs as its own process under a limit of {timeout:.0f} s; in brackets, "
        "how many times longer it took than dedupe. CollateX aligns all witnesses at once; "
        "difflib and diff-match-patch compare witness 1 with each other witness in turn "
        "(diff-match-patch with `Diff_Timeout = 0`, the exact diff).",
        "",
        "| input | " + " | ".join(TOOL_NAMES[t] for t in tools) + " |",
        "|---|" + "---:|" * len(tools),
    ]
    for name in cases:
        base = by.get((name, "dedupe"))
        cells = []
        for tool in tools:
            r = by.get((name, tool))
            cell = seconds(r)
            times = ratio(r.seconds, base.seconds) if r and base and tool != "dedupe" else None
            if times and r.status == "ok":
                cell += f" ({times:,.1f}x)"
            if r and r.status == "ok" and r.peak_mb:
                cell += f", {r.peak_mb:.0f} MB"
            cells.append(cell)
        out.append(f"| {name} | " + " | ".join(cells) + " |")
    return [*out, ""]


def variants_table(by, sample, tools) -> list[str]:
    runs = [by.get((sample, t)) for t in tools]
    runs = [r for r in runs if r and r.found]
    if not runs:
        return []
    known = list(runs[0].found)
    out = [
        "## What they found in the sample pair",
        "",
        "Places of difference reported between `a.txt` and `b.txt`, and whether one of "
        "them shows each known variant: the reading of `a.txt` on one side, of `b.txt` on "
        "the other, with at most two more words on either side (places widened to whole "
        "words; a place of a thousand words holds every variant and shows none).",
        "",
        "| tool | places | " + " | ".join(f"`{k}`" for k in known) + " |",
        "|---|---:|" + "---|" * len(known),
    ]
    for r in runs:
        marks = " | ".join("found" if r.found[k] else "missed" for k in known)
        out.append(f"| {TOOL_NAMES[r.tool]} | {r.places:,} | {marks} |")
    return [*out, ""]


def targets(by, help_seconds, tools, cases) -> list[str]:
    def t(name):
        r = by.get((name, "dedupe"))
        return r.seconds if r and r.status == "ok" else None

    one, fifty = t("sample pair (1x)"), t("sample x50, 2 witnesses")
    five = t("sample x50, 5 witnesses")
    peak = max((r.peak_mb or 0 for (c, tool), r in by.items() if tool == "dedupe"), default=0)
    rows = [
        ("`dedupe --help` under 0.3 s", f"{help_seconds:.2f} s", help_seconds < 0.3),
        ("sample pair under 1 s, start-up included", _s(one), one is not None and one < 1),
        ("two 500-page witnesses (x50) under 10 s", _s(fifty), fifty is not None and fifty < 10),
        ("five of them under 30 s", _s(five), five is not None and five < 30),
        (
            "50x input in at most 60x the 1x time",
            f"{fifty / one:.1f}x" if one and fifty else "-",
            bool(one and fifty and fifty / one <= 60),
        ),
        ("peak memory under 1 GB", f"{peak:.0f} MB", 0 < peak < 1024),
    ]
    slower = []
    for name in cases:
        base = by.get((name, "dedupe"))
        for tool in tools:
            r = by.get((name, tool))
            if tool != "dedupe" and r and r.status == "ok" and base and base.seconds:
                if r.seconds <= base.seconds:
                    slower.append(f"{TOOL_NAMES[tool]} on {name}")
    rows.append(
        (
            "faster than each peer wherever the peer finishes",
            "; ".join(slower) + " faster" if slower else "yes",
            not slower,
        )
    )
    out = ["## Targets", "", "| target | measured | met |", "|---|---|---|"]
    out += [f"| {name} | {value} | {'yes' if ok else 'no'} |" for name, value, ok in rows]
    return [*out, ""]


def _s(value: float | None) -> str:
    return f"{value:.2f} s" if value is not None else "-"
