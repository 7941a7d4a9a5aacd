"""compare --write-back: corrected ALTO, hOCR and PAGE files read back as the
canonical text with their boxes kept and corrected words marked; a DOCX with
tracked changes reads back as the canonical text and rejects back to the
witness; a bad folder is one line and exit 2 with nothing written."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

import dedupe
from dedupe.read import read

DATA = Path(__file__).resolve().parent.parent / "data"
TEXTUAL = ("spelling", "addition", "omission", "substantive", "moved")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dedupe", *args], capture_output=True, text=True, timeout=300
    )


def canonical_of(path: Path, tmp_path: Path) -> str:
    other = tmp_path / "self.txt"
    collation = dedupe.compare([str(path), str(path)])
    other.write_text(dedupe.render("text", collation))
    return other.read_text()


def textual(first: Path, second: Path) -> list[dict]:
    collation = dedupe.compare([str(first), str(second)])
    return [(c.kind, c.readings) for _, c in collation.variants() if c.kind in TEXTUAL]


def corrected_copies(original: Path, word: str, better: str, tmp_path: Path) -> tuple[Path, Path]:
    """Two typed copies of ``original``'s text that both read ``better`` for
    its first ``word``: the majority the OCR file is corrected to."""
    text = canonical_of(original, tmp_path)
    assert word in text
    fixed = text.replace(word, better, 1)
    copies = []
    for name in ("typed-1.txt", "typed-2.txt"):
        copy = tmp_path / name
        copy.write_text(fixed)
        copies.append(copy)
    return copies[0], copies[1]


def write_back(tmp_path: Path, *witnesses: Path) -> tuple[Path, Path]:
    """``compare WITNESS... -o canonical.txt --write-back fixed``, which must
    succeed; returns the write-back folder and the canonical text's path."""
    out, canon = tmp_path / "fixed", tmp_path / "canonical.txt"
    done = run("compare", *map(str, witnesses), "-o", str(canon), "--write-back", str(out))
    assert done.returncode == 0, done.stderr
    return out, canon


def boxes(root, tag: str, attributes: tuple[str, ...]) -> list[tuple]:
    return [
        tuple(e.get(a) for a in attributes)
        for e in root.iter()
        if isinstance(e.tag, str) and etree.QName(e).localname == tag
    ]


def test_alto_write_back_reads_canonical_boxes_kept(tmp_path: Path) -> None:
    alto = DATA / "kant" / "GT-ALTO" / "PAGE_0017_ALTO.xml"
    first, second = corrected_copies(alto, "Ausgang", "Auszug", tmp_path)
    out, canon = write_back(tmp_path, alto, first, second)
    written = out / alto.name
    assert "Auszug" in read(str(written)).text
    assert textual(written, canon) == []
    old, new = etree.parse(str(alto)).getroot(), etree.parse(str(written)).getroot()
    assert new.tag == old.tag  # same namespace
    geometry = ("HPOS", "VPOS", "WIDTH", "HEIGHT")
    assert boxes(new, "String", geometry) == boxes(old, "String", geometry)
    (changed,) = [e for e in new.iter("{*}String") if e.get("CONTENT") == "Auszug"]
    assert changed.get("WC") == "1.0"
    (alternative,) = changed
    assert alternative.get("PURPOSE") == "dedupe-canonical" and alternative.text == "Ausgang"
    assert alto.read_bytes() == (DATA / "kant" / "GT-ALTO" / "PAGE_0017_ALTO.xml").read_bytes()


def test_hocr_write_back_marks_corrected_words(tmp_path: Path) -> None:
    hocr = DATA / "hocr" / "minutes.hocr"
    first, second = corrected_copies(hocr, "sprlng", "spring", tmp_path)
    out, canon = write_back(tmp_path, hocr, first, second)
    written = out / hocr.name
    assert textual(written, canon) == []
    root = etree.parse(str(written)).getroot()
    (word,) = [e for e in root.iter() if e.get("data-dedupe-original") == "sprlng"]
    assert word.text == "spring" and "x_wconf 100" in word.get("title")
    assert word.get("title").startswith("bbox ")
    assert read(str(written)).witness.format == "hocr"


def test_page_write_back_of_an_ocr_engine_against_ground_truth(tmp_path: Path) -> None:
    """Tesseract's page corrected by the two ground-truth files (ALTO, PAGE)."""
    ocr = next((DATA / "kant" / "OCR-TESS-frk").glob("*.xml"))
    truth = [
        DATA / "kant" / "GT-ALTO" / "PAGE_0017_ALTO.xml",
        DATA / "kant" / "GT-PAGE" / "PAGE_0017_PAGE.xml",
    ]
    out, canon = write_back(tmp_path, ocr, *truth)
    written = out / ocr.name
    assert textual(ocr, canon) != []  # the engine misread words
    assert textual(written, canon) == []
    root = etree.parse(str(written)).getroot()
    assert root.tag == etree.parse(str(ocr)).getroot().tag
    original = etree.parse(str(ocr)).getroot()
    lines = [(e.get("id"), e.find("{*}Coords").get("points")) for e in root.iter("{*}TextLine")]
    assert lines == [
        (e.get("id"), e.find("{*}Coords").get("points")) for e in original.iter("{*}TextLine")
    ]
    before = {e.get("id"): e.find("{*}Coords").get("points") for e in original.iter("{*}Word")}
    after = {e.get("id"): e.find("{*}Coords").get("points") for e in root.iter("{*}Word")}
    assert after and all(before[k] == v for k, v in after.items())  # boxes kept
    marked = [e for e in root.iter() if "dedupe-canonical" in (e.get("comments") or "")]
    assert len(marked) > 5


