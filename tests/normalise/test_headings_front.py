"""Headings and front matter."""

from __future__ import annotations

from dedupe.model import Box, Line, Page, Source, Witness
from dedupe.normalise import normalise
from dedupe.normalise.blocks import demo_source


def kinds(text: str) -> list[tuple[str, str, str]]:
    return [(b.kind, b.region, b.text) for b in normalise(demo_source(text)).blocks]


def test_markdown_and_numbered_headings():
    got = kinds(
        "Some intro text comes first, as it should.\n\n# Patient Zero\n\nGiven their proximity.\n\n"
        "1. Introduction\n\nThe genus was placed into Molytinae."
    )
    assert ("heading", "body", "# Patient Zero") in got
    assert ("heading", "body", "1. Introduction") in got


def test_short_line_followed_by_a_short_line_is_not_a_heading_alone():
    got = kinds("It ended.\n\nSize: 1.96 mm\n\nBody colour: auburn, glossy.")
    assert got[1][0] == "heading"  # followed by body text
    got = kinds("It ended.\n\nfirst item\n\nsecond item")
    assert [k for k, _, _ in got] == ["paragraph", "paragraph"]  # joined, lower case


def test_notes_heading_before_the_notes_is_layout():
    """The edition prints its own heading over the notes: the witness's is noise."""
    got = kinds("China sent aid.¹\n\nNotes\n\n¹ “Uzbekistan Sending Medical Supplies,” rferl.org.")
    assert got[1] == ("noise", "body", "Notes")
    assert got[2][0] == "footnote"


def test_front_matter_title_byline_and_author_box():
    got = kinds(
        "BEIJING BINDS: COVID-19 AND THE CHINA-CENTRAL ASIA RELATIONSHIP\n\n"
        "By Raffaello Pantucci\n\n"
        "Raffaello Pantucci's research focuses on terrorism as well as China's relations with "
        "its Western neighbours.\n\n"
        "He currently spends his time between London and Singapore.\n\n"
        "June 19, 2020\n\n"
        "Washington's intensely negative perspective on China has obscured the ability to look.\n\n"
        "Patient Zero and Sinophobia\n\n"
        "Given their physical proximity, it is interesting to note."
    )
    regions = [r for _, r, _ in got]
    assert regions == ["front"] * 5 + ["body"] * 3
    assert [k for k, _, _ in got] == [
        "heading", "heading", "paragraph", "paragraph", "heading",
        "paragraph", "heading", "paragraph",
    ]  # fmt: skip


def test_no_front_matter_when_the_text_starts_with_prose():
    got = kinds(
        "WHEN we look to the individuals of the same variety, we are struck.\n\nIt goes on."
    )
    assert {r for _, r, _ in got} == {"body"}


def test_larger_font_makes_a_heading():
    rows = [("Variation under Domestication", 16.0), ("", None)] + [
        ("When we look to the individuals of the same variety or sub-variety of our", 10.0),
        ("older cultivated plants and animals, one of the first points which strikes us.", 10.0),
        ("", None),
        ("Causes of Variability", 14.0),
        ("", None),
        ("It has been disputed at what period of life the causes of variability act.", 10.0),
    ]
    text, lines = "", []
    for y, (row, size) in enumerate(rows):
        start = len(text)
        text += row + "\n"
        box = Box(50, 40 + 14 * y, 500, 52 + 14 * y) if row else None
        lines.append(Line(row, start, start + len(row), 1, box=box, font_size=size))
    src = Source(Witness("A", "<pdf>", "", "pdf", "pdf"), text, (Page(1, tuple(lines), 600, 800),))
    doc = normalise(src)
    heading = next(b for b in doc.blocks if b.text == "Causes of Variability")
    assert heading.kind == "heading"
    assert "larger font (14 against 10)" in heading.reason
