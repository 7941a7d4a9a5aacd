"""A one-sided passage without a majority whose text stands elsewhere in the
canonical text, or in the notes of the witness that lacks it, is left out."""

from pathlib import Path

import dedupe
from dedupe.evaluate import file_text, score_text

NOTES = Path(__file__).parent / "data" / "scanned" / "beijing-notes"

BEIJING = "Beijing Binds: COVID-19 and the China-Central Asia Relationship"
PARAS = [
    "Given their physical proximity, it is interesting to note that none of the Central "
    "Asian powers have pointed to China as the source of their initial infections.",
    "This relatively late link did not, however, stop a wave of Sinophobia sweeping "
    "through the region in January and February as people went down the route.",
    "Reflecting a broader anger against China in the country, in mid-February a group "
    "of protesters gathered in the centre of the capital to voice their concerns.",
    "It did not take very long for the tables to turn, and by mid-March the region "
    "was sending medical supplies back to China in large quantities by air.",
]


def test_notes_one_scan_read_as_a_paragraph_are_left_out_where_the_other_has_them_as_notes(
    tmp_path,
):
    clean, rough = str(NOTES / "onecol-clean.txt"), str(NOTES / "onecol-rough.txt")
    collation = dedupe.compare([clean, rough])
    gone = [r for r in collation.removed if "stands elsewhere" in r.reason]
    assert gone and all(r.witness == "B" for r in gone)
    # the rough scan's run of garbled page-foot notes ("sledovavshego" read as
    # "jadovavghego"), which the clean scan has as notes 1-5
    assert any("jadovavghego" in r.text for r in gone)
    text = dedupe.render("text", collation)
    assert "jadovavghego" not in text
    out = tmp_path / "canonical.txt"
    out.write_text(text, encoding="utf-8")
    truth = file_text(str(NOTES / "truth.txt"))
    canonical = score_text(file_text(str(out)), truth).cer
    rough_alone = score_text(file_text(rough), truth).cer
    assert canonical < 0.05 < 0.3 < rough_alone


def test_a_note_stands_where_one_scan_found_it_not_in_the_others_body():
    """Six Tesseract readings of one page: the two-column scans find the page's
    notes, the one-column scans (markers read as ``®``, ``*``) keep them in the
    body; the canonical text has them once, as notes, and says why."""
    data = Path(__file__).parent / "data" / "scanned" / "beijing-short"
    collation = dedupe.compare([str(p) for p in sorted(data.glob("*.hocr"))])
    placed = [c for _, c in collation.variants() if "a numbered note (the others read" in c.reason]
    assert placed
    text = dedupe.render("text", collation)
    body, notes = text.split("\nNotes\n")
    assert "Dva sluchaia zarazheniia" in notes and "Dva sluchaia zarazheniia" not in body


