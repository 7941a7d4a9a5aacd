"""The geometry pass on synthetic pages: each rule, its reason, and what it
must leave alone."""

from __future__ import annotations

from dedupe.model import Box, Line, Source, Witness
from dedupe.normalise.geometry import is_page_number, mark_layout
from dedupe.read.assemble import DraftPage, assemble
from dedupe.read.text import read_text

WITNESS = Witness("A", "doc.pdf", "0" * 64, "doc.pdf", "pdf")
WIDTH, HEIGHT = 600.0, 800.0
BODY = [
    "The committee met in the spring to review the accounts of the society and",
    "several members questioned the cost of repairing the old library roof, which",
    "had leaked through the winter and damaged a number of bound volumes of letters",
    "kept on the upper shelves of the reading room beside the northern windows.",
    "A survey of the northern parishes found the registers in poor condition and",
    "the treasurer reported a modest surplus after the sale of duplicate books.",
]


def line(text: str, x0: float, y0: float, size: float = 11.0, width: float | None = None) -> Line:
    w = width if width is not None else 0.5 * size * len(text)
    return Line(text, 0, 0, box=Box(x0, y0, x0 + w, y0 + size), font_size=size)


def page(number: int, extra_top=(), extra_bottom=()) -> DraftPage:
    """A page of body text (a different order of the sentences on each page)."""
    body = BODY[number % len(BODY) :] + BODY[: number % len(BODY)]
    lines = list(extra_top)
    lines += [line(t, 60, 200 + 14 * k) for k, t in enumerate(body)]
    lines += list(extra_bottom)
    return DraftPage(number, tuple(lines), WIDTH, HEIGHT)


def hints(source: Source, number: int) -> dict[str, tuple[str | None, str | None]]:
    return {ln.text: (ln.hint, ln.hint_reason) for ln in source.pages[number - 1].lines if ln.text}


def test_running_header_and_page_number_footer() -> None:
    pages = [
        page(
            n,
            [line("Proceedings of the Example Society", 180, 40, 9)],
            [line(f"- {n} -", 290, 760, 9)],
        )
        for n in range(1, 7)
    ]
    source = mark_layout(assemble(WITNESS, pages))
    for n in range(1, 7):
        found = hints(source, n)
        assert found["Proceedings of the Example Society"] == (
            "header",
            "running header: repeats on 6 of 6 pages in the top band",
        )
        assert found[f"- {n} -"][0] == "page-number"
        assert all(found[t] == (None, None) for t in BODY)


def test_a_body_line_repeated_below_a_heading_is_not_a_header() -> None:
    names = ["First", "Second", "Third", "Fourth", "Last"]
    pages = [
        page(n, [line(f"{n} {name} section", 60, 40, 14), line("Some text here", 60, 70)])
        for n, name in enumerate(names, 1)
    ]
    source = mark_layout(assemble(WITNESS, pages))
    assert all(hints(source, n)["Some text here"] == (None, None) for n in range(1, 6))


def test_printers_slug_with_varying_numbers_is_a_footer() -> None:
    pages = [
        page(
            n,
            bottom := [line(f"VerDate {n:02d}:21 Jkt 25000{n} Frm 0000{n} Sfmt 4702", 40, 770, 6)],
        )
        for n in range(1, 5)
    ]
    del bottom
    source = mark_layout(assemble(WITNESS, pages))
    found = hints(source, 3)["VerDate 03:21 Jkt 250003 Frm 00003 Sfmt 4702"]
    assert found == (
        "footer",
        "running footer: repeats on 4 of 4 pages in the bottom band with varying numbers",
    )


def test_rotated_and_outside_margin_text() -> None:
    rotated = Line("PRODUCTION COPY", 0, 0, box=Box(10, 300, 16, 420), font_size=6)
    numbers = [line(str(k + 1), 30, 200 + 14 * k, width=8) for k in range(len(BODY))]
    source = mark_layout(assemble(WITNESS, [page(1, numbers + [rotated])]))
    found = hints(source, 1)
    assert found["PRODUCTION COPY"] == ("margin", "margin: rotated text")
    for k in range(len(BODY)):
        assert found[str(k + 1)][0] == "margin"
        assert found[str(k + 1)][1].startswith("margin: outside the main text block (x 60-")


