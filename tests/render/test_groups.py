"""Systematic differences: one pattern at many places of a document becomes
one group, in the JSON (``groups``, ``variants[].group``,
``summary.systematic``) as in the reports; every member stays a variant."""

from __future__ import annotations

import json

import dedupe
from dedupe.model import Column
from dedupe.render.groups import (
    GROUP_MIN,
    SIGNIFICANCE,
    case_shape,
    collation_groups,
    edit_pattern,
    pattern_of,
)


def test_small_edits_are_patterns_and_larger_ones_are_not():
    assert edit_pattern("Fellow at", "Fellow.at") == "'.' for a space"
    assert edit_pattern("plane loads", "planeloads") == "a space dropped"
    assert edit_pattern("grus", "gruz") == "'z' for 's'"
    assert edit_pattern("Asia", "ASIA") == edit_pattern("and", "AND") == "ALL CAPS"
    assert edit_pattern("gypmoshch", "a different word") is None
    assert case_shape("E-future") == "capitalised" and case_shape("iPhone") == "mixed case"


def test_a_place_with_words_on_one_side_only_has_no_pattern():
    added = Column({"A": None, "B": "June 19"}, kind="addition", canonical="June 19")
    assert pattern_of(added) is None
    both = Column({"A": "x y", "B": "x.y", "C": "x.y"}, kind="punctuation", canonical="x y")
    assert pattern_of(both) == (("B", "'.' for a space"), ("C", "'.' for a space"))


def test_a_text_layer_reading_spaces_as_dots_is_one_group(dotted_pair):
    collation = dedupe.compare(dotted_pair)
    groups = collation_groups(collation)
    assert len(groups) == 1
    (group,) = groups
    assert group.kind == "punctuation" and group.witnesses == ("B",)
    assert group.description == "B: '.' for a space"
    dotted = [c.id for _, c in collation.variants() if c.kind == "punctuation"]
    assert list(group.members) == dotted and len(dotted) == 8


def test_json_keeps_every_variant_and_names_its_group(dotted_pair):
    data = json.loads(dedupe.render("json", dedupe.compare(dotted_pair)))
    (group,) = data["groups"]
    assert group["count"] == 8 and group["witnesses"] == ["B"]
    assert group["edits"] == {"B": "'.' for a space"}
    members = [v for v in data["variants"] if v.get("group") == group["id"]]
    assert [v["id"] for v in members] == group["members"]
    assert all(v["readings"]["B"] == v["readings"]["A"].replace(" ", ".") for v in members)
    others = [v for v in data["variants"] if "group" not in v]
    assert [v["kind"] for v in others] == ["substantive"]  # the one real change stands alone
    assert data["summary"]["systematic"] == [
        "witness B: 8 punctuation differences of one pattern ('.' for a space): "
        "likely a text-layer defect (its word spaces)"
    ]


def test_two_alike_are_not_yet_a_pattern(dotted_pairs):
    collation = dedupe.compare(dotted_pairs(GROUP_MIN - 1))
    assert sum(1 for _, c in collation.variants() if c.kind == "punctuation") == GROUP_MIN - 1
    assert collation_groups(collation) == []
    assert len(collation_groups(dedupe.compare(dotted_pairs(GROUP_MIN)))) == 1


def test_the_sample_pair_capitals_are_one_group(sample_a, sample_b):
    collation = dedupe.compare([sample_a, sample_b])
    caps = [g for g in collation_groups(collation) if g.kind == "case"]
    assert [g.description for g in caps] == ["B: ALL CAPS"]
    kinds = {c.id: c for _, c in collation.variants()}
    members = [kinds[i] for i in caps[0].members]
    assert len(members) >= GROUP_MIN and all(m.readings["B"].isupper() for m in members)
    data = json.loads(dedupe.render("json", collation))
    assert not any("typography" in line for line in data["summary"]["systematic"])


def test_words_in_capitals_here_and_there_are_named_in_the_summary(tmp_path, report_text):
    words = ("survey", "spring", "boats", "stones", "breakwater", "report", "vessels")
    shouting = report_text
    for word in words:  # one word in each place, never two side by side
        shouting = shouting.replace(f" {word} ", f" {word.upper()} ", 1)
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(report_text, encoding="utf-8")
    b.write_text(shouting, encoding="utf-8")
    data = json.loads(dedupe.render("json", dedupe.compare([str(a), str(b)])))
    (group,) = data["groups"]
    assert group["kind"] == "case" and group["count"] == len(words)
    assert data["summary"]["systematic"] == [
        f"witness B: {len(words)} case differences of one pattern (ALL CAPS): "
        "likely text set in capitals (a title, headings)"
    ]


def test_significance_covers_every_kind():
    from dedupe.model import KINDS

    assert sorted(SIGNIFICANCE) == sorted(KINDS)
    assert SIGNIFICANCE.index("substantive") < SIGNIFICANCE.index("spelling")
    assert SIGNIFICANCE.index("spelling") < SIGNIFICANCE.index("case")
    assert SIGNIFICANCE[-1] == "typography"


def test_only_lost_word_spaces_are_blamed_on_the_text_layer():
    from dedupe.render.groups import Group, hint

    def group(edit: str) -> Group:
        return Group("g-1", "punctuation", (("B", edit),), ("v-1",) * 9)

    assert "text-layer" in hint(group("'.' for a space"))
    assert "text-layer" in hint(group("a space dropped"))
    assert "text-layer" not in hint(group("a space for '-'"))  # to-day / to day: an editor's
    assert "capitals" in hint(Group("g-2", "case", (("B", "ALL CAPS"),), ("v-1",) * 9))