def test_a_damaged_running_head_inside_one_scans_paragraph_is_layout(tmp_path):
    """One scan reads the running head of a page into the middle of a
    paragraph, damaged (``3 Boilies Binds: CovID-19 ...``); the other's
    normaliser removed its running heads. Of two witnesses the one-sided run
    is no body text: it is the layout line the other witness printed."""
    head, paras = BEIJING, PARAS
    a = "\f".join(f"{head}\n\n{p}" if i else p for i, p in enumerate(paras))
    broken = paras[2].replace(" in mid-February", " in mid-February\n3 Boilies Binds: CovID-19 "
                              "and the China-Central Asia Relationship\n")  # fmt: skip
    b_pages = [paras[0], f"{head}\n\n{paras[1]}", broken, f"{head}\n\n{paras[3]}"]
    (tmp_path / "a.txt").write_text(a, encoding="utf-8")
    (tmp_path / "b.txt").write_text("\f".join(b_pages), encoding="utf-8")
    collation = dedupe.compare([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    text = dedupe.render("text", collation)
    assert "Boilies" not in text
    reasons = [c.reason for _, c in collation.variants() if "Boilies" in (c.readings["B"] or "")]
    assert reasons and all("like the layout noise" in r for r in reasons)


def test_pull_quotes_are_not_layout_lines_to_match_body_text_against():
    """A pull quote repeats a sentence of the body: were its letters among the
    layout lines a one-sided run is matched against, the sentence itself would
    look like layout where the other scan lacks it. The other layout lines are."""
    from dedupe.copies import letters
    from dedupe.decide import Evidence

    data = Path(__file__).parent / "data" / "scanned" / "beijing-short"
    docs = [
        dedupe.normalise_file(str(p), chr(65 + i))
        for i, p in enumerate(sorted(data.glob("*.hocr")))
    ]
    quotes = {letters(b.text) for d in docs for b in d.noise if b.reason.startswith("pull quote")}
    heads = {
        letters(b.text)
        for d in docs
        for b in d.noise
        if not b.reason.startswith("pull quote") and len(b.text) < 120
    }
    noise = Evidence.gather(docs, None, "straight").noise
    assert quotes and not (quotes - heads) & noise
    assert heads - {""} and heads - {""} <= noise


def test_body_text_like_a_line_the_other_scan_read_out_of_the_text_flow_stays(tmp_path):
    """A rough scan reads a line of a paragraph out of its place, alone
    (``Countries that had admitted ...`` between two pieces of the sentence),
    so its normaliser removes it as a line out of the text flow. The clean
    scan's same words in the paragraph are body text, not a layout line
    (a line out of the flow that a body holds is no furniture): kept."""
    pre = PARAS[0] + " Help was sent to Kazakhstan, Kyrgyzstan and Uzbekistan (the three"
    words = "countries that had admitted they were suffering"
    post = "from the disease), but testing kits were in short supply for many weeks."
    (tmp_path / "a.txt").write_text(f"{pre} {words} {post}\n\n{PARAS[3]}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        f"{pre}\n\nCountries that had admitted they were suffering\n\n{post}\n\n{PARAS[3]}\n",
        encoding="utf-8",
    )
    collation = dedupe.compare([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert any("out of the text flow" in r.reason for r in collation.removed)
    text = dedupe.render("text", collation)
    assert f"(the three {words} from the disease)" in text


def test_the_title_one_scan_lost_stays_though_the_running_heads_repeat_it(tmp_path):
    """The clean scan prints the title on page 1 above the byline; the rough
    scan read a caption there instead and lost the title; both print it as
    the running head of the later pages. The one-sided title looks like that
    layout line, but it opens the document: kept as the title."""
    a = [f"{BEIJING}\n\nRaffaello Pantucci\n\n{PARAS[0]}"]
    a += [f"{i} {BEIJING}\n\n{p}" for i, p in enumerate(PARAS[1:], 2)]
    b = [f"asllo Panticet ig. with Chinese President Xi Jinping and\n\nRaffaello Pantucci\n\n"
         f"{PARAS[0]}"]  # fmt: skip
    b += [f"{BEIJING} {i}\n\n{p}" for i, p in enumerate(PARAS[1:], 2)]
    (tmp_path / "a.txt").write_text("\f".join(a), encoding="utf-8")
    (tmp_path / "b.txt").write_text("\f".join(b), encoding="utf-8")
    collation = dedupe.compare([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    text = dedupe.render("text", collation)
    assert text.startswith(BEIJING + "\n\n")
    assert text.count("China-Central Asia Relationship") == 1  # no running head kept


def test_a_short_passage_glued_from_two_places_is_held_elsewhere():
    """The rough two-column scan reads the tail of note 12 and the next
    heading as one block (``China," rferl.org, February 12,2020. Medical Aid
    Flows Both Ways``), which no single copy matches and which is too short
    for the copy search: its word runs stand in the canonical text (the
    clean scan's note 12 and its heading), so it is left out, not printed a
    second time in the body."""
    beijing = Path(__file__).parent / "data" / "scanned" / "beijing"
    paths = [str(beijing / "onecol-clean.hocr"), str(beijing / "twocol-rough.hocr")]
    collation = dedupe.compare(paths)
    glued = [
        c
        for _, c in collation.variants()
        if (c.readings.get("B") or "").startswith('China," rferl.org, February 12,2020. Medical')
    ]
    assert glued and all(c.canonical is None for c in glued)
    assert "stands elsewhere in the canonical text" in glued[0].reason
    text = dedupe.render("text", collation)
    assert text.count("Medical Aid Flows Both Ways") == 1
