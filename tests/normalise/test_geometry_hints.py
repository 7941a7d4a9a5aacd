"""Lines that carry geometry hints (from PDF, ALTO, PAGE or hOCR readers)."""

from __future__ import annotations

from dedupe.model import Box, Line, Page, Source, Witness, Word
from dedupe.normalise import normalise


def source(pages: list[list[tuple]]) -> Source:
    """A Source from pages of (text, hint, reason, words) lines ('' = blank)."""
    text, out = "", []
    for number, rows in enumerate(pages, 1):
        lines = []
        for y, row in enumerate(rows):
            line_text, hint, reason, words = (
                (*row, *(None, None, ())[len(row) - 1 :]) if row else ("", None, None, ())
            )
            start = len(text)
            text += line_text + "\n"
            box = Box(50, 40 + 14 * y, 500, 52 + 14 * y) if line_text else None
            lines.append(
                Line(
                    line_text,
                    start,
                    start + len(line_text),
                    number,
                    box=box,
                    font_size=10.0,
                    words=words,
                    hint=hint,
                    hint_reason=reason,
                )
            )
        out.append(Page(number, tuple(lines), 600, 800))
    return Source(Witness("A", "<geometry>", "", "geometry", "pdf"), text, tuple(out))


def test_hinted_layout_lines_are_noise_and_the_paragraph_is_rejoined(nothing_lost):
    src = source(
        [
            [
                (
                    "The Digital Millennium Copyright Act",
                    "header",
                    "running header: same text on 2 pages",
                ),
                (),
                ("Title V of the Act creates a new form of protection for the design of vessel",),
                ("hulls, which is",),
                ("12", "page-number", None),
            ],
            [
                (
                    "The Digital Millennium Copyright Act",
                    "header",
                    "running header: same text on 2 pages",
                ),
                ("Sec. 2 in the margin", "margin", "margin: rotated text"),
                ("implemented through the amendments of the Act.",),
            ],
        ]
    )
    doc = normalise(src)
    nothing_lost(src, doc)
    assert [b.text for b in doc.body] == [
        "Title V of the Act creates a new form of protection for the design of vessel "
        "hulls, which is implemented through the amendments of the Act."
    ]
    reasons = [b.reason for b in doc.noise]
    assert reasons == [
        "running header: same text on 2 pages",
        "page number (geometry)",
        "running header: same text on 2 pages",
        "margin: rotated text",
    ]


def test_footnote_lines_start_notes_at_numbers_and_continue_across_pages(nothing_lost):
    note = ("footnote", "footnote: small type at the foot of the page")
    src = source(
        [
            [
                ("The Act implements two treaties.1 It also adds other provisions",),
                (),
                ("1 WIPO Copyright Treaty and the WIPO Performances", *note),
                ("and Phonograms Treaty, signed in Geneva", *note),
            ],
            [
                ("that the treaties do not require.2",),
                (),
                ("in December 1996.", *note),
                ("2 See section 1201 of the Act.", *note),
                ("† Register of Copyrights.", *note),
            ],
        ]
    )
    doc = normalise(src)
    nothing_lost(src, doc)
    assert {n: b.text for n, b in doc.footnotes.items()} == {
        1: "WIPO Copyright Treaty and the WIPO Performances and Phonograms Treaty, "
        "signed in Geneva in December 1996.",
        2: "See section 1201 of the Act.",
    }
    assert "continued on the next page" in doc.footnotes[1].reason
    symbol = doc.blocks[-1]
    assert (symbol.kind, symbol.n, symbol.text) == ("footnote", None, "Register of Copyrights.")
    assert [b.text for b in doc.body] == [
        "The Act implements two treaties.1 It also adds other provisions "
        "that the treaties do not require.2"
    ]


def test_ocr_word_confidences_reach_the_block():
    words = (Word("Given", 0.96), Word("their", 0.91), Word("proximity.", 0.42))
    src = source([[("Given their proximity.", None, None, words)]])
    (block,) = normalise(src).blocks
    assert block.confidences == words
