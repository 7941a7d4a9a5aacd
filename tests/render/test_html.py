"""The HTML report as a file: self-contained, its data readable back, witness
text never able to close the data block or become markup."""

from __future__ import annotations

import json
import re

import dedupe
from dedupe.render.html import report_data


def data_block(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="data">(.*?)</script>', page, re.S)
    assert match
    return json.loads(match.group(1))


def test_page_is_self_contained(sample_collation):
    page = dedupe.render("html", sample_collation)
    assert page.startswith("<!DOCTYPE html>")
    assert "default-src 'none'" in page  # the browser refuses any fetch
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page, re.I)
    assert not re.search(r"@import|url\(|@font-face", page)
    assert "@media print" in page


def test_data_block_reads_back_as_the_collation(sample_collation):
    page = dedupe.render("html", sample_collation)
    data = data_block(page)
    assert data == json.loads(json.dumps(report_data(sample_collation)))
    [v] = [v for v in data["variants"] if v["t"] == "Zholdosbaev"]
    assert v["k"] == "spelling" and v["rev"] == 1
    assert v["r"] == [["Zholdosbaev", ["A"]], ["Zholdoshaev", ["B"]]]
    assert [u["n"] for u in data["units"] if u["s"] == "n"] == list(range(1, 64))


def test_witness_markup_stays_inside_the_data(hostile_collation):
    page = dedupe.render("html", hostile_collation)
    assert "<script>window" not in page and "<img" not in page and "<b onmouseover" not in page
    assert page.count("<script") == 2  # the data block and the page's own script
    assert "evil &lt;b&gt;&amp;&#x27;&quot;.txt" in page  # the file name, escaped
    words = [w for v in data_block(page)["variants"] for r, _ in v["r"] for w in r.split()]
    assert "<script>window.pwned" in words


def test_same_input_gives_identical_html(sample_pair):
    assert dedupe.render("html", dedupe.compare(sample_pair)) == dedupe.render(
        "html", dedupe.compare(sample_pair)
    )


def test_paragraphs_the_witnesses_break_are_separate_on_the_page(split_collation):
    data = report_data(split_collation)
    texts = [" ".join(c for c in u["c"] if isinstance(c, str)) for u in data["units"]]
    assert any(t.startswith("The first paragraph") and "second" not in t for t in texts)
    assert any(t.startswith("A second paragraph") for t in texts)
