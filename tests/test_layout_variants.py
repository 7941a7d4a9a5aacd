"""Split and merged paragraphs are variants of their own (kind ``layout``):
the canonical paragraphing follows the majority, then the better witness,
and every output format reports the place."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import etree

import dedupe
from dedupe.model import PARAGRAPH_BREAK, RUN_ON

ROOT = Path(__file__).resolve().parent
DARWIN = ROOT / "data" / "darwin"
SAMPLES = ROOT.parent / "samples" / "beijing-binds"
TEI = {"t": "http://www.tei-c.org/ns/1.0"}


def paragraphs(year: str, count: int = 10) -> list[str]:
    text = (DARWIN / f"darwin{year}.txt").read_text(encoding="utf-8")
    return [p for p in text.split("\n") if p.strip()][:count]


def first_sentence_end(paragraph: str) -> int:
    """Where the paragraph's first sentence ends (before the next capital)."""
    return re.search(r"[.;] (?=[A-Z])", paragraph).end()


def write(tmp: Path, name: str, paras: list[str]) -> str:
    path = tmp / name
    path.write_text("\n\n".join(paras) + "\n", encoding="utf-8")
    return str(path)


def breaks(collation):
    return [(u, c) for u, c in collation.variants() if c.break_place]


@pytest.fixture(scope="module")
def darwin_three(tmp_path_factory):
    """Three real editions (1859, 1860, 1861; their own word variants), the
    1860 copy with paragraph 7 split after its first sentence (as a page
    break at a sentence end leaves it) and the 1861 copy with paragraphs 4
    and 5 run together (a lost blank line)."""
    tmp = tmp_path_factory.mktemp("darwin3")
    first, second, third = paragraphs("1859"), paragraphs("1860"), paragraphs("1861")
    at = first_sentence_end(second[6])
    second = second[:6] + [second[6][:at].strip(), second[6][at:].strip()] + second[7:]
    third = third[:3] + [third[3] + " " + third[4]] + third[5:]
    paths = [write(tmp, f"{y}.txt", p) for y, p in (("a", first), ("b", second), ("c", third))]
    return dedupe.compare(paths)


def test_a_paragraph_merged_in_one_edition_is_a_layout_variant_broken_by_majority(darwin_three):
    merged = [c for _, c in breaks(darwin_three) if c.readings["A"] == PARAGRAPH_BREAK]
    (col,) = merged
    assert col.kind == "layout"
    assert col.readings == {"A": PARAGRAPH_BREAK, "B": PARAGRAPH_BREAK, "C": RUN_ON}
    assert col.canonical == PARAGRAPH_BREAK and col.supporters() == ["A", "B"]
    assert col.reason.startswith("paragraphs merged in C (…the correlation of growth. The result")
    assert "majority (2 of 3 witnesses)" in col.reason
    assert col.confidence == pytest.approx(2 / 3, abs=0.001) and not col.review
    text = dedupe.render("text", darwin_three)
    assert "correlation of growth.\n\nThe result of the various" in text


def test_a_paragraph_split_in_one_edition_is_a_layout_variant_kept_whole(darwin_three):
    split = [c for _, c in breaks(darwin_three) if c.readings["A"] == RUN_ON]
    (col,) = split
    assert col.readings == {"A": RUN_ON, "B": PARAGRAPH_BREAK, "C": RUN_ON}
    assert col.canonical == RUN_ON and col.supporters() == ["A", "C"]
    assert col.reason.startswith("paragraph split after …")
    assert "'to the like sex.' in B (before 'It is a fact'); A, C run on" in col.reason
    text = dedupe.render("text", darwin_three)
    assert "to the like sex. It is a fact" in text
    # the canonical paragraphing is the majority's: 10 paragraphs, as A and C
    assert len(text.strip().split("\n\n")) == 10


def test_every_format_reports_the_break_places(darwin_three):
    data = json.loads(dedupe.render("json", darwin_three))
    places = [v for v in data["variants"] if v.get("paragraph_break")]
    assert [(v["kind"], v["readings"], v["canonical"]) for v in places] == [
        ("layout", {"A": "¶", "B": "¶", "C": ""}, "¶"),
        ("layout", {"A": "", "B": "¶", "C": ""}, ""),
    ]
    assert places[0]["context"]["after"].startswith("The result of the")
    assert data["summary"]["counts"]["layout"] == 2
    md = dedupe.render("md", darwin_three)
    assert "A, B: `¶`; C: `(runs on)`. Agree: A, B. paragraphs merged in C" in md
    assert "A, C: `(runs on)`; B: `¶`. Agree: A, C. paragraph split after" in md
    assert "¶" not in md.split("## Apparatus")[0]  # the text itself has no pilcrows
    html = dedupe.render("html", darwin_three)
    page = json.loads(re.search(r'id="data">(.*?)</script>', html).group(1))
    shown = [v for v in page["variants"] if v.get("pb")]
    assert [(v["t"], v["r"]) for v in shown] == [
        ("¶", [["¶", ["A", "B"]], ["", ["C"]]]),
        ("", [["¶", ["B"]], ["", ["A", "C"]]]),
    ]
    root = etree.fromstring(dedupe.render("tei", darwin_three).encode())
    apps = root.xpath("//t:app[@type='layout']", namespaces=TEI)
    assert [(app.find("t:lem", TEI).get("wit"), len(app.find("t:lem", TEI))) for app in apps] == [
        ("#A #B", 1),
        ("#A #C", 0),
    ]


