"""One-sided passages: in the canonical text on evidence, and never twice.

A passage some witnesses lack (a paragraph of one witness only, or a long
run of words inside a shared paragraph) is one of these:

- a copy of text the canonical text already has elsewhere: a pull quote or
  a passage the text layer doubled at a page break (the witness prints it
  twice), or text the page layout moved (a footnote continued on the next
  page glued to the wrong paragraph). It is layout: left out, listed as
  removed, and kept in the apparatus;
- one of several copies of one passage, each standing at its own place in
  its own witness (the alignment could not pair them): the copies count as
  one passage, kept once, at the place of the best supported copy;
- a passage a minority of the witnesses has: left out by majority;
- with no majority (two witnesses, one has it): kept only where it is
  plausible body text (mostly letters, mostly words of the language), not
  page-foot OCR garbage, and where most of its text does not already stand
  elsewhere in the canonical text or in the notes of the witness that lacks
  it (notes one scan read as a paragraph, a column read in another order);
- one of two neighbouring runs of one place, each read by other witnesses
  (readings the word alignment could not pair): the more plausible one is
  kept.

Every reading stays in its column, so nothing is lost from the apparatus;
the passage's fate is the column's ``canonical`` and ``reason``.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from dedupe.copies import MIN_CHARS, SIMILAR, CopyIndex, like_noise, partial_alike
from dedupe.lexicon import zipf
from dedupe.model import Column, Document, Removed, Span, Unit, evolve
from dedupe.normalise.fold import core_words, fold, squash
from dedupe.style import apply_quotes

#: A passage is plausible body text with this share of letters (of its
#: non-space characters) and of words of the language (or of the document).
LETTERS = 0.6
KNOWN = 0.6  # the worst engine of the Kant set reads 66% of a paragraph's words right
WORD_ZIPF = 2.0  # a word of the language: below it, abbreviations and junk (``psz`` 1.5)
RELATIVE = 0.6  # ... or 0.6 times the share of words the witness reads elsewhere
SURE = 0.8  # ... and kept without a review flag from this share of words on
SAMPLE_WORDS = 20_000  # words of each witness read to learn its usual share
HELD = 0.8  # a copy whose text the kept copies make up this much of goes
#: a passage without a majority goes where this share of its pieces stands
#: elsewhere in the canonical text (or in the notes)
ELSEWHERE = 0.4
ELSEWHERE_CHARS = 60  # ... and it is this long: a title may repeat the words of a subtitle
PIECE = 40  # characters of a squashed passage looked for as one piece
#: a passage shorter than ELSEWHERE_CHARS is elsewhere where runs of its words
#: this long (squashed) found verbatim cover this share of it
RUN_CHARS = 12
IN_PIECES = 0.8


@dataclass
class Passage:
    """A one-sided passage: a whole unit (``column`` None) or one column."""

    unit: int
    column: int | None
    have: tuple[str, ...]
    text: str
    kept: bool
    start: int = 0  # its place in the searched text
    end: int = 0
    note: bool = False  # a numbered note: judged by its letters, not its words
    heading: bool = False  # a title may repeat the words of a subtitle
    title: bool = False  # the document's title, which the running heads repeat


#: canonical text, kind ("keep" keeps the passage), reason, confidence, review
Decision = tuple[str | None, str, str, float, bool]


@dataclass(frozen=True)
class Segment:
    start: int
    owner: int  # index of a passage, or -1 for the rest of the canonical text
    readers: frozenset[str]
    note: bool = False  # the text of a numbered note


def opens_document(unit: Unit, docs: dict[str, Document]) -> bool:
    """A heading before any paragraph of a witness that has it: the title,
    which the running heads of later pages repeat."""
    if unit.kind != "heading":
        return False
    for w, idx in unit.blocks.items():
        if idx and all(b.kind in ("heading", "noise") for b in docs[w].blocks[: idx[0]]):
            return True
    return False


def names(wids: Sequence[str]) -> str:
    return ", ".join(sorted(wids))


@dataclass(frozen=True)
class Judge:
    """What deciding a passage needs to know about the witnesses."""

    wids: tuple[str, ...]
    weights: dict[str, float]  # how carefully each witness reads (decide.reliability)
    language: str
    counts: dict[str, int]  # word counts over every witness
    docs: tuple[Document, ...] = ()
    #: each witness's share of words elsewhere, learnt when first needed
    usual: dict[str, float] = field(default_factory=dict)
    #: the canonical text outside the passages and every numbered note, squashed
    held: CopyIndex | None = None
    #: each witness's misreading rate where the witnesses disagree (``track_record``)
    record: dict[str, float] = field(default_factory=dict)
    #: the letters of every layout line some witness's normaliser removed
    noise: frozenset[str] = frozenset()

    def elsewhere(self, key: str) -> float:
        """Share of a squashed passage, in pieces of ``PIECE`` characters, with
        a copy (in order, through OCR noise) in the canonical text outside the
        passages or in the notes: notes one witness read as a paragraph, a
        column read in another order."""
        if self.held is None or len(key) < PIECE:
            return 0.0
        pieces = [key[i : i + PIECE] for i in range(0, len(key) - PIECE // 2, PIECE // 2)]
        found = sum(1 for piece in pieces if self.held.find(piece, limit=1))
        return found / len(pieces)

    def in_pieces(self, text: str) -> float:
        """Share of a short passage's squashed text that stands, word run by
        word run (each ``RUN_CHARS`` long or more), in the canonical text
        outside the passages or in the notes: a block one scan glued together
        from a note's tail and the next heading is a copy in two pieces."""
        if self.held is None:
            return 0.0
        keys = [squash(w) for w in text.split()]
        total = sum(map(len, keys))
        covered, i = 0, 0
        while i < len(keys):
            for j in range(len(keys), i, -1):  # the longest run from here found
                run = "".join(keys[i:j])
                if len(run) >= RUN_CHARS and run in self.held.text:
                    covered += len(run)
                    i = j
                    break
            else:
                i += 1
        return covered / total if total else 0.0

    def care(self, wids: Sequence[str]) -> float:
        """How carefully the best of ``wids`` reads: its track record where
        the witnesses disagree, else its share of words of the language."""
        if self.record:
            return max((-math.log(self.record[w]) for w in wids if w in self.record), default=0.0)
        return max((self.weights.get(w, 0.0) for w in wids), default=0.0)

    def usual_share(self, wid: str) -> float:
        if wid not in self.usual:
            doc = next((d for d in self.docs if d.witness.id == wid), None)
            self.usual[wid] = usual_share(doc, self.language, self.counts) if doc else 1.0
        return self.usual[wid]

    def plausible(self, p: Passage) -> tuple[bool, str, bool]:
        if p.note:  # its number placed it; notes cite titles in any language
            ok, why, sure = plausible(p.text, self.language, self.counts, 0.0)
            return ok, f"a numbered note: {why}", sure
        usual = max((self.usual_share(w) for w in p.have), default=1.0)
        return plausible(p.text, self.language, self.counts, usual)


