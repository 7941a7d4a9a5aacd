"""Layout of scanned and OCR'd text witnesses: rules over footnotes, running
heads read differently on each page, page numbers against the page run,
endnote sections, line-end hyphens of Fraktur OCR, and the witness's own
paragraph habits. Snippets of the sample texts, laid out as scans are."""

from __future__ import annotations

from pathlib import Path

import pytest

from dedupe.model import Document
from dedupe.normalise import normalise
from dedupe.normalise.blocks import demo_source

#: pages of the Kant corpus copied into the tests (tests/data/README.md): never skipped
KANT = Path(__file__).resolve().parent.parent / "data" / "kant"

PARA = (
    "Turkmenistan has not yet had any officially confirmed cases (and this story\n"
    "was not reported in official media).¹ In contrast, Kazakhstan identified\n"
    "their first cases as coming from Germany on March 9 and 12."
)
NOTE_1 = "¹ “Passazhirku reisa, sledovavshego iz Pekina,” hronikaturkmenistana.com."


def run(text: str) -> Document:
    return normalise(demo_source(text))


def page(head: str, body: str, foot: str) -> str:
    return f"{head}\n\n{body}\n\n{foot}"


def test_notes_under_a_rule_are_footnotes(nothing_lost):
    text = f"{PARA}\n\n_________________\n{NOTE_1}\n² “Dva sluchaia,” Fergana.news."
    source = demo_source(text)
    doc = normalise(source)
    nothing_lost(source, doc)
    assert [b.text for b in doc.body] == [PARA.replace("\n", " ")]
    assert sorted(doc.footnotes) == [1, 2]
    (rule,) = doc.noise
    assert rule.text == "_________________"
    assert rule.reason.startswith("a rule line")


def test_running_heads_read_differently_on_each_page_are_noise():
    heads = ["Beijing Binds", "Bei jing Binds", "BEIJIG BINDS", "8eijmg Binds", "Beijing Binds"]
    sentences = [
        "Given their proximity, it is interesting to note that none pointed to China.",
        "She was discharged from the plane and placed in quarantine.",
        "Rumours had circulated for some time prior to these confirmations.",
        "This relatively late link did not stop a wave of Sinophobia.",
        "In Bishkek, a deputy made a speech in Parliament about masks.",
    ]
    text = "\f".join(
        page(head, body, f"— {n} —")
        for n, (head, body) in enumerate(zip(heads, sentences, strict=True), 1)
    )
    doc = run(text)
    assert [b.text for b in doc.body] == sentences
    reasons = {b.text: b.reason for b in doc.noise}
    assert reasons["BEIJIG BINDS"] == (
        "running header: 'beijing binds' (read as 'beijig binds') at the top of 5 pages"
    )
    assert reasons["— 3 —"] == "page number"


def test_a_title_under_a_running_head_of_the_same_words_stays():
    text = (
        "Berlinisclie Monatsschrift\n\nBerliniſche Monatsſchrift.\n\n1784.\n\n"
        "Aufklaͤrung iſt der Ausgang des Menſchen.\n\n— 1 —\f"
        "Berliniscbe Monatsschrift\n\nZu dieſer Aufklaͤrung aber wird nichts erfordert.\n\n— 2 —"
    )
    doc = run(text)
    assert [b.text for b in doc.noise] == [
        "Berlinisclie Monatsschrift",
        "— 1 —",
        "Berliniscbe Monatsschrift",
        "— 2 —",
    ]
    assert doc.body[0].text == "Berliniſche Monatsſchrift."


def test_a_year_at_the_top_of_a_page_is_text_not_a_page_number():
    """A note runs over the page break; its last word, a year, heads the next page."""
    notes = (
        "[1] “Dva sluchaia,” Fergana.news, March 13, 2020.\n[2] “Kitaï,” kaktus.media, April 11,"
    )
    text = (
        page("BEIJING BINDS", f"It began.[1] It spread.[2]\n\nNotes\n\n{notes}", "12")
        + "\f"
        + page("BEIJING BINDS", "2020.\n\n[3] “V Kyrgyzstane,” kabar.kg, March 18, 2020.", "13")
    )
    doc = run(text)
    assert [b.reason for b in doc.noise if b.text in ("12", "13")] == ["page number"] * 2
    assert doc.footnotes[2].text == "“Kitaï,” kaktus.media, April 11, 2020."
    assert "continued on the next page" in doc.footnotes[2].reason


