"""A passage variant is one entry in every output: one JSON variant with its
word-level parts, one TEI <app>, one Markdown apparatus entry, one report
line that shows the passage's start, end and length."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

import dedupe
from dedupe.render.report import report_text

DARWIN = Path(__file__).resolve().parents[1] / "data" / "darwin"
ADDED_1869 = "As far as I am able to judge, after long attending to the subject"
NS = {"t": "http://www.tei-c.org/ns/1.0"}


@pytest.fixture(scope="module")
def darwin():
    return dedupe.compare([str(p) for p in sorted(DARWIN.glob("darwin18*.txt"))])


@pytest.fixture(scope="module")
def passage(darwin):
    return next(c for _, c in darwin.variants() if ADDED_1869 in (c.readings["E"] or ""))


def test_json_gives_the_passage_once_with_its_parts(darwin, passage):
    data = json.loads(dedupe.render("json", darwin))
    hits = [v for v in data["variants"] if ADDED_1869 in (v["readings"]["E"] or "")]
    assert len(hits) == 1
    (entry,) = hits
    assert entry["id"] == passage.id and entry["kind"] == "addition"
    assert entry["readings"]["E"] == passage.readings["E"] and entry["readings"]["A"] is None
    # the places inside where 1869 and 1872 read differently, each with its own id
    parts = entry["parts"]
    assert parts and all(p["readings"]["E"] != p["readings"]["F"] for p in parts)
    assert all(p["id"].startswith("v-") and p["id"] != entry["id"] for p in parts)
    assert data["summary"]["counts"]["addition"] == sum(
        v["kind"] == "addition" for v in data["variants"]
    )


def test_tei_has_one_app_for_the_passage(darwin, passage):
    root = etree.fromstring(dedupe.render("tei", darwin).encode("utf-8"))
    apps = [
        a
        for a in root.iterfind(".//t:app", NS)
        if ADDED_1869 in "".join(a.itertext()) and "#E" in " ".join(r.get("wit") or "" for r in a)
    ]
    assert len(apps) == 1
    (app,) = apps
    assert app.get("{http://www.w3.org/XML/1998/namespace}id") == passage.id
    rdg = next(r for r in app if "#E" in (r.get("wit") or "").split())
    assert " ".join("".join(rdg.itertext()).split()).startswith(ADDED_1869)
    assert len("".join(rdg.itertext()).split()) > 300
    # no other <app> holds a word of it
    paragraph = app.getparent()
    assert len(paragraph.findall(".//t:app", NS)) == 1


def test_markdown_lists_the_passage_as_one_entry(darwin, passage):
    text = dedupe.render("md", darwin)
    entries = [line for line in text.splitlines() if passage.id in line]
    assert len(entries) == 1
    assert ADDED_1869 in entries[0] and "**addition**" in entries[0]


def test_the_report_shows_the_passage_on_one_line_with_its_length(darwin, passage):
    report = report_text(darwin)
    lines = [line for line in report.splitlines() if passage.id in line]
    assert len(lines) == 1
    words = len(passage.readings["E"].split())
    assert f"E:‹{ADDED_1869[:40]}" in lines[0] and f"({words} words)" in lines[0]
    # the passage is not written out in full
    assert len(lines[0]) < 1000 < len(passage.readings["E"])