def settle_passages(
    docs: Sequence[Document],
    units: list[Unit],
    weights: dict[str, float],
    language: str,
    counts: dict[str, int],
    record: dict[str, float] | None = None,
    noise: frozenset[str] = frozenset(),
) -> list[Unit]:
    """Units with their one-sided passages decided (see the module docstring)."""
    passages, segments, text = collect(units)
    if not passages:
        return units
    by_id = {d.witness.id: d for d in docs}
    for p in passages:
        p.title = p.column is None and opens_document(units[p.unit], by_id)
    index = CopyIndex(text)
    starts = [s.start for s in segments]
    firm: dict[int, frozenset[str]] = {}  # passage -> witnesses of the canonical copy
    links: dict[int, set[int]] = {k: set() for k in range(len(passages))}
    for k, p in enumerate(passages):
        for hit in index.find(text[p.start : p.end], exclude=(p.start, p.end)):
            seg = segments[max(0, bisect_right(starts, hit.start) - 1)]
            readers, owners = covered(hit.start, hit.end, segments, starts, passages)
            if p.note and seg.note and seg.readers & set(p.have):
                readers = None  # two notes of one witness citing one source are two notes
            if readers is not None:
                firm[k] = firm.get(k, frozenset()) | readers
            for o in owners:
                if o != k:
                    links[k].add(o)
                    links[o].add(k)
    judge = Judge(
        tuple(d.witness.id for d in docs),
        weights,
        language,
        counts,
        tuple(docs),
        held=CopyIndex(held_text(text, segments, passages)),
        record=record or {},
        noise=noise,
    )
    decisions: dict[int, Decision] = {}
    for k, readers in list(firm.items()):
        p = passages[k]
        if len(readers) < len(p.have):
            del firm[k]  # a copy fewer witnesses read is no reason to leave this one out
        elif p.kept:
            decisions[k] = (None, "layout", copy_reason(p, readers), 0.8, False)
    rest = [k for k in range(len(passages)) if k not in firm]
    for a, b in alternatives(rest, passages, units):
        decisions.update(choose_alternative(a, b, passages, judge))
    for group in components([k for k in rest if k not in decisions], links):
        decisions.update(settle_group(group, passages, judge))
    out = list(units)
    for k, decision in sorted(decisions.items()):
        out[passages[k].unit] = apply(out[passages[k].unit], passages[k], decision)
    return out


