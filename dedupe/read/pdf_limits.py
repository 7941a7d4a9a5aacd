"""How much a PDF may decompress, per stream and per document.

pdfminer decodes each compressed stream in one go, so a 1 MB PDF holding one
FlateDecode stream of zeros decompresses to gigabytes (a decompression bomb)
before a single page is read. While dedupe reads a PDF, pdfminer's
decoders for the filters that can expand without bound (FlateDecode,
LZWDecode, RunLengthDecode) are replaced by capped ones: FlateDecode through
``zlib.decompressobj`` with ``max_length``, so the excess is never
allocated; LZW piece by piece; RunLength measured from its run headers
before it is decoded. A stream may give at most ``--max-pdf-mb`` MB (64 by
default), all the streams of one document together four times that.

The caps are held in a context variable set only around a read: pdfminer
used by anything else (or another thread) decodes as it always does.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from io import BytesIO
from types import SimpleNamespace
from typing import NoReturn

from dedupe.model import DedupeError

MB = 1 << 20
#: Default cap on what one stream may decompress to, in MB (``--max-pdf-mb``).
STREAM_MB = 64
#: All the streams of one document may give this many times the stream cap.
DOCUMENT_FACTOR = 4


class PdfTooLarge(DedupeError):
    """A PDF decompresses to more than the caps allow."""


@dataclass
class Budget:
    """What the PDF being read may still decompress."""

    name: str
    stream_mb: int
    used: int = 0
    refused: str | None = None  # the message, once a cap was hit

    @property
    def document_mb(self) -> int:
        return DOCUMENT_FACTOR * self.stream_mb

    def allowance(self) -> int:
        """Bytes the next stream may give: the stream cap, or what is left."""
        if self.refused:
            raise PdfTooLarge(self.refused)
        return min(self.stream_mb * MB, self.document_mb * MB - self.used)

    def take(self, size: int) -> None:
        self.used += size

    def refuse(self) -> NoReturn:
        """Stop the read: this stream would pass the stream or document cap."""
        advice = "--max-pdf-mb N raises the limit"
        if self.stream_mb * MB + self.used <= self.document_mb * MB:
            self.refused = (
                f"{self.name}: a stream decompresses to more than {self.stream_mb} MB "
                f"(a decompression bomb?); {advice}"
            )
        else:
            self.refused = (
                f"{self.name}: its streams decompress to more than {self.document_mb} MB "
                f"in all (a decompression bomb?); {advice} (the total allowed is {DOCUMENT_FACTOR}N)"
            )
        raise PdfTooLarge(self.refused)


_BUDGET: ContextVar[Budget | None] = ContextVar("dedupe_pdf_budget", default=None)


@contextmanager
def pdf_budget(name: str, stream_mb: int | None = None) -> Iterator[Budget]:
    """Cap what pdfminer decompresses inside the block; a PdfTooLarge (a
    DedupeError) leaves it if a cap is hit, even where pdfminer would have
    swallowed the error."""
    if stream_mb is not None and stream_mb < 1:
        raise DedupeError(f"--max-pdf-mb {stream_mb}: must be at least 1")
    _install()
    budget = Budget(name, stream_mb or STREAM_MB)
    token = _BUDGET.set(budget)
    try:
        yield budget
    finally:
        _BUDGET.reset(token)
    if budget.refused:
        raise PdfTooLarge(budget.refused)


def _inflate(data: bytes, *args: int) -> bytes:
    """``zlib.decompress`` that stops one byte past the allowance."""
    budget = _BUDGET.get()
    if budget is None:
        return zlib.decompress(data, *args)
    limit = budget.allowance()
    inflater = zlib.decompressobj()
    out = inflater.decompress(data, limit + 1)
    if len(out) > limit:
        budget.refuse()
    if not inflater.eof:  # as zlib.decompress: pdfminer then salvages what it can
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    budget.take(len(out))
    return out


def _salvage(data: bytes) -> bytes:
    """pdfminer's ``decompress_corrupted`` (a stream whose checksum is
    damaged), capped, and linear: pdfminer's feeds one byte at a time onto a
    growing bytes object."""
    budget = _BUDGET.get()
    if budget is None:
        return _ORIGINAL["decompress_corrupted"](data)
    limit = budget.allowance()
    inflater = zlib.decompressobj()
    checksum = max(len(data) - 3, 0)  # as pdfminer: damage there is forgiven
    out = inflater.decompress(data[:checksum], limit + 1)
    for i in range(checksum, len(data)):
        if len(out) > limit:
            break
        try:
            out += inflater.decompress(data[i : i + 1], limit + 1 - len(out))
        except zlib.error:
            break
    if len(out) > limit:
        budget.refuse()
    budget.take(len(out))
    return out


def _lzw(data: bytes) -> bytes:
    from pdfminer.lzw import LZWDecoder

    budget = _BUDGET.get()
    if budget is None:
        return _ORIGINAL["lzwdecode"](data)
    limit = budget.allowance()
    pieces: list[bytes] = []
    size = 0
    for piece in LZWDecoder(BytesIO(data)).run():
        size += len(piece)
        if size > limit:
            budget.refuse()
        pieces.append(piece)
    budget.take(size)
    return b"".join(pieces)


def _runlength(data: bytes) -> bytes:
    budget = _BUDGET.get()
    if budget is None:
        return _ORIGINAL["rldecode"](data)
    limit = budget.allowance()
    if 128 * len(data) > limit and runlength_size(data) > limit:
        budget.refuse()
    out = _ORIGINAL["rldecode"](data)
    budget.take(len(out))
    return out


def runlength_size(data: bytes) -> int:
    """The decoded size of RunLengthDecode data, from its run headers alone.

    >>> runlength_size(bytes([2, 65, 66, 67, 253, 88, 128]))  # 'ABC' + 'X' * 4
    7
    """
    size = i = 0
    while i < len(data) and data[i] != 128:
        length = data[i]
        if length < 128:
            size += length + 1
            i += length + 2
        else:
            size += 257 - length
            i += 2
    return size


_ORIGINAL: dict[str, Callable[[bytes], bytes]] = {}


def _install() -> None:
    """Put the capped decoders where pdfminer's stream decoder looks them up."""
    from pdfminer import pdftypes

    if _ORIGINAL:
        return
    _ORIGINAL.update(
        decompress_corrupted=pdftypes.decompress_corrupted,
        lzwdecode=pdftypes.lzwdecode,
        rldecode=pdftypes.rldecode,
    )
    pdftypes.zlib = SimpleNamespace(
        decompress=_inflate, decompressobj=zlib.decompressobj, error=zlib.error
    )
    pdftypes.decompress_corrupted = _salvage
    pdftypes.lzwdecode = _lzw
    pdftypes.rldecode = _runlength
