"""Plain text and Markdown witnesses.

Encodings are detected, never guessed silently: UTF-8 (with or without BOM),
UTF-32 and UTF-16 (with a BOM, or recognised by their NUL bytes:
``dedupe.read.encoding``) decode cleanly; anything else is decoded as CP1252
with a warning naming the file. Form feeds are page breaks.
"""

from __future__ import annotations

import codecs
import re

from dedupe.model import DedupeError, Line, Page, Source, Witness
from dedupe.read.encoding import decode_wide, wide_encoding

_LINE = re.compile(r"[^\n]*")


def decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """Decode a text file's bytes; returns the text and any warnings."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", name), []
    wide = wide_encoding(data)
    if wide is not None:
        return decode_wide(data, wide, name)
    if b"\x00" in data:
        raise DedupeError(f"{name}: binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as err:
        where = err.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as err:
        raise DedupeError(
            f"{name}: not valid UTF-8 (byte {where}) nor CP1252 (byte {err.start}); "
            "convert it to UTF-8 first"
        ) from None
    if _looks_binary(text):
        raise DedupeError(f"{name}: binary file, not text")
    return text, [f"{name}: not valid UTF-8 (byte {where}); decoded as CP1252"]


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise DedupeError(
            f"{name}: starts with a {encoding.upper()} byte-order mark "
            f"but byte {err.start} is not {encoding.upper()}"
        ) from None


def _looks_binary(text: str) -> bool:
    controls = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\t\n\r\f")
    return controls > max(8, len(text[:4096]) // 100)


def pages_of(text: str, witness: Witness) -> tuple[Page, ...]:
    """Split decoded text into pages (form feeds) of lines with offsets."""
    pages: list[Page] = []
    lines: list[Line] = []
    number = 1
    pos = 0
    for chunk in text.split("\n"):
        start = pos
        parts = chunk.split("\f")
        for i, part in enumerate(parts):
            if i:
                pages.append(Page(number, tuple(lines)))
                lines, number = [], number + 1
                start += 1
            lines.append(Line(part, start, start + len(part), number))
            start += len(part)
        pos += len(chunk) + 1
    pages.append(Page(number, tuple(lines)))
    return tuple(pages)


def read_text(path: str, data: bytes, witness: Witness) -> Source:
    text, warnings = decode(data, witness.label)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DedupeError(f"{witness.label}: empty file (no text)")
    return Source(witness, text, pages_of(text, witness), tuple(warnings))
