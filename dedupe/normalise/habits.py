"""What a plain-text witness's own layout says about its paragraph breaks.

A text file hard-wrapped by a typesetter or an OCR engine keeps two habits
the rejoining of paragraphs can lean on:

- Blank lines: where no blank line on a page ever cuts a sentence (no block
  after one goes on in lower case from a block left open), blank lines on a
  page are paragraph breaks, and a block before one that ends in a comma or
  without punctuation lost its full stop to OCR; it is not a broken paragraph.
- The measure: lines are filled to a width. Where a page's last line leaves
  room for the next page's first word, the paragraph ended there, even if
  OCR lost its full stop. (Where it leaves none, the paragraph may or may
  not go on: a full stop there still ends it.)

Geometry readers (PDF, hOCR, ALTO, PAGE) draw blank lines from the page
itself and set lines in proportional type; these habits are for text files.
"""

from __future__ import annotations

from dataclasses import dataclass

from dedupe.normalise.draft import Draft
from dedupe.normalise.shape import ends_sentence, is_heading_like, starts_lowercase

MIN_PAIRS = 5  # blank-line breaks on a page needed to judge the habit
MIN_WRAPPED = 0.5  # share of lines inside wrapped blocks for a hard-wrapped text
ROOM = 3  # characters of room left on a line that was ended by choice


@dataclass(frozen=True)
class Habits:
    """A witness's paragraph-break habits (see the module docstring)."""

    blank_lines_break: bool = False
    measure: int | None = None  # the width lines are wrapped to, in characters

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


def _blank_lines_break(drafts: list[Draft]) -> bool:
    """Whether blank lines on a page always break paragraphs in this witness."""
    pairs = [
        (a, b)
        for a, b in zip(drafts, drafts[1:], strict=False)
        if a.kind == b.kind == "paragraph" and a.pages[1] == b.pages[0] and a.region == b.region
    ]
    cut = sum(
        1
        for a, b in pairs
        if not ends_sentence(a.text) and not is_heading_like(a.text) and starts_lowercase(b.text)
    )
    return len(pairs) >= MIN_PAIRS and cut <= 1 + len(pairs) // 50


def text_habits(drafts: list[Draft]) -> Habits:
    """The habits of a plain-text witness, from its drafts.

    >>> from dedupe.normalise.blocks import demo_drafts
    >>> para = "Alpha beta gamma delta.\\nEpsilon zeta eta theta.\\nIota kappa."
    >>> habits = text_habits(demo_drafts("\\n\\n".join([para] * 6)))
    >>> habits.blank_lines_break, habits.measure
    (True, 23)
    >>> habits.line_full("Iota kappa.", "Lambda"), habits.line_full("Epsilon zeta eta", "thetas.")
    (False, True)
    """
    return Habits(_blank_lines_break(drafts), _measure(drafts))


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
    return why
