"""The scan on a labelled collection of real documents, beside datasketch.

    python bench/scan_real.py build /tmp/real      # the collection and its truth
    python bench/scan_real.py quality /tmp/real    # precision, recall, ARI, keep, speed
    python bench/scan_real.py query /tmp/real --docs 100000   # query latency
    python bench/scan_real.py speed /tmp/g1k       # beside datasketch on bench/gen_collection.py files

The collection (``build``), every file real text, the truth by provenance:

- groups of versions: Darwin's chapter 1 in six editions with the 1859 text
  typeset, rasterised, degraded and re-read by Tesseract in six ways
  (``/work/scans``, bench/scanned.py: hOCR and plain text of each run, the
  typeset PDFs, the ground truth); the same for *Beijing Binds* (with the
  two sample files) and the Swiss zoology article; the two Kant pages (the
  transcription in PAGE and ALTO, eight OCR engines' PAGE each); the five
  Swiss zoology pages (Tesseract, ABBYY, corrected) and the whole article
  (the three joined, and a DjVu text);
- hard negatives, each a file of its own: chapters of one book (the
  sections of the DMCA summary and of the 1040-NR instructions, split at
  their headings' pages: one running header, one vocabulary), and
  documents sharing licence boilerplate (three texts from the PDF corpus,
  each with the same 300-word licence before and after it: a third of each file);
- partial copies: the first third of the 1872 edition, a middle third of
  the Beijing ground truth, the first page of the 1040-NR instructions
  (of which the whole is a chapter: a contained part, not a version).

The known best copy of a group with a ground truth is the least noisy one
by CER against it (``dedupe.evaluate``: every file scored as dedupe reads
it), and every copy within ``BEST_TOLERANCE`` of that least CER: for the
Darwin, Beijing and Swiss scans the whole text the scans were typeset from
(``samples/texts``: the scans hold only its first pages, so their CER counts
what they lack), for each Kant page its PAGE transcription, for each Swiss
page its corrected text. Darwin's six editions have no one truth (each
edition is a text of its own): there any edition is right (``clean``, by
provenance: the texts nobody OCRed).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path("/work/shared/corpus")
SCANS = Path("/work/scans")
KANT = CORPUS / "kant-1784"
SWISS = CORPUS / "ocr-eng" / "swiss_zoology"
TEXTS = ROOT / "samples" / "texts"
#: A copy whose CER is within this of the group's least CER is as good as
#: the best (one character in 1,000: two renderings of one text differ by less).
BEST_TOLERANCE = 0.001


def truths() -> dict[str, Path]:
    """The ground truth of each group that has one (see the module docstring)."""
    found = {
        "darwin-scan": SCANS / "darwin" / "truth.txt",  # the scans are all of what was typeset
        "beijing": TEXTS / "beijing-binds.txt",
        "swiss-whole": TEXTS / "swiss-zoology.txt",
    }
    for page in ("0017", "0020"):
        found[f"kant-{page}"] = KANT / f"OCR-D-GT-PAGE/PAGE_{page}_PAGE.xml"
    for page in ("01", "02", "03", "04", "05"):
        found[f"swiss-{page}"] = SWISS / f"biostor-146511_{page}.corr.txt"
    return found


def best_copies(docs: Path, groups: dict[str, list[str]]) -> dict[str, dict[str, float]]:
    """Each member's CER against its group's truth (groups with a truth only)."""
    from dedupe.evaluate import file_text, score_text

    cer = {}
    for group, truth in truths().items():
        reference = file_text(str(truth))
        cer[group] = {
            name: round(score_text(file_text(str(docs / name)), reference).cer, 5)
            for name in groups[group]
        }
    return cer


#: A licence of the kind archives stamp on every file (written for this
#: bench: any long fixed passage does).
LICENCE = (
    "Terms of use. This digital copy is made available by the archive for "
    "research, teaching and private study only. Every reproduction of this "
    "document, in whole or in part, in any form or medium, must name the "
    "archive as its source and must keep this notice intact. Commercial use "
    "of this digital copy, including resale, inclusion in products sold for "
    "profit, or use in advertising, requires the written permission of the "
    "archive, which may refuse it without stating reasons. The archive makes "
    "no warranty that this copy is complete or free of errors introduced in "
    "digitisation; optical character recognition of historical material is "
    "imperfect, and the images held by the archive remain the authoritative "
    "record. Rights holders who believe that this copy infringes their rights "
    "are asked to write to the archive, giving the document's identifier, so "
    "that it can be withdrawn while the matter is examined. Personal data "
    "contained in this document are published under the exemptions for "
    "archiving in the public interest; they may not be used to take "
    "decisions about the persons concerned. By downloading or reading this "
    "copy you accept these terms, which are governed by the law of the place "
    "where the archive has its seat, and whose courts alone decide any "
    "dispute about them. The archive thanks the foundations whose grants paid "
    "for the digitisation of its collections and for the long-term "
    "preservation of the files, and the volunteers who checked the metadata "
    "of this series. Questions about this document, its provenance or its "
    "digitisation may be sent to the reading room, which answers them in the "
    "order received. This notice was last revised in the spring of the year "
    "in which this copy was made and replaces all earlier versions of it. "
)


def pdf_text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    command = ["pdftotext", "-layout"]
    if first:
        command += ["-f", str(first)]
    if last:
        command += ["-l", str(last)]
    return subprocess.run(
        [*command, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def build(out: Path) -> dict:
    """Copy and make every file into ``out/docs``; the truth into ``out/truth.json``."""
    docs = out / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    groups: dict[str, list[str]] = {}
    clean: dict[str, list[str]] = {}
    partials: dict[str, str] = {}
    negatives: list[str] = []

    def put(name: str, source: Path | None = None, text: str | None = None) -> str:
        if source is not None:
            shutil.copy(source, docs / name)
        else:
            (docs / name).write_text(text or "", encoding="utf-8")
        return name

    def member(group: str, name: str, is_clean: bool) -> None:
        groups.setdefault(group, []).append(name)
        if is_clean:
            clean.setdefault(group, []).append(name)

    for text in ("darwin", "beijing", "zoology"):
        for path in sorted((SCANS / text).glob("*")):
            if path.suffix in (".hocr", ".txt", ".pdf"):
                ocred = path.suffix == ".hocr" or "-" in path.stem
                # the Darwin scans are 2,200 words of the chapter's 11,000: a group of
                # their own (contained in the editions); the zoology text is the
                # Swiss article (samples/README.md), so one group with it
                group = {"darwin": "darwin-scan", "zoology": "swiss-whole"}.get(text, text)
                member(group, put(f"scan-{text}-{path.name}", path), not ocred)
    for path in sorted((CORPUS / "darwin").glob("*.txt")):
        member("darwin", put(f"edition-{path.name}", path), True)
    for name in ("a.txt", "b.txt"):
        member(
            "beijing", put(f"sample-beijing-{name}", ROOT / "samples/beijing-binds" / name), True
        )
    for n, page in enumerate(("0017", "0020"), 1):
        group = f"kant-{page}"
        member(
            group,
            put(f"kant-{page}-gt.page.xml", KANT / f"OCR-D-GT-PAGE/PAGE_{page}_PAGE.xml"),
            True,
        )
        member(
            group,
            put(f"kant-{page}-gt.alto.xml", KANT / f"OCR-D-GT-ALTO/PAGE_{page}_ALTO.xml"),
            True,
        )
        for engine in sorted(KANT.glob("OCR-D-OCR-*")):
            short = engine.name.replace("OCR-D-OCR-", "").replace(
                "-SEG-LINE-tesseract-ocropy-DEWARP", ""
            )
            member(
                group,
                put(f"kant-{page}-{short}.page.xml", engine / f"{engine.name}_000{n}.xml"),
                False,
            )
    for page in ("01", "02", "03", "04", "05", "01-05"):
        group = "swiss-whole" if page == "01-05" else f"swiss-{page}"
        for engine in ("tess", "abby", "corr"):
            name = f"swiss-{page}.{engine}.txt"
            member(
                group, put(name, SWISS / f"biostor-146511_{page}.{engine}.txt"), engine == "corr"
            )
    member("swiss-whole", put("swiss-djvu.txt", SWISS / "biostor-146511_djvu.txt"), False)
    # hard negatives: chapters of one book
    for pdf, sections in (("dmca.pdf", [(1, 4), (5, 8), (9, 12), (13, 18)]),
                          ("i1040nr.pdf", [(3, 10), (11, 20), (21, 30), (31, 40)])):  # fmt: skip
        for first, last in sections:
            name = f"chapter-{Path(pdf).stem}-{first:02d}-{last:02d}.txt"
            negatives.append(put(name, text=pdf_text(CORPUS / "pdf" / pdf, first, last)))
    # hard negatives: one licence around different texts
    for pdf in ("federal-register-2020-17221.pdf", "tracemonkey.pdf", "naacl06-shinyama.pdf"):
        body = " ".join(pdf_text(CORPUS / "pdf" / pdf).split()[-1200:])
        negatives.append(
            put(f"licensed-{Path(pdf).stem}.txt", text=f"{LICENCE}\n\n{body}\n\n{LICENCE}\n")
        )
    # partial copies
    darwin = (CORPUS / "darwin" / "darwin1872.txt").read_text(encoding="utf-8")
    partials[put("part-darwin1872-start.txt", text=darwin[: len(darwin) // 3])] = "darwin"
    truth = (SCANS / "beijing" / "truth.txt").read_text(encoding="utf-8")
    partials[put("part-beijing-middle.txt", text=truth[len(truth) // 3 : 2 * len(truth) // 3])] = (
        "beijing"
    )
    cer = best_copies(docs, groups)
    best = {
        group: sorted(n for n, c in scores.items() if c <= min(scores.values()) + BEST_TOLERANCE)
        for group, scores in cer.items()
    }
    data = {
        "groups": groups,
        "clean": clean,  # by provenance: the texts nobody OCRed
        "cer": cer,  # against the group's truth, where it has one
        "best": {g: best.get(g, clean.get(g, [])) for g in groups},
        "partials": partials,
        "negatives": negatives,
    }
    (out / "truth.json").write_text(json.dumps(data, indent=1), encoding="utf-8")
    return data


def pairs_of(groups) -> set[tuple[str, str]]:
    return {(a, b) for g in groups for i, a in enumerate(sorted(g)) for b in sorted(g)[i + 1 :]}


def adjusted_rand(labels_true: list, labels_pred: list) -> float:
    """Hubert and Arabie's adjusted Rand index of two clusterings of the same items."""
    from collections import Counter
    from math import comb

    n = len(labels_true)
    cells = Counter(zip(labels_true, labels_pred, strict=True))
    index = sum(comb(c, 2) for c in cells.values())
    rows = sum(comb(c, 2) for c in Counter(labels_true).values())
    cols = sum(comb(c, 2) for c in Counter(labels_pred).values())
    expected = rows * cols / comb(n, 2)
    top = (rows + cols) / 2
    return 1.0 if top == expected else (index - expected) / (top - expected)


