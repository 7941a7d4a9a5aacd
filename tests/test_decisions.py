"""An editor's decisions file applied by ``compare --decisions``: the
canonical text takes the editor's readings, the apparatus says ``editor``,
stale decisions are reported, a bad file is one line and exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import dedupe
from dedupe.decisions import SCHEMA, decisions_json, load_decisions, place_context
from dedupe.model import Decision, DedupeError


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dedupe", *args], capture_output=True, text=True, timeout=300
    )


def flagged(collation):
    """(unit, index, column) of the variants flagged for review, in text order."""
    return [
        (u, ci, c) for u in collation.units for ci, c in enumerate(u.columns) if c.kind and c.review
    ]


def other_reading(col) -> str:
    return next(r for r in col.readings.values() if r and r != col.canonical)


@pytest.fixture
def three_decisions(sample_a, sample_b, tmp_path):
    """A file deciding three flagged places: another witness's reading, the
    editor's own text, a deletion; returns (file, the decisions)."""
    collation = dedupe.compare([sample_a, sample_b])
    (u1, i1, c1), (u2, i2, c2), (u3, i3, c3) = flagged(collation)[:3]
    made = (
        Decision(c1.id, other_reading(c1), "the other copy is right", place_context(u1, i1)),
        Decision(c2.id, "Editorially-Typed", "", place_context(u2, i2)),
        Decision(c3.id, "", "a stray word", place_context(u3, i3)),
    )
    path = tmp_path / "decisions.json"
    path.write_text(decisions_json(made), "utf-8")
    return path, made


