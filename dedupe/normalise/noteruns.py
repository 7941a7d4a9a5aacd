"""Runs of notes known by their numbering alone, when OCR lost every marker.

Superscript note markers are the first thing OCR damages: ``media).¹`` comes
out as ``media).'``, ``Kazakh'*``, ``impossible.?``, so no body marker backs
the plain ``5 "Tadzhikistan ..."`` lines at the page feet, and a numbered list
looks the same. What tells notes from a list is where the numbers stand and
how they run: notes are numbered on from page foot to page foot (or stand
under a ``Notes`` heading) and never go on in the body of the next page; a
list is introduced by a sentence ending in a colon and may run over a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dedupe.normalise.draft import Draft
from dedupe.normalise.shape import is_heading_like, last_char, plain, word_count

MIN_RUN = 3  # numbered lines a run needs to count without body markers
RUN_GAP = 2  # a run may skip this many numbers (a number OCR misread)
HEADED_GAP = 5  # under a notes heading, more (numbers OCR read apart from their notes)
FURNITURE_CHARS = 12  # a lone short line under the notes: a misread page number or a speck
#: Headings editions print over their notes (folded to lower case, no punctuation).
NOTES_HEADINGS = frozenset(
    {
        "notes", "endnotes", "footnotes", "note", "references", "sources",
        "anmerkungen", "fußnoten", "fussnoten", "endnoten", "notas", "noten",
        "annotations", "notes et références", "notes de fin",
    }
)  # fmt: skip
_HEADING_WORDS = re.compile(r"[^\w\s]+")


#: A note's number OCR read as symbols (superscript numbers: ``® "Death``,
#: ``'° "Istinnoi``, ``‘0"Dvuh``, ``“!"MCHS``): one to three characters
#: without letters before a space, or a mark glued to an opening quote; not
#: a dash or a bracket, which open text.
_DAMAGED_MARK = re.compile(
    r"^(?:[^\w\s\-–—(\[{]{1,2}\d?)(?:\s+|(?=[\"“‘]\w))"
    r"|^[^\w\s\-–—(\[{]{1,3}\d?[.,]?(?=[\"“]\w)"
)


def damaged_mark(text: str) -> int | None:
    """Where a note number OCR read as symbols ends, if the line starts with one.

    >>> [damaged_mark(t) for t in ('® "Death', '‘0"Dvuh', '“!"MCHS', "'° “Istinnoi", '‘°."Kitai')]
    [2, 2, 2, 3, 3]
    >>> damaged_mark("“Pervyy gumanitarnyy”"), damaged_mark("Death Toll"), damaged_mark("12 apostles")
    (None, None, None)
    """
    m = _DAMAGED_MARK.match(text)
    return m.end() if m else None


def is_notes_heading(text: str) -> bool:
    """A heading that announces notes (``Notes``, ``ENDNOTES``, ``Anmerkungen:``).

    >>> is_notes_heading("NOTES"), is_notes_heading("Notes:"), is_notes_heading("Notes on Method")
    (True, True, False)
    """
    return " ".join(_HEADING_WORDS.sub(" ", plain(text)).casefold().split()) in NOTES_HEADINGS


def _is_furniture(d: Draft) -> bool:
    """A lone short line, as a misread page number or a speck leaves (``RwONE``)."""
    return len(d.pieces) == 1 and word_count(d.text) <= 2 and len(d.text) <= FURNITURE_CHARS


def foot_area(drafts: list[Draft], numbered: list[int | None]) -> list[bool]:
    """For each draft: whether only notes stand after it on its page: numbered
    blocks, the rest of a note cut by a line break (``note_goes_on``), noise,
    and a lone short line (a misread page number). One pass from the end."""
    from dedupe.normalise.endnotes import note_goes_on

    def foot_like(i: int) -> bool:
        d = drafts[i]
        if d.kind == "noise" or numbered[i] is not None or _is_furniture(d):
            return True
        return i > 0 and numbered[i - 1] is not None and note_goes_on(drafts[i - 1], d) is not None

    paged = len({d.pages[0] for d in drafts}) > 1
    feet = [True] * len(drafts)
    clean = True
    for i in range(len(drafts) - 1, -1, -1):
        if i + 1 < len(drafts):
            after = drafts[i + 1]
            if paged and after.pages[0] != drafts[i].pages[1]:
                clean = True
            else:
                clean = clean and foot_like(i + 1)
        feet[i] = clean
    return feet


@dataclass
class _Run:
    """A chain of numbered blocks at page feet, numbered on from one to the next."""

    start: int  # index of its first draft
    members: list[int] = field(default_factory=list)
    firsts: list[int] = field(default_factory=list)  # each member's (mended) number
    numbers: list[int] = field(default_factory=list)  # every numbered line's
    pages: set[int] = field(default_factory=set)
    at_foot: list[bool] = field(default_factory=list)
    tail: list[int] = field(default_factory=list)  # damaged-number notes right after its last
    runs_on_in_body: bool = False  # its numbering goes on in body text: a list

    def takes(self, n: int, gap: int = RUN_GAP) -> bool:
        return self.numbers[-1] < n <= self.numbers[-1] + 1 + gap

    def add(self, i: int, numbers: list[int], d: Draft, at_foot: bool) -> None:
        self.members.append(i)
        self.firsts.append(numbers[0])
        self.numbers.extend(numbers)
        self.at_foot.append(at_foot)
        if at_foot:
            self.pages.update(range(d.pages[0], d.pages[1] + 1))

    def close(self) -> None:
        """Note whether the numbering goes on in the body after the last foot (a list)."""
        self.runs_on_in_body = not self.at_foot[-1]


def _line_numbers(d: Draft, first: int) -> list[int]:
    """The numbers of the lines of ``d`` that number on from ``first`` (a
    line whose number OCR read as symbols takes the next)."""
    from dedupe.normalise.footnotes import leading_marker

    numbers = [first]
    for piece in d.pieces[1:]:
        m = leading_marker(piece.text)
        if m and numbers[-1] < m.n <= numbers[-1] + 1 + RUN_GAP:
            numbers.append(m.n)
        elif m is None and damaged_mark(piece.text) is not None:
            numbers.append(numbers[-1] + 1)
    return numbers


def _damaged_after(drafts: list[Draft], i: int, damaged: list[bool]) -> list[int]:
    """The blocks right after draft ``i`` on its page whose note numbers OCR
    read as symbols (past noise), up to the first other block."""
    out = []
    for j in range(i + 1, len(drafts)):
        if drafts[j].pages[0] != drafts[i].pages[1]:
            break
        if damaged[j]:
            out.append(j)
        elif drafts[j].kind != "noise":
            break
    return out


def _introduced(drafts: list[Draft], i: int) -> tuple[bool, bool]:
    """Whether the body block before draft ``i`` is a notes heading, and
    whether it introduces a list (ends with a colon)."""
    j = i - 1
    while j >= 0 and drafts[j].kind == "noise":
        j -= 1
    if j < 0 or not drafts[j].is_body:
        return False, False
    text = drafts[j].text
    return is_heading_like(text) and is_notes_heading(text), last_char(plain(text)) == ":"


def unreferenced_runs(
    drafts: list[Draft], numbered: list[int | None]
) -> dict[int, tuple[str, int]]:
    """Drafts that are notes by their numbering alone: index -> (why, number).

    ``numbered`` gives each draft's leading note number in a weak form
    (``5 "..."``, ``5. ...``, ``6° ...``), or None. A run is a chain of such
    blocks, each numbered on from the last (a number OCR misread between two
    that fit is mended, ``mend_numbers``), that starts in the foot area of a
    page or column (``foot_area``); blocks of the chain that stand in the
    body between two at a foot are notes of a column OCR read out of place.
    It is notes when it has ``MIN_RUN`` numbered lines, nothing introduces
    it as a list, its numbering does not go on in the body after its last
    foot, and it runs over the feet of two or more pages, stands under a
    notes heading, or stands at the foot of a page that is not the last.

    >>> from dedupe.normalise.blocks import demo_drafts
    >>> drafts = demo_drafts("It ended.'\\n\\n1 “A,” x.org.\\n\\n2 “B,” y.org.\\n\\fMore.?\\n\\n3 “C,” z.org.")
    >>> unreferenced_runs(drafts, [None, 1, 2, None, 3])[4]
    ('a run of 3 numbered notes at the feet of 2 pages', 3)
    >>> unreferenced_runs(demo_drafts("Do this:\\n\\n1. Go.\\n\\n2. Stay.\\n\\n3. Wait."), [None, 1, 2, 3])
    {}
    """
    found = headed_runs(drafts, numbered)
    damaged = [
        n is None
        and d.kind != "noise"
        and bool(d.pieces)
        and damaged_mark(d.pieces[0].text) is not None
        for d, n in zip(drafts, numbered, strict=True)
    ]
    feet = foot_area(drafts, [0 if hurt else n for n, hurt in zip(numbered, damaged, strict=True)])
    last_page = max((d.pages[1] for d in drafts if d.is_body), default=0)
    runs: list[_Run] = []
    current: _Run | None = None
    items = [
        (i, n)
        for i, n in enumerate(numbered)
        if i not in found and (n is not None or (damaged[i] and feet[i]))
    ]
    pending: list[int] = []  # blocks at a foot since the run's last member whose number is damaged
    widths = {i: len(_line_numbers(drafts[i], n or 0)) for i, n in items}
    for i, n in mend_numbers(items, widths=widths):
        if n is None:
            if current is not None:
                pending.append(i)
            continue
        if current is None or not current.takes(n, RUN_GAP + len(pending)):
            pending = []
            if not feet[i]:
                continue  # a run starts at a foot
            current = _Run(i)
            runs.append(current)
        elif len(pending) == n - current.numbers[-1] - 1:  # the damaged numbers fill the gap
            for k, j in enumerate(pending, start=current.numbers[-1] + 1):
                current.add(j, [k], drafts[j], True)
        pending = []
        current.add(i, _line_numbers(drafts[i], n), drafts[i], feet[i])
        current.tail = _damaged_after(drafts, i, damaged)
    for run in runs:
        for k, j in enumerate(run.tail[: RUN_GAP + 1], start=run.numbers[-1] + 1):
            run.add(j, [k], drafts[j], True)  # the last notes of a run, numbers damaged
        run.close()
        why = _why_notes(drafts, run, last_page)
        if why:
            found.update({i: (why, n) for i, n in zip(run.members, run.firsts, strict=True)})
    return found


def mend_numbers(
    chain: list[tuple[int, int | None]], gap: int = RUN_GAP, widths: dict[int, int] | None = None
) -> list[tuple[int, int | None]]:
    """A number that breaks the run between two that fit it is a misread of
    the one that belongs there (``6`` for 26, ``2°`` for 29), or whose digits
    end it (``2`` for 32: a first digit dropped). ``None`` stands for a
    number OCR read as symbols: it holds a place. ``widths`` gives the
    numbered lines of a block that holds more than one note.

    >>> mend_numbers([(0, 24), (1, 25), (2, 6), (3, 27), (4, 2), (5, 29)])
    [(0, 24), (1, 25), (2, 26), (3, 27), (4, 28), (5, 29)]
    >>> mend_numbers([(0, 7), (1, None), (2, None), (3, 3), (4, 11)])
    [(0, 7), (1, None), (2, None), (3, 10), (4, 11)]
    >>> mend_numbers([(0, 31), (1, 2), (2, None), (3, 5)], widths={1: 2})
    [(0, 31), (1, 32), (2, None), (3, 35)]
    >>> mend_numbers([(0, 32), (1, 8), (2, 4), (3, None), (4, 6)])  # 3 read as 8, first digits lost
    [(0, 32), (1, 33), (2, 34), (3, None), (4, 36)]
    """
    out = list(chain)
    at = [0]  # each item's place in the run, counting numbered lines
    for i, _ in out:
        at.append(at[-1] + (widths or {}).get(i, 1))
    readable = [k for k, (_, n) in enumerate(out) if n is not None]
    for k_index, k in enumerate(readable[1:], start=1):
        a = readable[k_index - 1]
        b = readable[k_index + 1] if k_index + 1 < len(readable) else None
        before, n = out[a][1], out[k][1]
        assert before is not None and n is not None
        expected = before + at[k] - at[a]
        if before < n <= expected + gap:
            continue
        between = False
        if b is not None and (after := out[b][1]) is not None:
            due = expected + at[b] - at[k]  # the number the next one should have
            between = expected < after <= due + gap or str(due).endswith(str(after))
        if between or str(expected).endswith(str(n)):
            out[k] = (out[k][0], expected)
    return out


def headed_runs(drafts: list[Draft], numbered: list[int | None]) -> dict[int, tuple[str, int]]:
    """Numbered blocks under a notes heading (``Notes``, ``Endnotes``), from
    the first block under it for as long as the numbering goes on, wherever
    the pages break: index -> (why, number). Blocks OCR left without a
    number may stand between them.

    >>> from dedupe.normalise.blocks import demo_drafts
    >>> drafts = demo_drafts("It ended.'\\n\\nNotes\\n\\n1. “A,” x.org.\\n\\n. “B,” y.org.\\n\\n3. “C.”\\n\\n4. “D.”")
    >>> sorted(headed_runs(drafts, [None, None, 1, None, 3, 4]))
    [2, 4, 5]
    """
    found: dict[int, tuple[str, int]] = {}
    for h, d in enumerate(drafts):
        if not (d.is_body and is_heading_like(d.text) and is_notes_heading(d.text)):
            continue
        first = next((j for j in range(h + 1, len(drafts)) if drafts[j].kind != "noise"), None)
        if first is None or numbered[first] is None:
            continue
        chain = [(j, n) for j in range(first, len(drafts)) if (n := numbered[j]) is not None]
        run = _Run(first)
        for j, n in mend_numbers(chain, HEADED_GAP):
            if n is None:
                continue
            if run.numbers and not run.takes(n, HEADED_GAP):
                break
            run.add(j, _line_numbers(drafts[j], n), drafts[j], True)
        if len(run.numbers) >= MIN_RUN:
            why = f"a run of {len(run.numbers)} numbered notes under a notes heading"
            found.update({j: (why, n) for j, n in zip(run.members, run.firsts, strict=True)})
    return found


def _why_notes(drafts: list[Draft], run: _Run, last_page: int) -> str | None:
    if len(run.numbers) < MIN_RUN or run.runs_on_in_body:
        return None
    headed, list_intro = _introduced(drafts, run.start)
    count = f"a run of {len(run.numbers)} numbered notes"
    if headed:
        return f"{count} under a notes heading"
    if list_intro:
        return None
    if len(run.pages) >= 2:
        return f"{count} at the feet of {len(run.pages)} pages"
    if max(run.pages) < last_page:
        return f"{count} at the foot of a page the text goes on after"
    return None


#: A superscript note marker OCR read as symbols at a word's end: a degree
#: sign, a registered sign, an asterisk (``Kazakh'*``, ``post.?°``,
#: ``Kyrgyzstan!®``), with the stray stroke or digit read beside it.
_DAMAGED_MARKER = re.compile(
    r"(?<=[^\W\d_]|[.,;:)”\"’'])[!?'’]?[®©°*¢™][®©°*¢™?!'’\d]{0,2}(?=\s|$|[,;:.)\]—–-])"
)


def damaged_markers(text: str) -> list[tuple[int, int]]:
    """Where the body markers OCR read as symbols stand in a line: (start, end).

    >>> line = "Kazakh'* and Kyrgyz governments, Tajikistan.® The post.?° It is 30° and *one two*"
    >>> [line[a:b] for a, b in damaged_markers(line)]
    ["'*", '®', '?°']
    """
    return [
        (m.start(), m.end())
        for m in _DAMAGED_MARKER.finditer(text)
        if "*" not in m.group(0) or "*" not in text[: m.start()]  # not closing *emphasis*
    ]


def mark_damaged_markers(drafts: list[Draft]) -> list[Draft]:
    """In a witness whose notes were known by their numbering alone
    (``unreferenced_runs``) or by where they stand (a footnote area the
    geometry found), its body markers read for fewer than half, the symbols OCR read for the body's superscript
    markers are marker pieces: kept in the block's spans, left out of its
    text, so they are neither words of the document nor readings to vote on.

    >>> from dedupe.normalise.blocks import demo_drafts
    >>> from dedupe.normalise.draft import Draft, show
    >>> body, note = demo_drafts("Kazakh'* and Kyrgyz governments sent aid.®\\n\\n1 “A,” x.org.")
    >>> show(mark_damaged_markers([body, note.but(kind="footnote", reason="a run of 3 numbered notes")]))
    paragraph: Kazakh and Kyrgyz governments sent aid.  [2 note markers OCR read as symbols left out of the text]
    footnote: 1 “A,” x.org.  [a run of 3 numbered notes]
    """
    from dedupe.normalise.footnotes import body_markers

    runs = sum(
        d.kind == "footnote"
        and any(why in (d.reason or "") for why in ("numbered notes", "footnote area (geometry)"))
        for d in drafts
    )
    read = sum(len(body_markers(d.text)) for d in drafts if d.is_body)
    if runs == 0 or read * 2 >= runs:
        return drafts  # the body's markers were read
    out = []
    for d in drafts:
        if not d.is_body:
            out.append(d)
            continue
        pieces, found = [], 0
        for piece in d.pieces:
            spans = [] if piece.marker else damaged_markers(piece.text)
            at = 0
            for a, b in spans:
                pieces += [piece.cut(at, a), piece.cut(a, b, marker=True)]
                at = b
            pieces.append(piece.cut(at, len(piece.text)) if spans else piece)
            found += len(spans)
        if found:
            kept = tuple(p for p in pieces if p.text)
            d = d.but(pieces=kept).note(
                f"{found} note markers OCR read as symbols left out of the text"
            )
        out.append(d)
    return out
