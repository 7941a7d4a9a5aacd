"""How carefully a witness reads, estimated without ground truth, breaks ties."""

import json
import re
from collections import Counter
from pathlib import Path

import dedupe
from dedupe.decide import Evidence, decide_column, reliability
from dedupe.model import Column

KANT = Path(__file__).parent / "data" / "kant"


def test_the_transcription_reads_more_carefully_than_the_ocr():
    truth = dedupe.normalise_file(str(KANT / "GT-PAGE" / "PAGE_0017_PAGE.xml"), "A")
    ocr = dedupe.normalise_file(
        str(KANT / "OCR-TESS-frk" / "OCR-D-OCR-TESS-frk-SEG-LINE-tesseract-ocropy-DEWARP_0001.xml"),
        "B",
    )
    weights = reliability([truth, ocr], "de")
    assert weights["A"] > weights["B"] > 0


def test_no_word_list_no_opinion(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("qzx vvkp trrq zzpt\n\nkkq pxq wwv\n", encoding="utf-8")
    doc = dedupe.normalise_file(str(path), "A")
    assert reliability([doc, doc], "en") == {}


def test_a_three_way_tie_leans_to_the_careful_witness():
    readings = {"A": "Aufklärnng", "B": "Aufklärumg", "C": "Aufklärunq"}
    for careful in "ABC":
        weights = {w: (3.0 if w == careful else 1.0) for w in readings}
        ev = Evidence(Counter(), Counter(), "de", {}, None, "straight", 3, weights=weights)
        assert decide_column(Column(readings), set(), ev).canonical == readings[careful]


def test_two_witnesses_even_on_the_words_lean_to_the_careful_one_after_preference():
    col = Column({"A": "Zholdosbaev", "B": "Zholdoshaev"})
    weights = {"A": 1.2, "B": 2.9}
    ev = Evidence(Counter(), Counter(), "en", {}, None, "straight", 2, weights=weights)
    out = decide_column(col, set(), ev)
    assert out.canonical == "Zholdoshaev" and out.review
    assert "B reads more carefully" in out.reason
    preferred = Evidence(Counter(), Counter(), "en", {}, "A", "straight", 2, weights=weights)
    assert decide_column(col, set(), preferred).canonical == "Zholdosbaev"
    even = Evidence(
        Counter(), Counter(), "en", {}, None, "straight", 2, weights={"A": 2.0, "B": 2.1}
    )
    assert "no evidence either way" in decide_column(col, set(), even).reason


def test_a_minority_word_beats_a_majority_non_word():
    # four runs of one engine share an error; the better engines read the word
    readings = {
        "A": "Einſchraͤnkung",
        "B": "Einſchraͤnkung",
        "C": "Einſchränfung",
        "D": "Einſchränfung",
        "E": "Einſchränfung",
        "F": "Einſchränfung",
        "G": "Einschränkung",
        "H": "Einſbränkung",
    }
    ev = Evidence(Counter(), Counter(), "de", {}, None, "straight", 8)
    out = decide_column(Column(readings), set(), ev)
    assert out.canonical == "Einſchraͤnkung" and "no word of the language" in out.reason
    # one witness alone does not outvote the majority
    alone = {**readings, "B": "Einſchränfung", "G": "Einsckränkung"}
    assert decide_column(Column(alone), set(), ev).canonical == "Einſchränfung"
    # where neither reading is a word (a name, say), the majority stands
    names = {w: ("Zholdoshaev" if w in "CDEFH" else "Zholdosbaev") for w in readings}
    assert decide_column(Column(names), set(), ev).canonical == "Zholdoshaev"


def test_a_common_word_beats_a_rare_token_and_a_mere_plurality():
    ev = Evidence(Counter(), Counter(), "de", {}, None, "straight", 8)
    # "vou" is a rare foreign token in German; "von" one of its commonest words
    readings = dict(zip("ABCDEFGH", ["aber von"] * 3 + ["aber vou"] * 4 + ["abervou"], strict=True))
    assert decide_column(Column(readings), set(), ev).canonical == "aber von"
    # two of eight agreeing on a non-word are no majority against one reading a word
    scattered = dict(
        zip(
            "ABCDEFGH",
            ["zuletzt", "zuleht", "zuleßt", "zuleßt", "zulezt", "zuletzl", "zulctzt", "zu1etzt"],
            strict=True,
        )
    )
    assert decide_column(Column(scattered), set(), ev).canonical == "zuletzt"


def test_tied_non_words_give_way_to_a_word_another_witness_reads():
    ev = Evidence(Counter(), Counter(), "de", {}, None, "straight", 8)
    readings = dict(
        zip(
            "ABCDEFGH",
            [
                "ſchaͤdlich",
                "ſcaaͤdlich",
                "ſ<ädlich",
                "ſ<ädlich",
                "ſ{hädlich",
                "fhådlih",
                "schädllch",
                "ſchädllch",
            ],
            strict=True,
        )
    )
    out = decide_column(Column(readings), set(), ev)
    assert out.canonical == "ſchaͤdlich" and "neither a word of the language" in out.reason


def test_a_word_split_into_rare_pieces_gives_way_to_the_word():
    ev = Evidence(Counter(), Counter(), "de", {}, None, "straight", 8)
    readings = dict(
        zip("ABCDEFGH", ["Mangel", "Mangel", *["Mans gel"] * 4, "Man gel", "Mangel"], strict=True)
    )
    out = decide_column(Column(readings), set(), ev)
    assert out.canonical == "Mangel" and "no word of the language" in out.reason
    # a single witness never settles a spacing against the majority
    alone = {**readings, "B": "Mans gel", "H": "Mangcl"}
    assert decide_column(Column(alone), set(), ev).canonical == "Mans gel"


def test_an_engine_repeating_its_own_misreading_is_no_evidence_for_it():
    # ABBYY reads the species name "polleti" as the English word "polled"
    # twice on this page; Tesseract never reads "polled"
    swiss = Path(__file__).parent / "data" / "swiss_zoology"
    docs = [
        dedupe.normalise_file(str(swiss / "biostor-146511_02.tess.txt"), "A"),
        dedupe.normalise_file(str(swiss / "biostor-146511_02.abby.txt"), "B"),
    ]
    ev = Evidence.gather(docs, None, "straight")
    assert ev.counts["polled"] >= 2 and ev.elsewhere("polled", ["B"]) == 0
    # a word both engines read elsewhere is evidence
    assert ev.elsewhere("howdeniola", ["B"]) >= 1
    out = decide_column(Column({"A": "polleti", "B": "polled"}), set(), ev)
    assert "elsewhere" not in out.reason


def test_an_engine_that_never_writes_the_long_s_does_not_outvote_one_that_does():
    # ocropy's fraktur model writes every long s as s and the old umlaut as ä;
    # Calamari reads both letterforms, as the page prints them
    fraktur = (
        KANT
        / "OCR-OCRO-fraktur"
        / "OCR-D-OCR-OCRO-fraktur-SEG-LINE-tesseract-ocropy-DEWARP_0001.xml"
    )
    calamari = (
        KANT
        / "OCR-CALA-gt4histocr"
        / "OCR-D-OCR-CALA-gt4histocr-SEG-LINE-tesseract-ocropy-DEWARP_0001.xml"
    )
    for order in ([calamari, fraktur], [fraktur, calamari]):
        canonical = dedupe.render("text", dedupe.compare([str(p) for p in order]))
        words = canonical.split()
        assert "iſt" in words and "ist" not in words
        assert sum("ſ" in w for w in words) >= 30  # Calamari's body has 33
        assert sum("\u0364" in w for w in words) >= 10  # and 11
    # a witness that writes the letterform elsewhere votes: the careful one wins the tie
    readings = {"A": "ſind", "B": "sind"}
    forms = {"A": frozenset("ſ"), "B": frozenset("ſ")}
    for careful, form in (("A", "ſind"), ("B", "sind")):
        weights = {w: (3.0 if w == careful else 1.0) for w in readings}
        ev = Evidence(
            Counter(), Counter(), "de", {}, None, "straight", 2, weights=weights, letterforms=forms
        )
        assert decide_column(Column(readings), set(), ev).canonical == form


def test_a_passage_the_rough_scan_lost_is_kept_not_traded_for_its_stray_word(tmp_path):
    """Tesseract's plain text of a clean one-column scan and of a rough
    two-column scan of Darwin: where the rough scan lost seventeen words of a
    column and read one stray word (``almost``) there, the two readings tie.
    It is a passage lost, not another reading of one place: the clean scan
    (which misreads less where they disagree) keeps it."""
    from dedupe.evaluate import file_text, score_text

    data = Path(__file__).parent / "data" / "scanned" / "darwin"
    clean, rough = str(data / "onecol-clean.txt"), str(data / "twocol-rough.txt")
    collation = dedupe.compare([clean, rough])
    lost = [c for _, c in collation.variants() if "a passage lost" in c.reason]
    assert lost and all(c.canonical == c.readings["A"] for c in lost)
    text = dedupe.render("text", collation)
    assert "less strange and commoner deviations may be freely admitted" in text
    out = tmp_path / "canonical.txt"
    out.write_text(text, encoding="utf-8")
    truth = file_text(str(data / "truth.txt"))
    assert score_text(file_text(str(out)), truth).cer < score_text(file_text(clean), truth).cer


def test_a_bare_tie_follows_the_surer_ocr_reading():
    """The clean and the rough one-column scan of the zoology paper (Tesseract
    hOCR): their track records are alike (the rough scan's errors are marks,
    not non-words), so ``organs.``/``organs;`` and ``‘elevated,``/``elevated,``
    have no evidence in the words; the engine's own word confidence (0.96
    against 0.73-0.80) decides, flagged for review."""
    data = Path(__file__).parent / "data" / "scanned" / "zoology"
    collation = dedupe.compare([str(data / "onecol-clean.hocr"), str(data / "onecol-rough.hocr")])
    surer = [c for _, c in collation.variants() if "at OCR confidence" in c.reason]
    assert len(surer) >= 5
    assert all(c.canonical == c.readings["A"] and c.review for c in surer)
    text = dedupe.render("text", collation)
    assert "CH-3005 Bern" in text and "'elevated," not in text


def test_the_word_list_does_not_weigh_marks_in_numbers():
    """``1.53.`` against ``1:53,`` (a rough scan's colon for a decimal point):
    the word list tokenises the two apart and 'knows' ``1:53`` as a clock
    time, which said nothing about which scan read the print; such ties are
    decided by the engines' confidences and records, not by frequency."""
    zoology = Path(__file__).parent / "data" / "scanned" / "zoology"
    paths = [str(zoology / "onecol-clean.hocr"), str(zoology / "onecol-rough.hocr")]
    data = json.loads(dedupe.render("json", dedupe.compare(paths)))
    numbers = [
        v
        for v in data["variants"]
        if all(r and any(c.isdigit() for c in r) for r in v["readings"].values())
        and len({re.sub(r"\D", "", r) for r in v["readings"].values()}) == 1
        and len({len(r.split()) for r in v["readings"].values()}) == 1  # not spaced otherwise
    ]
    assert any(v["readings"] == {"A": "1.53.", "B": "1:53,"} for v in numbers)
    assert not [v for v in numbers if "known word" in v["reason"]]
    two = next(v for v in numbers if v["readings"]["A"] == "2.0.")
    assert two["canonical"] == "2.0." and "confidence" in two["reason"]


def test_capitals_lose_only_to_the_same_word_in_mixed_case():
    """``US$280`` against a rough scan's ``§$280``: before, the capitals lost
    as if shouted, and the canonical text took the speck; ``(II)`` against
    ``(11)`` and ``(VIII)`` against ``(VII)`` are no case variants either,
    while ``QUINGIO`` against ``Quindio`` is."""
    beijing = Path(__file__).parent / "data" / "scanned" / "beijing"
    paths = [str(beijing / "onecol-clean.hocr"), str(beijing / "onecol-rough.hocr")]
    data = json.loads(dedupe.render("json", dedupe.compare(paths)))
    (dollars,) = [v for v in data["variants"] if v["readings"] == {"A": "US$280", "B": "§$280"}]
    assert dollars["canonical"] == "US$280" and "ALL CAPS" not in dollars["reason"]
    plain = Evidence(Counter(), Counter(), "en", {}, None, "straight", 2)
    for a, b in (("(II)", "(11)"), ("(VIII)", "(VII)")):
        assert "ALL CAPS" not in decide_column(Column({"A": a, "B": b}), set(), plain).reason
    shouted = decide_column(Column({"A": "(QUINGIO)", "B": "(Quindio)"}), set(), plain)
    assert shouted.canonical == "(Quindio)" and "ALL CAPS" in shouted.reason


def test_a_word_glued_on_where_a_space_was_lost_is_not_lost():
    """A rough scan reads ``why-the`` (a space lost, a mark in its place)
    where the other reads ``why`` and has lost ``the``: the glued reading
    holds the word, so it wins; where each scan glued the same word on its
    own side (``and.so boldly`` against ``and so-boldly``) the second place
    follows the first, and the canonical text has the word once, as the
    truth has it."""
    darwin = Path(__file__).parent / "data" / "scanned" / "darwin"

    def bare(text: str) -> str:
        return "".join(c for c in text.casefold() if c.isalnum())

    truth = bare((darwin / "truth.txt").read_text(encoding="utf-8"))
    for pair, phrase in (
        (("onecol-rough.txt", "onecol-worn.txt"), "not so; why the child often"),
        (("twocol-rough.txt", "twocol-worn.txt"), "so often and so boldly been made"),
    ):
        collation = dedupe.compare([str(darwin / p) for p in pair])
        assert bare(phrase) in truth and bare(phrase) in bare(dedupe.render("text", collation))
        data = json.loads(dedupe.render("json", collation))
        assert any("glued on where a space was lost" in v["reason"] for v in data["variants"])