def score(clusters: list[list[str]], names: list[str], truth: dict) -> dict:
    """Pair precision and recall, adjusted Rand index (every file; a file
    in no cluster is a cluster of its own)."""
    true_pairs = pairs_of(truth["groups"].values())
    found = pairs_of(clusters)
    true_label = {n: g for g, members in truth["groups"].items() for n in members}
    pred_label = {n: k for k, members in enumerate(clusters) for n in members}
    ari = adjusted_rand(
        [true_label.get(n, f"alone:{n}") for n in names],
        [pred_label.get(n, f"alone:{n}") for n in names],
    )
    return {
        "pairs_found": len(found),
        "true_pairs": len(true_pairs),
        "precision": len(found & true_pairs) / max(len(found), 1),
        "recall": len(found & true_pairs) / len(true_pairs),
        "ari": ari,
        "wrong": sorted(found - true_pairs)[:10],
        "missed": sorted(true_pairs - found)[:10],
    }


def datasketch_clusters(files: list[str], threshold: float = 0.5) -> tuple[list[list[str]], float]:
    """MinHashLSH (datasketch, 128 permutations) on word 3-grams of each
    file's text as dedupe reads it; clusters are the connected candidates.
    Returns the clusters and the CPU seconds it took."""
    from datasketch import MinHash, MinHashLSH

    from dedupe.read import read
    from dedupe.scan.cluster import components

    start = time.process_time()
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    hashes = {}
    for path in files:
        words = read(path, "A").text.casefold().split()
        m = MinHash(num_perm=128)
        m.update_batch(" ".join(words[i : i + 3]).encode() for i in range(max(len(words) - 2, 1)))
        hashes[path] = m
        lsh.insert(path, m)
    edges = [(a, b) for a in files for b in lsh.query(hashes[a]) if a < b]
    return components(edges), time.process_time() - start