def alternatives(
    members: list[int], passages: list[Passage], units: Sequence[Unit]
) -> list[tuple[int, int]]:
    """Neighbouring columns of one place that different witnesses read: the
    two readings of a passage the word alignment could not pair (old
    spelling read badly by both engines). They are alternatives, not two
    passages: the canonical text takes one."""
    at = {
        (passages[k].unit, passages[k].column): k for k in members if passages[k].column is not None
    }
    pairs = []
    for (u, c), k in sorted(at.items()):
        j = at.get((u, c + 1))
        if j is None or set(passages[k].have) & set(passages[j].have):
            continue
        present = {w for w, idx in units[u].blocks.items() if idx}
        if set(passages[k].have) | set(passages[j].have) == present:
            pairs.append((k, j))
    used: set[int] = set()
    out = []
    for k, j in pairs:
        if k not in used and j not in used:
            out.append((k, j))
            used |= {k, j}
    return out


def choose_alternative(
    a: int, b: int, passages: list[Passage], judge: Judge
) -> dict[int, Decision]:
    """The more plausible reading of a place, then the more careful witness's."""

    def merit(k: int) -> tuple:
        p = passages[k]
        share, _ = word_share(p.text, judge.language, judge.counts)
        return (round(share, 1), judge.care(p.have), -k)

    win, lose = sorted((a, b), key=merit, reverse=True)
    w, x = passages[win], passages[lose]
    why = (
        f"{names(w.have)} and {names(x.have)} read this place differently and the words do not "
        f"pair; {names(w.have)}'s reading has more words of the language"
    )
    if round(word_share(w.text, judge.language, judge.counts)[0], 1) == round(
        word_share(x.text, judge.language, judge.counts)[0], 1
    ):
        why = why.rsplit(";", 1)[0] + f"; {names(w.have)} reads more carefully elsewhere"
    return {
        win: (w.text, "keep", f"{why}: kept", 0.6, True),
        lose: (None, "addition", f"{why}: {names(x.have)}'s reading left out", 0.6, True),
    }


