r"""File names as the scan's output shows them.

A file name on Linux is bytes; Python gives a name that is not valid UTF-8
as a string with each undecodable byte as a lone surrogate (U+DC80-U+DCFF,
``surrogateescape``), which no UTF-8 output can hold. The output writes
such a byte as the four characters ``\xNN`` instead (as ``ls -b`` does), so
JSON and CSV stay valid UTF-8 and two names that differ only in those bytes
stay distinct; JSON also gives the exact bytes (``path_bytes``). A name that
is valid UTF-8 is written as it is. The plain table and warning lines also
write control characters (a newline in a name) as ``\n``, ``\t`` or
``\xNN``, so a name cannot split a line.

>>> shown("caf\udce9.txt"), shown("café.txt")
('caf\\xe9.txt', 'café.txt')
>>> one_line("two\nlines.txt")
'two\\nlines.txt'
"""

from __future__ import annotations

import base64

_CONTROLS = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F)} | {
    ord("\n"): "\\n",
    ord("\r"): "\\r",
    ord("\t"): "\\t",
}


def is_utf8(text: str) -> bool:
    """Whether the text can be written as UTF-8 (has no lone surrogate)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def exact_bytes(text: str) -> bytes:
    """The bytes a name (or a line naming it) stands for: undecodable bytes
    back as they were; any other lone surrogate as ``\\udXXX`` text."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace")


def shown(text: str) -> str:
    """The text with each undecodable byte of a name as ``\\xNN`` (valid UTF-8)."""
    if is_utf8(text):
        return text
    return exact_bytes(text).decode("utf-8", "backslashreplace")


def one_line(text: str) -> str:
    """``shown``, with control characters written visibly (for lines of text)."""
    return shown(text).translate(_CONTROLS)


def name_bytes(paths) -> dict[str, str]:
    """For each name that is not valid UTF-8: its shown form -> its exact
    bytes in base64 (what JSON's ``path_bytes`` holds), sorted."""
    return {
        shown(p): base64.b64encode(exact_bytes(p)).decode("ascii")
        for p in sorted(set(paths))
        if not is_utf8(p)
    }
