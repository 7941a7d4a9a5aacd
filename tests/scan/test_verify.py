"""Verification: word alignment on real texts, and what each pair is."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from dedupe.scan.cluster import A_IN_B, B_IN_A, VERSION, components, relation
from dedupe.scan.verify import MAX_WORDS, Comparison, align_counts, bounded, verify_batch

ROOT = Path(__file__).resolve().parents[2]
DARWIN = ROOT / "tests" / "data" / "darwin"
A = str(ROOT / "samples" / "beijing-binds" / "a.txt")
B = str(ROOT / "samples" / "beijing-binds" / "b.txt")


def verify(pairs):
    return verify_batch((pairs, {}))


def darwin(year: int) -> str:
    return str(DARWIN / f"darwin{year}.txt")


def test_the_sample_pair_and_the_darwin_editions_are_versions():
    found = verify([(A, B), (darwin(1859), darwin(1872)), (darwin(1869), darwin(1872))])
    assert [relation(c, 0.5) for c in found] == [VERSION] * 3
    assert found[0].similarity > 0.95
    assert 0.75 < found[1].similarity < found[2].similarity
    assert not any(c.exact for c in found)


def test_unrelated_texts_are_nothing(tmp_path):
    c = verify([(darwin(1859), A)])[0]
    assert c.similarity < 0.2 and c.containment("b") < 0.1
    assert relation(c, 0.5) is None


def test_an_excerpt_is_contained_and_the_book_contains_it(tmp_path):
    paragraphs = [
        p for p in Path(darwin(1866)).read_text(encoding="utf-8").split("\n") if p.strip()
    ]
    excerpt = tmp_path / "chapter.txt"
    excerpt.write_text("\n\n".join(paragraphs[5:12]) + "\n", encoding="utf-8")
    part_first, book_first = verify([(str(excerpt), darwin(1859)), (darwin(1859), str(excerpt))])
    assert relation(part_first, 0.5) == A_IN_B and relation(book_first, 0.5) == B_IN_A
    assert part_first.containment("a") > 0.8 and part_first.coverage("b") < 0.3


def test_typography_and_case_only_is_an_exact_duplicate(tmp_path):
    text = Path(A).read_text(encoding="utf-8")
    copy = tmp_path / "copy.md"
    copy.write_text(text.replace("'", "’").replace("China", "CHINA"), encoding="utf-8")
    c = verify([(A, str(copy))])[0]
    assert c.exact and c.similarity == 1.0


def test_an_unreadable_file_gives_its_error_line(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    assert verify([(A, str(bad))]) == [f"{bad}: binary file (contains NUL bytes), not text"]


def test_words_kept_from_fingerprinting_are_not_read_again(tmp_path):
    from dedupe.scan.fingerprint import fingerprint_file

    kept = fingerprint_file(A).sequence
    gone = str(tmp_path / "moved-away.txt")  # no such file: it must not be read
    (c,) = verify_batch(([(gone, B)], {gone: kept}))
    assert c.similarity > 0.95 and c.words_a == kept.size
    (same,) = verify_batch(([(A, gone)], {gone: kept}))
    assert same.similarity == 1.0 and not same.exact  # exactness needs the text: unreadable


def test_spilled_words_are_read_from_the_spill_file_not_the_file(tmp_path):
    import shutil

    from dedupe.scan.engine_local import LocalEngine
    from dedupe.scan.pipeline import fingerprint_all
    from dedupe.scan.verify import load_words

    copies = [shutil.copy(path, tmp_path / f"{n}.txt") for n, path in enumerate((A, B))]
    files = [str(path) for path in copies]
    spill = tmp_path / "spill"
    spill.mkdir()
    quiet = lambda stage, done, total: None  # noqa: E731
    fps, _, _, spilled = fingerprint_all(files, LocalEngine(), None, quiet, 0, str(spill))
    assert all(fp.sequence is None for fp in fps) and sorted(spilled) == files
    for path in files:
        assert np.array_equal(spilled[path].load(), load_words(path))
    expected = verify_batch(([(files[0], files[1])], {}))
    for path in copies:
        path.unlink()  # only the spill file is left to read
    assert verify_batch(([(files[0], files[1])], spilled)) == expected


def test_the_banded_alignment_is_exact_whatever_the_sketch_suggests():
    """``lcs_length`` aligns in a band estimated from a sketch of the words;
    where the sketch promises more than the whole has, it aligns in full."""
    from rapidfuzz.distance import LCSseq

    from dedupe.scan.verify import _as_text, _sketch, by_frequency, lcs_length, load_words

    def full(x, y):
        return LCSseq.similarity(_as_text(x), _as_text(y))

    for year in (1860, 1872):
        a, b = by_frequency([load_words(darwin(1859)), load_words(darwin(year))])
        assert lcs_length(a, b) == full(a, b) > 0.8 * min(a.size, b.size)
    symbols = np.arange(0xD000, dtype=np.uint32)
    sketched = np.isin(symbols, _sketch(symbols))
    rest = symbols[~sketched][::-1]  # in the opposite order: the sketch aligns, the rest not
    b = np.empty_like(symbols)
    b[sketched], b[~sketched] = symbols[sketched], rest
    assert lcs_length(symbols, b) == full(symbols, b) < 0.2 * symbols.size


def test_long_texts_are_thinned_the_same_way_on_both_sides():
    rng = np.random.default_rng(1)
    a = rng.integers(0, 2**32, 3 * MAX_WORDS, dtype=np.uint64)
    b = a.copy()
    b[::10] = 7  # every tenth word changed
    thin_a, thin_b = bounded(a, b)
    assert len(thin_a) <= 1.1 * MAX_WORDS and set(thin_a) <= set(a.tolist())
    common, _ = align_counts(a, b)
    assert abs(common / a.size - 0.9) < 0.02


def test_similarity_and_coverage_are_shares_of_words():
    c = Comparison("a", "b", words_a=100, words_b=300, common=90, anchored=80, exact=False)
    assert c.similarity == 2 * 90 / 400
    assert (c.coverage("a"), c.coverage("b")) == (0.9, 0.3)
    assert c.containment("a") == 0.8
    assert relation(c, 0.5) == A_IN_B
    assert relation(c, 0.95) is None


def test_clusters_are_connected_components_in_path_order():
    edges = [("c", "d"), ("b", "a"), ("e", "d"), ("x", "y")]
    assert components(edges) == [["a", "b"], ["c", "d", "e"], ["x", "y"]]
