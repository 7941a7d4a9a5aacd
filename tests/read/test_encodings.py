"""UTF-32 and UTF-16, with and without a byte-order mark, in text and XML
witnesses: decoded exactly, recognised as the format they are, and never a
U+0000 in a witness."""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dedupe.model import DedupeError
from dedupe.read import read, sniff
from dedupe.read.assemble import DraftPage, assemble
from dedupe.read.encoding import Wide, wide_encoding
from dedupe.read.text import decode

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLES = Path(__file__).resolve().parent.parent.parent / "samples" / "beijing-binds"
KANT_PAGE = DATA / "kant" / "GT-PAGE" / "PAGE_0017_PAGE.xml"
KANT_ALTO = next((DATA / "kant" / "GT-ALTO").glob("*.xml"))
LATIN = "Medical Aid Flows Both Ways\n\n“Sinophobia” was not — however — the view.\n"
GERMAN = "Aufklärung ist der Ausgang des Menſchen aus ſeiner ſelbſt verſchuldeten Unmündigkeit.\n"
RUSSIAN = "Просвещение — это выход человека из состояния несовершеннолетия.\n"
ASTRAL = "Notes 𝔄𝔲𝔣𝔨𝔩𝔞𝔯𝔲𝔫𝔤 and 😀 in the margin.\n"

ENCODED = {
    "utf32-le-bom": (lambda t: codecs.BOM_UTF32_LE + t.encode("utf-32-le"), "utf-32-le"),
    "utf32-be-bom": (lambda t: codecs.BOM_UTF32_BE + t.encode("utf-32-be"), "utf-32-be"),
    "utf32-le": (lambda t: t.encode("utf-32-le"), "utf-32-le"),
    "utf32-be": (lambda t: t.encode("utf-32-be"), "utf-32-be"),
    "utf16-le": (lambda t: t.encode("utf-16-le"), "utf-16-le"),
    "utf16-be": (lambda t: t.encode("utf-16-be"), "utf-16-be"),
}


@pytest.mark.parametrize("text", [LATIN, GERMAN, RUSSIAN, ASTRAL], ids=["en", "de", "ru", "astral"])
@pytest.mark.parametrize("kind", ENCODED)
def test_wide_text_decodes_exactly_without_warnings(tmp_path, kind, text):
    encode, codec = ENCODED[kind]
    data = encode(text)
    assert wide_encoding(data).codec == codec
    path = tmp_path / "w.txt"
    path.write_bytes(data)
    source = read(str(path))
    assert source.text == text
    assert "\x00" not in source.text
    assert source.warnings == ()


def test_utf32_le_bom_is_not_read_as_utf16():
    """FF FE 00 00 starts with UTF-16's mark: read as UTF-16, every other
    character would be U+0000."""
    data = codecs.BOM_UTF32_LE + LATIN.encode("utf-32-le")
    assert wide_encoding(data) == Wide("utf-32-le", 4)
    assert decode(data, "w.txt") == (LATIN, [])


def test_utf16_text_opening_with_a_nul_keeps_its_utf16_reading():
    """FF FE 00 00 with a length that is no multiple of four cannot be UTF-32."""
    data = codecs.BOM_UTF16_LE + "\x00abc".encode("utf-16-le")
    assert wide_encoding(data) == Wide("utf-16-le", 2)


def test_eight_bit_and_binary_bytes_are_not_taken_for_wide_text():
    assert wide_encoding(LATIN.encode("utf-8")) is None
    assert wide_encoding("Café “quoted” — Unmündigkeit".encode("cp1252")) is None
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x04\x00\x00\x00\x03\x00\x08\x06"
    assert wide_encoding(png) is None
    assert wide_encoding(b"\x00\x01\x02 not text") is None  # NULs, but controls too


def test_a_few_nuls_are_dropped_with_a_warning(tmp_path):
    text = LATIN * 20
    data = codecs.BOM_UTF16_LE + (text[:50] + "\x00" + text[50:]).encode("utf-16-le")
    path = tmp_path / "nul.txt"
    path.write_bytes(data)
    source = read(str(path))
    assert source.text == text
    assert source.warnings == ("nul.txt: 1 NUL character(s) (U+0000) dropped",)


def test_nul_laden_text_is_refused_with_what_was_found(tmp_path):
    path = tmp_path / "nuls.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "a\x00b\x00c\x00d\x00".encode("utf-16-le") * 10)
    with pytest.raises(DedupeError) as err:
        read(str(path))
    assert str(err.value) == (
        "nuls.txt: read as UTF-16-LE, 40 of its 80 characters are U+0000 (NUL): "
        "not text in that encoding"
    )


