"""Collation's columns: a run every witness reads alike is one column, ended
where a paragraph starts or a footnote is called; differences stand alone."""

from __future__ import annotations

import dedupe

A = (
    "The archive holds three copies of the report, each scanned on a different day.\n\n"
    "Every copy shows the same “title” and the same date on its first page.¹\n\n"
    "1. The date is printed twice.\n"
)
B = (
    "The archive holds three copies of the report, each scaned on a different day.\n\n"
    "Every copy shows the same “title” and the same date on its first page.¹\n\n"
    "1. The date is printed twice.\n"
)


def collated(tmp_path, texts):
    paths = []
    for name, text in zip("ab", texts, strict=True):
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return dedupe.compare(paths)


def body_columns(collation):
    return [c for u in collation.units if u.section == "body" for c in u.columns]


def test_agreement_is_one_column_and_the_difference_its_own(tmp_path):
    columns = body_columns(collated(tmp_path, [A, B]))
    first = [c for c in columns if "archive" in (c.canonical or "")]
    assert first[0].readings["A"] == "The archive holds three copies of the report, each"
    (typo,) = [c for c in columns if c.kind == "spelling"]
    assert (typo.readings["A"], typo.readings["B"]) == ("scanned", "scaned")
    assert any(c.canonical == "on a different day." and c.kind is None for c in columns)


def test_quotes_and_note_calls_end_a_run(tmp_path):
    columns = body_columns(collated(tmp_path, [A, B]))
    texts = [c.readings["A"] for c in columns]
    # a quoted word may be restyled by house style: a column of its own
    assert "“title”" in texts
    quoted = next(c for c in columns if c.readings["A"] == "“title”")
    assert quoted.canonical == '"title"'
    # the note call ends its column, so the note can follow that very word
    assert any(t.endswith("page.¹") for t in texts)


def test_a_paragraph_start_begins_a_column(tmp_path):
    joined = A.replace("day.\n\nEvery", "day. Every")
    columns = body_columns(collated(tmp_path, [joined, A]))
    starting = [c for c in columns if c.breaks]
    assert starting and all(c.readings["B"].startswith("Every") for c in starting)


def test_merged_columns_keep_every_word(tmp_path):
    collation = collated(tmp_path, [A, B])
    for wid, text in (("A", A), ("B", B)):
        words = " ".join(c.readings[wid] or "" for c in body_columns(collation)).split()
        assert words == [w for line in text.split("\n\n")[:2] for w in line.split()]
