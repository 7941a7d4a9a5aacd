"""The Markdown output read back by a real Markdown parser (markdown-it-py,
CommonMark with footnotes): emphasis pairs, readings stay code spans, no
witness text becomes markup, and every apparatus entry is a footnote called
from its place in the text. On the sample pair, three Darwin editions and
Kant page 1 in nine witnesses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

import dedupe

DATA = Path(__file__).resolve().parents[1] / "data"
SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "beijing-binds"
SETS = {
    "sample": [SAMPLES / "a.txt", SAMPLES / "b.txt"],
    "darwin": sorted((DATA / "darwin").glob("darwin18*.txt"))[:3],
    "kant": [
        DATA / "kant" / "GT-PAGE" / "PAGE_0017_PAGE.xml",
        *sorted(DATA.glob("kant/OCR-*/*_0001.xml")),
    ],
}


def parse(md: str) -> tuple[list, dict]:
    env: dict = {}
    tokens = MarkdownIt("commonmark").use(footnote_plugin).parse(md, env)
    return tokens, env


def inline(tokens) -> list:
    return [child for t in tokens if t.type == "inline" for child in t.children]


@pytest.fixture(scope="module", params=list(SETS))
def rendered(request):
    collation = dedupe.compare([str(p) for p in SETS[request.param]])
    md = dedupe.render("md", collation)
    return request.param, collation, md, *parse(md)


def test_every_apparatus_entry_is_a_footnote_called_from_the_text(rendered):
    name, collation, md, tokens, env = rendered
    refs = [t.meta["label"] for t in inline(tokens) if t.type == "footnote_ref"]
    defined = set(env["footnotes"]["refs"])
    assert refs and all(f":{label}" in defined for label in refs)  # no call without its note
    entries = [label for label in refs if label.startswith("a")]
    assert len(entries) == len(set(entries))  # each entry called once
    listed = re.findall(r"^- (a\d+)\. ", md, re.M)
    listed_places = [c for _, c in collation.variants() if c.kind != "typography"]
    assert len(entries) + len(listed) == len(listed_places)
    assert sorted(entries + listed, key=lambda s: int(s[1:])) == [
        f"a{k}" for k in range(1, len(listed_places) + 1)
    ]
    text = md.split("\n## Apparatus\n")[0]
    assert all(f"[^{label}]" in text for label in entries)  # called from the text itself
    if name != "kant":
        assert len(listed) < len(entries) / 10  # nearly all have a place in the text


def test_no_emphasis_marker_is_left_unpaired(rendered):
    _, _, md, tokens, _ = rendered
    children = inline(tokens)
    opens = [t for t in children if t.type in ("em_open", "strong_open")]
    closes = [t for t in children if t.type in ("em_close", "strong_close")]
    assert len(opens) == len(closes)
    # an asterisk the reader sees is one the Markdown escaped: a literal one in a witness
    seen = sum(t.content.count("*") for t in children if t.type == "text")
    in_code = sum(t.content.count("\\*") for t in children if t.type == "code_inline")
    assert seen == md.count("\\*") - in_code
    assert not [t for t in children if t.type == "html_inline"]
    assert not [t for t in tokens if t.type == "html_block"]


def test_the_lemma_and_readings_are_code_spans_and_the_title_is_h1(rendered):
    name, collation, md, tokens, env = rendered
    assert "**`" in md and not re.search(r"…\S* \*[^*`]", md)  # the lemma is no *...* any more
    headings = [t for t in tokens if t.type == "heading_open"]
    first = collation.units[0]
    if first.kind == "heading":
        assert md.startswith("# ") and [t.tag for t in headings].count("h1") == 1
    else:
        assert "h1" not in [t.tag for t in headings]
    if name == "sample":
        assert md.startswith("# Beijing")
        words = inline(tokens)
        k = next(i for i, t in enumerate(words) if t.content.endswith("Kamchybek Zholdosbaev"))
        call = words[k + 1]
        assert call.type == "footnote_ref"
        note = env["footnotes"]["list"][call.meta["id"]]
        entry = md.split(f"\n[^{note['label']}]: ", 1)[1].split("\n", 1)[0]
        assert "**`Zholdosbaev`**" in entry and "B: `Zholdoshaev`" in entry
        assert "*Survival*" in md  # a witness's own emphasis, kept where it pairs
        ems = [words[i + 1].content for i, t in enumerate(words) if t.type == "em_open"]
        assert "Survival" in ems


def test_readings_with_markup_backticks_and_html_stay_as_they_read(collate_texts, tmp_path):
    collation = collate_texts(
        tmp_path,
        {
            "a.txt": "A Title\n\nThe **Senior* Associate said `odd` things <b>here</b> today.\n",
            "b.txt": "A Title\n\nThe Junior Associate said odd things here today.\n",
        },
    )
    md = dedupe.render("md", collation)
    tokens, env = parse(md)
    children = inline(tokens)
    codes = {t.content for t in children if t.type == "code_inline"}
    assert {"**Senior*", "`odd`"} <= codes  # each reading exactly as the witness has it
    assert not [t for t in children if t.type == "html_inline"]
    seen = sum(t.content.count("*") for t in children if t.type == "text")
    in_code = sum(t.content.count("\\*") for t in children if t.type == "code_inline")
    assert seen == md.count("\\*") - in_code
    assert md.startswith("# A Title\n")
    refs = [t.meta["label"] for t in children if t.type == "footnote_ref"]
    assert refs and all(f":{label}" in env["footnotes"]["refs"] for label in refs)