def quality(out: Path) -> None:
    import os

    from dedupe.scan.files import find_files
    from dedupe.scan.pipeline import scan

    truth = json.loads((out / "truth.json").read_text())
    files = find_files([str(out / "docs")])
    names = [Path(f).name for f in files]
    cpu0, wall0 = time.process_time(), time.perf_counter()
    result = scan(files, variants=0)
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    clusters = [[Path(m.path).name for m in c.members] for c in result.clusters]
    ours = score(clusters, names, truth)
    # keep: the kept copy is the group's known best copy (least CER, or by provenance)
    keep_right, keep_total, keep_wrong, keep_lines = 0, 0, [], []
    for c in result.clusters:
        members = {Path(m.path).name for m in c.members}
        group = max(truth["groups"], key=lambda g: len(members & set(truth["groups"][g])))
        if not members & set(truth["groups"][group]):
            continue  # a cluster of hard negatives: counted in the precision
        if truth["best"].get(group):
            keep_total += 1
            kept = Path(c.keep).name
            right = kept in truth["best"][group]
            keep_right += right
            cer = truth["cer"].get(group, {})
            if not right:
                keep_wrong.append((group, kept, c.keep_reason))
            if cer:
                least = min(cer.values())
                keep_lines.append(f"  {group}: {kept}, CER {cer[kept]:.4f} (least {least:.4f})")
            else:
                keep_lines.append(f"  {group}: {kept} (no one truth: any edition is right)")
    contained = {(Path(x.part).name, Path(x.whole).name) for x in result.containments}
    partial_found = sum(
        any(p == part and w in truth["groups"][g] for p, w in contained)
        for part, g in truth["partials"].items()
    )
    renderings = sum(r.rendering_of is not None for c in result.clusters for r in c.roles)
    theirs_clusters, their_cpu = datasketch_clusters(files)
    theirs = score([[Path(p).name for p in g] for g in theirs_clusters], names, truth)
    print(f"{len(files)} files, {len(truth['groups'])} groups of versions, "
          f"{len(truth['negatives'])} hard negatives, {len(truth['partials'])} partial copies")  # fmt: skip
    for label, s in (("dedupe scan", ours), ("datasketch MinHashLSH", theirs)):
        print(
            f"{label}: pairs {s['pairs_found']} of {s['true_pairs']}, precision "
            f"{s['precision']:.3f}, recall {s['recall']:.3f}, ARI {s['ari']:.3f}"
        )
        if s["wrong"]:
            print(f"  wrong pairs (first 10): {s['wrong']}")
        if s["missed"]:
            print(f"  missed pairs (first 10): {s['missed']}")
    print(
        f"dedupe scan: {len(result.clusters)} clusters, {renderings} members merged as renderings"
    )
    print(f"keep is the known best copy: {keep_right}/{keep_total} clusters")
    print("\n".join(keep_lines))
    for wrong in keep_wrong:
        print(f"  kept {wrong[1]} in {wrong[0]}: {wrong[2]}")
    print(
        f"partial copies reported as contained in their group: {partial_found}/{len(truth['partials'])}"
    )
    print(
        f"throughput: dedupe scan {len(files) / cpu:.1f} files per CPU-second "
        f"({cpu:.1f} s CPU, {wall:.1f} s wall, keep decisions included); "
        f"datasketch {len(files) / their_cpu:.1f} files per CPU-second ({their_cpu:.1f} s CPU)"
    )
    print(f"load average {os.getloadavg()[0]:.1f}")


