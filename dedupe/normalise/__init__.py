"""Normalise: a witness's lines become a Document of typed blocks.

The pipeline is a list of small rules, each a function from drafts to
drafts named for what it repairs (see ``RULES``); each decision it makes is
written into the block's ``reason``. ``normalise`` runs them in order:

1. layout lines (geometry hints from ``geometry.mark_layout`` where lines have
   boxes; in text files running headers and footers matched through OCR
   damage, page numbers that fit the page run, ``running.py``; rule lines)
   become noise blocks;
2. the other lines are grouped into blocks at blank lines and page breaks;
3. footnotes are found and split one per number (known by their numbering
   where OCR lost the markers, and then the symbols OCR read for the body's
   markers left out of the text: ``noteruns.py``); a note cut by a page
   break is joined with its rest, and the heading over endnotes becomes noise;
4. short lines that cut a sentence in two (callouts, page-foot lines) become
   noise;
5. paragraphs broken by page breaks, blank lines, notes or noise are rejoined
   (in a text file, weighed against its own habits: ``habits.py``);
6. front matter at the top is marked;
7. all-capitals callouts followed by a heading become noise (sidebars), and
   a title ending in a colon is joined with its subtitle;
8. headings are recognised;
9. each block's text is built (line-end hyphenation undone where the joined
   word is the better reading) and its spans point at the source lines.
"""

from __future__ import annotations

from collections.abc import Callable

from dedupe.model import Block, Document, Source, Span, Word
from dedupe.normalise.blocks import raw_blocks
from dedupe.normalise.draft import Draft, Piece
from dedupe.normalise.endnotes import mark_endnote_headings, rejoin_broken_notes
from dedupe.normalise.footnotes import body_markers, find_footnotes, sequence_warnings
from dedupe.normalise.headings import mark_front_matter, mark_headings
from dedupe.normalise.leaders import even_leaders
from dedupe.normalise.noise import (
    layout_lines,
    mark_probable_sidebars,
    mark_sentence_interrupters,
)
from dedupe.normalise.noteruns import mark_damaged_markers
from dedupe.normalise.paragraphs import HyphenJudge, join_pieces, rejoin_broken_paragraphs

Rule = Callable[[list[Draft]], list[Draft]]

#: The block rules, in the order they run.
RULES: tuple[Rule, ...] = (
    find_footnotes,
    mark_damaged_markers,
    rejoin_broken_notes,
    mark_endnote_headings,
    mark_sentence_interrupters,
    rejoin_broken_paragraphs,
    mark_front_matter,
    mark_probable_sidebars,
    rejoin_broken_paragraphs,  # again, for a title and its subtitle in the front matter
)


#: Rules that also weigh a plain-text witness's own habits (``habits.py``).
TEXT_AWARE = (rejoin_broken_notes, mark_sentence_interrupters, rejoin_broken_paragraphs)


def normalise(source: Source) -> Document:
    """A witness's Source as a Document: all blocks in reading order."""
    if any(line.box is not None for line in source.lines):
        from dedupe.normalise.geometry import mark_layout

        source = mark_layout(source)
    drafts = raw_blocks(source, layout_lines(source.pages))
    text_file = all(line.box is None for line in source.lines)
    for rule in RULES:
        drafts = rule(drafts, text_file=text_file) if rule in TEXT_AWARE else rule(drafts)
    lines = source.lines
    sizes = {i: ln.font_size for i, ln in enumerate(lines) if ln.font_size}
    drafts = mark_headings(drafts, sizes)
    judge = HyphenJudge(source.text)
    wid = source.witness.id
    blocks = tuple(to_block(d, wid, judge, lines) for d in drafts)
    notes = [b.n for b in blocks if b.kind == "footnote" and b.n is not None]
    markers = [
        m.n for b in blocks if b.kind in ("heading", "paragraph") for m in body_markers(b.text)
    ]
    warnings = [f"{source.witness.label}: {w}" for w in sequence_warnings(notes, markers)]
    return Document(source.witness, blocks, source.warnings + tuple(warnings))


def to_block(d: Draft, witness: str, judge: HyphenJudge, lines) -> Block:
    """The final Block of a draft: display text, spans, confidences."""
    text, notes = join_pieces(d.pieces, judge)
    text = even_leaders(text)
    reason = d.reason
    for note in notes:
        reason = f"{reason}; {note}" if reason else note
    return Block(
        kind=d.kind,
        text=text,
        spans=spans_of(d.pieces, witness),
        n=d.n,
        reason=reason,
        region=d.region,
        confidences=confidences_of(d.pieces, lines, text),
    )


def spans_of(pieces: tuple[Piece, ...], witness: str) -> tuple[Span, ...]:
    """One span per stretch of source: consecutive pieces of one line (a
    note's number and its text) are one span."""
    spans: list[Span] = []
    last_line = None
    for p in pieces:
        if spans and p.line == last_line and p.start >= spans[-1].end:
            spans[-1] = Span(witness, spans[-1].start, p.end, spans[-1].page)
            continue
        spans.append(Span(witness, p.start, p.end, p.page))
        last_line = p.line
    return tuple(spans)


def confidences_of(pieces: tuple[Piece, ...], lines, text: str = "") -> tuple[Word, ...]:
    """The OCR word confidences of the lines a block was built from, and of
    the words of its text the rules changed (``as_printed``)."""
    seen = dict.fromkeys(p.line for p in pieces)  # each line once, in order
    words = [word for i in seen for word in lines[i].words]
    return tuple(words + as_printed(text, words)) if words else ()


#: How many OCR words ahead a changed word of the text is looked for.
LOOKAHEAD = 3


def as_printed(text: str, words: list[Word]) -> list[Word]:
    """The words of a block's text that the rules cut from an OCR word, each
    with that word's confidence: a note marker OCR read as symbols left out
    (``down:*°`` is ``down:``). Without it the cut word would count as read
    with full confidence and win over a better reading. (A word joined over
    a line-end hyphen keeps no confidence, as before.)

    >>> read = [Word("the", 0.96), Word("down:*°", 0.28), Word("re-", 0.9), Word("pairing", 0.8)]
    >>> as_printed("the down: repairing", read)
    [Word(text='down:', confidence=0.28)]
    """
    out: list[Word] = []
    j = 0
    for token in text.split():
        if j < len(words) and words[j].text == token:
            j += 1
            continue
        for k in range(j, min(j + LOOKAHEAD, len(words))):
            read = words[k].text
            if read == token:
                j = k + 1
                break
            if read.startswith(token):
                out.append(Word(token, words[k].confidence))
                j = k + 1
                break
    return out


__all__ = ["normalise", "RULES"]
