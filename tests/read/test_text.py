"""The text reader: encodings, line ends, page breaks, offsets."""

from __future__ import annotations

import codecs

import pytest

from dedupe.model import DedupeError
from dedupe.read import read

SAMPLE = "Medical Aid Flows Both Ways\n\n“Sinophobia” was not — however — the view.\n"


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        SAMPLE.encode("utf-16"),  # with BOM
        codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom"],
)
def test_unicode_encodings_decode_cleanly(tmp_path, data):
    source = read(write(tmp_path, "w.txt", data))
    assert source.text == SAMPLE
    assert source.warnings == ()


def test_cp1252_is_decoded_with_a_warning_naming_the_file(tmp_path):
    source = read(write(tmp_path, "legacy.txt", "Café “quoted” — text\n".encode("cp1252")))
    assert source.text == "Café “quoted” — text\n"
    assert len(source.warnings) == 1
    assert "legacy.txt" in source.warnings[0] and "CP1252" in source.warnings[0]


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_line_ends(tmp_path, newline):
    source = read(write(tmp_path, "w.txt", SAMPLE.replace("\n", newline).encode()))
    assert source.text == SAMPLE
    assert [line.text for line in source.lines][:3] == [
        "Medical Aid Flows Both Ways",
        "",
        "“Sinophobia” was not — however — the view.",
    ]


def test_form_feeds_are_page_breaks_and_offsets_point_at_the_text(tmp_path):
    text = "Page one line\nsecond line\fPage two\n\fthird page\n"
    source = read(write(tmp_path, "w.txt", text.encode()))
    assert [p.number for p in source.pages] == [1, 2, 3]
    assert [ln.text for ln in source.pages[1].lines] == ["Page two", ""]
    for line in source.lines:
        assert source.text[line.start : line.end] == line.text
    assert source.pages[2].lines[0].page == 3


def test_sample_offsets_are_exact(sample_a):
    source = read(sample_a)
    assert all(source.text[ln.start : ln.end] == ln.text for ln in source.lines)
    assert source.witness.sha256 and len(source.witness.sha256) == 64


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (codecs.BOM_UTF8 + b"ok \xff\xfe bad", "UTF-8"),
        (b"bad bytes \x81\x8d\x90 everywhere", "not valid UTF-8"),
    ],
    ids=["empty", "blank", "binary", "bad-bom", "undecodable"],
)
def test_bad_input_is_one_clear_error(tmp_path, data, message):
    path = write(tmp_path, "bad.txt", data)
    with pytest.raises(DedupeError) as err:
        read(path)
    assert message in str(err.value)
    assert "bad.txt" in str(err.value)
    assert "\n" not in str(err.value)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(DedupeError, match="no such file"):
        read(str(tmp_path / "nope.txt"))
    with pytest.raises(DedupeError, match="directory"):
        read(str(tmp_path))
