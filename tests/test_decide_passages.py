"""One-sided passages enter the canonical text on evidence, and never twice
(dedupe.passages): copies are layout, copies each at its own place are kept
once, a minority's passage is left out by majority, and with two witnesses a
passage one of them has is kept only when it is plausible body text."""

from __future__ import annotations

from pathlib import Path

import dedupe
from dedupe.normalise.fold import squash
from dedupe.passages import plausible

DATA = Path(__file__).parent / "data"
SWISS = DATA / "swiss_zoology"
DARWIN = DATA / "darwin"
KANT = DATA / "kant"


def paragraphs(path: Path) -> list[str]:
    return [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]


def write(folder: Path, name: str, parts: list[str]) -> str:
    path = folder / name
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    return str(path)


def times(phrase: str, text: str) -> int:
    """How often a phrase stands in a text, compared as bare words run together."""
    return squash(text).count(squash(phrase))


def test_a_key_each_engine_reads_at_its_own_place_is_kept_once(tmp_path):
    # ABBYY reads the identification key one block per line, Tesseract as one
    # block; here ABBYY's edition also prints it at the end (a table moved by
    # the page layout). No block pairs: both copies used to be left out as
    # "misplaced", each because the other witness has it elsewhere.
    abby = paragraphs(SWISS / "biostor-146511_04.abby.txt")
    first = next(i for i, p in enumerate(abby) if p.startswith("Key of the species"))
    last = next(i for i, p in enumerate(abby) if "margheritae" in p)
    moved = [*abby[:first], *abby[last + 1 :], *abby[first : last + 1]]
    paths = [str(SWISS / "biostor-146511_04.tess.txt"), write(tmp_path, "b.txt", moved)]
    collation = dedupe.compare(paths)
    text = dedupe.render("text", collation)
    for line in ("Elytra globose, strongly striate", "Intervals slightly cariniform"):
        assert times(line, text) == 1
    once = [c for _, c in collation.variants() if "kept once" in c.reason]
    assert once and all(c.canonical for c in once)
    dropped = [c for _, c in collation.variants() if "canonical text keeps them once" in c.reason]
    assert dropped and all(c.canonical is None and c.kind == "layout" for c in dropped)
    # the copy left out is listed as removed, with the span of its block
    removed = [r for r in collation.removed if "keeps them once" in r.reason]
    raw = Path(paths[0 if removed[0].witness == "A" else 1]).read_text(encoding="utf-8")
    assert any("Elytra" in raw[r.span.start : r.span.end] for r in removed)


def test_a_paragraph_doubled_at_a_page_break_with_ocr_noise_is_layout(tmp_path):
    # the text layer repeats a paragraph on the next page, read by another
    # engine: the same words, different OCR errors
    tess = paragraphs(SWISS / "biostor-146511_02.tess.txt")
    abby = paragraphs(SWISS / "biostor-146511_02.abby.txt")
    remarks = next(p for p in tess if p.startswith("REMARKS"))
    at = next(i for i, p in enumerate(abby) if p.startswith("REMARKS")) + 1
    doubled = [*abby[:at], "\f" + remarks, *abby[at:]]
    paths = [str(SWISS / "biostor-146511_02.tess.txt"), write(tmp_path, "b.txt", doubled)]
    collation = dedupe.compare(paths)
    text = dedupe.render("text", collation)
    assert times("The specimen was caught in a 5% formalin", text) == 1
    layout = [c for _, c in collation.variants() if "prints these words again" in c.reason]
    assert len(layout) == 1 and layout[0].canonical is None
    assert "caught in a 5% formalin" in layout[0].readings["B"]
    (removed,) = [r for r in collation.removed if "prints these words again" in r.reason]
    raw = Path(paths[1]).read_text(encoding="utf-8")
    assert removed.witness == "B" and raw.index("\f") <= removed.span.start
    assert "fixative solution" in raw[removed.span.start : removed.span.end].replace("ﬁ", "fi")


def test_a_pull_quote_is_layout_and_the_paragraph_keeps_its_words(tmp_path):
    # a sentence of the 1860 edition repeated as a paragraph of its own two
    # paragraphs on, as a magazine prints a pull quote
    first, second = paragraphs(DARWIN / "darwin1859.txt"), paragraphs(DARWIN / "darwin1860.txt")
    k = next(i for i, p in enumerate(second) if "Andrew Knight" in p)
    quote = next(s for s in second[k].split(". ") if "Andrew Knight" in s) + "."
    with_quote = [*second[: k + 2], quote, *second[k + 2 :]]
    paths = [write(tmp_path, "a.txt", first), write(tmp_path, "b.txt", with_quote)]
    collation = dedupe.compare(paths)
    text = dedupe.render("text", collation)
    assert times("propounded by Andrew Knight", text) == 1
    assert any(
        "prints these words again" in r.reason and "Andrew Knight" in r.text
        for r in collation.removed
    )


def test_a_passage_only_a_minority_has_is_left_out_by_majority_and_kept_in_the_apparatus():
    paths = [str(DARWIN / f"darwin{year}.txt") for year in (1859, 1860, 1872)]
    collation = dedupe.compare(paths)
    text = dedupe.render("text", collation)
    left = [c for _, c in collation.variants() if "left out by majority" in c.reason]
    assert all(c.canonical is None and c.kind == "addition" for c in left)
    assert all(sum(r is not None for r in c.readings.values()) == 1 for c in left)
    # the paragraphs 1872 added (47 against 43) are among them, and in the apparatus only
    added = [c for c in left if c.readings["C"] and c.readings["C"].count(" ") > 40]
    assert len(added) >= 4
    assert all(squash(c.readings["C"])[:80] not in squash(text) for c in added)


