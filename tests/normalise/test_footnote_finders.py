"""Footnote finders on small snippets of the real sample text, in every form."""

from __future__ import annotations

from dedupe.model import Document
from dedupe.normalise import normalise
from dedupe.normalise.blocks import demo_source
from dedupe.normalise.footnotes import body_markers, leading_marker

BODY = (
    "Reflecting a broader anger against China in the country, in mid-February the "
    "announcement was made to cancel the At-Bashi logistics center in Kyrgyzstan.{m11} "
    "Sinophobia was not, however, the pervasive view amongst government across the "
    "region, with the Uzbek,{m12} Kazakh and Kyrgyz governments all sending aid."
)
NOTE_11 = "“China-led $280 Million Kyrgyzstan Project Abandoned After Protests,” Reuters.com."
NOTE_12 = "“Uzbekistan Sending Medical Supplies to Virus-hit China,” rferl.org."


def run(text: str) -> Document:
    return normalise(demo_source(text))


def notes(doc: Document) -> dict[int, str]:
    return {n: b.text for n, b in doc.footnotes.items()}


def body_texts(doc: Document) -> list[str]:
    return [b.text for b in doc.body]


def test_bracketed_end_notes_with_bracketed_markers():
    doc = run(BODY.format(m11="[11]", m12="[12]") + f"\n\n[11] {NOTE_11}\n[12] {NOTE_12}\n")
    assert notes(doc) == {11: NOTE_11, 12: NOTE_12}
    assert len(body_texts(doc)) == 1
    assert [m.n for m in body_markers(doc.body[0].text)] == [11, 12]


def test_dotted_end_notes_after_superscript_markers():
    doc = run(BODY.format(m11="¹¹", m12="¹²") + f"\n\n11. {NOTE_11}\n\n12. {NOTE_12}\n")
    assert notes(doc) == {11: NOTE_11, 12: NOTE_12}
    assert "numbered line" in doc.footnotes[11].reason


def test_caret_markers_and_markdown_definitions():
    doc = run(BODY.format(m11="^11", m12="[^12]") + f"\n\n^11 {NOTE_11}\n\n[^12]: {NOTE_12}\n")
    assert notes(doc) == {11: NOTE_11, 12: NOTE_12}
    assert [m.n for m in body_markers(doc.body[0].text)] == [11, 12]


def test_numbered_list_in_the_body_is_not_footnotes():
    text = (
        "The Central Asians were facing their own outbreaks.¹ They asked for three things:\n\n"
        "1. Masks and protective suits.\n2. Testing kits.\n3. Doctors.\n\n"
        "China sent all of them within a month.²\n\n"
        "¹ “Sovbez rekomendoval provesti peregovory,” kaktus.media.\n\n"
        "² “Pervyy gumanitarnyy gruz iz Kitaya pribyl v Almaty,” inform.kz.\n"
    )
    doc = run(text)
    assert sorted(doc.footnotes) == [1, 2]
    assert any(t.startswith("1. Masks") for t in body_texts(doc))
    assert doc.footnotes[1].text.startswith("“Sovbez")


def test_numbered_list_at_the_end_of_the_body_is_not_footnotes():
    text = (
        "They asked for three things.¹\n\n1. Masks.\n2. Testing kits.\n\n"
        "¹ “Sovbez rekomendoval provesti peregovory,” kaktus.media.\n"
    )
    doc = run(text)
    assert list(doc.footnotes) == [1]
    assert "1. Masks. 2. Testing kits." in body_texts(doc)


def test_numbered_list_without_markers_is_never_footnotes():
    doc = run("Three steps matter.\n\n1. Close the borders.\n2. Ban arrivals.\n")
    assert doc.footnotes == {}


def test_plain_numbers_at_page_bottoms_between_body_paragraphs():
    text = (
        "Reflecting a broader anger against China,¹ the project was cancelled.\n\n"
        "1 “China-led $280 Million Kyrgyzstan Project Abandoned,” Reuters.com.\n"
        "\fSinophobia was not, however, the pervasive view.² It passed.\n\n"
        "2 “Uzbekistan Sending Medical Supplies,” rferl.org.\n"
    )
    doc = run(text)
    assert sorted(doc.footnotes) == [1, 2]
    assert len(doc.body) == 2


def test_sample_a_trick_superscripts_then_list_lines_then_superscripts():
    text = (
        "They tested negative.¹ The aid came.² It went on.³ More came.⁴ Then it stopped.⁵\n\n"
        '¹"Passazhirku reisa," hronikaturkmenistana.com.\n\n'
        '²"Dva sluchaia," Fergana.news.\n\n'
        '- 3 "China-led Project Abandoned," Reuters.com.\n'
        '- 4 "Uzbekistan Sending Supplies," rferl.org.\n\n\n\n'
        "⁵ “SCO Secretary-General Vladimir Norov,” eng.sectsco.org.\n"
    )
    doc = run(text)
    assert [b.n for b in doc.blocks if b.kind == "footnote"] == [1, 2, 3, 4, 5]
    assert doc.footnotes[3].text == '"China-led Project Abandoned," Reuters.com.'


def test_long_run_split_one_note_per_number():
    one_block = run(f"Aid came.¹¹ More.¹²\n\n¹¹ {NOTE_11}\n¹² {NOTE_12}\n")
    assert notes(one_block) == {11: NOTE_11, 12: NOTE_12}
    one_line = run(
        f"Aid came.¹¹ More.¹² Again.¹³\n\n¹¹ {NOTE_11} ¹² {NOTE_12} 13 “Third,” x.org.\n"
    )
    assert notes(one_line) == {11: NOTE_11, 12: NOTE_12, 13: "“Third,” x.org."}


def test_note_numbers_inside_a_note_do_not_split_it():
    note = "“Death Toll In Ethnic Clashes In Kazakhstan's South Rises To 11,” rferl.org, February 13, 2020."
    doc = run(f"Violence broke out.⁶ And again.⁷\n\n⁶ {note}\n\n⁷ “Call Tsender,” kaktus.media.\n")
    assert doc.footnotes[6].text == note


def test_leading_marker_forms():
    assert leading_marker('¹"Passazhirku reisa"').n == 1
    assert leading_marker("³⁷“ChinaAmbassadorKazakhstan – Post April 17”").n == 37
    assert leading_marker("[11] Reuters").form == "bracket"
    assert leading_marker("11. Reuters").form == "dotted"
    assert leading_marker("11 “China-led”").form == "bare"
    assert leading_marker("190 C. GERMANN").form == "bare"  # only the sequence rules decide
    assert leading_marker("1984 was the year") is None


def test_gaps_and_orphan_markers_are_reported():
    doc = run(f"Aid came.¹¹ More.¹² Again.¹⁴\n\n¹¹ {NOTE_11}\n\n¹³ {NOTE_12}\n")
    assert doc.warnings == (
        "demo: footnotes: no note numbered 12",
        "demo: footnotes: markers 12, 14 in the body have no note",
    )