def test_a_bom_that_lies_is_one_true_error(tmp_path):
    path = tmp_path / "lying.txt"
    path.write_bytes(codecs.BOM_UTF32_BE + b"\x00\x00\x00a\xff\xff\xff\xff")
    with pytest.raises(DedupeError) as err:
        read(str(path))
    assert (
        str(err.value)
        == "lying.txt: starts with a UTF-32-BE byte-order mark but byte 8 is not UTF-32-BE"
    )


def test_bomless_utf16_with_a_broken_surrogate_is_refused_not_guessed(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes((LATIN * 5).encode("utf-16-le") + b"\x00\xd8a\x00")
    with pytest.raises(DedupeError) as err:
        read(str(path))
    assert "broken.txt: looks like UTF-16-LE without a byte-order mark (by its NUL bytes)" in str(
        err.value
    )


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-be", "utf-16", "utf-16-be"])
def test_a_wide_page_xml_file_is_page_xml(tmp_path, codec):
    """A Kant page re-encoded (declaration and all) reads as the UTF-8 file does."""
    original = KANT_PAGE.read_text(encoding="utf-8")
    data = original.replace('encoding="UTF-8"', f'encoding="{codec.upper()}"').encode(codec)
    path = tmp_path / "kant.xml"
    path.write_bytes(data)
    assert sniff(str(path), data) == "page"
    wide = read(str(path))
    plain = read(str(KANT_PAGE))
    assert wide.text == plain.text and len(wide.text) > 800
    assert [ln.box for ln in wide.lines] == [ln.box for ln in plain.lines]
    assert wide.witness.format == "page"


def test_a_utf32_alto_file_without_bom_is_alto(tmp_path):
    data = KANT_ALTO.read_text(encoding="utf-8").encode("utf-32-le")
    path = tmp_path / "kant.alto.xml"
    path.write_bytes(data)
    assert sniff(str(path), data) == "alto"
    assert read(str(path)).text == read(str(KANT_ALTO)).text


def test_a_utf16_hocr_file_is_hocr(tmp_path):
    data = (DATA / "hocr" / "minutes.hocr").read_text(encoding="utf-8").encode("utf-16")
    path = tmp_path / "minutes.hocr"
    path.write_bytes(data)
    assert sniff(str(path), data) == "hocr"
    assert read(str(path)).text == read(str(DATA / "hocr" / "minutes.hocr")).text


def test_a_utf16_html_hocr_whose_meta_names_utf16_is_read(tmp_path):
    """Read as HTML (an unclosed <meta>), whose parser obeys the charset it names."""
    page = (
        '<div class="ocr_page" title="bbox 0 0 100 100"><span class="ocr_line" '
        'title="bbox 0 0 10 10"><span class="ocrx_word">Grüße aus Köln</span></span></div>'
    )
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=utf-16">'
    path = tmp_path / "u16.hocr"
    path.write_bytes(f"<html><head>{meta}</head><body>{page}</body></html>".encode("utf-16"))
    assert read(str(path)).text == "Grüße aus Köln"


def test_nul_from_a_geometric_reader_is_dropped_with_a_warning(sample_a):
    """A PDF font can map a glyph to U+0000: the assembled text has none."""
    from dedupe.model import Line

    source = read(sample_a)
    lines = (Line("Fo\x00rd", 0, 0), Line("cars\x00", 0, 0))
    built = assemble(source.witness, [DraftPage(1, lines)])
    assert built.text == "Ford\ncars"
    assert built.warnings == ("a.txt: 2 NUL character(s) (U+0000) dropped",)


def test_compare_of_a_utf32_witness_is_the_compare_of_its_utf8_original(tmp_path):
    a = SAMPLES / "a.txt"
    wide = tmp_path / "a32.txt"
    wide.write_bytes(codecs.BOM_UTF32_LE + a.read_text(encoding="utf-8").encode("utf-32-le"))

    def canonical(first: Path) -> str:
        run = subprocess.run(
            [sys.executable, "-m", "dedupe", "compare", str(first), str(SAMPLES / "b.txt")],
            capture_output=True,
            text=True,
            env={**os.environ, "COLUMNS": "100"},
        )
        assert run.returncode == 0, run.stderr
        return run.stdout

    out = canonical(wide)
    assert out == canonical(a)
    assert "\x00" not in out


def test_the_examples_in_the_encoding_docstrings_stay_true():
    import doctest

    import dedupe.read.encoding

    result = doctest.testmod(dedupe.read.encoding)
    assert result.attempted >= 4 and result.failed == 0
