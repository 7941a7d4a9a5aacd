"""What a plain-text witness's own layout says about its paragraph breaks.

A text file hard-wrapped by a typesetter or an OCR engine keeps habits the
rejoining of paragraphs can lean on:

- Blank lines: where no blank line on a page ever cuts a sentence (no block
  after one goes on in lower case from a block left open), blank lines on a
  page are paragraph breaks, and a block before one that ends in a comma or
  without punctuation lost its full stop to OCR; it is not a broken paragraph.
- The measure: lines are filled to a width. Where a page's last line leaves
  room for the next page's first word, the paragraph ended there, even if
  OCR lost its full stop.
- Where that last line is full and ends a sentence, the paragraph may go on
  or end; the witness says which is likelier: how many of its full lines
  end a sentence inside a paragraph, against how many end a paragraph.

Geometry readers (PDF, hOCR, ALTO, PAGE) draw blank lines from the page
itself and set lines in proportional type; these habits are for text files.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from dedupe.normalise.draft import Draft
from dedupe.normalise.shape import (
    EDGE,
    LIST_ITEM,
    ends_sentence,
    ends_with_leader,
    is_heading_like,
    plain,
    starts_lowercase,
)

MIN_PAIRS = 5  # blank-line breaks on a page needed to judge the habit
MIN_WRAPPED = 0.5  # share of lines inside wrapped blocks for a hard-wrapped text
ROOM = 3  # characters of room left on a line that was ended by choice
FILLED = 0.8  # share of the measure a wrapped line fills at the least
GOES_ON_ODDS = 3  # full lines ending a sentence inside paragraphs per one ending them


@dataclass(frozen=True)
class Habits:
    """A witness's paragraph-break habits (see the module docstring)."""

    blank_lines_break: bool = False
    measure: int | None = None  # the width lines are wrapped to, in characters
    #: whether a full line ending a sentence at a page end more likely goes on
    goes_on_past_full_stop: bool = False

    def fills(self, line: str) -> bool:
        """Whether a line runs to (near) the measure: wrapped, not set short
        like a heading."""
        return self.measure is not None and len(line) > FILLED * self.measure

    def line_full(self, line: str, next_word: str) -> bool | None:
        """Whether ``next_word`` could not have gone on ``line`` (True), had
        room to spare (False), or the measure does not say (None)."""
        if self.measure is None:
            return None
        wanted = len(line) + 1 + len(next_word)
        if wanted > self.measure:
            return True
        return False if wanted <= self.measure - ROOM else None


def _lines_of_paragraphs(drafts: list[Draft]) -> list[list[str]]:
    return [d.lines for d in drafts if d.kind == "paragraph" and d.pieces]


def _measure(drafts: list[Draft]) -> int | None:
    """The width of a hard-wrapped text: the 95th percentile of the lengths
    of lines that are not the last of their block (those the wrap ended);
    None where most lines stand alone (one paragraph a line)."""
    blocks = _lines_of_paragraphs(drafts)
    total = sum(len(lines) for lines in blocks)
    inner = sorted(len(line) for lines in blocks for line in lines[:-1])
    if not total or len(inner) < MIN_PAIRS or len(inner) < MIN_WRAPPED * total:
        return None
    return inner[int(0.95 * (len(inner) - 1))]


def _same_page_pairs(drafts: list[Draft]) -> list[tuple[Draft, Draft]]:
    """Neighbouring paragraphs on one page: a blank line between them."""
    return [
        (a, b)
        for a, b in zip(drafts, drafts[1:], strict=False)
        if a.kind == b.kind == "paragraph" and a.pages[1] == b.pages[0] and a.region == b.region
    ]


def _blank_lines_break(pairs: list[tuple[Draft, Draft]], measure: int | None) -> bool:
    """Whether blank lines on a page always break paragraphs in this witness:
    (almost) never does a block after one go on in lower case from prose left
    open (a line that is not heading-like, or is filled to the measure; a
    name line over a word OCR lost the capital of does not count)."""

    def cut(a: Draft, b: Draft) -> bool:
        if ends_sentence(a.text) or not starts_lowercase(b.text):
            return False
        full = measure is not None and len(a.lines[-1]) + 1 + len(b.text.split()[0]) > measure
        return full or not is_heading_like(a.text)

    cuts = sum(1 for a, b in pairs if cut(a, b))
    return len(pairs) >= MIN_PAIRS and cuts <= 1 + len(pairs) // 50


def _goes_on(drafts: list[Draft], pairs: list[tuple[Draft, Draft]], habits: Habits) -> bool:
    """Whether full lines ending a sentence are ``GOES_ON_ODDS`` times likelier
    inside a paragraph (wrapped lines) than at its end (a paragraph's last
    line with no room for the next one's first word)."""
    inside = sum(
        1
        for lines in _lines_of_paragraphs(drafts)
        for line in lines[:-1]
        if not line[-1:].isalnum() and ends_sentence(line)  # a letter ends no sentence
    )
    at_end = sum(
        1
        for a, b in pairs
        if ends_sentence(a.text) and habits.line_full(a.lines[-1], b.text.split()[0])
    )
    return inside >= GOES_ON_ODDS * (at_end + 1)


def text_habits(drafts: list[Draft]) -> Habits:
    """The habits of a plain-text witness, from its drafts.

    >>> from dedupe.normalise.blocks import demo_drafts
    >>> para = "Alpha beta gamma delta.\\nEpsilon zeta eta theta.\\nIota kappa."
    >>> habits = text_habits(demo_drafts("\\n\\n".join([para] * 6)))
    >>> habits.blank_lines_break, habits.measure, habits.goes_on_past_full_stop
    (True, 23, True)
    >>> habits.line_full("Iota kappa.", "Lambda"), habits.line_full("Epsilon zeta eta", "thetas.")
    (False, True)
    """
    pairs = _same_page_pairs(drafts)
    measure = _measure(drafts)
    habits = Habits(_blank_lines_break(pairs, measure), measure)
    if habits.measure is None:
        return habits
    return replace(habits, goes_on_past_full_stop=_goes_on(drafts, pairs, habits))


def judge_break(
    habits: Habits, before: Draft, after: Draft, skipped: int, why: str | None
) -> str | None:
    """Why ``before`` and ``after`` are one paragraph, with the habits' say
    on what the text alone says (``why``); None to keep them apart. A block
    going on in lower case is always joined."""
    if why and starts_lowercase(after.text):
        return why
    if before.pages[1] == after.pages[0]:
        return None if habits.blank_lines_break and not skipped else why
    words = after.text.split()
    full = habits.line_full(before.pieces[-1].text, words[0]) if words else None
    if why and full is False:
        return None  # the page's last line had room: the paragraph ended there
    if not why and full and habits.goes_on_past_full_stop and _prose(before, after):
        return "the page's last line is full, and in this witness such a line more often goes on"
    return why


def _prose(before: Draft, after: Draft) -> bool:
    """A paragraph ending a sentence and one starting one: running text (not
    headings, list items, entries ending in a dot leader or an address)."""
    return (
        before.kind == after.kind == "paragraph"
        and ends_sentence(before.text)
        and not is_heading_like(before.text)
        and not is_heading_like(after.text)
        and not ends_with_leader(before.text)
        and not LIST_ITEM.match(plain(after.text[:EDGE]))
    )