def test_docx_with_tracked_changes_against_a_text_witness(tmp_path: Path) -> None:
    import docx

    good = tmp_path / "good.txt"
    good.write_text("The Minutes\n\nThe committee met in the spring to review the accounts.\n")
    also = tmp_path / "also.txt"
    also.write_text(good.read_text())
    bad = tmp_path / "bad.txt"
    bad.write_text("The Minutes\n\nThe commitee met in the spring to review accounts.\n")
    out, canon = write_back(tmp_path, bad, good, also)
    written = out / "bad.docx"
    assert read(str(written)).text.startswith(
        "The Minutes\n\nThe committee met in the spring to review the accounts."
    )
    assert textual(written, canon) == []
    body = zipfile.ZipFile(written).read("word/document.xml").decode()
    assert '<w:delText xml:space="preserve">commitee</w:delText>' in body
    assert "<w:ins " in body and ">committee</w:t>" in body and " the</w:t></w:r></w:ins>" in body
    document = docx.Document(str(written))  # a package Word tools open
    assert document.paragraphs[0].style.name == "Heading 1"
    rejected = body.replace("<w:delText", "<w:t").replace("</w:delText>", "</w:t>")
    rejected = etree.fromstring(rejected.encode())
    for ins in list(rejected.iter("{*}ins")):
        ins.getparent().remove(ins)
    words = "".join(t.text for t in rejected.iter("{*}t"))
    assert "The commitee met in the spring to review accounts." in words
    assert (
        run(
            "compare", str(bad), str(good), str(also), "-q", "--write-back", str(tmp_path / "again")
        ).returncode
        == 0
    )
    assert (tmp_path / "again" / "bad.docx").read_bytes() == written.read_bytes()  # deterministic


@pytest.mark.parametrize("kind", ["file", "missing-parent"])
def test_bad_write_back_folder_is_one_line_and_nothing_written(kind: str, tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("The committee met.\n")
    b.write_text("The commitee met.\n")
    target = tmp_path / "plain-file"
    if kind == "file":
        target.write_text("keep me")
    else:
        target = tmp_path / "no" / "such"
    out = tmp_path / "out.txt"
    done = run("compare", str(a), str(b), "-o", str(out), "--write-back", str(target))
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and done.stderr.startswith(
        "dedupe: --write-back"
    )
    assert not out.exists()
    if kind == "file":
        assert target.read_text() == "keep me"


def test_write_back_never_replaces_an_input(tmp_path: Path) -> None:
    hocr = tmp_path / "minutes.hocr"
    hocr.write_bytes((DATA / "hocr" / "minutes.hocr").read_bytes())
    typed = tmp_path / "typed.txt"
    typed.write_text(canonical_of(hocr, tmp_path).replace("sprlng", "spring"))
    done = run("compare", str(hocr), str(typed), "-q", "--write-back", str(tmp_path))
    assert done.returncode == 2 and "is an input file" in done.stderr
    assert hocr.read_bytes() == (DATA / "hocr" / "minutes.hocr").read_bytes()


def test_abbyy_write_back_spreads_letters_over_character_boxes(tmp_path: Path) -> None:
    """The real FineReader 10 file with one character misread (o as 0)."""
    original = (DATA / "abbyy" / "finereader_10_excerpt.xml").read_bytes()
    misread = tmp_path / "hymns.xml"
    misread.write_bytes(original.replace(b">o<", b">0<", 1))
    for name in ("typed-1.txt", "typed-2.txt"):
        (tmp_path / name).write_text("The Homeric Hymns\n")
    out = tmp_path / "fixed"
    done = run(
        "compare", str(misread), str(tmp_path / "typed-1.txt"), str(tmp_path / "typed-2.txt"),
        "-q", "--write-back", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert read(str(misread)).lines[0].text == "The H0meric Hymns"
    assert read(str(out / "hymns.xml")).lines[0].text == "The Homeric Hymns"
    root = etree.parse(str(out / "hymns.xml")).getroot()
    assert root.tag == etree.fromstring(original).tag
    chars = [c for c in root.iter("{*}charParams") if (c.text or "").strip()]
    assert len(chars) == len("TheHomericHymns")  # one box per letter, as before
    word = chars[3:10]
    assert all(c.get("charConfidence") == "100" for c in word)
    assert [c.get("l") for c in chars] == [
        c.get("l")
        for c in etree.fromstring(original).iter("{*}charParams")
        if (c.text or "").strip()
    ]
