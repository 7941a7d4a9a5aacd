"""Catch-words and signature marks: the direction line of hand-press books.

Below the last line of text, books printed before about 1850 repeat the first
word (or syllable) of the next page flush right, the catch-word, and often
set the sheet's signature mark ("B. Monatsſchr. IV. B. 6. St. H h") on the
same row. Neither is text of the work. PAGE XML ground truth says so with its
region types; ALTO, hOCR and PDF say it only with geometry, which is what
this finds: one word alone at the right end of the page's last row, under
the text block, and, where the next page is in the same file, the start of
that page's first word. Where the engine read the whole row as one line
(signature and catch-word together), the line's words tell it instead: the
page's last line is all abbreviations, numerals and sheet letters, with
at most one ordinary word at its end, which body text never is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from dedupe.model import Box, Line, Page

Hint = tuple[str, str]
#: The text block's lines are at least this share of its widest line.
FULL_SHARE = 0.6
#: A page needs this many full lines above to have a direction line.
MIN_FULL_LINES = 3
#: A signature-mark line has at least this many marks (abbreviations, numerals)...
MIN_MARKS = 3
#: ...and words of at most this many characters, at most this many words.
MARK_CHARS = 15
MARK_WORDS = 10
#: A line opening with a note number is a footnote, whatever its words.
_NOTE_NUMBER = re.compile(r"^[⁰¹²³⁴⁵⁶⁷⁸⁹*†‡§]|^\d{1,3}[.)]?\s")

_ROMAN = re.compile(r"^(?=[IVXLCDM])M*(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})$")


def find_catchwords(
    pages: Sequence[Page], hinted: Callable[[int, int], bool]
) -> dict[tuple[int, int], Hint]:
    """Hints for catch-words and the signature marks beside them, by (page
    index, line index); ``hinted`` tells lines already explained."""
    found: dict[tuple[int, int], Hint] = {}
    for p, page in enumerate(pages):
        free = [
            i
            for i, ln in enumerate(page.lines)
            if ln.box is not None and ln.text.strip() and not hinted(p, i)
        ]
        if len(free) <= MIN_FULL_LINES:
            continue
        lowest = page.lines[max(free, key=lambda i: _box(page.lines[i]).y1)]
        last = max(
            (i for i in free if _same_row(page.lines[i], lowest)),
            key=lambda i: _box(page.lines[i]).x1,
        )
        word = page.lines[last]
        if not _flush_right_word(word, [page.lines[i] for i in free if i != last]):
            if _is_lowest(page.lines[last], [page.lines[i] for i in free if i != last]):
                found.update(_direction_line(pages, p, last, hinted))
            continue
        following = _first_word(pages[p + 1], p + 1, hinted) if p + 1 < len(pages) else None
        if following is not None and not _starts(following, word.text):
            continue
        if following is not None:
            why = f"catch-word: the first word of page {pages[p + 1].number}, alone at the foot"
        else:
            why = "catch-word: one word alone at the right end of the last row, under the text"
        found[(p, last)] = ("footer", why)
        for i in free:
            if i != last and _beside(page.lines[i], word):
                found[(p, i)] = (
                    "footer",
                    "signature mark: on the catch-word's row, under the text",
                )
    return found


def _direction_line(
    pages: Sequence[Page], p: int, i: int, hinted: Callable[[int, int], bool]
) -> dict[tuple[int, int], Hint]:
    """The page's last line as a hint where it reads as a signature mark
    (with the catch-word after it), else nothing."""
    text = pages[p].lines[i].text
    if not is_signature_line(text):
        return {}
    why = f"signature mark: the page's last line '{' '.join(text.split())}' is abbreviations and numerals, under the text"
    following = _first_word(pages[p + 1], p + 1, hinted) if p + 1 < len(pages) else None
    last = text.split()[-1]
    if following is not None and not _is_mark(last) and _starts(following, last):
        why += f", ending in the catch-word of page {pages[p + 1].number}"
    return {(p, i): ("footer", why)}


def is_signature_line(text: str) -> bool:
    """A signature mark, perhaps with its catch-word: every word but the last
    an abbreviation, a numeral or a sheet letter, at least one of them a
    numeral; a line of text has ordinary words in it.

    >>> is_signature_line("B. Monatsſchr. IV. B. 6. St. Hh (na-")
    True
    >>> is_signature_line("BD Monatsſchr, IV,B, 6, St. Hh (na-"), is_signature_line("Vol. II. A 3")
    (True, True)
    >>> is_signature_line("Natur laͤngſt von fremder Leitung frei geſprochen")
    False
    >>> is_signature_line("Dr. Smith, Mr. Jones and Mrs. Brown"), is_signature_line("St. Paul, Min.")
    (False, False)
    >>> is_signature_line("¹ Pub. L. No. 105-304, 112 Stat. 2860 (Oct. 28, 1998).")
    False
    """
    words = text.split()
    if len(words) > MARK_WORDS or _NOTE_NUMBER.match(text.strip()):
        return False
    marks = words[:-1] if words and not _is_mark(words[-1]) else words
    return (
        len(marks) >= MIN_MARKS
        and len(words) - len(marks) <= 1
        and all(_is_mark(w) for w in marks)
        and any(_is_numeral(w) for w in marks)
    )


def _is_mark(word: str) -> bool:
    """An abbreviation (``Monatsſchr.``, ``St.``), a numeral or sheet letters
    (``Hh``, ``B``): what signature marks are made of."""
    core = word.strip("()[]")
    if not core or len(core) > MARK_CHARS:
        return False
    letters = sum(c.isalpha() for c in core)
    if _is_numeral(core) or (letters <= 2 and "-" not in core):
        return True
    abbreviated = core[-1] == "." or (core[-1] == "," and core[0].isupper())
    return abbreviated and letters >= 1


def _is_numeral(word: str) -> bool:
    core = word.strip("()[].,;:")
    return any(c.isdigit() for c in core) or bool(core and _ROMAN.match(core))


def _is_lowest(line: Line, others: list[Line]) -> bool:
    """Under every other line of the page, with enough lines above to be a page of text."""
    box = _box(line)
    em = box.y1 - box.y0
    return len(others) >= MIN_FULL_LINES and all(
        _box(ln).y1 <= box.y0 + 0.5 * em or _same_row(ln, line) for ln in others
    )


def _box(line: Line) -> Box:
    assert line.box is not None
    return line.box


def _flush_right_word(word: Line, others: list[Line]) -> bool:
    """One word ending at the right edge of the text block, in its right half,
    with nothing below it but the rest of its own row."""
    if len(word.text.split()) != 1 or not any(c.isalpha() for c in word.text):
        return False
    box = _box(word)
    em = box.y1 - box.y0
    widest = max(_box(ln).x1 - _box(ln).x0 for ln in others)
    full = [_box(ln) for ln in others if _box(ln).x1 - _box(ln).x0 >= FULL_SHARE * widest]
    if len(full) < MIN_FULL_LINES:
        return False
    left, right = min(b.x0 for b in full), max(b.x1 for b in full)
    if abs(box.x1 - right) > em or box.x0 < left + 0.5 * (right - left):
        return False
    above = [ln for ln in others if not _beside(ln, word)]
    return all(_box(ln).y1 <= box.y0 + 0.5 * em for ln in above)


def _same_row(a: Line, b: Line) -> bool:
    """Overlapping most of the lower of the two heights."""
    x, y = _box(a), _box(b)
    return min(x.y1, y.y1) - max(x.y0, y.y0) > 0.5 * min(x.y1 - x.y0, y.y1 - y.y0)


def _beside(line: Line, word: Line) -> bool:
    """On the word's row and left of it."""
    em = _box(word).y1 - _box(word).y0
    return _same_row(line, word) and _box(line).x1 <= _box(word).x0 + 0.5 * em


def _first_word(page: Page, p: int, hinted: Callable[[int, int], bool]) -> str | None:
    for i, line in enumerate(page.lines):
        if line.text.strip() and not hinted(p, i):
            return line.text.split()[0]
    return None


def _letters(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalpha())


def _starts(following: str, catchword: str) -> bool:
    """The next page opens with the catch-word (its hyphen aside).

    >>> _starts("(natuͤrlich", "(na-"), _starts("Stande", "Stan-"), _starts("Die", "Stan-")
    (True, True, False)
    """
    key = _letters(catchword)
    return bool(key) and _letters(following).startswith(key)
