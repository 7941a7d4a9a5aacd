"""Three or more witnesses: majority, tie-breaking, order independence, nothing lost."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

import dedupe
from dedupe.decide import Evidence, decide_column
from dedupe.model import Column

TEXT = (
    "The Kyrgyz Security Council met and decided to request support from Beijing. "
    "Beijing quickly reciprocated the donations, with aid starting to arrive by the end "
    "of the month. In the first instance it was mostly to Kazakhstan, Kyrgyzstan and "
    "Uzbekistan, but testing kits were also handed over on March 30."
)


def witnesses(tmp_path, texts):
    paths = []
    for i, text in enumerate(texts):
        path = tmp_path / f"w{i}.txt"
        path.write_text("Medical Aid Flows Both Ways\n\n" + text + "\n")
        paths.append(str(path))
    return paths


def damage(text, pairs):
    for old, new in pairs:
        text = text.replace(old, new, 1)
    return text


def evidence(n, prefer=None, text=TEXT):
    from collections import Counter

    from dedupe.lexicon import word_counts

    counts = word_counts(text)
    return Evidence(counts, Counter(), "en", {}, prefer, "straight", n)


def test_majority_beats_a_single_damaged_witness(tmp_path):
    texts = [
        TEXT,
        damage(TEXT, [("Beijing quickly", "Beijmg quickly")]),
        damage(TEXT, [("donations", "donatlons"), ("Kazakhstan", "Kazakbstan")]),
    ]
    collation = dedupe.compare(witnesses(tmp_path, texts))
    text = dedupe.render("text", collation)
    assert "Beijing quickly reciprocated the donations" in text and "Kazakhstan," in text
    reasons = [c.reason for _, c in collation.variants()]
    assert any(r.startswith("A, C against B: majority") for r in reasons)
    assert all(c.confidence >= 0.6 for _, c in collation.variants())


def test_permuting_witnesses_keeps_the_canonical_text(tmp_path):
    texts = [
        TEXT,
        damage(TEXT, [("Beijing quickly", "Beijmg quickly"), ("month.", "month,")]),
        damage(TEXT, [("donations", "donatlons"), ("Kyrgyz Security", "Kyrgyz Secunty")]),
        damage(TEXT, [("testing kits", "testingkits"), ("aid", "ald")]),
        damage(TEXT, [("Uzbekistan", "Uzbekistan (sic)"), ("March", "Marcb")]),
    ]
    paths = witnesses(tmp_path, texts)
    first = dedupe.render("text", dedupe.compare(paths))
    for order in list(itertools.permutations(paths))[1:25:4]:
        assert dedupe.render("text", dedupe.compare(list(order))) == first
    assert "Beijing quickly reciprocated the donations" in first
    assert "testing kits" in first and "(sic)" not in first


def test_tie_broken_by_document_consistency_then_preference():
    # "Beijing" is used elsewhere in the documents; "Beijmg" is not
    col = Column({"A": "Beijing", "B": "Beijmg"})
    out = decide_column(col, set(), evidence(2))
    assert out.canonical == "Beijing" and out.kind == "spelling" and not out.review
    # no evidence either way: content-based choice, flagged, unless a witness is preferred
    col = Column({"A": "Zholdosbaev", "B": "Zholdoshaev"})
    out = decide_column(col, set(), evidence(2))
    assert out.review and out.confidence < 0.6
    assert (
        decide_column(
            Column({"A": "Zholdoshaev", "B": "Zholdosbaev"}), set(), evidence(2)
        ).canonical
        == out.canonical
    )
    preferred = decide_column(col, set(), evidence(2, prefer="B"))
    assert preferred.canonical == "Zholdoshaev" and "preferred witness B" in preferred.reason


def test_all_caps_loses_and_common_words_win():
    out = decide_column(Column({"A": "BEIJING", "B": "Beijing"}), set(), evidence(2))
    assert out.canonical == "Beijing" and out.kind == "case" and "ALL CAPS" in out.reason
    out = decide_column(Column({"A": "tbe", "B": "the"}), set(), evidence(2, text="x"))
    assert out.canonical == "the"


def test_low_ocr_confidence_loses_a_tie():
    ev = evidence(2, text="nothing relevant")
    ev = Evidence(ev.counts, ev.exact, "en", {"A": {"Tashkent": 0.35}}, None, "straight", 2)
    out = decide_column(Column({"A": "Tashkent", "B": "Tashkant"}), set(), ev)
    assert out.canonical == "Tashkant" and "confidence" in out.reason


def test_typography_only_follows_house_style():
    out = decide_column(Column({"A": "“return”", "B": '"return"'}), set(), evidence(2))
    assert out.kind == "typography" and out.canonical == '"return"'


WORDS = st.sampled_from("the aid of China to Central Asia was sold given and masks".split())


@settings(max_examples=40, deadline=None)
@given(
    base=st.lists(WORDS, min_size=3, max_size=25),
    edits=st.lists(
        st.tuples(
            st.integers(0, 2), st.integers(0, 30), st.sampled_from(["drop", "swap", "add", "split"])
        ),
        max_size=8,
    ),
)
def test_nothing_lost_in_generated_witnesses(tmp_path_factory, base, edits):
    texts = [list(base), list(base), list(base)]
    for w, pos, op in edits:
        words = texts[w]
        if not words:
            continue
        i = pos % len(words)
        if op == "drop" and len(words) > 1:
            del words[i]
        elif op == "swap":
            words[i] = words[i][::-1]
        elif op == "add":
            words.insert(i, "extra")
        elif op == "split" and len(words[i]) > 3:
            words[i : i + 1] = [words[i][:2], words[i][2:]]
    tmp = tmp_path_factory.mktemp("w")
    paths = []
    for k, words in enumerate(texts):
        p = tmp / f"{k}.txt"
        p.write_text(" ".join(words) + ".\n")
        paths.append(str(p))
    collation = dedupe.compare(paths)
    for doc in collation.documents:
        wid = doc.witness.id
        expected = [t for b in doc.blocks if b.kind != "noise" for t in b.text.split()]
        seen = [
            t
            for u in collation.units
            for c in u.columns
            if c.readings.get(wid)
            for t in c.readings[wid].split()
        ]
        assert seen == expected


PARAGRAPHS = [
    "Given their physical proximity, it is interesting to note that none of the Central "
    "Asian powers have pointed to China as the source of their initial infections.",
    "Reflecting a broader anger against China in the country, in mid-February the "
    "announcement was made to cancel the At-Bashi logistics center in Kyrgyzstan.",
    "It did not take very long for the tables to turn. By mid-March, the Central Asians "
    "were facing their own outbreaks and started to seek support and aid from China.",
    "And this munificence has continued, with repeated flights of aid from both regional "
    "authorities across China as well as the business community of the region.",
]


def test_a_moved_paragraph_is_reported_as_moved(tmp_path):
    moved = [PARAGRAPHS[0], PARAGRAPHS[2], PARAGRAPHS[3], PARAGRAPHS[1]]
    paths = []
    for name, paras in (("a.txt", PARAGRAPHS), ("b.txt", moved)):
        (tmp_path / name).write_text("\n\n".join(paras) + "\n")
        paths.append(str(tmp_path / name))
    collation = dedupe.compare(paths)
    kinds = [c.kind for _, c in collation.variants()]
    assert kinds.count("moved") == 1
    assert "addition" not in kinds and "omission" not in kinds
    text = dedupe.render("text", collation)
    assert all(text.count(p) == 1 for p in PARAGRAPHS)


def test_where_all_read_differently_the_central_reading_wins():
    # every witness has its own error; the reading nearest to all others is the original
    col = Column(
        {
            "A": "5-megapixeldigital",
            "B": "5-mega*",
            "C": "5-mcgopixel",
            "D": "5-rnegapixel",
            "E": "5-megapixel",
        }
    )
    out = decide_column(col, set(), evidence(5, text="x"))
    assert out.canonical == "5-megapixel"
    assert "closest to all the other readings" in out.reason


def test_paragraph_break_where_the_witnesses_agree_or_a_sentence_ends(tmp_path):
    first = "The first paragraph ends here with a full stop."
    second = "A second paragraph follows and ends as well."
    joined, split = f"{first} {second}", f"{first}\n\n{second}"
    # two of three witnesses run the paragraphs together: one paragraph
    text = dedupe.render("text", dedupe.compare(witnesses(tmp_path, [joined, joined, split])))
    assert f"{first} {second}" in text
    # two of three break them: two paragraphs, whichever witness was the pivot
    text = dedupe.render("text", dedupe.compare(witnesses(tmp_path, [joined, split, split])))
    assert f"{first}\n\n{second}" in text
    # two witnesses, even: a break between sentences stands, one in mid sentence does not
    text = dedupe.render("text", dedupe.compare(witnesses(tmp_path, [joined, split])))
    assert f"{first}\n\n{second}" in text
    mid = f"{first} A second paragraph\n\nfollows and ends as well."
    text = dedupe.render("text", dedupe.compare(witnesses(tmp_path, [joined, mid])))
    assert f"{first} {second}" in text


def test_a_split_word_with_an_ocr_error_is_one_place(tmp_path):
    # "plane loads" against "planeloacls": joined pieces alike, not equal
    a = TEXT.replace("donations", "plane loads of donations")
    b = TEXT.replace("donations", "planeloacls of donations")
    collation = dedupe.compare(witnesses(tmp_path, [a, b]))
    places = [c for _, c in collation.variants() if "planeloacls" in (c.readings["B"] or "")]
    (place,) = places
    assert place.readings["A"] == "plane loads"
    assert not [c for _, c in collation.variants() if c.kind in ("addition", "omission")]


def test_a_misaligned_place_keeps_the_central_reading_whole():
    # five damaged copies of a heading with repeated words, misaligned by the
    # progressive alignment (columns as the collation made them on simulated scans)
    from dedupe.decide import keep_whole

    ids = "ABCDE"
    rows = [
        (
            "Senior Associate Fellow at RUSI Visiting",
            None,
            "Se nior Associate Fellow at RU5I Visiting",
            None,
            None,
        ),
        ("Senior", "Senior", "Senior", "Senior", "5e nior"),
        ("Fellow", "AssociateFellovv", "Fellow", "AssocatcFcllow", "Associa"),
        (
            None,
            None,
            None,
            "at RUSI Visiting Senlor Fell ow",
            "te Fellow at RUSI VisitingSenior Fellovv",
        ),
        ("at", "at", "at", "at", "at"),
        (None, "RUSI Visifmg Sen i or Fe1low ot", None, None, None),
        ("RSIS", "RSISS", "RSIS", "RSIS", "RSIS"),
    ]
    ev = evidence(5, text="x")
    columns = [decide_column(Column(dict(zip(ids, row, strict=True))), set(), ev) for row in rows]
    assert len(" ".join(c.canonical for c in columns if c.canonical).split()) < 8
    whole = keep_whole(columns, set(), ev)
    text = " ".join(c.canonical for c in whole if c.canonical)
    assert text == "Senior Associate Fellow at RUSI Visiting Senior Fellow at RSIS"
    assert all(c.review for c in whole if c.kind) and "align poorly" in whole[0].reason
    # a place that votes to a sensible length is left alone
    fine = [decide_column(Column(dict(zip(ids, row, strict=True))), set(), ev) for row in rows[4:5]]
    assert keep_whole(fine, set(), ev) == fine


def test_three_words_run_together_are_one_place_and_the_spaced_reading_wins(tmp_path):
    a = TEXT.replace("testing kits", "testing kits, “Kitaiskiv rabochix?” akhbor.rus.com, were")
    b = TEXT.replace("testing kits", "testing kits, “Kitaiskivraaboehix?”akhbor.rus.com, were")
    collation = dedupe.compare(witnesses(tmp_path, [a, b]))
    (place,) = [c for _, c in collation.variants() if "akhbor" in (c.readings["B"] or "")]
    assert "Kitaiskiv" in place.readings["A"] and "akhbor" in place.readings["A"]
    assert place.canonical == place.readings["A"].replace("“", '"').replace("”", '"')
    assert "lost space" in place.reason


def test_a_place_split_between_halves_of_the_witnesses_is_rejoined():
    from dedupe.collate import rejoin_split_places

    words = ["Terrorism,", "Terrorism"]
    first, second = "ABCDE", "FGHIJ"
    cells = [
        {w: ["and"] for w in first + second},
        {w: list(words) for w in first},
        {w: ["Political"] for w in first + second},
        {w: ["Terrorism,", "Tcrrorism"] for w in second},
    ]
    # half the witnesses put the words a cell later: one place, not two
    assert cells[2]["A"] == ["Political"]
    out = rejoin_split_places(cells, 10)
    assert len(out) == 2
    assert out[1]["A"] == [*words, "Political"] and out[1]["F"] == [
        "Political",
        "Terrorism,",
        "Tcrrorism",
    ]
    # places with different words stay apart
    other = [*cells[:3], {w: ["Violence"] for w in second}]
    assert len(rejoin_split_places(other, 10)) == 4
