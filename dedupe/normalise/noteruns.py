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
    numbers: list[int] = field(default_factory=list)
    pages: set[int] = field(default_factory=set)
    runs_on_in_body: bool = False  # its numbering goes on in body text: a list

    def takes(self, n: int, gap: int = RUN_GAP) -> bool:
        return self.numbers[-1] < n <= self.numbers[-1] + 1 + gap


def _line_numbers(d: Draft, first: int) -> list[int]:
    """The numbers of the lines of ``d`` that number on from ``first``."""
    from dedupe.normalise.footnotes import leading_marker

    numbers = [first]
    for piece in d.pieces[1:]:
        m = leading_marker(piece.text)
        if m and numbers[-1] < m.n <= numbers[-1] + 1 + RUN_GAP:
            numbers.append(m.n)
    return numbers


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


def unreferenced_runs(drafts: list[Draft], numbered: list[int | None]) -> dict[int, str]:
    """Drafts that are notes by their numbering alone: index -> why.

    ``numbered`` gives each draft's leading note number in a weak form
    (``5 "..."``, ``5. ...``, ``6° ...``), or None. A run is a chain of such
    blocks standing in the foot area of their pages (``foot_area``), each
    numbered on from the last. It is notes when it has ``MIN_RUN`` numbered
    lines, nothing introduces it as a list, its numbering never goes on in
    the body, and it runs over the feet of two or more pages, stands under a
    notes heading, or stands at the foot of a page that is not the last.

    >>> from dedupe.normalise.blocks import demo_drafts
    >>> drafts = demo_drafts("It ended.'\\n\\n1 “A,” x.org.\\n\\n2 “B,” y.org.\\n\\fMore.?\\n\\n3 “C,” z.org.")
    >>> unreferenced_runs(drafts, [None, 1, 2, None, 3])
    {1: 'a run of 3 numbered notes at the feet of 2 pages', 2: 'a run of 3 numbered notes at the feet of 2 pages', 4: 'a run of 3 numbered notes at the feet of 2 pages'}
    >>> unreferenced_runs(demo_drafts("Do this:\\n\\n1. Go.\\n\\n2. Stay.\\n\\n3. Wait."), [None, 1, 2, 3])
    {}
    """
    found = headed_runs(drafts, numbered)
    feet = foot_area(drafts, numbered)
    last_page = max((d.pages[1] for d in drafts if d.is_body), default=0)
    runs: list[_Run] = []
    current: _Run | None = None
    for i, (d, n) in enumerate(zip(drafts, numbered, strict=True)):
        if n is None or i in found:
            continue
        if not feet[i]:
            if current is not None and current.takes(n):
                current.runs_on_in_body = True
            continue
        if current is None or not current.takes(n):
            current = _Run(i)
            runs.append(current)
        current.members.append(i)
        current.numbers.extend(_line_numbers(d, n))
        current.pages.update(range(d.pages[0], d.pages[1] + 1))
    for run in runs:
        why = _why_notes(drafts, run, last_page)
        if why:
            found.update(dict.fromkeys(run.members, why))
    return found


def headed_runs(drafts: list[Draft], numbered: list[int | None]) -> dict[int, str]:
    """Numbered blocks under a notes heading (``Notes``, ``Endnotes``), from
    the first block under it for as long as the numbering goes on, wherever
    the pages break: index -> why. Blocks OCR left without a number may
    stand between them.

    >>> from dedupe.normalise.blocks import demo_drafts
    >>> drafts = demo_drafts("It ended.'\\n\\nNotes\\n\\n1. “A,” x.org.\\n\\n. “B,” y.org.\\n\\n3. “C.”\\n\\n4. “D.”")
    >>> sorted(headed_runs(drafts, [None, None, 1, None, 3, 4]))
    [2, 4, 5]
    """
    found: dict[int, str] = {}
    for h, d in enumerate(drafts):
        if not (d.is_body and is_heading_like(d.text) and is_notes_heading(d.text)):
            continue
        first = next((j for j in range(h + 1, len(drafts)) if drafts[j].kind != "noise"), None)
        if first is None or numbered[first] is None:
            continue
        run = _Run(first)
        for j in range(first, len(drafts)):
            n = numbered[j]
            if n is None:
                continue
            if run.numbers and not run.takes(n, HEADED_GAP):
                break
            run.members.append(j)
            run.numbers.extend(_line_numbers(drafts[j], n))
        if len(run.numbers) >= MIN_RUN:
            why = f"a run of {len(run.numbers)} numbered notes under a notes heading"
            found.update(dict.fromkeys(run.members, why))
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
