"""Dot leaders: a run of dots that leads the eye from an entry to its number
or name (a table of contents, an index, an identification key).

How many dots a leader has is set by the measure of the line, not by the
text: the same key set in one column and in two prints 25 dots and 12, and
an engine reads some of them, fewer or none. Counted as text, every leader
of two layouts would be a variant and every dot an error. Every leader is
printed as one form, ``LEADER``, so the witnesses agree where they both read
one and differ only where one read none.
"""

from __future__ import annotations

import re

LEADER = "....."
#: five or more dots, spaced or not (``. . . . .``); an ellipsis has three
_RUN = re.compile(r" ?(?:\.\s?){5,}")


def even_leaders(text: str) -> str:
    """The text with every dot leader as ``LEADER``, set off by spaces.

    >>> even_leaders("Pronotum cylindrical ............................ 3")
    'Pronotum cylindrical ..... 3'
    >>> even_leaders("Chapter I . . . . . . . 12; and so on...")
    'Chapter I ..... 12; and so on...'
    >>> even_leaders("cylindrical .....................0.ce06 3")
    'cylindrical ..... 0.ce06 3'
    """
    if "....." not in text and ". . . . ." not in text:
        return text
    out = _RUN.sub(f" {LEADER} ", text)
    return " ".join(out.split())
