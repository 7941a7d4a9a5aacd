"""The scan's text: a quick path for plain text (page furniture dropped,
hyphenation undone), the full normaliser for the other formats."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from dedupe.model import DedupeError
from dedupe.normalise.fold import fold
from dedupe.scan.text import normalised_text, quick_body, scan_text

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"


def paged(pages: list[str], header: str = "THE ORIGIN OF SPECIES") -> str:
    """Pages with a running header and a page number, as OCR exports them."""
    out = []
    for n, body in enumerate(pages, start=1):
        head = f"{n}    {header}" if n % 2 else f"{header}    {n}"
        out.append(f"{head}\n\n{body}\n\n- {n} -")
    return "\f".join(out)


def test_running_headers_and_page_numbers_are_dropped():
    pages = [f"Line one of page {w}.\nLine two about {w}.\nLine three on {w}." for w in "abcd"]
    body = quick_body(paged(pages))
    assert "ORIGIN" not in body and "- 2 -" not in body
    assert body.split() == " ".join(pages).split()


def test_lines_that_do_not_come_back_are_kept():
    pages = ["A first page about pigeons.", "A second page about fowls.", "And ducks."]
    text = "\f".join(f"{n}\n{body}\nSigned by someone {n}" for n, body in enumerate(pages))
    body = quick_body(text)
    assert "pigeons" in body and "ducks" in body
    assert body.count("Signed by someone") == 0  # it comes back on every page


def test_line_end_hyphenation_is_undone():
    assert quick_body("the transfor-\nmation of species\nand well-\n  known").split() == [
        "the", "transformation", "of", "species", "and", "wellknown"
    ]  # fmt: skip
    assert quick_body("pages 12-\n14") == "pages 12-\n14"  # numbers are not words


def test_plain_text_takes_the_quick_path_with_the_readers_decoding(tmp_path):
    path = tmp_path / "letter.txt"
    data = "Dear Sir,\r\n\r\nI write about the weevils of Ecuador.\r\n".encode("utf-16")
    path.write_bytes(data)
    text, sha = scan_text(str(path))
    assert text.split() == "Dear Sir, I write about the weevils of Ecuador.".split()
    assert sha == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"\x00\x01 binary", "binary file"),
        (b" \n\n \n", "empty file"),
        (b"\xef\xbb\xbf  \n", "empty file"),
    ],
)
def test_unreadable_text_is_a_dedupe_error(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(DedupeError, match=message):
        scan_text(str(path))


def test_other_formats_are_read_and_normalised_in_full():
    page = next((DATA / "page").glob("*.xml"))
    text, sha = scan_text(str(page))
    assert (text, sha) == normalised_text(str(page))
    assert len(text.split()) > 50


def test_the_quick_text_of_a_sample_keeps_the_normalised_words():
    """On a real text file the quick path and the full normaliser read
    (nearly) the same words: what differs is a few words of noise."""
    path = str(ROOT / "samples" / "beijing-binds" / "b.txt")
    quick = fold(scan_text(path)[0]).casefold().split()
    full = fold(normalised_text(path)[0]).casefold().split()
    from rapidfuzz.distance import LCSseq

    assert LCSseq.similarity(quick, full) >= 0.97 * len(full)