def speed(folder: Path) -> None:
    """Files per CPU-second of the scan and of datasketch on a generated
    collection (bench/gen_collection.py), with both's pair precision and
    recall against its truth."""
    import os

    from dedupe.scan.files import find_files
    from dedupe.scan.pipeline import scan

    truth = json.loads((folder / "truth.json").read_text())
    files = find_files([str(folder / "docs")])
    true_pairs = pairs_of(truth["groups"])
    cpu0 = time.process_time()
    result = scan(files, variants=0)
    cpu = time.process_time() - cpu0
    ours = pairs_of([[os.path.relpath(m.path, folder) for m in c.members] for c in result.clusters])
    theirs_clusters, their_cpu = datasketch_clusters(files)
    theirs = pairs_of([[os.path.relpath(p, folder) for p in g] for g in theirs_clusters])
    for label, found, seconds in (("dedupe scan", ours, cpu), ("datasketch", theirs, their_cpu)):
        print(
            f"{label}: {len(files) / seconds:.0f} files per CPU-second ({seconds:.1f} s CPU); "
            f"precision {len(found & true_pairs) / max(len(found), 1):.3f}, "
            f"recall {len(found & true_pairs) / len(true_pairs):.3f}"
        )
    print(f"{len(files)} files; load average {os.getloadavg()[0]:.1f}")


