"""``--reconcile``: renderings of one source are one witness, and each
cluster's folder is named after its document."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from dedupe.scan.files import find_files
from dedupe.scan.pipeline import scan
from dedupe.scan.reconcile import folder_name, safe_name


def test_the_renderings_of_one_ocr_run_are_one_member_with_the_richest_kept(renderings):
    result = scan(find_files([str(renderings)]), variants=0)
    (cluster,) = result.clusters
    assert len(cluster.members) == 7
    roles = {Path(r.path).name: r for r in cluster.roles}
    of = {name: Path(r.rendering_of).name if r.rendering_of else None for name, r in roles.items()}
    assert of == {
        "scanA.hocr": None,  # hOCR with confidences over PDF over text
        "scanA.pdf": "scanA.hocr",
        "scanA.txt": "scanA.hocr",
        "scanB.hocr": None,
        "scanB.txt": "scanB.hocr",
        "typeset.pdf": None,  # made from typed.txt: the same text, and a PDF
        "typed.txt": "typeset.pdf",
    }
    assert {roles[n].role for n in ("scanA.pdf", "scanA.txt", "scanB.txt", "typed.txt")} == {
        "rendering"
    }
    # the copy kept is one of the three sources, never a poorer rendering
    assert Path(cluster.keep).name in ("scanA.hocr", "scanB.hocr", "typeset.pdf")
    assert "merged with it as one witness" in cluster.keep_reason


def test_two_independent_scans_of_one_page_stay_two_witnesses(renderings):
    """Their misreadings differ, however alike they are (similarity above 0.95)."""
    result = scan([str(renderings / "scanA.hocr"), str(renderings / "scanB.hocr")], variants=0)
    (cluster,) = result.clusters
    assert cluster.pairs[0].similarity > 0.95
    assert [r.rendering_of for r in cluster.roles] == [None, None]
    assert {r.role for r in cluster.roles} == {"keep", "version"}


def test_reconcile_collates_one_witness_per_source_in_a_folder_named_after_the_title(
    renderings, tmp_path
):
    import dedupe

    out = tmp_path / "editions"
    command = [sys.executable, "-m", "dedupe", "scan", str(renderings), "-f", "json"]
    command += ["--reconcile", str(out), "--variants", "0", "-q"]
    result = subprocess.run(command, capture_output=True, text=True, env=os.environ)
    assert result.returncode == 0, result.stderr
    (member,) = [
        m
        for m in json.loads(result.stdout)["clusters"][0]["members"]
        if m["path"].endswith("A.txt")
    ]
    assert member["role"] == "rendering" and member["rendering_of"].endswith("scanA.hocr")
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "variation-under-domestication"]
    folder = out / "variation-under-domestication"
    collation = json.loads((folder / "collation.json").read_text())
    voters = sorted(Path(w["path"]).name for w in collation["witnesses"])
    assert voters == ["scanA.hocr", "scanB.hocr", "typeset.pdf"]  # three votes, not seven
    listing = (folder / "witnesses.txt").read_text().splitlines()
    assert len(listing) == 7 and sum("rendering, not a vote" in line for line in listing) == 4
    paths = [str(renderings / n) for n in ("scanA.hocr", "scanB.hocr", "typeset.pdf")]
    expected = dedupe.compare(paths)
    assert (folder / "canonical.txt").read_text() == dedupe.render("text", expected)
    assert (folder / "edition.md").read_text() == dedupe.render("md", expected)
    assert (folder / "review.html").read_text() == dedupe.render("html", expected)
    page = (out / "index.html").read_text()
    assert 'href="variation-under-domestication/review.html"' in page
    assert "rendering of" in page


def test_folder_names_are_safe_and_unique():
    taken: set[str] = set()
    assert folder_name("Über die Natur / Teil 1\n\nText", "x.txt", taken) == "uber-die-natur-teil-1"
    assert folder_name("Über die Natur: Teil 1\n", "y.txt", taken) == "uber-die-natur-teil-1-2"
    assert folder_name("\n¶ — ¶\n", "/archive/Letter 7.hocr", taken) == "letter-7"
    assert folder_name("", "/archive/§.txt", taken) == "document"
    assert len(safe_name("word " * 40)) <= 60 and safe_name("../../etc") == "etc"
