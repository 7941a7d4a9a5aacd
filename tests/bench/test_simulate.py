"""The scan simulator: deterministic, damaged at the rate asked, with the
layout noise and footnote placements the evaluation relies on."""

from __future__ import annotations

import json
import random
import re

import pytest
import simulate
from rapidfuzz.distance import Levenshtein


def body_text(doc: simulate.CleanDoc) -> str:
    return " ".join(b.text for b in doc.blocks)


def test_same_seed_gives_byte_identical_witnesses(beijing, tmp_path):
    first = simulate.simulate(beijing, 3, 0.02, 7, tmp_path / "one")
    second = simulate.simulate(beijing, 3, 0.02, 7, tmp_path / "two")
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes()
    for name in ("truth.txt", "layout.json"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    other = simulate.simulate(beijing, 3, 0.02, 8, tmp_path / "three")
    assert other[0].read_bytes() != first[0].read_bytes()


def test_witnesses_are_damaged_independently(beijing, tmp_path):
    texts = [p.read_text() for p in simulate.simulate(beijing, 3, 0.02, 1, tmp_path)]
    assert len(set(texts)) == 3


def test_a_smaller_set_is_the_start_of_a_larger_one(beijing, tmp_path):
    """The evaluation simulates 5 witnesses once and collates the first 2 and 3."""
    five = simulate.simulate(beijing, 5, 0.02, 3, tmp_path / "five")
    two = simulate.simulate(beijing, 2, 0.02, 3, tmp_path / "two")
    assert [p.read_bytes() for p in two] == [p.read_bytes() for p in five[:2]]


@pytest.mark.parametrize("rate", [0.005, 0.02, 0.05])
def test_damage_rate_is_close_to_the_noise_level(darwin, rate):
    text = body_text(darwin)
    measured = [
        Levenshtein.distance(simulate.ocr_damage(text, rate, random.Random(seed)), text) / len(text)
        for seed in range(3)
    ]
    mean = sum(measured) / len(measured)
    assert 0.75 * rate <= mean <= 1.25 * rate, measured


def test_damage_clusters_in_few_words(darwin):
    """Most words are untouched; a damaged word often has more than one error."""
    text = body_text(darwin)
    damaged = simulate.ocr_damage(text, 0.02, random.Random(1))
    ops = [op for op in Levenshtein.opcodes(damaged.split(), text.split()) if op.tag != "equal"]
    changed = sum(op.dest_end - op.dest_start for op in ops)
    assert changed / len(text.split()) < 0.15
    multi = [
        op
        for op in ops
        if op.tag == "replace"
        and Levenshtein.distance(
            " ".join(damaged.split()[op.src_start : op.src_end]),
            " ".join(text.split()[op.dest_start : op.dest_end]),
        )
        >= 2
    ]
    assert len(multi) / len(ops) > 0.2


def test_damage_keeps_footnote_markers(beijing):
    text = body_text(beijing)
    damaged = simulate.ocr_damage(text, 0.05, random.Random(2))
    assert simulate._SUPER_RUN.findall(damaged) == simulate._SUPER_RUN.findall(text)


def test_ground_truth_is_the_clean_canonical_text(beijing, tmp_path):
    simulate.simulate(beijing, 2, 0.05, 1, tmp_path)
    truth = (tmp_path / "truth.txt").read_text(encoding="utf-8")
    assert truth == beijing.canonical_text()
    assert "\nNotes\n\n1 " in truth and "\n10 " in truth
    again = simulate.parse_clean(truth, beijing.title)
    assert again.blocks == beijing.blocks and again.notes == beijing.notes


def test_witnesses_have_running_heads_page_numbers_and_page_breaks(beijing, tmp_path):
    paths = simulate.simulate(beijing, 4, 0.0, 1, tmp_path)
    layout = json.loads((tmp_path / "layout.json").read_text(encoding="utf-8"))
    for path in paths:
        pages = path.read_text(encoding="utf-8").split("\f")
        assert len(pages) >= 3, path.name
        printed = layout[path.name]
        assert len(printed) >= len(pages)  # at least one running line per page
        for number, page in enumerate(pages, start=1):
            lines = {line.strip() for line in page.splitlines()}
            running = [x for x in printed if x in lines]
            assert running, (path.name, number)
            assert any(re.search(rf"(?<!\d){number}(?!\d)", x) for x in running), (
                path.name,
                number,
            )


def test_lines_are_wrapped_and_some_words_hyphenated(beijing, tmp_path):
    (path,) = simulate.simulate(beijing, 1, 0.0, 1, tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert max(len(line) for line in lines) <= 80
    assert any(re.search(r"[a-z]-$", line) for line in lines)


def test_paragraphs_run_across_page_breaks(darwin, tmp_path):
    (path,) = simulate.simulate(darwin, 1, 0.0, 1, tmp_path)
    pages = path.read_text(encoding="utf-8").split("\f")
    endings = [page.rstrip().splitlines() for page in pages[:-1]]
    # the last body line above the foot: some end mid-sentence
    body_ends = [next(x for x in reversed(lines[:-2]) if x.strip()) for lines in endings]
    assert sum(1 for end in body_ends if not end.endswith((".", "?", "!", '"'))) >= 3


def test_footnote_placements_differ_between_witnesses(beijing, tmp_path):
    paths = simulate.simulate(beijing, 2, 0.0, 1, tmp_path)
    page_notes, end_notes = (p.read_text(encoding="utf-8") for p in paths)
    # witness 1: notes at the bottom of the page where the marker is, as superscripts
    assert "\nNotes\n" not in page_notes
    for page in page_notes.split("\f"):
        for marker in re.findall(r"(?<=[a-z).,])[¹²³⁴⁵⁶⁷⁸⁹⁰]+", page):
            assert re.search(rf"^{marker} \S", page, re.M), marker
    # witness 2: endnotes after a Notes heading, markers in brackets
    body, _, notes = end_notes.partition("\nNotes\n")
    assert notes and "[1]" in body and "[10]" in body
    assert re.search(r"^\[1\] \S", notes, re.M) and re.search(r"^\[10\] \S", notes, re.M)


def test_quotes_and_emphasis_vary_between_witnesses(beijing, tmp_path):
    texts = [p.read_text() for p in simulate.simulate(beijing, 5, 0.0, 1, tmp_path)]
    assert any("’" in t for t in texts) and any("'" in t for t in texts)
    assert any(re.search(r"\*\w[^*]*\w\*", t) for t in texts)


def test_parse_plain_text_unwraps_lines_and_reads_notes():
    text = (
        "A Title\n\nThe first para-\ngraph runs on\nto a note.[1]\n\n"
        "Second paragraph.\n\nNotes\n\n[1] A note\nthat wraps.\n"
    )
    doc = simulate.parse_clean(text)
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph", "paragraph"]
    assert doc.blocks[1].text == "The first paragraph runs on to a note.¹"
    assert doc.notes == ((1, "A note that wraps."),)
    assert doc.title == "A Title"


def test_command_line_writes_witnesses_and_truth(tmp_path):
    source = tmp_path / "clean.txt"
    source.write_text("Heading\n\n" + "A sentence of real length here. " * 40 + "\n")
    out = tmp_path / "out"
    assert (
        simulate.main([str(source), "--witnesses", "2", "--noise", "high", "--out", str(out)]) == 0
    )
    assert sorted(p.name for p in out.iterdir()) == [
        "layout.json",
        "truth.txt",
        "witness-1.txt",
        "witness-2.txt",
    ]


def test_doctests_of_the_bench_modules():
    import doctest

    import metrics

    for module in (simulate, metrics):
        result = doctest.testmod(module)
        assert result.attempted and not result.failed, module.__name__
