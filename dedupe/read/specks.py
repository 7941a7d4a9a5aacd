"""Specks: marks an OCR engine read from dust, not from print.

A noisy scan's specks and stains come out of Tesseract as "words" with no
letter or digit in them (``_``, ``|``, ``‘``, ``:``, ``©``) standing between
real words. Left in, every independent scan adds specks of its own, and two
scans that both carry one at a line's end outvote the clean scan that has
none. A mark is a speck when the engine doubts it (a word without letters
read with low confidence), when its box is far smaller than any printed
mark of the line's type (a hyphen is a quarter of the type height wide, a
stop is set solid against its word), or when it is taller than the type
itself (a stain or a smudge in the margin: no stop, dash or bracket reaches
above the ascenders and below the descenders). Marks the engine is sure of
and that are of a printed mark's size (dashes, hyphens, ``&``, ``//``) are
kept. A "word" of letters is a speck only when its box is flatter than any
letter (a streak the engine read as ``Sh``).
"""

from __future__ import annotations

from dedupe.model import Box

#: Below this word confidence a mark with no letters is taken for noise.
DOUBTFUL = 0.5
#: A mark whose box is under this share of the type height both ways is dust.
DUST = 0.15
#: A mark taller than this many type heights is a stain.
STAIN = 1.2


def has_letters(text: str) -> bool:
    """Whether a word holds a letter or a digit."""
    return any(c.isalnum() for c in text)


def is_speck(
    text: str, confidence: float | None, box: Box | None, type_height: float | None
) -> bool:
    """Whether one OCR word with no letters is a speck (see the module).

    >>> is_speck("_", 0.87, Box(0, 0, 2, 3), 46.0)  # dust, however sure
    True
    >>> is_speck("-", 0.2, Box(0, 0, 12, 4), 46.0)  # a doubtful mark
    True
    >>> is_speck("—", 0.92, Box(0, 0, 42, 4), 46.0), is_speck("-", 0.92, Box(0, 0, 12, 4), 46.0)
    (False, False)
    >>> is_speck(".", 0.81, Box(0, 0, 22, 62), 46.0)  # a stain, taller than the type
    True
    >>> is_speck("Sh", 0.44, Box(0, 0, 51, 2), 46.0)  # a streak read as letters
    True
    >>> is_speck("a", 0.1, Box(0, 0, 12, 14), 46.0)  # a doubtful letter is still a letter
    False
    """
    if not text:
        return False
    height = box.y1 - box.y0 if box is not None else None
    if has_letters(text):  # a streak read as letters: no letter is so flat
        flat = bool(type_height and height is not None and height < DUST * type_height)
        return flat and any(c.isalpha() for c in text)  # a raised numeral may be tiny
    if confidence is not None and confidence < DOUBTFUL:
        return True
    if box is None or not type_height:
        return False
    width = box.x1 - box.x0
    if height > STAIN * type_height:
        return True
    limit = DUST * type_height
    return width < limit and height < limit