def collect(units: Sequence[Unit]) -> tuple[list[Passage], list[Segment], str]:
    """The one-sided passages, and the canonical text with every passage
    (kept or not) at its place, squashed, as segments."""
    passages: list[Passage] = []
    segments: list[Segment] = []
    pieces: list[str] = []
    at = 0

    def add(piece: str, owner: int, readers: frozenset[str]) -> None:
        nonlocal at
        if piece:
            segments.append(Segment(at, owner, readers, units[u].kind == "footnote"))
            pieces.append(piece)
            at += len(piece)

    for u, unit in enumerate(units):
        if unit.kind == "noise" or not unit.columns:
            continue
        lacking = [w for w, idx in unit.blocks.items() if not idx]
        have = tuple(w for w, idx in unit.blocks.items() if idx)
        left_as_layout = all(c.kind == "layout" and c.canonical is None for c in unit.columns)
        if lacking and not unit.moved and not left_as_layout:
            kept = any(c.canonical for c in unit.columns)
            text = unit.text() if kept else best_reading(unit.columns, have)
            key = squash(text)
            if len(key) >= MIN_CHARS:
                note = unit.kind == "footnote"
                p = Passage(u, None, have, text, kept, at, at + len(key), note)
                p.heading = unit.kind == "heading"
                passages.append(p)
                add(key, len(passages) - 1, frozenset(have))
                continue
        for c, col in enumerate(unit.columns):
            readers = frozenset(w for w, r in col.readings.items() if r)
            if unit.section == "body" and not unit.moved and len(readers) < len(col.readings):
                longest = max((r for r in col.readings.values() if r), key=len, default="")
                key = squash(col.canonical or longest)
                if len(key) >= MIN_CHARS:
                    text = col.canonical or longest
                    p = Passage(u, c, tuple(sorted(readers)), text, col.canonical is not None)
                    p.start, p.end = at, at + len(key)
                    passages.append(p)
                    add(key, len(passages) - 1, readers)
                    continue
            if col.canonical:
                add(squash(col.canonical), -1, readers)
    return passages, segments, "".join(pieces)


def held_text(text: str, segments: Sequence[Segment], passages: Sequence[Passage]) -> str:
    """The searched text's canonical stretches outside the passages, and the
    numbered notes, joined (what a passage without a majority may copy)."""
    out = []
    for k, seg in enumerate(segments):
        if seg.owner < 0 or passages[seg.owner].note:
            end = segments[k + 1].start if k + 1 < len(segments) else len(text)
            out.append(text[seg.start : end])
    return "".join(out)


def best_reading(columns: Sequence[Column], have: Sequence[str]) -> str:
    texts = [" ".join(c.readings[w] or "" for c in columns).split() for w in have]
    return " ".join(max(texts, key=len, default=[]))


def covered(
    start: int, end: int, segments: list[Segment], starts: list[int], passages: list[Passage]
) -> tuple[frozenset[str] | None, set[int]]:
    """What a stretch of the searched text is: the canonical text (with the
    witnesses that read it) where that is most of it, and the passages it
    holds a good part of."""
    k = max(0, bisect_right(starts, start) - 1)
    firm_chars, readers, owners = 0, frozenset[str](), set()
    while k < len(segments) and segments[k].start < end:
        seg = segments[k]
        seg_end = segments[k + 1].start if k + 1 < len(segments) else seg.start + 10**12
        shared = min(end, seg_end) - max(start, seg.start)
        if shared > 0:
            if seg.owner < 0:
                firm_chars += shared
                readers |= seg.readers
            else:
                p = passages[seg.owner]
                if shared * 3 >= min(p.end - p.start, end - start):
                    owners.add(seg.owner)
        k += 1
    return (readers if firm_chars * 2 >= end - start else None), owners


def components(members: list[int], links: dict[int, set[int]]) -> list[list[int]]:
    """Passages linked by being copies of each other, in document order."""
    allowed, seen, out = set(members), set(), []
    for k in members:
        if k in seen:
            continue
        group, todo = [], [k]
        seen.add(k)
        while todo:
            j = todo.pop()
            group.append(j)
            for o in links[j]:
                if o in allowed and o not in seen:
                    seen.add(o)
                    todo.append(o)
        out.append(sorted(group))
    return out