def test_footnotes_their_continuations_and_a_note_continued_on_the_next_page() -> None:
    first = page(
        1,
        extra_bottom=[
            line("¹ See the minutes of the spring meeting, kept with the letters", 60, 600, 8),
            line("of the same year in the society's archive.", 60, 610, 8),
            line("² The roof was repaired in the following summer at a cost that the", 60, 624, 8),
        ],
    )
    second = page(2, extra_bottom=[line("treasurer thought excessive.", 60, 600, 8)])
    source = mark_layout(assemble(WITNESS, [first, second]))
    one, two = hints(source, 1), hints(source, 2)
    assert one["¹ See the minutes of the spring meeting, kept with the letters"] == (
        "footnote",
        "footnote: smaller type (8 against body 11) at the foot of page 1, opening with note 1",
    )
    assert one["of the same year in the society's archive."] == (
        "footnote",
        "footnote continued: smaller type below the note",
    )
    assert two["treasurer thought excessive."] == ("footnote", "footnote continued from page 1")


def test_small_type_above_body_text_is_not_a_footnote() -> None:
    caption = line("1 Figure: the library roof before repair", 60, 120, 8)
    source = mark_layout(assemble(WITNESS, [page(1, [caption])]))
    assert hints(source, 1)["1 Figure: the library roof before repair"] == (None, None)


def test_reader_hints_are_kept() -> None:
    given = Line(
        "Kant", 0, 0, box=Box(60, 30, 100, 40), hint="header", hint_reason="ALTO TopMargin"
    )
    source = mark_layout(assemble(WITNESS, [page(1, [given])]))
    assert hints(source, 1)["Kant"] == ("header", "ALTO TopMargin")


def test_text_sources_pass_through_unchanged() -> None:
    source = read_text("a.txt", b"Page 1\n\nSome text.\n", Witness("A", "a.txt", "0" * 64, "a.txt"))
    assert mark_layout(source) is source


def test_page_number_forms() -> None:
    yes = ["12", "- 12 -", "Page 12", "Page 3 of 48", "xiv", "[7]", "-3-", "p. 9"]
    no = ["civil", "12 Angry Men", "Chapter 3", "mixed"]
    assert all(is_page_number(t) for t in yes)
    assert not any(is_page_number(t) for t in no)


def test_numbered_table_rows_in_small_type_are_not_notes() -> None:
    rows = ["55 or under 0.50", "56 - 60 0.75", "61 - 65 0.90", "66 - 70 1.10"]
    table = [line(t, 60, 600 + 10 * k, 8) for k, t in enumerate(rows)]
    source = mark_layout(assemble(WITNESS, [page(1, extra_bottom=table)]))
    assert all(hints(source, 1)[t] == (None, None) for t in rows)


def test_plain_numbered_notes_follow_the_count_and_markers() -> None:
    body_with_marker = line("as the minutes record.² The roof was mended.", 60, 300)
    notes = [
        line("1 See the minutes of the spring meeting.", 60, 600, 8),
        line("2 The roof was repaired in the following summer.", 60, 612, 8),
        line("3. Enter the amount from line 2 of the worksheet.", 60, 624, 8),
    ]
    source = mark_layout(assemble(WITNESS, [page(1, [body_with_marker], notes)]))
    found = hints(source, 1)
    # markers exist in the text, so only the note whose marker is on the page counts;
    # the worksheet row after it ends the notes
    assert found["1 See the minutes of the spring meeting."] == (None, None)
    assert found["2 The roof was repaired in the following summer."][0] == "footnote"
    assert found["3. Enter the amount from line 2 of the worksheet."] == (None, None)