@pytest.mark.parametrize("number", ["— l —", "— I —"])
def test_a_page_number_misread_as_a_letter(number):
    pages = [f"Alpha went on.\n\n{number}", "Beta went on.\n\n— 2 —", "Gamma went on.\n\n— 3 —"]
    doc = run("\f".join(pages))
    assert [b.text for b in doc.body] == ["Alpha went on.", "Beta went on.", "Gamma went on."]


def test_an_endnote_cut_by_a_page_break_goes_on_after_the_running_head():
    text = (
        "BEIJING BINDS\n\nIt began.[1] It spread.[2]\n\nNotes\n\n"
        "[1] “Dva sluchaia zarazheniia koronavirusom podtverzhdeny v Ka-\n\n10\f"
        "BEIJING BINDS\n\nzakhstane,” Fergana.news, March 13, 2020.\n\n"
        "[2] “V Kyrgyzstane,” kabar.kg, March 18, 2020.\n\n11"
    )
    doc = run(text)
    assert doc.footnotes[1].text == (
        "“Dva sluchaia zarazheniia koronavirusom podtverzhdeny v Kazakhstane,” "
        "Fergana.news, March 13, 2020."
    )
    assert [b.text for b in doc.body] == ["It began.[1] It spread.[2]"]
    notes_heading = next(b for b in doc.noise if b.text == "Notes")
    assert notes_heading.reason.startswith("heading of the endnotes")


def test_an_endnote_stopped_mid_sentence_goes_on_with_a_number():
    text = (
        "BEIJING BINDS\n\nIt began.[1] It spread.[2]\n\nNotes\n\n"
        "[1] “Chinese PLA sends epidemic prevention supplies to militaries of\n\n13\f"
        "BEIJING BINDS\n\n12 countries,” english.chinamil.com, May 17, 2020.\n\n"
        "[2] “V Kyrgyzstane,” kabar.kg, March 18, 2020.\n\n14"
    )
    note = run(text).footnotes[1]
    assert note.text.endswith("militaries of 12 countries,” english.chinamil.com, May 17, 2020.")
    assert "the note stops mid-sentence" in note.reason


def test_a_heading_at_a_page_foot_over_that_pages_notes_stays_a_heading():
    text = (
        f"{PARA}\n\nMedical Aid Flows Both Ways\n\n_____\n{NOTE_1}\n\n7\f"
        "Sinophobia was not, however, the pervasive view.\n\n8"
    )
    doc = run(text)
    assert "Medical Aid Flows Both Ways" in [b.text for b in doc.blocks if b.kind == "heading"]


@pytest.mark.parametrize("hyphen", ["-", "\u2010", "\u2e17", "\u00ac", "\u00ad"])
def test_line_end_hyphens_of_every_kind_are_undone(hyphen, nothing_lost):
    text = f"Aufklärung ist der Ausgang des Men{hyphen}\nschen aus seiner Unmün{hyphen}\ndigkeit."
    source = demo_source(text)
    doc = normalise(source)
    nothing_lost(source, doc)
    assert doc.body[0].text == "Aufklärung ist der Ausgang des Menschen aus seiner Unmündigkeit."


def test_calamari_double_hyphens_are_undone_on_the_real_kant_page():
    (page_xml,) = sorted(KANT.glob("OCR-CALA-*/*_0001.xml"))[:1]
    from dedupe.api import normalise_file

    text = " ".join(b.text for b in normalise_file(str(page_xml)).body)
    assert "\u2e17 " not in text
    assert "Ausgang des Menſchen aus ſeiner" in text


