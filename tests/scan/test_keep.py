"""Which copy of a cluster to keep, and what the other members are."""

from __future__ import annotations

import shutil
from pathlib import Path

from dedupe.scan.files import find_files
from dedupe.scan.keep import implausible_share
from dedupe.scan.pipeline import scan

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "beijing-binds"
ZOOLOGY = (
    next(
        p
        for p in (ROOT.parent / "shared" / "corpus", Path("/work/shared/corpus"))
        if (p / "ocr-eng" / "swiss_zoology").is_dir()
    )
    / "ocr-eng"
    / "swiss_zoology"
)


def test_every_cluster_has_one_kept_member_with_a_reason(scanned):
    for c in scanned.clusters:
        paths = [m.path for m in c.members]
        assert c.keep in paths and c.keep_reason
        assert [r.path for r in c.roles] == paths
        assert [r.role for r in c.roles].count("keep") == 1
        assert next(r for r in c.roles if r.role == "keep").path == c.keep


def test_the_clean_original_is_kept_over_its_ocr_damaged_versions(scanned, collection):
    """Generated groups that keep their clean original beside 2-5 OCR-damaged
    versions: the original is the least noisy copy and must be kept."""
    root, truth = collection
    with_original = {}
    for group in truth["groups"]:
        clean = [p for p in group if "-v" not in Path(p).name and Path(p).name.startswith("d")]
        if clean and len(group) > 2:
            with_original[str(root / clean[0])] = {str(root / p) for p in group}
    kept = {c.keep for c in scanned.clusters}
    right = sum(original in kept for original in with_original)
    assert len(with_original) >= 20
    assert right >= 0.95 * len(with_original), (right, len(with_original))
    reasons = [c.keep_reason for c in scanned.clusters if c.keep in with_original]
    assert any("fewest implausible words" in r for r in reasons)


def test_duplicate_partial_and_version_roles(tmp_path):
    """The sample pair plus a typographic copy of one (a duplicate once
    normalised) and the first 80% of the other (a partial copy)."""
    a = (SAMPLES / "a.txt").read_text()
    b = (SAMPLES / "b.txt").read_text()
    (tmp_path / "a.txt").write_text(a)
    (tmp_path / "b.txt").write_text(b)
    (tmp_path / "a-curly.txt").write_text(a.replace("'", "\u2019").replace('"', "\u201c"))
    lines = b.splitlines(keepends=True)
    (tmp_path / "b-start.txt").write_text("".join(lines[: int(len(lines) * 0.75)]))
    result = scan(find_files([str(tmp_path)]), variants=None)
    (c,) = result.clusters
    roles = {Path(r.path).name: r for r in c.roles}
    assert Path(c.keep).name in ("a.txt", "a-curly.txt", "b.txt")
    kept = Path(c.keep).name
    assert roles["b-start.txt"].role == "partial"
    assert roles["b-start.txt"].found_in_keep >= 0.9
    if kept.startswith("a"):
        other_a = "a-curly.txt" if kept == "a.txt" else "a.txt"
        assert roles[other_a].role == "duplicate"
        assert roles["b.txt"].role == "version"
        assert roles["b.txt"].variants is not None and roles["b.txt"].variants >= 1
    else:
        # the two a's have the same letters once read: one witness, one a duplicate of the other
        assert {roles["a.txt"].role, roles["a-curly.txt"].role} == {"version", "duplicate"}
        (copy,) = [n for n in ("a.txt", "a-curly.txt") if roles[n].role == "duplicate"]
        (source,) = [n for n in ("a.txt", "a-curly.txt") if n != copy]
        assert Path(roles[copy].rendering_of).name == source
        assert roles[source].variants >= 1


def test_variants_are_not_counted_in_large_clusters_unless_asked(tmp_path):
    for n in range(4):
        shutil.copy(SAMPLES / ("a.txt" if n % 2 else "b.txt"), tmp_path / f"copy{n}.txt")
    (c,) = scan(find_files([str(tmp_path)])).clusters  # 4 members > VARIANTS_UP_TO
    assert all(r.variants is None for r in c.roles)
    (c,) = scan(find_files([str(tmp_path)]), variants=4).clusters
    versions = [r for r in c.roles if r.role == "version"]
    assert versions and all(r.variants >= 1 for r in versions)


def test_swiss_zoology_ocr_engines_the_cleanest_is_kept(tmp_path):
    """Two OCR engines' output of one page (Tesseract, ABBYY) and its
    corrected text: the corrected text has the fewest implausible words and
    is kept."""
    files = sorted(ZOOLOGY.glob("biostor-146511_01.*.txt"))  # tess, abby, corr
    assert len(files) == 3
    for path in files:
        shutil.copy(path, tmp_path)
    result = scan(find_files([str(tmp_path)]), variants=0)
    (c,) = result.clusters
    assert len(c.members) == len(files)
    assert Path(c.keep).name.endswith(".corr.txt"), c.keep_reason
    assert "fewest implausible words" in c.keep_reason
    # the species and place names all copies share are not held against any of them
    assert all(implausible_share(p.read_text()) > 0.1 for p in files)


def test_the_variants_budget_bounds_the_compares(tmp_path):
    for n in range(3):
        shutil.copy(SAMPLES / ("a.txt" if n % 2 else "b.txt"), tmp_path / f"copy{n}.txt")
    (c,) = scan(find_files([str(tmp_path)]), variants_budget=1).clusters
    assert sum(r.variants is not None for r in c.roles) == 1


def test_a_web_archive_page_is_not_the_most_complete_copy_for_its_menus(tmp_path):
    """The whole Swiss article four ways: Tesseract, ABBYY, the corrected text
    and archive.org's DjVu page (ABBYY's text inside the site's navigation).
    Read from where its skip link leads, the page holds no more than the
    others: completeness does not decide, the implausible words do."""
    names = [f"biostor-146511_01-05.{e}.txt" for e in ("tess", "abby", "corr")]
    for name in [*names, "biostor-146511_djvu.txt"]:
        shutil.copy(ZOOLOGY / name, tmp_path)
    (c,) = scan(find_files([str(tmp_path)]), variants=0).clusters
    assert len(c.members) == 4
    assert Path(c.keep).name != "biostor-146511_djvu.txt", c.keep_reason
    assert c.keep_reason.startswith("fewest implausible words"), c.keep_reason


def test_of_copies_equal_by_every_measure_the_one_closest_to_the_others_is_kept(tmp_path):
    """Page 3 of the Swiss article: ABBYY's reading has no word the word list
    lacks (its misreading `polled` for `polleti` is a word), like the
    corrected text; of the two, the corrected text is nearer both others.
    It is kept even when ABBYY's file is the newest."""
    import os

    for n, engine in enumerate(("corr", "tess", "abby")):
        target = tmp_path / f"biostor-146511_03.{engine}.txt"
        shutil.copy(ZOOLOGY / target.name, target)
        os.utime(target, (1_600_000_000 + n, 1_600_000_000 + n))  # ABBYY's the newest
    (c,) = scan(find_files([str(tmp_path)]), variants=0).clusters
    assert Path(c.keep).name == "biostor-146511_03.corr.txt", c.keep_reason
    assert "closest to the other copies" in c.keep_reason
    assert "newest" not in c.keep_reason
