"""Paragraphs: rejoining the broken ones, undoing line-end hyphenation.

A page break, a blank line in the wrong place, a footnote block or a running
header can cut a paragraph in two. A block that ends without sentence-final
punctuation and is followed (past any footnotes or noise) by a block that
carries the sentence on is one paragraph.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cached_property

from dedupe.lexicon import guess_language, word_counts, zipf
from dedupe.normalise.draft import Draft, Piece
from dedupe.normalise.habits import judge_break, text_habits
from dedupe.normalise.shape import (
    CLAUSE_END,
    EDGE,
    LIST_ITEM,
    ends_sentence,
    ends_with_address,
    ends_with_leader,
    is_heading_like,
    last_char,
    plain,
    starts_lowercase,
)

_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s")


def continues(before: Draft, after: Draft) -> str | None:
    """Why ``after`` carries on the sentence ``before`` leaves open, or None.

    >>> from dedupe.normalise.blocks import demo_drafts
    >>> a, b, c = demo_drafts("as far as Kazakhs were concerned, amongst big powers in the"
    ...     "\\n\\nregion as far as it goes.\\n\\nPersistent Tensions")
    >>> continues(a, b), continues(b, c)
    ('the next block starts in lower case', None)
    """
    first, second = before.text, after.text
    if not first or not second or ends_sentence(first) or _MARKDOWN_HEADING.match(first):
        return None
    if LIST_ITEM.match(plain(second[:EDGE])) or _MARKDOWN_HEADING.match(second):
        return None
    if not any(c.isalpha() for c in second):
        return None  # a figure label or a stray number carries no sentence
    if starts_lowercase(second):
        return "the next block starts in lower case"
    if is_heading_like(second):
        return None
    end = last_char(plain(first[-EDGE:]))
    if end in CLAUSE_END:
        return f"the block ends with '{end}'"
    if not is_heading_like(first) and not ends_with_address(first) and not ends_with_leader(first):
        return "the block ends mid-sentence"
    return None


def title_goes_on(before: Draft, after: Draft) -> str | None:
    """A title ending in a colon and the subtitle under it are one title.

    >>> from dedupe.normalise.blocks import demo_drafts
    >>> a, b = demo_drafts("Beijing Binds:\\n\\nCOVID-19 and the China-Central Asia Relationship")
    >>> title_goes_on(a.but(region="front"), b.but(region="front"))
    'a title ending with a colon, and its subtitle'
    """
    if before.region != "front" or after.region != "front":
        return None
    if last_char(plain(before.text)) == ":" and is_heading_like(after.text):
        return "a title ending with a colon, and its subtitle"
    return None


def rejoin_broken_paragraphs(drafts: list[Draft], text_file: bool = False) -> list[Draft]:
    """Join paragraph pieces split by a blank line, a page break, footnotes or noise.

    The joined paragraph stands where its first part stood; the footnote and
    noise blocks that interrupted it follow it. In a plain-text witness
    (``text_file``) the file's own habits have a say (``habits.judge_break``).

    >>> from dedupe.normalise.blocks import demo_drafts
    >>> from dedupe.normalise.draft import show
    >>> show(rejoin_broken_paragraphs(demo_drafts(
    ...     "in January and February as people went down the\\n\\n"
    ...     "route of attacking ethnic Chinese they saw in the markets.")))
    paragraph: in January and February as people went down the route of attacking ethnic Chinese they saw in the markets.  [rejoined: the next block starts in lower case]
    """
    habits = text_habits(drafts) if text_file else None
    out: list[Draft] = []
    open_at: int | None = None  # index in ``out`` of the paragraph that may go on
    passed: list[Draft] = []  # footnote and noise blocks since the open paragraph
    for d in drafts:
        if not d.is_body:
            out.append(d)
            passed.append(d)
            continue
        if open_at is not None and d.kind == "paragraph" and out[open_at].region == d.region:
            before = out[open_at]
            skipped = sum(1 for x in passed if _between(x, before, d))
            why = continues(before, d)
            if habits is not None:
                why = judge_break(habits, before, d, skipped, why)
            why = why or title_goes_on(before, d)
            if why:
                where = " across a page break" if before.pages[1] != d.pages[0] else ""
                past = f", past {skipped} footnote or noise block(s)" if skipped else ""
                out[open_at] = before.absorb(d, f"rejoined{where}{past}: {why}")
                passed = []
                continue
        out.append(d)
        open_at = len(out) - 1 if d.kind == "paragraph" else None
        passed = []
    return out


def _between(x: Draft, before: Draft, after: Draft) -> bool:
    """Whether ``x`` stands between ``before`` and ``after`` in the source
    (a block passed by an earlier join stands before the joined part)."""
    return bool(x.pieces) and before.pieces[-1].line < x.pieces[0].line < after.pieces[0].line


# --- line-end hyphenation ---------------------------------------------------

#: Hyphens a line may end with: hyphen-minus, Unicode hyphens, the double
#: oblique hyphen of Fraktur (Calamari writes ``⸗``) and the not sign some
#: Fraktur transcriptions use for it. The soft hyphen is always removed.
LINE_END_HYPHENS = "-\u2010\u2011\u2e17\u2e40\u00ac"
_LETTERS = r"(?:[^\W\d_]|[\u0300-\u036f])+"  # combining marks: old umlauts (uͤ)
_LEFT = re.compile(rf"({_LETTERS})[{LINE_END_HYPHENS}]$")
_RIGHT = re.compile(rf"^({_LETTERS})")
_LAST_WORD = re.compile(rf"(?<![\w'’-])({_LETTERS})$")
KNOWN_ZIPF = 1.0  # wordfreq's Zipf scale: 1 is once per hundred million words
CLEARLY_MORE = 0.5  # Zipf by which a joined word beats its parts (about 3 times as common)


class HyphenJudge:
    """Decides line-end hyphens for one document: its own spellings first,
    then word frequencies (wordfreq) in the document's language."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def counts(self) -> Counter[str]:
        return word_counts(self.text)

    @cached_property
    def language(self) -> str:
        """The language whose common words the document uses most (default en)."""
        return guess_language(self.counts)

    def zipf(self, word: str) -> float:
        return zipf(word, self.language)

    def decide(self, left: str, right: str) -> tuple[bool, str]:
        """Join ``left-`` and ``right`` (True) or keep the hyphen, with the reason.

        >>> judge = HyphenJudge("a well-received talk")
        >>> judge.decide("soft", "ware")
        (True, "line-end hyphen removed in 'software': a known word (zipf 4.8)")
        >>> judge.decide("well", "received")
        (False, "line-end hyphen kept in 'well-received': written so elsewhere in the document")
        """
        joined, hyphened = left + right, f"{left}-{right}"
        if right[:1].isupper():
            return False, f"line-end hyphen kept in '{hyphened}': a capital follows"
        if self.counts[hyphened.casefold()] and not self.counts[joined.casefold()]:
            return (
                False,
                f"line-end hyphen kept in '{hyphened}': written so elsewhere in the document",
            )
        if self.counts[joined.casefold()]:
            return (
                True,
                f"line-end hyphen removed in '{joined}': written so elsewhere in the document",
            )
        z = self.zipf(joined)
        if z >= KNOWN_ZIPF:
            return True, f"line-end hyphen removed in '{joined}': a known word (zipf {z:.1f})"
        if self.zipf(left) >= KNOWN_ZIPF and self.zipf(right) >= KNOWN_ZIPF:
            return False, f"line-end hyphen kept in '{hyphened}': a compound of two known words"
        return True, f"line-end hyphen removed in '{joined}': a word split at the line end"

    def lost_hyphen(self, left: str, right: str) -> tuple[str, str] | None:
        """A word split at the line end whose hyphen OCR lost (``Men`` /
        ``schen``) or read as a letter (``Unmüne`` / ``digkeit``, Fraktur's
        ``⸗``): the word as it stands before the line end, and the reason;
        None where the two are words of their own.

        The joined word must be a word the document uses elsewhere (and its
        parts not), or clearly more common than either part.

        >>> judge = HyphenJudge("Unmündigkeit ist das Unvermögen. der Men schen")
        >>> judge.lost_hyphen("Unmüne", "digkeit")
        ('Unmün', "line-end hyphen read as 'e' in 'Unmündigkeit': written so elsewhere in the document")
        >>> judge.lost_hyphen("Men", "schen")[1]
        "line-end hyphen lost in 'Menschen': a known word (zipf 5.9)"
        >>> judge.lost_hyphen("the", "rapy") is None, judge.lost_hyphen("some", "times") is None
        (True, True)
        """
        if not right[:1].islower() or len(left) < 2:
            return None
        seen = self.counts
        if seen[left.casefold()] > 1 and seen[right.casefold()] > 1:
            return None  # both words of the document's own: a split is rare enough to miss
        options = [(left, "lost")]
        if len(left) >= 3 and self.zipf(left) < KNOWN_ZIPF:
            options.append((left[:-1], f"read as '{left[-1]}'"))
        parts = max(self.zipf(left), self.zipf(right))
        alone = seen[left.casefold()] <= 1 and seen[right.casefold()] <= 1
        for head, how in options:
            joined = head + right
            if alone and seen[joined.casefold()]:
                why = "written so elsewhere in the document"
            elif (z := self.zipf(joined)) >= KNOWN_ZIPF and z >= parts + CLEARLY_MORE:
                why = f"a known word (zipf {z:.1f})"
            else:
                continue
            return head, f"line-end hyphen {how} in '{joined}': {why}"
        return None