def settle_group(group: list[int], passages: list[Passage], judge: Judge) -> dict[int, Decision]:
    """One passage and its copies: kept once, by majority or plausibility."""
    wids = judge.wids
    support = sorted({w for k in group for w in passages[k].have})
    lacking = [w for w in wids if w not in support]

    longest = max(passages[k].end - passages[k].start for k in group)

    def rank(k: int) -> tuple:
        # a numbered note over the same words in other witnesses' body (where
        # their scans lost the note's marker); then most witnesses; then the
        # whole passage over a piece of it; then care
        p = passages[k]
        share = round((p.end - p.start) / longest, 1)
        return (not p.note, -len(p.have), -share, -judge.care(p.have), k)

    # copies the vote kept are thinned to one; a copy the vote left out comes
    # back only where every copy was left out, each at its own place
    voted = [k for k in group if passages[k].kept]
    candidates = voted or group
    careful = careful_copies(candidates, passages, judge)
    kept = careful or keep_once(sorted(candidates, key=rank), passages)
    keeper = kept[0]
    whose = f"{names(passages[keeper].have)}'s copy"
    if careful:
        whose += f": {names(passages[keeper].have)} misreads less where the witnesses disagree"
    elif passages[keeper].note and not all(passages[k].note for k in candidates):
        whose += ", a numbered note (the others read it in the body)"
    # beside the keeper, a copy a minority reads stays only as a piece of the keeper's witnesses' copy
    outvoted = [
        k
        for k in kept
        if passages[k].have != passages[keeper].have and 2 * len(passages[k].have) < len(wids)
    ]
    kept = [k for k in kept if k not in outvoted]
    out: dict[int, Decision] = {}
    for k in outvoted:
        why = f"only {names(passages[k].have)} of {len(wids)} witnesses has this passage"
        out[k] = (None, "addition", why + ": left out by majority", 0.6, False)
    many = len(group) > 1
    if 2 * len(support) < len(wids):
        why = (
            f"only {names(support)} of {len(wids)} witnesses "
            f"{'have' if len(support) > 1 else 'has'} this passage: left out by majority"
        )
        for k in group:
            out[k] = (None, "addition", why, round(1 - len(support) / len(wids), 3), False)
        return out
    if 2 * len(support) == len(wids):
        ok, why, sure = judge.plausible(passages[keeper])
        head = f"only {names(support)} {'have' if len(support) > 1 else 'has'} this passage"
        head += f", {names(lacking)} {'lack' if len(lacking) > 1 else 'lacks'} it (no majority)"
        p = passages[keeper]
        key = squash(p.text)
        short = len(key) < ELSEWHERE_CHARS
        held = 0.0 if p.note or p.heading or short else judge.elsewhere(key)
        if short and not (p.note or p.heading or p.title):
            pieces = judge.in_pieces(p.text)
            held = pieces if pieces >= IN_PIECES else 0.0
        layout = None if p.note or p.title else like_noise(p.text, judge.noise)
        if layout:
            why = (
                f"{head}; like the layout noise a witness prints ({layout!r}: a damaged "
                "running head or footer): left out"
            )
            return {k: (None, "layout", why, 0.7, False) for k in group}
        if held >= ELSEWHERE:
            why = (
                f"{head}; {held:.0%} of its text stands elsewhere in the canonical text or in "
                f"the notes of {names(lacking)} (read at another place): left out"
            )
            return {k: (None, "layout", why, 0.7, False) for k in group}
        if not ok:
            for k in group:
                out[k] = (
                    None,
                    "layout",
                    f"{head}; not plausible body text ({why}): left out",
                    0.7,
                    False,
                )
            return out
        keep_why = f"{head}; plausible body text ({why}): kept"
        keep_conf, review = (0.75, False) if sure else (0.6, True)
    elif many:
        keep_why = f"{names(support)} have this passage, each at its own place: kept once, {whose}"
        keep_conf, review = 0.8, False
    else:
        return out  # a majority has it at one place: the vote stands
    for k in candidates:
        p = passages[k]
        if k in outvoted:
            continue
        if k in kept:
            text = p.text
            out[k] = (text, "keep", keep_why, keep_conf, review)
        else:
            place = names(passages[keeper].have)
            own = set(p.have) & {w for j in kept for w in passages[j].have}
            if own:
                why = (
                    f"{names(sorted(own))} prints these words again at another place, where the "
                    "canonical text has them once (a pull quote, or text doubled at a page "
                    "break): left out"
                )
            else:
                why = (
                    f"only {names(p.have)} has these words here; {place} has them at another "
                    "place, where the canonical text keeps them once: left out"
                )
            out[k] = (None, "layout", why, 0.8, False)
    return out