def test_two_witnesses_a_plausible_passage_one_has_is_kept_and_says_why():
    paths = [str(DARWIN / "darwin1859.txt"), str(DARWIN / "darwin1872.txt")]
    collation = dedupe.compare(paths)
    kept = [c for _, c in collation.variants() if "plausible body text" in c.reason]
    whole = [c for c in kept if c.readings["A"] is None and c.readings["B"].count(" ") > 40]
    assert len(whole) >= 4  # the paragraphs 1872 added
    for col in kept:
        (have,) = [w for w, r in col.readings.items() if r]
        lack = "B" if have == "A" else "A"
        assert col.canonical and f"only {have} has this passage, {lack} lacks it" in col.reason


def test_page_foot_ocr_junk_is_no_plausible_body_text():
    ok, why, _ = plausible("(S. Deeemd. psz. S.e.) d ſe k7enze ſUymlne", "de", {})
    assert not ok and "words of the language" in why
    good = paragraphs(DARWIN / "darwin1859.txt")[3]
    assert plausible(good, "en", {})[0]


def test_two_witnesses_junk_only_the_careless_engine_reads_is_left_out():
    # Calamari and ocropy's worst model on one page of Kant: the words only
    # ocropy reads at the page foot are junk, and Calamari misreads less where they disagree
    paths = [
        str(next((KANT / "OCR-CALA-gt4histocr").glob("*.xml"))),
        str(next((KANT / "OCR-OCRO-frakturjze").glob("*.xml"))),
    ]
    collation = dedupe.compare(paths)
    text = dedupe.render("text", collation)
    assert "k7enze" not in text and "ſUymlne" not in text
    junk = [c for _, c in collation.variants() if c.readings.get("B") == "k7enze"]
    assert junk and junk[0].canonical is None
    assert "A misreads less where the witnesses disagree" in junk[0].reason


SCANS = DATA / "scans" / "darwin"


def test_pull_quotes_in_real_scans_are_layout_and_the_text_keeps_each_sentence_once():
    # Tesseract's reading of two typeset layouts, each with its own pull quotes
    import sys

    sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))
    import metrics

    paths = [str(SCANS / "onecol-clean.txt"), str(SCANS / "twocol-clean.txt")]
    truth = (SCANS / "truth.txt").read_text(encoding="utf-8")
    collation = dedupe.compare(paths)
    text = dedupe.render("text", collation)
    quotes = [r for r in collation.removed if "prints these words again" in r.reason]
    assert {r.witness for r in quotes} == {"A", "B"} and len(quotes) >= 3
    checked = 0
    for r in quotes:
        phrase = " ".join(r.text.split()[:8])
        other = next(d for d in collation.documents if d.witness.id != r.witness)
        if times(phrase, metrics.document_text(other)) > 1:
            continue  # both layouts quote this sentence: not one-sided (not handled yet)
        assert times(phrase, text) == times(phrase, truth) == 1
        checked += 1
    assert checked >= 3
    best = min(metrics.cer(metrics.document_text(d), truth) for d in collation.documents)
    assert metrics.cer(text, truth) < best


def test_copies_overlapping_in_part_keep_every_sentence_once():
    # one engine's copy is a piece of the paragraph another pair reads whole,
    # and a third copy runs on into the next paragraph: the whole paragraph
    # and the next are kept, the piece and the run-on copy go
    from dedupe.passages import Judge, Passage, settle_group

    first, following = paragraphs(DARWIN / "darwin1859.txt")[5:7]
    piece = ". ".join(first.split(". ")[:2]) + "."
    texts = [(("B", "C"), piece), (("A", "B"), first), (("A", "B"), following)]
    texts.append((("C",), first + " " + following))
    passages, at = [], 0
    for k, (have, text) in enumerate(texts):
        size = len(squash(text))
        passages.append(Passage(k, 0, have, text, True, at, at + size))
        at += size
    judge = Judge(("A", "B", "C"), {"A": 2.0, "B": 2.0, "C": 3.0}, "en", {})
    out = settle_group(list(range(4)), passages, judge)
    assert out[1][1] == out[2][1] == "keep"
    assert out[0][1] == out[3][1] == "layout" and out[0][0] is None


def test_two_witnesses_a_numbered_note_one_has_is_judged_by_its_letters_not_its_words(tmp_path):
    """The report's notes cite Russian titles in transliteration
    ("Passazhirku reisa, ..."): few words of English, each read once. A note
    one witness has by its number is kept where it is mostly letters, though
    its words would not pass as body text."""
    truth = (DATA / "selfcheck" / "beijing-truth.txt").read_text(encoding="utf-8")
    body = truth[: truth.index("\nNotes\n")]
    paths = [write(tmp_path, "a.txt", [truth]), write(tmp_path, "b.txt", [body])]
    collation = dedupe.compare(paths)
    notes = [c for u, c in collation.variants() if u.kind == "footnote" and c.readings["A"]]
    assert len(notes) >= 40
    foreign = [c for c in notes if not plausible(c.readings["A"], "en", {})[0]]
    assert len(foreign) >= 10  # as body text these would be left out
    for col in foreign:
        assert col.canonical == col.readings["A"]
        assert "only A has this passage, B lacks it" in col.reason
        assert "a numbered note:" in col.reason
    text = dedupe.render("text", collation)
    assert "Passazhirku reisa, sledovavshego iz Pekina" in text
