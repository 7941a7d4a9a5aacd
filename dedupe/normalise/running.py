"""Running heads, footers and page numbers of a paged text.

A running head comes back at the edge of page after page, but OCR reads it a
little differently each time (``Beijing Binds``, ``Bei jing Binds``,
``BEIJIG BINDS``), so lines are matched on a key with digits folded, and a
line that is a close spelling of a head found exactly elsewhere is that head.
A page number counts only where it fits the run of page numbers around it:
``2020.`` at the top of page 13 is the end of a sentence, not a page number.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from dedupe.model import Page
from dedupe.normalise.fold import fold
from dedupe.normalise.shape import plain, word_count

EDGE_ZONE = 3  # lines looked at from the top and from the bottom of each page
CLOSE_SPELLING = 85  # fuzz.ratio of two keys (spaces aside) read as one running line
MIN_FUZZY = 6  # shorter keys must match exactly
_ROMAN_NUMERAL = r"(?=[ivxlcdm])m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
_PAGE_NUMBER = re.compile(
    rf"^[\W_]*(?:(?:page|p\.|pag\.|seite|s\.)\s*)?(\d{{1,4}}|{_ROMAN_NUMERAL})"
    r"(?:\s*(?:of|/|von|de|sur)\s*\d{1,4})?[\W_]*$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
#: A token of digits and the letters OCR reads digits as (``l3``, ``2O20``).
_DIGIT_LIKE = re.compile(r"(?<!\w)(?=[\dlIO|]*\d)[\dlIO|]+(?!\w)")
_AS_DIGIT = str.maketrans({"l": "1", "I": "1", "|": "1", "O": "0"})
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
NEAR = 1  # a page number may be off its neighbours' run by this much (misread digit)


def _roman(text: str) -> int:
    values = [_ROMAN_VALUES[c] for c in text.lower()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def page_number_value(text: str) -> int | None:
    """The number of a line that is only a page number (``12``, ``- 12 -``,
    ``Page 3 of 9``, ``xiv``, OCR's ``l3``), or None.

    >>> [page_number_value(t) for t in ("— 12 —", "Page 3 of 48", "xiv", "l3", "12 apostles")]
    [12, 3, 14, 13, None]
    """
    text = plain(text)
    for candidate in (text, _DIGIT_LIKE.sub(lambda m: m.group(0).translate(_AS_DIGIT), text)):
        match = _PAGE_NUMBER.match(candidate)
        if match:
            value = match.group(1)
            return int(value) if value.isdigit() else _roman(value)
    return None


def is_page_number(text: str) -> bool:
    """A line that is only a page number (``12``, ``- 12 -``, ``Page 3 of 9``, ``xiv``).

    >>> is_page_number("— 12 —"), is_page_number("Page 3 of 48"), is_page_number("12 apostles")
    (True, True, False)
    """
    return page_number_value(text) is not None


def edge_key(text: str) -> str:
    """What running headers have in common: folded, digits as ``#``.

    >>> edge_key("190 C. GERMANN") == edge_key("192 C. GERMANN")
    True
    """
    return _DIGITS.sub("#", fold(plain(text)).casefold())


def _edges(page: Page) -> tuple[list[int], list[int]]:
    """Indexes (within the page) of its first and last non-blank lines."""
    filled = [i for i, line in enumerate(page.lines) if line.text.strip()]
    return filled[:EDGE_ZONE], filled[::-1][:EDGE_ZONE]


def _edge_lines(pages: Sequence[Page]) -> list[tuple[int, int, str]]:
    """(page index, line index within the page, text) of every edge line."""
    out = []
    for p, page in enumerate(pages):
        top, bottom = _edges(page)
        out.extend((p, i, page.lines[i].text) for i in dict.fromkeys(top + bottom))
    return out


def running_keys(pages: Sequence[Page], needed: int) -> dict[str, tuple[str, int]]:
    """Edge-line keys that are running lines: key -> (the head's exact key, pages).

    A key found exactly at the edges of two or more pages anchors a running
    line; a key that is a close spelling of an anchor (OCR damage) counts
    with it. Anchors standing on ``needed`` pages or more are running lines.
    """
    pages_of: dict[str, set[int]] = {}
    for p, _, text in _edge_lines(pages):
        key = edge_key(text)
        if key and word_count(key) <= 15:
            pages_of.setdefault(key, set()).add(p)
    anchors = [k for k, ps in pages_of.items() if len(ps) >= 2]
    anchor_of = {k: k for k in anchors}
    if anchors:
        from rapidfuzz import fuzz, process

        squeezed = ["".join(a.split()) for a in anchors]
        for key in pages_of:
            if key in anchor_of or len(flat := "".join(key.split())) < MIN_FUZZY:
                continue
            best = process.extractOne(
                flat, squeezed, scorer=fuzz.ratio, score_cutoff=CLOSE_SPELLING
            )
            if best and len(best[0]) >= MIN_FUZZY:
                anchor_of[key] = anchors[best[2]]
    reach: dict[str, set[int]] = {}
    for key, anchor in anchor_of.items():
        reach.setdefault(anchor, set()).update(pages_of[key])
    return {
        key: (anchor, len(reach[anchor]))
        for key, anchor in anchor_of.items()
        if len(reach[anchor]) >= needed
    }


def page_numbers(pages: Sequence[Page]) -> set[tuple[int, int]]:
    """(page index, line index) of the edge lines that are page numbers.

    A number whose distance from its page's index is shared with another
    page is in the run of page numbers; one that is not must come within
    ``NEAR`` of the run of the nearest page that is (a misread digit), or it
    is text (a year ending a sentence, a numbered line). Where no two pages
    agree, every number stands.
    """
    found = {
        (p, i): value
        for p, i, text in _edge_lines(pages)
        if (value := page_number_value(text)) is not None
    }
    offsets: Counter[int] = Counter()
    for (p, _), value in found.items():
        offsets[value - p] += 1
    shared = {o for o, c in offsets.items() if c >= 2}
    if not shared:
        return set(found)
    anchors = [(p, value) for (p, _), value in found.items() if value - p in shared]
    accepted = set()
    for (p, i), value in found.items():
        if value - p in shared:
            accepted.add((p, i))
            continue
        q, v = min(anchors, key=lambda a: abs(a[0] - p))
        if abs(value - (v + p - q)) <= NEAR:
            accepted.add((p, i))
    return accepted


def running_lines(pages: Sequence[Page]) -> dict[int, str]:
    """Running headers, footers and page numbers of a paged text.

    A short line at the top or bottom of a page whose key (digits folded)
    comes back at the edges of other pages is a running header or footer; a
    line that is only a number there, in the run of page numbers, is a page
    number. Lines are peeled from each edge until one is neither. Returns
    line index (in ``Source.lines``) -> reason.

    >>> from dedupe.normalise.blocks import demo_source
    >>> src = demo_source("Report\\nOne two.\\n1\\fReport\\nThree four.\\n2")
    >>> running_lines(src.pages)
    {0: "running header: 'report' at the top of 2 pages", 2: 'page number', 3: "running header: 'report' at the top of 2 pages", 5: 'page number'}
    """
    filled = sum(1 for p in pages if any(line.text.strip() for line in p.lines))
    if filled < 2:
        return {}
    repeated = running_keys(pages, 2 if filled <= 5 else 3)
    numbers = page_numbers(pages)
    found: dict[int, str] = {}
    offset = 0
    for p, page in enumerate(pages):
        top, bottom = _edges(page)
        for zone, where in ((top, "top"), (bottom, "bottom")):
            for i in zone:
                key = edge_key(page.lines[i].text)
                if (p, i) in numbers:
                    found[offset + i] = "page number"
                elif key in repeated:
                    anchor, count = repeated[key]
                    damaged = f" (read as '{key}')" if key != anchor else ""
                    found[offset + i] = (
                        f"running {'header' if where == 'top' else 'footer'}: "
                        f"'{anchor}'{damaged} at the {where} of {count} pages"
                    )
                else:
                    break
        offset += len(page.lines)
    return found
