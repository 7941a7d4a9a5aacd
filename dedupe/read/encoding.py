"""UTF-32 and UTF-16 files: told by their byte-order mark or their NUL bytes.

A byte-order mark names the encoding; UTF-32's are looked for first, because
its little-endian mark (FF FE 00 00) starts with UTF-16's (FF FE). Without a
mark, text in these encodings shows itself by where its NUL bytes fall: in
UTF-32 every 4-byte unit has a zero top byte and a next byte of at most
0x10 (zero outside the rare astral planes); in UTF-16 every character of the ASCII range
(spaces, line ends, digits, punctuation) has a zero high byte, and the low
bytes are almost never zero. A file that only looks like one of them but
does not decode is refused with what was found, never half read.

U+0000 never reaches a witness: a few are dropped with a warning, many mean
the bytes are not this encoding's text and the file is refused.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from dedupe.model import DedupeError

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: Bytes looked at to recognise a BOM-less encoding.
SAMPLE = 65536
#: UTF-16 without a mark: at least this share of high bytes are zero (the
#: text has spaces and line ends), and at most this share of low bytes.
UTF16_ZERO_HIGH = 0.1
UTF16_ZERO_LOW = 0.05
#: UTF-32 without a mark: at least this share of second-highest bytes is zero
#: (the others name an astral plane).
UTF32_ZERO_NEXT = 0.5
#: A BOM-less guess is dropped when more than this share of its characters
#: are controls, unassigned, private-use or undecodable.
MAX_ODD_SHARE = 0.01
_ODD = {"Cc", "Cn", "Co", "Cs"}
#: More U+0000 than this share of the characters: not text in that encoding.
MAX_NUL_SHARE = 0.01
_META_CHARSET = re.compile(r"""(<meta\b[^>]*?\bcharset\s*=\s*["']?)[\w.:-]+""", re.IGNORECASE)
_DECLARATION = re.compile(r"""^(\ufeff?\s*<\?xml[^>]*?\bencoding\s*=\s*)(["'])[^"']*\2""")


@dataclass(frozen=True)
class Wide:
    """A 16- or 32-bit Unicode encoding found in a file's bytes."""

    codec: str  # a Python codec name, e.g. "utf-32-le"
    bom: int  # length of the byte-order mark (0: recognised by its NULs)

    @property
    def label(self) -> str:
        return self.codec.upper()


def wide_encoding(data: bytes) -> Wide | None:
    """The UTF-32 or UTF-16 encoding of ``data``, or None for 8-bit bytes.

    >>> wide_encoding("Über".encode("utf-32"))
    Wide(codec='utf-32-le', bom=4)
    >>> wide_encoding("plain text\\n".encode("utf-16-be"))
    Wide(codec='utf-16-be', bom=0)
    >>> wide_encoding("plain text\\n".encode("utf-8")) is None
    True
    """
    for bom, codec in BOMS:
        if data.startswith(bom):
            if codec.startswith("utf-32") and len(data) % 4:
                continue  # UTF-16 text that opens with U+0000 is not likely either
            return Wide(codec, len(bom))
    sample = data[:SAMPLE]
    if b"\x00" not in sample:
        return None
    wide = _utf32_by_nuls(data, sample) or _utf16_by_nuls(data, sample)
    if wide is None or not _plausible(sample.decode(wide.codec, errors="replace")):
        return None
    return wide


def _utf32_by_nuls(data: bytes, sample: bytes) -> Wide | None:
    if len(data) % 4:
        return None
    sample = sample[: len(sample) - len(sample) % 4]
    lanes = [sample[i::4] for i in range(4)]
    if _utf32_high(lanes[3], lanes[2]) and _zero_share(lanes[0]) < 1.0:
        return Wide("utf-32-le", 0)
    if _utf32_high(lanes[0], lanes[1]) and _zero_share(lanes[3]) < 1.0:
        return Wide("utf-32-be", 0)
    return None


def _utf32_high(top: bytes, plane: bytes) -> bool:
    """The two high bytes of UTF-32 text: always 0, and a plane of 0 to 0x10."""
    return (
        _zero_share(top) == 1.0
        and _zero_share(plane) >= UTF32_ZERO_NEXT
        and max(plane, default=0) <= 0x10
    )


def _utf16_by_nuls(data: bytes, sample: bytes) -> Wide | None:
    if len(data) % 2:
        return None
    even, odd = _zero_share(sample[0::2]), _zero_share(sample[1::2])
    if odd >= UTF16_ZERO_HIGH and even <= UTF16_ZERO_LOW:
        return Wide("utf-16-le", 0)
    if even >= UTF16_ZERO_HIGH and odd <= UTF16_ZERO_LOW:
        return Wide("utf-16-be", 0)
    return None


def _plausible(text: str) -> bool:
    """Text, not binary that happens to have NULs in the right places: hardly
    any control characters, unassigned or private-use code points."""
    odd = sum(1 for c in text if unicodedata.category(c) in _ODD and c not in "\t\n\r\f")
    odd += text.count("\ufffd")
    return odd <= MAX_ODD_SHARE * len(text)


def _zero_share(lane: bytes) -> float:
    return lane.count(0) / len(lane) if lane else 0.0


def decode_wide(data: bytes, wide: Wide, name: str) -> tuple[str, list[str]]:
    """Decode strictly; U+0000 dropped with a warning, or the file refused."""
    try:
        text = data[wide.bom :].decode(wide.codec)
    except UnicodeDecodeError as err:
        found = (
            f"starts with a {wide.label} byte-order mark"
            if wide.bom
            else f"looks like {wide.label} without a byte-order mark (by its NUL bytes)"
        )
        raise DedupeError(
            f"{name}: {found} but byte {err.start + wide.bom} is not {wide.label}"
        ) from None
    return drop_nuls(text, name, wide.label)


def drop_nuls(text: str, name: str, encoding: str) -> tuple[str, list[str]]:
    """Text without U+0000: a few are dropped (with a warning), many refused."""
    count = text.count("\x00")
    if not count:
        return text, []
    if count > MAX_NUL_SHARE * len(text):
        raise DedupeError(
            f"{name}: read as {encoding}, {count} of its {len(text)} characters are "
            "U+0000 (NUL): not text in that encoding"
        )
    return text.replace("\x00", ""), [f"{name}: {count} NUL character(s) (U+0000) dropped"]


def xml_as_utf8(data: bytes) -> bytes:
    """UTF-32 or UTF-16 XML as UTF-8 bytes (its declaration, and an HTML
    ``<meta charset>``, saying so), for format detection and lxml alike;
    other bytes unchanged.

    >>> xml_as_utf8('<?xml version="1.0" encoding="UTF-32"?><a/>'.encode("utf-32"))
    b'<?xml version="1.0" encoding="UTF-8"?><a/>'
    """
    wide = wide_encoding(data)
    if wide is None:
        return data
    try:
        text = data[wide.bom :].decode(wide.codec)
    except UnicodeDecodeError:
        return data  # not text after all: the parser says what is wrong
    text = _DECLARATION.sub(r"\1\2UTF-8\2", text, count=1)
    return _META_CHARSET.sub(r"\1utf-8", text, count=1).encode("utf-8")
