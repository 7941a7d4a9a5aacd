"""House style applied to canonical text: quote style, markup for plain text."""

from __future__ import annotations

import re

from dedupe.normalise.fold import strip_emphasis, unescape_markdown

_CURLY_DOUBLE, _CURLY_SINGLE = "\u201c\u201d\u201e\u00ab\u00bb", "\u2018\u2019\u201a"
_STRAIGHT = str.maketrans(
    {**dict.fromkeys(_CURLY_DOUBLE, '"'), **dict.fromkeys(_CURLY_SINGLE, "'")}
)
#: Every mark house style may restyle: text with none is the same in any style.
QUOTE_MARKS = frozenset(_CURLY_DOUBLE + _CURLY_SINGLE + "\"'")
_OPEN_DOUBLE = re.compile(r'(^|[\s(\[{—–-])"')
_OPEN_SINGLE = re.compile(r"(^|[\s(\[{—–-])'")


def apply_quotes(text: str, quotes: str) -> str:
    """Straight or curly quotes throughout.

    >>> apply_quotes("“return” to China’s", "straight")
    '"return" to China\\'s'
    >>> apply_quotes('"return" to China\\'s', "curly")
    '“return” to China’s'
    """
    if not text.isascii():  # ASCII has no curly quotes to straighten
        text = text.translate(_STRAIGHT)
    if quotes != "curly":
        return text
    text = _OPEN_DOUBLE.sub(lambda m: m.group(1) + "\u201c", text).replace('"', "\u201d")
    return _OPEN_SINGLE.sub(lambda m: m.group(1) + "\u2018", text).replace("'", "\u2019")


def plain(text: str, quotes: str = "straight") -> str:
    """Canonical text for plain output: no Markdown emphasis or escapes."""
    return apply_quotes(unescape_markdown(strip_emphasis(text)), quotes)
