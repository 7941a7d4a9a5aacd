"""Layout noise: running headers and footers, page numbers, sidebars.

Noise is never dropped here: each rule turns lines or blocks into ``noise``
blocks with a reason, and whether they are left out is decided later, when
the witnesses are compared.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from dedupe.model import Line, Page
from dedupe.normalise.draft import Draft, next_bodies
from dedupe.normalise.fold import fold
from dedupe.normalise.shape import (
    is_all_caps,
    is_heading_like,
    plain,
    starts_lowercase,
    word_count,
)

#: Geometry hints that mean "not running text", with the default reason.
LAYOUT_HINTS = {
    "header": "running header",
    "footer": "running footer",
    "page-number": "page number",
    "margin": "margin text",
}
EDGE_ZONE = 3  # lines looked at from the top and from the bottom of each page
_PAGE_NUMBER = re.compile(
    r"^[\W_]*(?:(?:page|p\.|pag\.|seite|s\.)\s*)?(?:\d{1,4}|(?=[ivxlcdm])m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3}))"
    r"(?:\s*(?:of|/|von|de|sur)\s*\d{1,4})?[\W_]*$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")


def hinted_layout(line: Line) -> str | None:
    """The noise reason a geometry pass gave a line, if it gave one.

    >>> hinted_layout(Line("The Digital Millennium Copyright Act", 0, 36, hint="header"))
    'running header (geometry)'
    """
    if line.hint in LAYOUT_HINTS:
        return line.hint_reason or f"{LAYOUT_HINTS[line.hint]} (geometry)"
    return None


def is_page_number(text: str) -> bool:
    """A line that is only a page number (``12``, ``- 12 -``, ``Page 3 of 9``, ``xiv``).

    >>> is_page_number("— 12 —"), is_page_number("Page 3 of 48"), is_page_number("12 apostles")
    (True, True, False)
    """
    return bool(_PAGE_NUMBER.match(plain(text)))


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


def running_lines(pages: Sequence[Page]) -> dict[int, str]:
    """Running headers, footers and page numbers of a paged text.

    A short line at the top or bottom of a page whose key (digits folded)
    comes back at the edges of other pages is a running header or footer; a
    line that is only a number there is a page number. Lines are peeled from
    each edge until one is neither. Returns line index (in ``Source.lines``)
    -> reason.

    >>> from dedupe.normalise.blocks import demo_source
    >>> src = demo_source("Report\\nOne two.\\n1\\fReport\\nThree four.\\n2")
    >>> running_lines(src.pages)
    {0: "running header: 'report' at the top of 2 pages", 2: 'page number', 3: "running header: 'report' at the top of 2 pages", 5: 'page number'}
    """
    filled = [p for p in pages if any(line.text.strip() for line in p.lines)]
    if len(filled) < 2:
        return {}
    counts: Counter[str] = Counter()
    for page in filled:
        top, bottom = _edges(page)
        keys = {edge_key(page.lines[i].text) for i in top + bottom}
        counts.update(k for k in keys if k)
    needed = 2 if len(filled) <= 5 else 3
    repeated = {k for k, c in counts.items() if c >= needed and word_count(k) <= 15}
    found: dict[int, str] = {}
    offset = 0
    for page in pages:
        top, bottom = _edges(page)
        for zone, where in ((top, "top"), (bottom, "bottom")):
            for i in zone:
                text = page.lines[i].text
                key = edge_key(text)
                if is_page_number(text):
                    found[offset + i] = "page number"
                elif key in repeated:
                    found[offset + i] = (
                        f"running {'header' if where == 'top' else 'footer'}: "
                        f"'{key}' at the {where} of {counts[key]} pages"
                    )
                else:
                    break
        offset += len(page.lines)
    return found


def layout_lines(pages: Sequence[Page]) -> dict[int, str]:
    """Every noise line of a source: the text rules, overruled by any geometry
    hint (a line hinted as a footnote is not a running header)."""
    found = running_lines(pages)
    index = 0
    for page in pages:
        for line in page.lines:
            if line.hint is not None:
                reason = hinted_layout(line)
                if reason:
                    found[index] = reason
                else:
                    found.pop(index, None)
            index += 1
    return found


def _label(d: Draft) -> str:
    return " ".join(plain(d.text).split())


_ROMAN = re.compile(r"(?=[IVXLCDM])M*(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})")


def _is_callout(d: Draft) -> bool:
    """A short all-capitals block without sentence punctuation or a number
    (``CHAPTER II`` is a numbered label, a heading)."""
    if d.kind != "paragraph" or d.region != "body" or len(d.text) > 200:
        return False
    text = plain(d.text)
    return (
        is_all_caps(text)
        and word_count(text) <= 8
        and not any(c in text for c in ".!?;")
        and not any(c.isdigit() for c in text)
        and not any(_ROMAN.fullmatch(word) for word in text.split())
    )


def mark_sentence_interrupters(drafts: list[Draft]) -> list[Draft]:
    """Short lines that cut a sentence in two become noise: a callout, a
    sidebar, or a line at the foot of a page, standing between a block that
    ends mid-sentence and the block that carries the sentence on in lower case.

    >>> from dedupe.normalise.blocks import demo_drafts
    >>> from dedupe.normalise.draft import show
    >>> show(mark_sentence_interrupters(demo_drafts(
    ...     "The male genital structures were extracted and dry glued on the mounting card.\\n"
    ...     "The genital structures were photographed beneath glycerol with a 5-megapixel digital"
    ...     "\\n\\nManuscript accepted 04.04.2012\\n\\fcamera (Leica DFC425) under a stereomicroscope.")))
    paragraph: The male genital structures were extracted and dry glued on the mounting card. The genital structures were photographed beneath glycerol with a 5-megapixel digital
    noise: Manuscript accepted 04.04.2012  [out of the text flow: short line 'Manuscript accepted 04.04.2012' interrupts a sentence]
    paragraph: camera (Leica DFC425) under a stereomicroscope.
    """
    out = list(drafts)
    following = next_bodies(drafts)
    before: Draft | None = None  # the last body draft kept so far
    for i, d in enumerate(drafts):
        if not d.is_body:
            continue
        j = following[i]
        if not _interrupts(before, d, None if j is None else drafts[j]):
            before = d
            continue
        what = (
            f"probable sidebar: all-capitals callout '{_label(d)}'"
            if _is_callout(d)
            else f"out of the text flow: short line '{_label(d)}'"
        )
        out[i] = d.but(kind="noise", reason=f"{what} interrupts a sentence")
    return out


def _interrupts(before: Draft | None, d: Draft, after: Draft | None) -> bool:
    """Whether short ``d`` stands between a prose block ending mid-sentence
    and the lower-case block that carries the sentence on."""
    from dedupe.normalise.paragraphs import continues

    if d.kind != "paragraph" or not is_heading_like(d.text):
        return False
    if before is None or after is None or before.kind != "paragraph":
        return False
    if is_heading_like(before.text):
        return False  # two short lines: the nearer one goes on, not an interrupter
    return starts_lowercase(after.text) and continues(before, after) is not None


def mark_probable_sidebars(drafts: list[Draft]) -> list[Draft]:
    """Short all-capitals callouts followed by a heading, not by body text,
    become noise, unless the document sets its headings in capitals (one such
    callout is followed by body text). Title and author box are front matter
    and never looked at.

    >>> from dedupe.normalise.blocks import demo_drafts
    >>> from dedupe.normalise.draft import show
    >>> show(mark_probable_sidebars(demo_drafts(
    ...     "They tested negative.\\n\\n**CENTRAL ASIA\\nPROGRAM**\\n\\n"
    ...     "Patient Zero and Sinophobia\\n\\nGiven their physical proximity, it is.")))
    paragraph: They tested negative.
    noise: **CENTRAL ASIA PROGRAM**  [probable sidebar: all-capitals callout 'CENTRAL ASIA PROGRAM' followed by a heading, not by body text]
    paragraph: Patient Zero and Sinophobia
    paragraph: Given their physical proximity, it is.
    """
    callouts = [i for i, d in enumerate(drafts) if _is_callout(d)]
    following = next_bodies(drafts)
    flagged: list[int] = []
    for i in callouts:
        j = following[i]
        after = None if j is None else drafts[j]
        if after is not None and not is_heading_like(after.text):
            return drafts  # the document's headings are in capitals
        flagged.append(i)
    out = list(drafts)
    for i in flagged:
        out[i] = drafts[i].but(
            kind="noise",
            reason=f"probable sidebar: all-capitals callout '{_label(drafts[i])}' "
            "followed by a heading, not by body text",
        )
    return out
