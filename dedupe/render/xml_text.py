"""Text that XML 1.0 cannot hold, made visible instead of fatal.

A witness may carry C0 control characters (OCR output and PDF text layers
do: ``\\x01``, an escape ``\\x1b``), the non-characters U+FFFE and U+FFFF, or
a lone surrogate; XML 1.0 allows none of them, not even as a character
reference, and lxml refuses them. For an XML writer each control character
becomes its Unicode control picture (``\\x1b`` -> ``␛``, U+241B: the same
place, still visible), and the others U+FFFD. Every such character is one
character in and one out, so offsets into the text stay true.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace
from typing import Any

#: Characters XML 1.0 does not allow (tab, line feed and return it does).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text: str) -> str:
    """``text`` with every character XML cannot hold replaced.

    >>> xml_text("ESC\\x1b[1m bold\\x01 \\ufffe")
    'ESC␛[1m bold␁ �'
    """
    return NOT_XML.sub(_stand_in, text) if NOT_XML.search(text) else text


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    return chr(0x2400 + code) if code < 0x20 else "\ufffd"


def xml_safe(value: Any) -> Any:
    """A copy of ``value`` (dataclasses, tuples, lists, dicts of them) whose
    strings XML can hold; what needs no change is returned as it is."""
    if isinstance(value, str):
        return xml_text(value)
    if is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in fields(value):
            old = getattr(value, f.name)
            new = xml_safe(old)
            if new is not old:
                changes[f.name] = new
        return replace(value, **changes) if changes else value
    if isinstance(value, (tuple, list)):
        items = [xml_safe(v) for v in value]
        if all(a is b for a, b in zip(items, value, strict=True)):
            return value
        return type(value)(items)
    if isinstance(value, dict):
        pairs = [(xml_safe(k), xml_safe(v)) for k, v in value.items()]
        if all(k is a and v is b for (k, v), (a, b) in zip(pairs, value.items(), strict=True)):
            return value
        return type(value)(pairs)
    return value
