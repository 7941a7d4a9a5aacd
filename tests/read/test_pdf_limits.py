"""PDF decompression bombs: a small PDF whose streams decompress to far more
than any text layer needs stops with one line and exit code 2, in bounded
memory, without writing anything; ``--max-pdf-mb`` raises the caps.

The bombs are written by hand here: one page whose content stream is
FlateDecode (or LZW, or RunLength) of a great many spaces, then a line of
text, so a PDF under the cap reads as "Hello bomb"."""

from __future__ import annotations

import doctest
import os
import resource
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

import dedupe.read.pdf_limits
from dedupe.model import DedupeError
from dedupe.read import read

SAMPLE = Path(__file__).resolve().parent.parent.parent / "samples" / "beijing-binds" / "a.txt"
TEXT = b"BT /F1 12 Tf 72 720 Td (Hello bomb) Tj ET"
MB = 1 << 20
#: The command runs with this much address space: decompressing the 1 GB
#: bomb, as pdfminer alone would, cannot fit in it.
ADDRESS_SPACE = 700 * MB


def deflated_spaces(mb: int) -> bytes:
    """A zlib stream of ``mb`` MB of spaces and then TEXT, made in a few
    milliseconds: after a full flush deflate starts afresh, so one
    compressed megabyte can be repeated, with the checksum worked out alone."""
    chunk = b" " * MB
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    end = packer.compress(TEXT) + packer.flush()
    check = 1
    for _ in range(mb):
        check = zlib.adler32(chunk, check)
    check = zlib.adler32(TEXT, check)
    return b"\x78\xda" + block * mb + end + check.to_bytes(4, "big")


def runlength_spaces(mb: int) -> bytes:
    """RunLengthDecode: 128 spaces per two bytes, then TEXT literally."""
    runs = bytes([129, 32]) * (mb * MB // 128)
    literal = bytes([len(TEXT) - 1]) + TEXT
    return runs + literal + bytes([128])


def lzw_spaces(cycles: int) -> bytes:
    """LZWDecode where each code repeats the last string plus one space
    (the densest LZW there is, 7 MB per cycle of about 5 KB)."""
    bits: list[tuple[int, int]] = []
    for _ in range(cycles):
        bits += [(256, 9 if not bits else 12), (32, 9)]
        width = 9
        for code in range(258, 4095):
            bits.append((code, width))
            width = {510: 10, 1022: 11, 2046: 12}.get(code, width)
    bits.append((256, 12))
    for byte in TEXT:
        bits.append((byte, 9))
    bits.append((257, 9))
    value = total = 0
    for code, width in bits:
        value = (value << width) | code
        total += width
    value <<= -total % 8
    return value.to_bytes((total + 7) // 8, "big")


def pdf_of(streams: list[bytes], filter_name: str = "FlateDecode") -> bytes:
    """A PDF with one page per content stream, each with ``filter_name``."""
    n = len(streams)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode(),
    ]
    font = f"/Resources << /Font << /F1 {3 + 2 * n} 0 R >> >>"
    for i, stream in enumerate(streams):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] {font} "
            f"/Contents {4 + 2 * i} 0 R >>".encode()
        )
        objects.append(
            f"<< /Length {len(stream)} /Filter /{filter_name} >>\nstream\n".encode()
            + stream
            + b"\nendstream"
        )
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return bytes(out + trailer.encode())


def run_bounded(*args: str) -> subprocess.CompletedProcess:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))

    return subprocess.run(
        [sys.executable, "-m", "dedupe", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "100"},
        preexec_fn=limit,
    )


@pytest.fixture
def bomb(tmp_path: Path) -> Path:
    """One megabyte of PDF that decompresses to a gigabyte."""
    path = tmp_path / "bomb.pdf"
    path.write_bytes(pdf_of([deflated_spaces(1024)]))
    assert path.stat().st_size < 1.1 * MB
    return path


