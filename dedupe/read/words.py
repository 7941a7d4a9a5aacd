"""Spaces between OCR words, from their boxes where the file leaves them open.

ALTO without ``SP`` elements and PAGE XML (whose ground truth keeps each
punctuation mark as a Word of its own, and often joins the line's text with
a space before it) say nothing reliable about the space between a word and
a punctuation mark. The boxes do: a mark that touches its neighbour is set
solid ("1784." not "1784 ."), so the same print reads the same in both.
"""

from __future__ import annotations

from collections.abc import Sequence

from dedupe.model import Box

#: Words closer than this share of the line height touch.
TOUCHING = 0.1


def apart(left: str, right: str, gap: float | None, height: float) -> bool:
    """Whether a space stands between two neighbouring words: always between
    two words with letters or digits; between a word and a punctuation mark
    only if they do not touch (gap unknown: keep the space).

    >>> apart("1784", ".", 0.0, 40.0), apart("Menschen", ",", 16.0, 40.0)
    (False, True)
    >>> apart("(", "Nur", 0.0, 40.0), apart("zu", "bedienen", 0.0, 40.0)
    (False, True)
    """
    if all(any(c.isalnum() for c in w) for w in (left, right)):
        return True
    if gap is None:
        return True
    return gap > TOUCHING * height


def close_touching(text: str, words: Sequence[tuple[str, Box | None]], height: float) -> str:
    """A line's text with the space before or after touching punctuation
    closed, where its tokens are its words (a token may be several words,
    "Unmuͤn-" from "Unmuͤn" and "-"); any other text is returned as it is.

    >>> box = lambda x0, x1: Box(x0, 0, x1, 40)
    >>> close_touching("1784 .", [("1784", box(409, 599)), (".", box(599, 614))], 47)
    '1784.'
    >>> close_touching("1784 .", [("1785", box(409, 599)), (".", box(599, 614))], 47)
    '1784 .'
    """
    tokens = text.split()
    spans: list[tuple[Box | None, Box | None]] = []  # first and last word box per token
    k = 0
    for token in tokens:
        built, first, last = "", None, None
        while k < len(words) and len(built) < len(token):
            word, box = words[k]
            first = first if built else box
            built, last, k = built + word, box, k + 1
        if built != token:
            return text
        spans.append((first, last))
    if k != len(words) or not tokens:
        return text
    out = tokens[0]
    for j in range(1, len(tokens)):
        last, first = spans[j - 1][1], spans[j][0]
        gap = first.x0 - last.x1 if first is not None and last is not None else None
        out += (" " if apart(tokens[j - 1], tokens[j], gap, height) else "") + tokens[j]
    return out