def careful_copies(candidates: list[int], passages: list[Passage], judge: Judge) -> list[int]:
    """The copies of the most careful witness, where between them they hold
    every other copy: one scan read two notes as one block with its own
    misreadings, the better scan read them as two; its two are kept. A body
    copy that runs several notes together is held where most of it stands
    in the notes."""
    sides: dict[tuple[str, ...], list[int]] = {}
    for k in candidates:
        sides.setdefault(passages[k].have, []).append(k)
    if len(sides) < 2 or any(len(have) != 1 for have in sides):
        return []
    cares = sorted(((judge.care(have), have) for have in sides), reverse=True)
    if cares[0][0] <= cares[1][0]:
        return []
    best = sides[cares[0][1]]
    if len({passages[k].note for k in candidates}) > 1 and not all(passages[k].note for k in best):
        return []  # the careful witness has body copies of a note: the note's place first
    keys = {k: squash(passages[k].text) for k in candidates}
    for k in candidates:
        if k in best or any(inside(keys[k], keys[j]) for j in best):
            continue
        if sum(len(keys[j]) for j in best if inside(keys[j], keys[k])) >= HELD * len(keys[k]):
            continue
        # body text that runs several notes together: held by the notes as a whole
        if passages[k].note or judge.elsewhere(keys[k]) < ELSEWHERE:
            return []
    return sorted(best, key=lambda k: passages[k].start)


def inside(part: str, whole: str) -> bool:
    """``part`` (squashed) stands in ``whole``, through OCR noise."""
    return len(part) <= len(whole) * 1.1 and partial_alike(part, whole, SIMILAR)


def keep_once(ranked: list[int], passages: list[Passage]) -> list[int]:
    """The copies to keep, best first: each one that the copies kept so far
    do not already hold. Copies overlap only in part (a pull quote is one
    sentence of a paragraph, one engine reads as one block what another
    reads as three), so a copy goes only where one kept copy holds it, or
    the kept copies it holds make up most of it."""
    keys = {k: squash(passages[k].text) for k in ranked}
    out: list[int] = []
    for k in ranked:
        mine = keys[k]
        kept = [j for j in out if not two_notes(passages[k], passages[j])]
        if any(inside(mine, keys[j]) for j in kept):
            continue
        # the kept copies it may hold, and whether they could make up most of
        # it at all: with many copies (a passage a book repeats) most cannot
        fits = [keys[j] for j in kept if len(keys[j]) <= len(mine) * 1.1]
        need, left = HELD * len(mine), sum(map(len, fits))
        held = 0
        for part in fits:
            if held >= need or held + left < need:
                break
            left -= len(part)
            if inside(part, mine):
                held += len(part)
        if held >= need:
            continue
        out.append(k)
    return out


def two_notes(a: Passage, b: Passage) -> bool:
    """Two numbered notes one witness reads both of: two notes citing one
    source (``Ibid.``, a report cited twice), never copies of each other."""
    return a.note and b.note and bool(set(a.have) & set(b.have))


def copy_reason(p: Passage, readers: frozenset[str]) -> str:
    """Why a kept passage is a copy of canonical text elsewhere."""
    own = set(p.have) & readers
    if own:
        return (
            f"{names(sorted(own))} prints these words again at another place, where the canonical "
            "text has them (a pull quote, or text doubled at a page break): left out"
        )
    others = names(sorted(readers)) or "another witness"
    return (
        f"only {names(p.have)} has these words here; {others} has them at another place, where "
        "the canonical text has them (text misplaced by the page layout): left out"
    )