def test_decisions_set_the_canonical_readings(sample_a, sample_b, three_decisions, tmp_path):
    path, made = three_decisions
    out = tmp_path / "out.json"
    result = run(
        "compare", sample_a, sample_b, "--decisions", str(path), "-f", "json", "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text("utf-8"))
    by_id = {v["id"]: v for v in data["variants"]}
    for d in made:
        v = by_id[d.id]
        assert v["reason"] == "editor" and v["confidence"] == 1.0 and v["review"] is False
        assert v["canonical"] == (d.reading or None)
        assert v.get("note", "") == d.note
    assert by_id[made[0].id]["agree"]  # a witness's reading: that witness agrees
    assert by_id[made[1].id]["agree"] == []
    assert "Editorially-Typed" in data["canonical"]["text"]
    assert data["decisions"] == {"applied": 3, "stale": []}
    plain = run("compare", sample_a, sample_b, "--decisions", str(path), "-q")
    assert "Editorially-Typed" in plain.stdout
    without = run("compare", sample_a, sample_b, "-q")
    assert "Editorially-Typed" not in without.stdout
    assert len(plain.stdout.split()) == len(without.stdout.split()) - 1  # one place deleted


def test_decided_places_keep_their_ids_and_leave_review(sample_a, sample_b, three_decisions):
    _, made = three_decisions
    before = dedupe.compare([sample_a, sample_b])
    after = dedupe.compare([sample_b, sample_a], decisions=made)
    assert [c.id for _, c in before.variants()] != []
    assert sorted(c.id for _, c in before.variants()) == sorted(c.id for _, c in after.variants())
    assert len(flagged(after)) == len(flagged(before)) - 3


def test_stale_decisions_are_reported(sample_a, sample_b, three_decisions, tmp_path):
    path, made = three_decisions
    data = json.loads(path.read_text("utf-8"))
    data["decisions"].append(
        {
            "id": "v-00000000",
            "reading": "gone",
            "context": {"before": "a place", "after": "now gone"},
        }
    )
    path.write_text(json.dumps(data), "utf-8")
    out = tmp_path / "out.json"
    result = run(
        "compare", sample_a, sample_b, "--decisions", str(path), "-f", "json", "-o", str(out)
    )
    assert result.returncode == 0
    assert "stale decision v-00000000" in result.stderr
    assert "3 editor's decisions applied, 1 stale" in result.stderr
    summary = json.loads(out.read_text("utf-8"))["decisions"]
    assert summary["applied"] == 3
    assert [d["id"] for d in summary["stale"]] == ["v-00000000"]
    assert summary["stale"][0]["reading"] == "gone"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such decisions file"),
        ("{not json", "not a JSON decisions file"),
        ('{"schema": "dedupe.collation/1", "decisions": []}', "expected 'dedupe.decisions/1'"),
        (f'{{"schema": "{SCHEMA}", "decisions": {{}}}}', "'decisions' must be a list"),
        (f'{{"schema": "{SCHEMA}", "decisions": [{{"id": 3, "reading": "x"}}]}}', "'id' must"),
        (f'{{"schema": "{SCHEMA}", "decisions": [{{"id": "v-1"}}]}}', "'reading' must"),
        (
            f'{{"schema": "{SCHEMA}", "decisions": [{{"id": "v-1", "reading": "", "note": 1}}]}}',
            "'note' must",
        ),
        (
            f'{{"schema": "{SCHEMA}", "decisions": [{{"id": "v-1", "reading": "", "context": []}}]}}',
            "'context' must",
        ),
        (
            f'{{"schema": "{SCHEMA}", "decisions": [{{"id": "v-1", "reading": ""}},'
            f' {{"id": "v-1", "reading": "a"}}]}}',
            "decided twice",
        ),
        ("[]", "is a JSON object"),
    ],
)
def test_a_bad_decisions_file_is_one_line_and_exit_2(
    sample_a, sample_b, tmp_path, content, message
):
    path = tmp_path / "d.json"
    if content is not None:
        path.write_text(content, "utf-8")
    out = tmp_path / "out.txt"
    result = run("compare", sample_a, sample_b, "--decisions", str(path), "-o", str(out))
    assert result.returncode == 2
    assert result.stderr.startswith("dedupe: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_load_rejects_a_directory_and_bytes_that_are_not_utf8(tmp_path):
    with pytest.raises(DedupeError, match="directory"):
        load_decisions(tmp_path)
    bad = tmp_path / "d.json"
    bad.write_bytes(b"\xff\xfe{")
    with pytest.raises(DedupeError, match="not a JSON"):
        load_decisions(bad)


def test_a_written_file_reads_back_the_same(tmp_path):
    made = (Decision("v-1", "a", "why", {"before": "x"}), Decision("v-2", "", "", {}))
    path = Path(tmp_path / "d.json")
    path.write_text(decisions_json(made), "utf-8")
    assert load_decisions(path) == made


def test_an_editor_overrules_a_removal(sample_a, sample_b, tmp_path):
    """A passage left out as layout noise, given back by a decision: it is in
    the canonical text, no longer listed as removed, and the apparatus says editor."""
    collation = dedupe.compare([sample_a, sample_b])
    unit, col = next(
        (u, c) for u, c in collation.variants() if c.kind == "layout" and not c.break_place
    )
    text = next(r for r in col.readings.values() if r)
    assert col.canonical is None and text not in dedupe.render("text", collation)
    path = tmp_path / "d.json"
    path.write_text(decisions_json([Decision(col.id, text, "it is the series title")]), "utf-8")
    out = tmp_path / "out.json"
    result = run(
        "compare", sample_a, sample_b, "--decisions", str(path), "-f", "json", "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text("utf-8"))
    assert dedupe.render("text", collation).replace("\n", " ") != data["canonical"]["text"]
    assert text.strip("*") in data["canonical"]["text"]
    assert all(r["text"] != text for r in data["removed"])
    variant = next(v for v in data["variants"] if v["id"] == col.id)
    assert variant["reason"] == "editor" and variant["kind"] == "layout"


def test_an_editor_removes_a_passage_only_one_witness_has(sample_a, sample_b):
    collation = dedupe.compare([sample_a, sample_b])
    col = max(
        (c for _, c in collation.variants() if c.kind == "addition" and c.canonical),
        key=lambda c: len(c.canonical),
    )
    decided = dedupe.compare([sample_a, sample_b], decisions=(Decision(col.id, ""),))
    opening = " ".join(col.canonical.split()[:8])
    assert opening in dedupe.render("text", collation)
    assert opening not in dedupe.render("text", decided)


def test_markdown_and_tei_say_editor_with_the_note(sample_a, sample_b, three_decisions):
    _, made = three_decisions
    collation = dedupe.compare([sample_a, sample_b], decisions=made)
    md = dedupe.render("md", collation)
    line = next(x for x in md.splitlines() if f"`{made[0].id}`" in x)
    assert "editor (confidence 1.00)" in line and "Note: the other copy is right" in line
    from lxml import etree

    root = etree.fromstring(dedupe.render("tei", collation).encode("utf-8"))
    app = root.xpath(f"//*[@xml:id='{made[1].id}']")[0]
    notes = {n.get("type"): n.text for n in app.iterchildren("{*}note")}
    assert notes["decision"] == "editor"
    assert app.xpath("string(*[local-name()='lem'])") == "Editorially-Typed"
    deleted = root.xpath(f"//*[@xml:id='{made[2].id}']")[0]
    assert {n.get("type"): n.text for n in deleted.iterchildren("{*}note")}[
        "editor"
    ] == "a stray word"


def test_an_editor_merges_paragraphs_the_majority_split(sample_a, sample_b):
    """A paragraph-break place decided with an empty reading runs the two
    paragraphs together; the apparatus says editor."""
    collation = dedupe.compare([sample_a, sample_b])
    col = next(c for _, c in collation.variants() if c.break_place and c.canonical == "¶")
    merged = dedupe.compare([sample_a, sample_b], decisions=[Decision(col.id, "")])
    after = next(c for _, c in merged.variants() if c.id == col.id)
    assert after.canonical == "" and after.reason == "editor"
    before_text, after_text = dedupe.render("text", collation), dedupe.render("text", merged)
    assert after_text.count("\n\n") == before_text.count("\n\n") - 1