def synthetic_index(db: str, docs: int, seed: int = 1) -> float:
    """An index of ``docs`` generated documents (150-400 words drawn from
    the real texts' vocabulary, Zipf-like), fingerprinted from their word
    hashes with the scan's own functions; their paths do not exist (no
    file is read). The rows are written in key order in one transaction
    (``Index.store`` one document at a time took over 10 minutes here for
    100,000: random inserts into a growing B-tree); the tables and keys are
    the index's own. Returns the seconds it took."""
    import numpy as np

    from dedupe.scan.fingerprint import fingerprint_hashes
    from dedupe.scan.index import _key, lookup_keys, open_index
    from dedupe.scan.words import hash_words

    start = time.perf_counter()
    text = " ".join(
        p.read_text(encoding="utf-8") for p in sorted((CORPUS / "darwin").glob("*.txt"))
    )
    text += " ".join(
        pdf_text(CORPUS / "pdf" / p) for p in ("dmca.pdf", "tracemonkey.pdf", "i1040nr.pdf")
    )
    vocab = sorted(set(re.findall(r"[A-Za-z]+", text)))
    hashes, lengths = hash_words(" ".join(vocab))
    rng = np.random.default_rng(seed)
    weights = 1 / np.arange(1, len(vocab) + 1)
    weights /= weights.sum()
    rng.shuffle(weights)
    cdf, top = np.cumsum(weights), len(vocab) - 1
    files, contents, keys, owners = [], [], [], []
    for n in range(docs):
        picks = np.minimum(np.searchsorted(cdf, rng.random(int(rng.integers(150, 400)))), top)
        _, sig, sample = fingerprint_hashes(hashes[picks], lengths[picks])
        sha = f"{n:064x}"
        files.append((_key(f"/synthetic/{n:06d}.txt"), 1, 1, sha, int(picks.size),
                      sig.astype(np.uint32).tobytes(), sample.astype(np.uint32).tobytes()))  # fmt: skip
        contents.append((n + 1, sha, int(sample.size)))
        found = lookup_keys(sig, sample)
        keys.extend(found)
        owners.extend([n + 1] * len(found))
    order = np.lexsort((np.array(owners, dtype=np.int64), np.array(keys, dtype=np.uint64)))
    index = open_index(db)
    with index.db:
        index.db.executemany("INSERT INTO contents VALUES (?, ?, ?)", contents)
        index.db.executemany("INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?)", files)
        index.db.executemany(
            "INSERT OR IGNORE INTO lookup VALUES (?, ?)",
            ((keys[i], owners[i]) for i in order.tolist()),
        )
    index.close()
    return time.perf_counter() - start


def bench_query(out: Path, docs: int) -> None:
    import os
    import resource
    from contextlib import closing

    from dedupe.scan.files import find_files
    from dedupe.scan.index import open_index
    from dedupe.scan.pipeline import scan

    db = str(out / f"synthetic-{docs}.db")
    if not Path(db).exists():
        print(f"index of {docs} generated documents made in {synthetic_index(db, docs):.0f} s")
    files = find_files([str(out / "docs")])
    with closing(open_index(db)) as index:
        if not index.has(files[0]):
            scan(files, index=index, variants=0)  # the real collection joins the index
        picks = random.Random(1).sample(files, 20)
        times, cpu = [], []
        for path in picks:
            command = [
                sys.executable,
                "-m",
                "dedupe",
                "scan",
                "--query",
                path,
                "--index",
                db,
                "-f",
                "json",
            ]
            t, used = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run(command, check=True, capture_output=True)
            times.append(time.perf_counter() - t)
            now = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(now.ru_utime + now.ru_stime - used.ru_utime - used.ru_stime)
        inner = []
        from dedupe.scan.query import query

        for path in picks:
            t = time.perf_counter()
            found = query(index, path)
            inner.append(time.perf_counter() - t)
        times.sort()
        inner.sort()
        cpu.sort()
        print(
            f"index of {index.count()} files ({Path(db).stat().st_size / 1e6:.0f} MB); 20 queries:\n"
            f"  `dedupe scan --query FILE --index DB` wall (a new process each): median "
            f"{times[10]:.2f} s, max {times[-1]:.2f} s; CPU median {cpu[10]:.2f} s, max "
            f"{cpu[-1]:.2f} s (load average {os.getloadavg()[0]:.1f})\n"
            f"  the query itself (library call): median {1000 * inner[10]:.0f} ms, max "
            f"{1000 * inner[-1]:.0f} ms; last found {len(found.matches)} matches"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    for name in ("build", "quality", "query", "speed"):
        p = sub.add_parser(name)
        p.add_argument("folder", type=Path)
        if name == "query":
            p.add_argument("--docs", type=int, default=100_000)
    args = parser.parse_args()
    if args.what == "build":
        truth = build(args.folder)
        files = sum(len(g) for g in truth["groups"].values())
        print(
            f"{files + len(truth['negatives']) + len(truth['partials'])} files in {args.folder / 'docs'}"
        )
    elif args.what == "quality":
        quality(args.folder)
    elif args.what == "speed":
        speed(args.folder)
    else:
        bench_query(args.folder, args.docs)


if __name__ == "__main__":
    main()
