"""Two scans, no majority: the one that misreads less where they disagree wins the ties."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import dedupe
from dedupe.align import align
from dedupe.collate import collate
from dedupe.decide import Evidence, decide_column, lexicon_zipf, plausible_word
from dedupe.evaluate import evaluate, file_text, score_text
from dedupe.model import Column
from dedupe.track_record import misreading_rates, odds, rarer_misread

DARWIN = Path(__file__).parent / "data" / "scanned" / "darwin"


def pair() -> list:
    return [
        dedupe.normalise_file(str(DARWIN / "onecol-clean.txt"), "A"),
        dedupe.normalise_file(str(DARWIN / "twocol-rough.txt"), "B"),
    ]


def test_the_rough_scan_has_the_worse_record():
    """Tesseract on a 300 dpi clean scan against a 150 dpi rough one of the same
    chapter: the record, made without the ground truth, tells them apart."""
    docs = pair()
    ev = Evidence.gather(docs, None, "straight")
    rates = misreading_rates(collate(docs, align(docs)), lambda w, ws: plausible_word(w, ws, ev))
    assert rates["A"] * 5 < rates["B"] < 0.5
    assert odds(rates, ["A"], ["B"]) > 1.5 and odds(rates, ["B"], ["A"]) < -1.5


def test_ties_follow_the_better_scan_and_say_why(tmp_path: Path):
    paths = [str(DARWIN / "onecol-clean.txt"), str(DARWIN / "twocol-rough.txt")]
    collation = dedupe.compare(paths)
    data = json.loads(dedupe.render("json", collation))
    tracked = [v for v in data["variants"] if "misreads less" in v["reason"]]
    assert len(tracked) > 10
    assert all(v["agree"] == ["A"] for v in tracked)
    assert "A misreads less where the witnesses disagree (a non-word at" in tracked[0]["reason"]
    out = tmp_path / "canonical.txt"
    out.write_text(dedupe.render("text", collation), encoding="utf-8")
    scores = evaluate([str(out), paths[0]], str(DARWIN / "truth.txt"))
    canonical, clean = (s.cer for s in scores.scores)
    assert canonical <= clean  # never worse than the better scan


def test_two_words_tie_to_the_better_record_unless_a_witness_is_preferred():
    """``Road``/``Read``: both words (``Read`` the commoner); the record decides,
    and ``--prefer`` (the editor's word) overrides the record."""
    col = Column({"A": "Road", "B": "Read"})
    record = {"A": 0.02, "B": 0.4}
    plain = Evidence(Counter(), Counter(), "en", {}, None, "straight", 2, record=record)
    assert decide_column(col, set(), plain).canonical == "Road"
    preferred = Evidence(Counter(), Counter(), "en", {}, "B", "straight", 2, record=record)
    assert decide_column(col, set(), preferred).canonical == "Read"


def test_no_record_without_disagreements():
    docs = [dedupe.normalise_file(str(DARWIN / "onecol-clean.txt"), w) for w in "AB"]
    ev = Evidence.gather(docs, None, "straight")
    assert (
        misreading_rates(collate(docs, align(docs)), lambda w, ws: plausible_word(w, ws, ev)) == {}
    )


NOTES = Path(__file__).parent / "data" / "scanned" / "beijing-notes"


def test_copies_of_notes_kept_from_the_scan_that_misreads_less(tmp_path: Path):
    """The rough scan reads notes 36 and 37 as one garbled note under another
    number; the clean scan reads them as two: the clean scan's two are kept,
    and the canonical text is within a hair of the clean scan's."""
    paths = [str(NOTES / "onecol-clean.txt"), str(NOTES / "onecol-rough.txt")]
    collation = dedupe.compare(paths)
    text = dedupe.render("text", collation)
    # notes 33 and 36 cite one article: two notes, never copies of each other
    for n in (33, 36):
        assert (
            f'{n} "Kazakhstan summons Chinese ambassador in protest over article," reuters' in text
        )
    assert '38 "China, Russia can initiate probe of US bio-labs," globaltimes.cn' in text
    reasons = [c.reason for _, c in collation.variants() if "kept once" in c.reason]
    assert any("A's copy: A misreads less where the witnesses disagree" in r for r in reasons)
    out = tmp_path / "canonical.txt"
    out.write_text(text, encoding="utf-8")
    canonical, clean = (
        s.cer for s in evaluate([str(out), paths[0]], str(NOTES / "truth.txt")).scores
    )
    assert canonical <= clean * 1.2  # 3.9% before, the clean scan's 1.0% now 1.15%


def test_a_word_only_one_scan_reads_with_low_confidence_is_a_speck():
    """Tesseract's hOCR of a rough 150 dpi scan beside a clean one: marks and
    short "words" only the rough scan reads, at low word confidence (``Se``
    at 0.06), are specks: left out, and the reason gives the confidence."""
    paths = [str(DARWIN / "onecol-rough.hocr"), str(DARWIN / "twocol-clean.hocr")]
    collation = dedupe.compare(paths)
    specks = [c for _, c in collation.variants() if "with low OCR confidence (" in c.reason]
    assert len(specks) >= 3  # marks without letters the reader already left out (read.specks)
    assert all(c.canonical is None and c.readings["B"] is None for c in specks)
    text = dedupe.render("text", collation)
    assert all(f" {c.readings['A']} " not in text for c in specks if len(c.readings["A"]) > 1)


def test_misreadings_within_chance_make_no_record():
    """The sample pair, two text layers of one report: 3 misreadings against 2
    in 54 places is chance, so the record is alike and decides no tie
    (``Zholdosbaev``/``Zholdoshaev`` stays a tie for review); 0 against 5 is not."""
    from dedupe.track_record import worse

    sample = Path(__file__).parent.parent / "samples" / "beijing-binds"
    docs = [dedupe.normalise_file(str(sample / n), w) for n, w in (("a.txt", "A"), ("b.txt", "B"))]
    ev = Evidence.gather(docs, None, "straight")
    rates = misreading_rates(collate(docs, align(docs)), lambda w, ws: plausible_word(w, ws, ev))
    assert rates["A"] == rates["B"] and odds(rates, ["A"], ["B"]) == 0.0
    assert not worse(2, 54, 3, 54) and worse(0, 24, 5, 24)
    # a book's thousands of places: no float overflow, and 5000 against 5200 is a difference
    assert worse(5000, 90_000, 5200, 90_000) and not worse(5200, 90_000, 5000, 90_000)
    tie = next(
        c
        for _, c in dedupe.compare([d.witness.path for d in docs]).variants()
        if c.readings["A"] == "Zholdosbaev"
    )
    assert tie.review and "misreads less" not in tie.reason


def test_a_leader_or_a_paragraph_break_one_scan_has_is_no_speck():
    """The clean scan of the zoology key reads leaders and paragraph breaks
    the rough one lacks: they are print and layout, not specks counted
    against it (a mark only one witness reads still is)."""
    from dedupe.model import PARAGRAPH_BREAK, RUN_ON, Unit
    from dedupe.normalise.leaders import LEADER

    def unit(*columns: Column) -> Unit:
        return Unit("paragraph", "body", {"A": (0,), "B": (0,)}, columns)

    leader = Column({"A": LEADER, "B": None}, "addition")
    brk = Column({"A": PARAGRAPH_BREAK, "B": RUN_ON}, "layout", break_place=True)
    speck = Column({"A": None, "B": "|"}, "addition")
    rates = misreading_rates([unit(leader, brk, speck) for _ in range(6)], lambda w, ws: True)
    assert rates["B"] > rates["A"]
    rates = misreading_rates([unit(leader, brk) for _ in range(6)], lambda w, ws: True)
    assert rates == {}


def test_doubted_words_the_better_scan_reads_where_the_other_lost_them_are_kept(tmp_path: Path):
    """A clean and a rough one-column scan of the Beijing report (Tesseract
    hOCR): the clean scan reads ``staff.²² In`` at confidence 0.35 (the
    superscript), the rough scan lost the words. They are words, and the
    clean scan misreads less: kept, not taken for a speck; the canonical text
    is then within a few characters of the clean scan."""
    from dedupe.evaluate import file_text, score_text

    data = Path(__file__).parent / "data" / "scanned" / "beijing"
    clean, rough = str(data / "onecol-clean.hocr"), str(data / "onecol-rough.hocr")
    collation = dedupe.compare([clean, rough])
    kept = [c for _, c in collation.variants() if "but they are words and A misreads" in c.reason]
    assert kept and all(c.canonical == c.readings["A"] and c.readings["B"] is None for c in kept)
    assert "medical staff. In" in dedupe.render("text", collation)
    out = tmp_path / "canonical.txt"
    out.write_text(dedupe.render("text", collation), encoding="utf-8")
    truth = file_text(str(data / "truth.txt"))
    canonical = score_text(file_text(str(out)), truth).cer
    assert canonical <= 1.05 * score_text(file_text(clean), truth).cer


KANT = Path(__file__).parent / "data" / "kant"


def kant_page(engine: str, page: int = 1) -> str:
    return str(
        KANT
        / f"OCR-{engine}"
        / f"OCR-D-OCR-{engine}-SEG-LINE-tesseract-ocropy-DEWARP_000{page}.xml"
    )


def test_a_word_only_the_lexicons_tail_knows_is_a_misreading():
    """German word lists hold old OCR's errors (``ift``, ``fich``, ``alſs``
    are all 'words'): Tesseract's frk+deu model misreads the long s as f on
    Kant's first page far more often than Calamari, which the record sees
    only where a reading a thousand times rarer than a close one counts as a
    misreading; the canonical text then follows Calamari and is at most a
    few characters worse than it, not worse than either engine."""
    paths = [kant_page("CALA-gt4histocr"), kant_page("TESS-frk--deu")]
    docs = [dedupe.normalise_file(p, w) for p, w in zip(paths, "AB", strict=True)]
    ev = Evidence.gather(docs, None, "straight")
    units = collate(docs, align(docs))
    plain = misreading_rates(units, lambda w, ws: plausible_word(w, ws, ev))
    assert odds(plain, ["A"], ["B"]) < 0.5  # by non-words alone: alike
    rates = misreading_rates(
        units, lambda w, ws: plausible_word(w, ws, ev), lambda r: lexicon_zipf(r, "de")
    )
    assert odds(rates, ["A"], ["B"]) >= 1.0
    truth = str(KANT / "GT-PAGE" / "PAGE_0017_PAGE.xml")
    cala, tess = (s.char_errors for s in evaluate(paths, truth).scores)
    text = dedupe.render("text", dedupe.compare(paths))
    canonical = score_text(text, file_text(truth)).char_errors
    assert canonical <= cala + 3 < tess


def test_a_name_the_documents_use_is_no_rarer_misreading():
    """``Bellé`` (a name, unknown to the lexicon) against ``Bello``: not a
    misreading of the commoner word; ``ift`` against ``iſt`` is."""
    sound = {"bellé": True, "bello": True}
    assert rarer_misread(sound, lambda r: lexicon_zipf(r, "en")) == sound
    assert rarer_misread({"ist": True, "ift": True}, lambda r: lexicon_zipf(r, "de")) == {
        "ist": True,
        "ift": False,
    }
    # the same letters spaced otherwise, and numbers, are not compared
    spaced = {"plane loads": True, "planeloads": True}
    assert rarer_misread(spaced, lambda r: lexicon_zipf(r, "en")) == spaced


def test_short_words_only_the_rough_scan_reads_are_specks():
    """A rough scan reads dust as short 'words' the word list knows (``ae``,
    ``ai Qo``; ``ws``, ``vs``) where the clean scan reads nothing: left out,
    as the clean scan misreads clearly less; before they were kept as words.
    The truth has none of them: it reads on from the word before to the
    word after."""
    zoology = Path(__file__).parent / "data" / "scanned" / "zoology"

    def bare(text: str) -> str:
        return "".join(c for c in text.casefold() if c.isalnum())

    for folder, clean, rough in (
        (zoology, "onecol-clean.txt", "onecol-rough.txt"),
        (DARWIN, "onecol-clean.txt", "twocol-rough.txt"),
    ):
        paths = [str(folder / clean), str(folder / rough)]
        data = json.loads(dedupe.render("json", dedupe.compare(paths)))
        dust = [v for v in data["variants"] if "dust also spells" in v["reason"]]
        assert dust and all(v["canonical"] is None and v["readings"]["A"] is None for v in dust)
        assert all(all(len(bare(w)) < 4 for w in v["readings"]["B"].split()) for v in dust)
        truth = bare(file_text(str(folder / "truth.txt")))
        for v in dust:
            before = v["context"]["before"].split()[-2:]
            after = v["context"]["after"].split()[:2]
            assert bare(" ".join(before + after)) in truth
            assert bare(" ".join([*before, v["readings"]["B"], *after])) not in truth
