"""The report as an editor works through it, from real runs of the CLI:
variants that matter first, each systematic difference once with its count,
what is hidden said with the option that shows it, readings delimited
without colour, --check's one-line verdict, an input given twice."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "beijing-binds"
A, B = str(SAMPLES / "a.txt"), str(SAMPLES / "b.txt")
VARIANT = re.compile(r"^\[(\w+)(?: ×(\d+))?\] ([vg]-[0-9a-f]+(?:-\d+)?) ", re.M)


def compare(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "FORCE_COLOR"}
    return subprocess.run(
        [sys.executable, "-m", "dedupe", "compare", *args],
        capture_output=True,
        text=True,
        env={**env, "COLUMNS": "100", "NO_COLOR": "1"},
        timeout=300,
    )


def collation(*paths: str) -> dict:
    return json.loads(compare(*paths, "-f", "json", "-q").stdout)


def listed(report: str) -> list[tuple[str, str | None, str]]:
    """(kind, count of a group or None, id) of each entry, in report order."""
    return [(k, n, i) for k, n, i in VARIANT.findall(report)]


def test_sample_pair_lists_what_matters_first_and_says_what_is_hidden(tmp_path):
    run = compare(A, B, "-o", str(tmp_path / "out.txt"))
    assert run.returncode == 0, run.stderr
    entries = listed(run.stderr)
    assert entries[0][0] == "substantive"
    kinds = [k for k, _, _ in entries]
    assert kinds.index("spelling") < kinds.index("case")
    assert max(i for i, k in enumerate(kinds) if k == "spelling") < kinds.index("case")
    assert "typography" not in kinds
    data = collation(A, B)
    typography = data["summary"]["counts"]["typography"]
    assert f"{typography} typography variants not listed (house style decides them): --all" in (
        run.stderr
    )
    # each systematic difference (the capitals of B's title and author box): one entry with
    # its count, its members not listed; the ones the summary names, named in the report
    assert any(g["kind"] == "case" for g in data["groups"])
    for group in data["groups"]:
        if group["kind"] != "typography":
            assert (group["kind"], str(group["count"]), group["id"]) in entries
        assert not any(i in group["members"] for _, _, i in entries)
    for sentence in data["summary"]["systematic"]:
        assert f"Systematic: {sentence}" in run.stderr


def test_all_lists_every_variant_under_its_group(tmp_path):
    run = compare(A, B, "--all", "-o", str(tmp_path / "out.txt"))
    ids = [i for _, _, i in listed(run.stderr)]
    data = collation(A, B)
    assert set(ids) == {v["id"] for v in data["variants"]} | {g["id"] for g in data["groups"]}
    for group in data["groups"]:  # the group's line, then its members
        at = ids.index(group["id"])
        assert ids[at + 1 : at + 1 + group["count"]] == group["members"]
    assert "typography variants not listed" not in run.stderr


def test_a_text_layer_that_reads_spaces_as_dots_is_one_entry_and_named(dotted_pair, tmp_path):
    run = compare(*dotted_pair, "-o", str(tmp_path / "out.txt"))
    data = collation(*dotted_pair)
    (group,) = data["groups"]
    assert listed(run.stderr) == [
        ("substantive", "", next(v["id"] for v in data["variants"] if "group" not in v)),
        ("punctuation", "8", group["id"]),
    ]
    assert "B: '.' for a space: one pattern at 8 places (--all lists each)" in run.stderr
    assert "e.g. …The survey of the A:‹old harbour› B:‹old.harbour› began" in run.stderr
    assert (
        "Systematic: witness B: 8 punctuation differences of one pattern ('.' for a space): "
        "likely a text-layer defect" in run.stderr
    )


def test_review_lists_each_flagged_variant_even_inside_a_group(sample_a, tmp_path):
    caps = tmp_path / "caps.txt"  # a witness in capitals: ties, each flagged
    caps.write_text(Path(sample_a).read_text("utf-8").upper(), encoding="utf-8")
    data = collation(sample_a, str(caps))
    flagged = [v["id"] for v in data["variants"] if v["review"] and v["kind"] != "typography"]
    run = compare(sample_a, str(caps), "--review", "-o", str(tmp_path / "out.txt"))
    assert sorted(i for _, _, i in listed(run.stderr)) == sorted(flagged)
    rest = sum(1 for v in data["variants"] if not v["review"] and v["kind"] != "typography")
    assert f"{rest} variants not flagged for review not listed: without --review they are" in (
        run.stderr
    )


def test_readings_are_delimited_for_a_reader_without_colour(tmp_path):
    run = compare(A, B, "-o", str(tmp_path / "out.txt"))
    assert "A:‹planeloads› B:‹plane loads› of aid" in run.stderr
    assert "→ ‹plane loads›  (agree: B;" in run.stderr
    assert "A:∅ B:‹June 19, 2020›" in run.stderr  # nothing is ∅, not an empty pair


def test_check_gives_a_one_line_verdict(tmp_path, dotted_pair):
    run = compare(*dotted_pair, "--check", "--report", str(tmp_path / "report.txt"))
    assert run.returncode == 1
    assert run.stderr == (
        "dedupe: check: the witnesses differ at 9 places beyond typography "
        "(8 punctuation, 1 substantive); 0 flagged for review: exit 1\n"
    )
    curly = tmp_path / "curly.txt"
    curly.write_text(Path(A).read_text("utf-8").replace("'", "\u2019"), encoding="utf-8")
    run = compare(A, str(curly), "--check", "--report", str(tmp_path / "report.txt"))
    assert run.returncode == 0
    assert re.fullmatch(
        r"dedupe: check: the witnesses agree \(\d+ typography variants aside\): exit 0\n",
        run.stderr,
    )
    quiet = compare(*dotted_pair, "--check", "-q")
    assert quiet.returncode == 1 and quiet.stderr == ""


def test_an_input_given_twice_is_warned_and_the_run_goes_on(tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_bytes(Path(A).read_bytes())
    out = tmp_path / "out.txt"
    run = compare(A, B, A, "-o", str(out), "--report", str(tmp_path / "r.txt"))
    assert run.returncode == 0 and out.exists()
    assert run.stderr.splitlines() == [
        f"dedupe: warning: {A} is given twice: it counts twice in every vote"
    ]
    run = compare(A, str(copy), "-o", str(out), "--report", str(tmp_path / "r.txt"))
    assert run.returncode == 0
    assert run.stderr.splitlines() == [
        f"dedupe: warning: {copy} and {A} have identical bytes: it counts twice in every vote"
    ]
    link = tmp_path / "link.txt"
    link.symlink_to(A)  # another name for the same file
    run = compare(A, B, str(link), "-o", str(out), "--report", str(tmp_path / "r.txt"))
    assert run.stderr.splitlines() == [
        f"dedupe: warning: {link} and {A} are the same file: it counts twice in every vote"
    ]
    assert compare(A, B, "-o", str(out), "--report", str(tmp_path / "r.txt")).stderr == ""
