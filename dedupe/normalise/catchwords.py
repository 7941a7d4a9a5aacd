"""Catch-words and signature marks: the direction line of hand-press books.

Below the last line of text, books printed before about 1850 repeat the first
word (or syllable) of the next page flush right, the catch-word, and often
set the sheet's signature mark ("B. Monatsſchr. IV. B. 6. St. H h") on the
same row. Neither is text of the work. PAGE XML ground truth says so with its
region types; ALTO, hOCR and PDF say it only with geometry, which is what
this finds: one word alone at the right end of the page's last row, under
the text block, and, where the next page is in the same file, the start of
that page's first word.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from dedupe.model import Box, Line, Page

Hint = tuple[str, str]
#: The text block's lines are at least this share of its widest line.
FULL_SHARE = 0.6
#: A page needs this many full lines above to have a direction line.
MIN_FULL_LINES = 3


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