def word_share(text: str, language: str, counts: dict[str, int]) -> tuple[float, int]:
    """Share of a text's words (two letters or more) that are words of the
    language or ones the documents use more than once, and how many words."""
    # single letters say nothing: OCR junk is full of them, and so is a list
    words = [w for w in core_words(text) if len(w) > 1 and any(c.isalpha() for c in w)]
    known = sum(1 for w in words if zipf(w, language) >= WORD_ZIPF or counts.get(w, 0) > 1)
    return known / max(1, len(words)), len(words)


def usual_share(doc: Document, language: str, counts: dict[str, int]) -> float:
    """A witness's own share of words, over the start of its body: what its
    plausible text looks like (old spelling and a poor engine read fewer
    words of the modern language everywhere)."""
    words, text = 0, []
    for b in doc.body:
        text.append(b.text)
        words += b.text.count(" ") + 1
        if words > SAMPLE_WORDS:
            break
    return word_share(" ".join(text), language, counts)[0]


def plausible(
    text: str, language: str, counts: dict[str, int], usual: float = 1.0
) -> tuple[bool, str, bool]:
    """Whether a passage reads as body text: (plausible, why, without doubt).

    Page-foot OCR garbage is mostly not letters, or has far fewer words of
    the language or of the document than the witness's text has elsewhere
    (``usual``: ``Monatsſchr. IV,B, 6, St. Hh``)."""
    visible = [c for c in text if not c.isspace()]
    letters = sum(c.isalpha() for c in visible) / max(1, len(visible))
    share, count = word_share(text, language, counts)
    why = f"{count} words, {share:.0%} words of the language or the document, {letters:.0%} letters"
    ok = letters >= LETTERS and share >= min(KNOWN, RELATIVE * usual) and count > 0
    return ok, why, ok and share >= SURE


def apply(unit: Unit, p: Passage, decision: Decision) -> Unit:
    text, kind, why, confidence, review = decision
    indexes = range(len(unit.columns)) if p.column is None else [p.column]
    columns = list(unit.columns)
    for c in indexes:
        col = columns[c]
        if col.break_place:
            continue  # where paragraphs break is decided on its own (a layout place)
        if kind == "keep":
            if col.kind is None or len({fold(r) for r in col.readings.values() if r}) > 1:
                continue  # agreement, or a vote among the witnesses that have it
            canonical = col.canonical
            if canonical is None and p.column is None:
                continue  # a column the vote inside a kept passage left out
            if canonical is None:
                reading = max((r for r in col.readings.values() if r), key=len)
                canonical = apply_quotes(reading, "straight")
            columns[c] = evolve(
                col, canonical=canonical, reason=why, confidence=confidence, review=review
            )
        else:
            columns[c] = evolve(
                col, canonical=None, kind=kind, reason=why, confidence=confidence, review=False
            )
    return evolve(unit, columns=tuple(columns))


def left_out(docs: Sequence[Document], units: Sequence[Unit]) -> list[Removed]:
    """The passages (body or notes) decided to be layout, as removed noise
    with the span of the block each stands in."""
    by_id = {d.witness.id: d for d in docs}
    out: list[Removed] = []
    for unit in units:
        if unit.kind == "noise":
            continue
        used = dict.fromkeys(unit.blocks, 0)  # tokens of each witness before this column
        for col in unit.columns:
            for wid, reading in col.readings.items():
                if not reading:
                    continue
                if col.kind == "layout" and col.canonical is None:
                    block = block_at(by_id[wid], unit.blocks[wid], used[wid])
                    out.append(Removed(wid, reading, col.reason, span_of(block, wid)))
                used[wid] += len(reading.split())
    return out


def block_at(doc: Document, indexes: tuple[int, ...], token: int):
    """The block of ``indexes`` that holds the witness's ``token``-th word here."""
    for i in indexes:
        n = len(doc.blocks[i].text.split())
        if token < n:
            return doc.blocks[i]
        token -= n
    return doc.blocks[indexes[-1]] if indexes else None


def span_of(block, wid: str) -> Span:
    if block is None or not block.spans:
        return Span(wid, 0, 0)
    return evolve(block.spans[0], end=block.spans[-1].end)