def test_even_witnesses_follow_the_better_witness_between_sentences(tmp_path):
    """Two copies of three paragraphs: a careful one, and an OCR'd one full
    of misread words that breaks its second paragraph between two
    sentences. With no majority, the careful copy's paragraphing wins."""
    clean = paragraphs("1859", 3)
    damaged = [re.sub(r"(?<=\w)e(?=\w)", "c", p).replace("m", "rn") for p in clean]
    at = first_sentence_end(damaged[1])
    damaged = [damaged[0], damaged[1][:at].strip(), damaged[1][at:].strip(), damaged[2]]
    collation = dedupe.compare([write(tmp_path, "a.txt", clean), write(tmp_path, "b.txt", damaged)])
    (col,) = [c for _, c in breaks(collation)]
    assert col.readings == {"A": RUN_ON, "B": PARAGRAPH_BREAK}
    assert col.canonical == RUN_ON
    assert "even witnesses; A reads more carefully elsewhere" in col.reason
    assert len(dedupe.render("text", collation).strip().split("\n\n")) == 3


def test_even_witnesses_do_not_break_in_mid_sentence():
    """The normaliser rejoins a plain-text paragraph broken in mid sentence,
    so the rule is shown on the decision itself: two witnesses, one breaking
    before a capital that does not start a sentence."""
    from dedupe.decide import paragraph_breaks
    from dedupe.model import Column

    def col(text, breaks=()):
        return Column({"A": text, "B": text}, canonical=text, breaks=breaks)

    columns = [col("experiments show that an unnatural treatment of the"), col("Geoffroy", ("B",))]
    out = paragraph_breaks(columns, ["A", "B"], {"A": 4.0, "B": 4.0})
    place = out[1]
    assert place.break_place and place.readings == {"A": RUN_ON, "B": PARAGRAPH_BREAK}
    assert place.canonical == RUN_ON and place.confidence == 0.8
    assert "the break cuts a sentence" in place.reason
    assert not out[2].paragraph


def test_no_paragraph_starts_in_lower_case_whatever_the_majority():
    """Two copies of one layout share a page break before ``and``; the third
    runs on: the canonical text runs on (seen on real one- and two-column
    scans of one report)."""
    from dedupe.decide import paragraph_breaks
    from dedupe.model import Column

    ids = ["A", "B", "C"]
    columns = [
        Column(dict.fromkeys(ids, "over a hundred years)"), canonical="over a hundred years)"),
        Column(dict.fromkeys(ids, "and Kazakhs"), canonical="and Kazakhs", breaks=("A", "C")),
    ]
    out = paragraph_breaks(columns, ids, {})
    assert out[1].readings == {"A": PARAGRAPH_BREAK, "B": RUN_ON, "C": PARAGRAPH_BREAK}
    assert out[1].canonical == RUN_ON and out[1].supporters() == ["B"]
    assert "the next word is in lower case" in out[1].reason
    assert out[1].reason.startswith("paragraph split after …'over a hundred years)' in A, C")
    assert not out[2].paragraph


def test_the_sample_pairs_page_broken_author_box_is_one_reported_break():
    collation = dedupe.compare([str(SAMPLES / "a.txt"), str(SAMPLES / "b.txt")])
    (col,) = [c for _, c in breaks(collation)]
    assert col.readings == {"A": PARAGRAPH_BREAK, "B": RUN_ON}
    assert col.canonical == PARAGRAPH_BREAK
    assert col.reason.startswith("paragraphs merged in B (…of Social Sciences (SASS). He is")
    text = dedupe.render("text", collation)
    assert "Academy of Social Sciences (SASS).\n\nHe is the author of" in text
    assert PARAGRAPH_BREAK not in text


def test_the_breaking_witness_own_words_say_whether_a_sentence_ends():
    """Real scans of Darwin: the clean one-column scan ends a paragraph at
    'correlation of growth.'; the rough two-column scan runs on, with OCR
    junk of its own before the next paragraph (dust, left out). The break stands: it is the
    clean scan's sentence that ends there, whatever the other scan adds."""
    scans = ROOT / "data" / "selfcheck"
    paths = [str(scans / "darwin-onecol-clean.txt"), str(scans / "darwin-twocol-rough.txt")]
    collation = dedupe.compare(paths)
    (col,) = [c for _, c in breaks(collation) if "at 'The result of the'" in c.reason]
    assert col.readings == {"A": PARAGRAPH_BREAK, "B": RUN_ON}
    assert col.canonical == PARAGRAPH_BREAK
    # the rough scan's junk between the two is dust, left out: the context reads on
    assert (
        col.reason.startswith("paragraphs merged in B (…") and "of growth. The result" in col.reason
    )
    assert col.reason.endswith("a break between two sentences stands")
    assert "\n\nThe result of the various" in dedupe.render("text", collation)