def join_pieces(pieces: Sequence[Piece], judge: HyphenJudge) -> tuple[str, list[str]]:
    """The display text of a block: its pieces joined with a space, except
    where a line ends in a hyphen that the judge removes.

    >>> from dedupe.normalise.blocks import demo_drafts
    >>> text = "The pictures are composites processed using the soft-\\nware Imagic."
    >>> join_pieces(demo_drafts(text)[0].pieces, HyphenJudge(text))
    ('The pictures are composites processed using the software Imagic.', ["line-end hyphen removed in 'software': a known word (zipf 4.8)"])
    >>> text = "Ausgang des Men⸗\\nſchen aus ſeiner Unmuͤn¬\\ndigkeit"
    >>> join_pieces(demo_drafts(text)[0].pieces, HyphenJudge(text))[0]
    'Ausgang des Menſchen aus ſeiner Unmuͤndigkeit'
    >>> join_pieces(demo_drafts("the COVID-\\n19 crisis")[0].pieces, HyphenJudge(""))[0]
    'the COVID-19 crisis'
    """
    parts: list[str] = []
    notes: list[str] = []
    previous: Piece | None = None
    for piece in pieces:
        if piece.marker or not piece.text:
            continue
        if not parts:
            parts.append(piece.text)
        elif previous is not None and previous.line != piece.line:
            glued = _glue(parts[-1], piece.text, judge, notes)
            if glued is None:
                parts.append(" " + piece.text)
            else:
                parts[-1] = glued
        else:
            parts.append(" " + piece.text)
        previous = piece
    return "".join(parts), notes


def _glue(left: str, right: str, judge: HyphenJudge, notes: list[str]) -> str | None:
    """``left`` and ``right`` glued over a line-end hyphen, or None (join with a space)."""
    end = left[-1:]
    if end == "\u00ad":
        notes.append("soft hyphen at the line end removed")
        return left[:-1] + right
    tail = _RIGHT.match(right)
    if end.isalpha():
        last = _LAST_WORD.search(left[-EDGE:])
        lost = judge.lost_hyphen(last.group(1), tail.group(1)) if last and tail else None
        if not lost:
            return None
        notes.append(lost[1])
        return left[: len(left) - len(last.group(1))] + lost[0] + right
    if not end or end not in LINE_END_HYPHENS or left[-2:-1] in tuple(LINE_END_HYPHENS):
        return None
    if right[:1].isdigit() and left[-2:-1].isalnum():
        notes.append("line-end hyphen kept before a number")
        return left + right  # COVID-19, 1914-1918: a number is never hyphenated
    head = _LEFT.search(left[-EDGE:])
    if not head or not tail:
        return None
    join, reason = judge.decide(head.group(1), tail.group(1))
    notes.append(reason)
    return (left[:-1] if join else left) + right