def test_a_hyphen_ocr_lost_or_read_as_a_letter_is_undone_on_the_real_kant_page():
    """ocropy lost the ``⸗`` after ``Men`` and read the one after ``Unmün`` as ``e``."""
    (page_xml,) = sorted(KANT.glob("OCR-OCRO-fraktur/*_0001.xml"))[:1]
    from dedupe.api import normalise_file

    doc = normalise_file(str(page_xml))
    text = " ".join(b.text for b in doc.body)
    assert "des Menschen aus" in text and "verschuldeten Unmündigkeit." in text
    reasons = " ".join(b.reason or "" for b in doc.body)
    assert "line-end hyphen read as 'e' in 'Unmündigkeit'" in reasons


def test_words_of_their_own_at_a_line_end_stay_apart():
    doc = run("They had some\ntimes of trouble, and the\nrapy was no help.")
    assert doc.body[0].text == "They had some times of trouble, and the rapy was no help."


def test_key_entries_ending_in_a_dot_leader_are_not_joined():
    """Revue suisse de Zoologie 119(2), p. 192: an identification key."""
    text = (
        "- Elytra less globose. Pronotum cylindrical\n............................ 3\n\n"
        "3 Intervals on Elytra flat, smooth. Aedeagus widened with a\n"
        "cordiform apex. Ecuador (Pichincha, Cerro Blanco) ........\nonorei Belló & Osella 2008"
    )
    assert len(run(text).body) == 2


def test_a_capitals_heading_read_with_a_lower_case_first_letter():
    doc = run(
        "lNTRODUCTION\n\nThe genus Howdeniola Osella, 1980 was originally placed in Molytinae."
    )
    assert [b.kind for b in doc.body] == ["heading", "paragraph"]


def test_a_long_line_with_a_sentence_end_inside_is_not_a_heading():
    first = (
        "DISTRIBUTION: Howdeniola polleti sp. nov. represents the southernmost find\n"
        "of the genus. Furthermore an undescribed"
    )
    text = f"{first}\n\n5\fspecies was recorded from Costa Rica.\n\n6"
    (para,) = run(text).body
    assert para.text.endswith("Furthermore an undescribed species was recorded from Costa Rica.")


# ---------------------------------------------------------------- the witness's habits

WRAPPED = (
    "The Uzbeks have taken a more pragmatic approach, and instead spoken\n"
    "about speeding up construction of the long-delayed train line. The\n"
    "Kyrgyz section has held things up for years."
)


def paragraphs(n: int, last: str) -> str:
    return "\n\n".join([WRAPPED] * n + [last])


def test_a_lost_full_stop_does_not_join_paragraphs_where_blank_lines_are_reliable():
    """OCR read the full stop as a comma; every other blank line on the page
    breaks a paragraph, so this one does too."""
    text = paragraphs(6, "Their trade has grown for years,\n\nChina is the largest partner.")
    assert len(run(text).body) == 8


def test_blank_lines_that_cut_sentences_make_a_witness_rejoin():
    broken = "Their trade with China has grown quickly as people went down the\n\nroute of it."
    last = "Their trade has grown for years,\n\nChina is the partner."
    text = paragraphs(6, "\n\n".join([broken, broken, last]))
    texts = [b.text for b in run(text).body]
    assert "Their trade has grown for years, China is the partner." in texts


def test_a_short_last_line_at_a_page_end_ends_its_paragraph():
    """The page's last line had room for the next word: OCR lost the full stop."""
    text = paragraphs(
        6, "Their trade has grown for years,\n\n— 1 —\fChina is the partner.\n\n— 2 —"
    )
    texts = [b.text for b in run(text).body]
    assert texts[-2:] == ["Their trade has grown for years,", "China is the partner."]


def test_a_full_last_line_ending_a_sentence_goes_on_in_a_witness_of_long_paragraphs():
    """Most of this witness's full lines end a sentence inside a paragraph: a
    page that ends with such a line most likely cuts its paragraph there."""
    full = "The Uzbeks have taken a more pragmatic approach to the train line."
    para = "\n".join([full] * 5 + ["It was done."])
    cut = "\n".join([full] * 3 + ["\n— 1 —\f" + full] + [full, "It was done."])
    body = run("\n\n".join([para] * 3 + [cut, "— 2 —"])).body
    assert len(body) == 4
    assert "across a page break" in body[-1].reason
