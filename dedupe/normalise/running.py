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
from dedupe.normalise.shape import is_heading_like, plain, word_count

EDGE_ZONE = 3  # lines looked at from the top and from the bottom of each page
CLOSE_SPELLING = 0.8  # similarity (1 - edits / longer length) of two shapes of one running line
MIN_FUZZY = 6  # shorter keys must match exactly
LONG_LINE = 24  # a running line this long (letters, ``shape_key``) is known from two pages
_ROMAN_NUMERAL = r"(?=[ivxlcdm])m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
_PAGE_NUMBER = re.compile(
    rf"^[\W_]*(?:(?:page|p\.|pag\.|seite|s\.)\s*)?(\d{{1,4}}|{_ROMAN_NUMERAL})"
    r"(?:\s*(?:of|/|von|de|sur)\s*\d{1,4})?[\W_]*$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
#: A page number standing at either end of a line (``190 C. GERMANN``,
#: ``ON THE ORIGIN OF SPECIES    1``); four digits are more often a year.
_FOLIO = re.compile(r"^\d{1,3}(?!\S)|(?<!\S)\d{1,3}$")
_ENDS_CLAUSE = re.compile(r"[\d)\]]\s*[.,;:]\s*$")
_TWO_LETTERS = re.compile(r"[^\W\d_].*?[^\W\d_]")
#: A token of digits and the letters OCR reads digits as (``l3``, ``2O20``).
_DIGIT_LIKE = re.compile(r"(?<!\w)[\dlIO|]+(?!\w)")
_AS_DIGIT = str.maketrans({"l": "1", "I": "1", "|": "1", "O": "0"})
#: Letters and digits OCR confuses, folded to one, for matching running
#: lines (one for one, so that other damage still lines up).
_LOOKALIKES = str.maketrans(
    {"0": "o", "1": "l", "i": "l", "|": "l", "!": "l", "5": "s", "8": "b", "c": "e", "h": "b",
     "f": "t", "u": "n"}
)  # fmt: skip
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
NEAR = 1  # a page number may be off its neighbours' run by this much (misread digit)


def _roman(text: str) -> int:
    values = [_ROMAN_VALUES[c] for c in text.lower()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def page_number_values(text: str) -> list[int]:
    """The readings of a line that is only a page number (``12``, ``- 12 -``,
    ``Page 3 of 9``, ``xiv``), as printed and with the letters OCR reads
    digits as taken for digits (``l3``, ``l``); empty for any other line.

    >>> [page_number_values(t) for t in ("— 12 —", "Page 3 of 48", "xiv", "l3", "— l —")]
    [[12], [3], [14], [13], [50, 1]]
    >>> page_number_values("12 apostles"), page_number_values("Pronotum ........ 3")
    ([], [])
    """
    text = plain(text)
    if "...." in text:
        return []  # a dot leader: an entry of a contents list or key
    values = []
    for candidate in (text, _DIGIT_LIKE.sub(lambda m: m.group(0).translate(_AS_DIGIT), text)):
        match = _PAGE_NUMBER.match(candidate)
        if match:
            value = match.group(1)
            values.append(int(value) if value.isdigit() else _roman(value))
    return list(dict.fromkeys(values))


def is_page_number(text: str) -> bool:
    """A line that is only a page number (``12``, ``- 12 -``, ``Page 3 of 9``, ``xiv``).

    >>> is_page_number("— 12 —"), is_page_number("Page 3 of 48"), is_page_number("12 apostles")
    (True, True, False)
    """
    return bool(page_number_values(text))


def edge_key(text: str) -> str:
    """What running headers have in common: folded, digits as ``#``.

    >>> edge_key("190 C. GERMANN") == edge_key("192 C. GERMANN")
    True
    """
    return _DIGITS.sub("#", fold(plain(text)).casefold())


def _folded_edges(pages: Sequence[Page]) -> dict[tuple[int, int], tuple[str, str, bool, str]]:
    """(page, line) -> (text, folded text, outermost, top or bottom) of every edge line."""
    return {
        (p, i): (text, fold(plain(text)).casefold(), outer, _zone(pages, p, i))
        for p, i, text, outer in _edge_lines(pages)
    }


def shape_key(text: str) -> str:
    """A line's spelling with OCR's usual confusions folded, spaces and page
    numbers (digits standing alone) removed, for matching running lines that
    OCR read differently on each page.

    >>> shape_key("0N THE ORIGIN 0F 5PECIES 12") == shape_key("14  On the 0rigin of Specics")
    True
    """
    return _shape(fold(plain(text)).casefold())


def _shape(folded: str) -> str:
    return "".join(_shape_words(folded))


def _shape_words(folded: str) -> list[str]:
    """The words of a folded line as ``_shape`` spells them (page numbers dropped)."""
    words = []
    for word in folded.split():
        if any(c.isalpha() for c in word):
            word = word.translate(_LOOKALIKES)
        if word := _DIGITS.sub("", word):
            words.append(word)
    return words


def _without_a_word(shape_words: list[str]) -> list[str]:
    """A line's shape with each of its words left out in turn: how it reads
    when OCR drops a word (``Free Foundation`` for ``Free Software Foundation``).
    Only lines of three words or more, so that two are left to match.

    >>> _without_a_word(["free", "software", "toundation"])
    ['softwaretoundation', 'freetoundation', 'freesoftware']
    """
    if len(shape_words) < 3:
        return []
    return ["".join(shape_words[:k] + shape_words[k + 1 :]) for k in range(len(shape_words))]


def is_speck(text: str) -> bool:
    """A line with fewer than two letters or digits and no page number in it:
    what dust, a speck or a stray mark leaves when OCR reads it.

    >>> is_speck("~"), is_speck("' ."), is_speck("7"), is_speck("iv"), is_speck("Notes")
    (True, True, False, False, False)
    """
    alnum = 0
    for c in text:  # most lines have two in their first few characters
        if c.isalnum():
            alnum += 1
            if alnum == 2:
                return False
    return not page_number_values(text)


def _edges(page: Page) -> tuple[list[int], list[int]]:
    """Indexes (within the page) of its first and last lines with words or a
    number (specks, ``is_speck``, are looked past)."""
    filled = [i for i, line in enumerate(page.lines) if line.text.strip()]
    filled = [i for i in filled if not is_speck(page.lines[i].text)]
    return filled[:EDGE_ZONE], filled[::-1][:EDGE_ZONE]


def _edge_lines(pages: Sequence[Page]) -> list[tuple[int, int, str, bool]]:
    """(page index, line index within the page, text, outermost) of every
    edge line; outermost lines are the first and last of their page."""
    out = []
    for p, page in enumerate(pages):
        top, bottom = _edges(page)
        outer = {top[0], bottom[0]} if top else set()
        out.extend((p, i, page.lines[i].text, i in outer) for i in dict.fromkeys(top + bottom))
    return out


def _zone(pages: Sequence[Page], p: int, i: int) -> str:
    """Whether line ``i`` of page ``p`` is among its top or its bottom lines."""
    top, _ = _edges(pages[p])
    return "top" if i in top else "bottom"


def running_keys(
    edges: dict[tuple[int, int], tuple[str, str, bool, str]], needed: int
) -> dict[str, tuple[str, int]]:
    """Edge-line keys that are running lines: key -> (the running line's key, pages).

    ``edges`` are the edge lines (``_folded_edges``). Only lines with words
    count (numbers are for ``page_numbers`` to judge).
    Lines of one shape (``shape_key``) are one line; a line always printed
    outermost whose shape is a close spelling of a more frequent one's at the
    same edge (OCR damage) counts with it. Those standing on ``needed`` pages
    (two, for a line of ``LONG_LINE`` letters: body text does not repeat so)
    or more are running lines.
    """
    pages_of: dict[str, set[int]] = {}  # shape -> pages
    words_of: dict[str, list[str]] = {}  # shape -> its words
    keys_of: dict[str, Counter[str]] = {}  # shape -> its lines' keys
    inner: set[str] = set()  # shapes printed inside the outermost line somewhere
    zones: dict[str, set[str]] = {}  # shape -> the edges it stands at
    for (p, _), (_, folded, outer, zone) in edges.items():
        key = _DIGITS.sub("#", folded)
        if _TWO_LETTERS.search(key) and word_count(key) <= 15:
            shape = _shape(folded)
            words_of.setdefault(shape, _shape_words(folded))
            pages_of.setdefault(shape, set()).add(p)
            keys_of.setdefault(shape, Counter())[key] += 1
            zones.setdefault(shape, set()).add(zone)
            if not outer:
                inner.add(shape)
    anchor_of: dict[str, str] = {}
    anchors: dict[str, list[str]] = {"top": [], "bottom": []}  # shapes that draw others
    for shape in sorted(pages_of, key=lambda k: (-len(pages_of[k]), k)):
        best = None
        (zone,) = zones[shape] if len(zones[shape]) == 1 else (None,)
        if zone and anchors[zone] and len(shape) >= MIN_FUZZY and shape not in inner:
            best = _closest(shape, anchors[zone])
        if best:
            anchor_of[shape] = best
            continue
        anchor_of[shape] = shape
        if shape not in inner or len(pages_of[shape]) >= 2:
            for where in zones[shape]:
                anchors[where].append(shape)
    reach: dict[str, set[int]] = {}
    for shape, anchor in anchor_of.items():
        reach.setdefault(anchor, set()).update(pages_of[shape])
    # a line left alone that is a running line with a word dropped (``Free Foundation``)
    dropped: dict[str, list[tuple[str, str]]] = {"top": [], "bottom": []}
    for anchor in sorted(a for a in reach if len(reach[a]) >= 2):
        for where in zones[anchor]:
            dropped[where].extend((v, anchor) for v in _without_a_word(words_of[anchor]))
    for shape in sorted(s for s, a in anchor_of.items() if s == a and len(reach[s]) == 1):
        (zone,) = zones[shape] if len(zones[shape]) == 1 else (None,)
        if zone and dropped[zone] and len(shape) >= MIN_FUZZY and shape not in inner:
            best = _closest(shape, [v for v, _ in dropped[zone]])
            if best:
                anchor = next(a for v, a in dropped[zone] if v == best)
                anchor_of[shape] = anchor
                reach[anchor].update(reach.pop(shape))
    return {
        key: (keys_of[anchor].most_common(1)[0][0], len(reach[anchor]))
        for shape, anchor in anchor_of.items()
        if len(reach[anchor]) >= (2 if len(anchor) >= LONG_LINE else needed)
        for key in keys_of[shape]
    }


def _closest(shape: str, anchors: list[str]) -> str | None:
    """The running line ``shape`` is a damaged reading of, if any: a close
    spelling of one (an extra or a wrong letter, a speck read as ``a``)."""
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    best = process.extractOne(
        shape, anchors, scorer=Levenshtein.normalized_similarity, score_cutoff=CLOSE_SPELLING
    )
    return best[0] if best and len(best[0]) >= MIN_FUZZY else None


def page_numbers(pages: Sequence[Page]) -> set[tuple[int, int]]:
    """(page index, line index) of the edge lines that are page numbers.

    A number whose distance from its page's index is shared with another
    page is in the run of page numbers; one that is not must stand on a page
    without one and come within ``NEAR`` of the run of the nearest page that
    is (a misread digit), or it is text (a year ending a sentence, a key's
    couplet number). Where no two pages agree, every number stands but one
    ending like a sentence (``1784 .``). Each reading of a line
    (``page_number_values``) is tried.
    """
    texts = {(p, i): text for p, i, text, _ in _edge_lines(pages)}
    found = {key: values for key, text in texts.items() if (values := page_number_values(text))}
    offsets: Counter[int] = Counter()
    for (p, _), values in found.items():
        offsets.update({value - p for value in values})
    shared = {o for o, c in offsets.items() if c >= 2}
    if not shared:  # no run to judge by: a number ending a sentence is text
        return {(p, i) for (p, i), _ in found.items() if not _ENDS_CLAUSE.search(texts[(p, i)])}
    anchors = sorted({(p, v) for (p, _), vs in found.items() for v in vs if v - p in shared})
    numbered = {p for p, _ in anchors}
    accepted = set()
    for (p, i), values in found.items():
        if any(v - p in shared for v in values):
            accepted.add((p, i))
            continue
        if p in numbered:
            continue  # a page has one number
        q, v = min(anchors, key=lambda a: abs(a[0] - p))
        if any(abs(value - (v + p - q)) <= NEAR for value in values):
            accepted.add((p, i))
    return accepted


def running_lines(pages: Sequence[Page]) -> dict[int, str]:
    """Running headers, footers and page numbers of a paged text.

    A short line at the top or bottom of a page whose key (digits folded)
    comes back at the edges of other pages is a running header or footer; a
    line that is only a number there, in the run of page numbers, is a page
    number. Lines are peeled from each edge until one is neither (or is a
    running line already peeled there: a title under a running head of the
    same words stays; or is the first page's title, ``is_first_title``).
    Specks between the edge and a peeled line go with it. Returns line index
    (in ``Source.lines``) -> reason.

    >>> from dedupe.normalise.blocks import demo_source
    >>> src = demo_source("Report\\nOne two.\\n1\\fReport\\nThree four.\\n2")
    >>> running_lines(src.pages)
    {0: "running header: 'report' at the top of 2 pages", 2: 'page number', 3: "running header: 'report' at the top of 2 pages", 5: 'page number'}
    """
    filled = sum(1 for p in pages if any(line.text.strip() for line in p.lines))
    if filled < 2:
        return {}
    edges = _folded_edges(pages)
    repeated = running_keys(edges, 2 if filled <= 5 else 3)
    numbers = page_numbers(pages)
    first = next(p for p, page in enumerate(pages) if any(ln.text.strip() for ln in page.lines))
    found: dict[int, str] = {}
    offset = 0
    for p, page in enumerate(pages):
        top, bottom = _edges(page)
        for zone, where in ((top, "top"), (bottom, "bottom")):
            seen: set[str] = set()  # a page prints each running line once
            peeled: list[int] = []
            for i in zone:
                key = _DIGITS.sub("#", edges[(p, i)][1])
                if (p, i) in numbers:
                    found[offset + i] = "page number"
                elif (
                    key in repeated
                    and repeated[key][0] not in seen
                    and not (
                        p == first
                        and i == zone[0] == top[0]
                        and is_first_title(page, i, key, repeated[key][0])
                    )
                ):
                    anchor, count = repeated[key]
                    seen.add(anchor)
                    damaged = f" (read as '{key}')" if key != anchor else ""
                    found[offset + i] = (
                        f"running {'header' if where == 'top' else 'footer'}: "
                        f"'{anchor}'{damaged} at the {where} of {count} pages"
                    )
                else:
                    break
                peeled.append(i)
            if peeled:
                found.update(_specks_outside(page, peeled[-1], where, offset))
        offset += len(page.lines)
    found.update(section_heads(pages, found, first))
    return found


def section_heads(pages: Sequence[Page], found: dict[int, str], first: int) -> dict[int, str]:
    """Running heads that name the current section: where the running head
    stands on every other page (``Beijing Binds`` on the even pages), the
    top line of a page between, which repeats a heading printed earlier in
    the text (``Medical Aid Flows Both Ways 3``, a page number beside it),
    is the running head of that page. Returns line index -> reason.
    """
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    starts = [sum(len(p.lines) for p in pages[:k]) for k in range(len(pages))]
    headed = {
        p
        for p, page in enumerate(pages)
        if (top := _edges(page)[0]) and "header" in found.get(starts[p] + top[0], "")
    }
    if len(headed) < 2 or len({p % 2 for p in headed}) != 1:
        return {}
    parity = next(iter(headed)) % 2
    out: dict[int, str] = {}
    for p, page in enumerate(pages):
        top = _edges(page)[0]
        if p == first or p % 2 == parity or not top or starts[p] + top[0] in found:
            continue
        line = page.lines[top[0]].text
        shape = shape_key(line)
        if len(shape) < MIN_FUZZY or word_count(line) > 12:
            continue
        earlier = [
            shape_key(ln.text)
            for q in range(first, p + 1)
            for j, ln in enumerate(pages[q].lines)
            if (q, j) != (p, top[0]) and ln.text.strip() and word_count(ln.text) <= 12
        ]
        best = process.extractOne(
            shape, earlier, scorer=Levenshtein.normalized_similarity, score_cutoff=CLOSE_SPELLING
        )
        if best:
            out[starts[p] + top[0]] = (
                f"running header: the section heading '{' '.join(plain(line).split())}', "
                "on a page between those that print the running head"
            )
    return out


def _specks_outside(page: Page, inner: int, where: str, offset: int) -> dict[int, str]:
    """The specks between a page's edge and its innermost peeled line ``inner``."""
    span = range(inner) if where == "top" else range(inner + 1, len(page.lines))
    return {
        offset + j: "a speck at the page edge (no word)"
        for j in span
        if page.lines[j].text.strip() and is_speck(page.lines[j].text)
    }


def is_first_title(page: Page, i: int, key: str, anchor: str) -> bool:
    """Whether line ``i``, the top line of the first page, which reads like
    the running head of the later pages, is the document's title: printed
    once there, above a byline, subtitle or heading (a running head stands
    above the text, as on every other page), with no page number beside
    it, and not over a title that repeats its words (then it is the running
    head, printed on the first page too).

    >>> from dedupe.normalise.blocks import demo_source
    >>> page = demo_source("Free Software Foundation\\n\\nAnnual Report 2019\\n\\nIt was a year.").pages[0]
    >>> is_first_title(page, 0, "free software foundation", "free software foundation")
    True
    >>> page = demo_source("Beijing Binds\\n\\nBeijing Binds: COVID-19 and Central Asia").pages[0]
    >>> is_first_title(page, 0, "beijing binds", "beijing binds")
    False
    """
    if _FOLIO.search(plain(page.lines[i].text)):
        return False  # a page number beside it: a folio line
    if _wraps(page, i):
        return True  # a running head is one line; a title set large wraps onto the next
    after = [ln.text for ln in page.lines[i + 1 :] if ln.text.strip() and not is_speck(ln.text)]
    shape = shape_key(page.lines[i].text)
    if any(_opens_with(shape_key(text), shape) for text in after[:EDGE_ZONE]):
        return False
    return _next_block_is_heading_like(page, i)


def _wraps(page: Page, i: int) -> bool:
    """Whether line ``i`` goes on in the next line of its block (no blank line
    between, a short line of words: ``A new eyeless species of Howdeniola
    from`` / ``Ecuador``), as a title of two lines does.

    >>> from dedupe.normalise.blocks import demo_source
    >>> _wraps(demo_source("A new species of\\nEcuador\\n\\nText.").pages[0], 0)
    True
    >>> _wraps(demo_source("Beijing Binds\\n\\nBeijing Binds: COVID-19").pages[0], 0)
    False
    """
    if i + 1 >= len(page.lines):
        return False
    text = page.lines[i + 1].text.strip()
    return (
        bool(text)
        and not is_speck(text)
        and not page_number_values(text)
        and (word_count(text) <= 6 and is_heading_like(text))
    )


def _opens_with(text: str, shape: str) -> bool:
    """Whether the shape ``text`` holds ``shape``, or opens with a close spelling of it
    (``Beljmg Binds: C0VID-l9 ...`` under ``Beijing Binds``)."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Levenshtein

    if fuzz.partial_ratio(shape, text) >= 90:
        return True
    heads = (text[:k] for k in range(max(1, len(shape) - 2), len(shape) + 3))  # ``in`` read ``m``
    return any(Levenshtein.normalized_similarity(shape, head) >= CLOSE_SPELLING for head in heads)


def _next_block_is_heading_like(page: Page, i: int) -> bool:
    """Whether the lines after line ``i`` up to the next blank line (the next
    block of a hard-wrapped text) read as a byline, subtitle or heading."""
    lines: list[str] = []
    for line in page.lines[i + 1 :]:
        text = line.text.strip()
        if not text and lines:
            break
        if text and not is_speck(text) and not page_number_values(text):
            lines.append(text)
    return not lines or is_heading_like(" ".join(lines))