def test_a_gigabyte_bomb_is_one_line_exit_2_in_bounded_memory_and_nothing_written(tmp_path, bomb):
    out = tmp_path / "canonical.txt"
    result = run_bounded("compare", str(bomb), str(SAMPLE), "-o", str(out))
    assert result.returncode == 2
    assert result.stderr == (
        "dedupe: bomb.pdf: a stream decompresses to more than 64 MB (a decompression "
        "bomb?); --max-pdf-mb N raises the limit\n"
    )
    assert result.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bomb.pdf"]


def test_normalise_refuses_the_bomb_too(bomb):
    result = run_bounded("normalise", str(bomb))
    assert result.returncode == 2
    assert "bomb.pdf: a stream decompresses to more than 64 MB" in result.stderr
    assert result.stdout == ""


def test_max_pdf_mb_raises_the_cap(tmp_path):
    path = tmp_path / "big.pdf"
    path.write_bytes(pdf_of([deflated_spaces(3)]))
    refused = run_bounded("normalise", str(path), "--max-pdf-mb", "2")
    assert refused.returncode == 2
    assert "big.pdf: a stream decompresses to more than 2 MB" in refused.stderr
    allowed = run_bounded("normalise", str(path), "--max-pdf-mb", "4")
    assert allowed.returncode == 0, allowed.stderr
    assert "Hello bomb" in allowed.stdout


def test_the_whole_document_is_capped_at_four_times_a_stream(tmp_path):
    """Seven pages, each its own 2 MB stream: each under a 3 MB stream cap,
    together over the 12 MB document cap."""
    path = tmp_path / "many.pdf"
    path.write_bytes(pdf_of([deflated_spaces(2)] * 7))
    with pytest.raises(DedupeError) as err:
        read(str(path), max_pdf_mb=3)
    assert str(err.value) == (
        "many.pdf: its streams decompress to more than 12 MB in all (a decompression "
        "bomb?); --max-pdf-mb N raises the limit (the total allowed is 4N)"
    )
    assert read(str(path), max_pdf_mb=4).text.count("Hello bomb") == 7


@pytest.mark.parametrize(
    "content, filter_name",
    [(lzw_spaces(1), "LZWDecode"), (runlength_spaces(3), "RunLengthDecode")],
    ids=["lzw", "runlength"],
)
def test_lzw_and_runlength_are_capped_as_well(tmp_path, content, filter_name):
    path = tmp_path / "other.pdf"
    path.write_bytes(pdf_of([content], filter_name))
    with pytest.raises(DedupeError, match="other.pdf: a stream decompresses to more than 2 MB"):
        read(str(path), max_pdf_mb=2)
    assert "Hello bomb" in read(str(path), max_pdf_mb=16).text


def test_a_stream_with_a_damaged_checksum_is_still_read(tmp_path):
    """pdfminer forgives damage in a stream's last bytes; so does the cap."""
    content = bytearray(deflated_spaces(1))
    content[-1] ^= 0xFF
    path = tmp_path / "damaged.pdf"
    path.write_bytes(pdf_of([bytes(content)]))
    assert "Hello bomb" in read(str(path)).text
    with pytest.raises(DedupeError, match="more than 1 MB"):
        read(str(path), max_pdf_mb=1)


def test_pdfminer_outside_a_read_is_not_capped():
    from pdfminer.pdftypes import PDFStream
    from pdfminer.psparser import LIT

    with dedupe.read.pdf_limits.pdf_budget("x.pdf", 1):  # installs the caps
        pass
    stream = PDFStream({"Filter": LIT("FlateDecode")}, deflated_spaces(3))
    assert len(stream.get_data()) == 3 * MB + len(TEXT)


def test_the_examples_in_the_limits_docstrings_stay_true():
    result = doctest.testmod(dedupe.read.pdf_limits)
    assert result.attempted >= 1 and result.failed == 0
