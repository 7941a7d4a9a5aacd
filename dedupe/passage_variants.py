"""Passage variants: a run of word-level variants an editor reads as one.

A pipeline step after decide and the word-level ids (decide -> ids ->
passage variants -> render). Every renderer reads its output, so a
paragraph one edition adds is one variant everywhere, not one per word.

Two kinds of run become one variant:

- one-sided words: neighbouring variant columns that the same witnesses
  all lack (an added or missing sentence, paragraph or footnote). The
  passage's reading is the whole run; where the witnesses that have it also
  differ word by word, those decisions stay inside as ``parts``;
- a systematic difference: neighbouring ``case`` variants where the same
  witnesses read alike and the same side won for the same reason (a title
  in capitals, a line of small caps), with the words every witness reads
  in capitals (``COVID-19``) between them.

A run never crosses a paragraph break of the canonical text or a place
where the witnesses paragraph differently. The parts keep the ids they had
as word-level variants, so an editor's decision made on one still applies
(``dedupe.decisions``); the passage gets an id of its own
(``dedupe.variant_ids.assign_passage_ids``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from dedupe.confidence import REVIEW_NOTE, temper
from dedupe.model import Column, Unit
from dedupe.normalise.fold import fold

#: Most words of agreement (in capitals) a systematic run may hold between two of its variants.
CAPITALS_GAP = 3
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")


def merge_runs(units: Sequence[Unit]) -> list[Unit]:
    """The units with each run of variants merged into one passage variant."""
    return [merge_unit(u) for u in units]


def merge_unit(unit: Unit) -> Unit:
    if unit.kind == "noise" or unit.moved or len(unit.columns) < 2:
        return unit
    cols = unit.columns
    out: list[Column] = []
    i = 0
    while i < len(cols):
        end = max(one_sided_end(cols, i), systematic_end(cols, i))
        if sum(1 for c in cols[i:end] if c.kind) > 1:
            out.append(passage(cols[i:end]))
            i = end
        else:
            out.append(cols[i])
            i += 1
    if len(out) == len(cols):
        return unit
    return replace(unit, columns=tuple(out))


def lacking(col: Column) -> frozenset[str]:
    return frozenset(w for w, r in col.readings.items() if r is None)


def joinable(col: Column) -> bool:
    """A word-level variant a run may hold (not a paragraph-break place, not a move)."""
    return bool(col.kind) and not col.break_place and col.kind != "moved"


def one_sided_end(cols: Sequence[Column], i: int) -> int:
    """Where the run of columns that the witnesses lacking column ``i`` all
    lack (and perhaps others too: a word one carrier of a footnote skips)
    ends."""
    if not joinable(cols[i]):
        return i + 1
    missing = lacking(cols[i])
    if not missing or len(missing) == len(cols[i].readings):
        return i + 1
    j = i + 1
    layout = cols[i].kind == "layout"  # a passage left out as layout stays one of its own
    while j < len(cols) and joinable(cols[j]) and not cols[j].paragraph:
        if not missing <= lacking(cols[j]) or (cols[j].kind == "layout") != layout:
            break
        j += 1
    return j


def signature(col: Column) -> tuple | None:
    """What makes neighbouring case variants one systematic difference: the
    same grouping of the witnesses, the same winners, the same kind of reason."""
    if col.kind != "case" or col.break_place or lacking(col):
        return None
    groups: dict[str, list[str]] = {}
    for w, r in col.readings.items():
        groups.setdefault(fold(r or ""), []).append(w)
    return (
        tuple(sorted(tuple(g) for g in groups.values())),
        tuple(col.supporters()),
        _QUOTED.sub("…", col.reason),
    )


def in_capitals(col: Column) -> bool:
    """A place every witness reads alike with no lower-case letter (``COVID-19``, ``1859``)."""
    text = col.canonical or ""
    return (
        col.kind is None
        and not col.paragraph
        and 0 < len(text.split()) <= CAPITALS_GAP
        and not any(c.islower() for c in text)
    )


def systematic_end(cols: Sequence[Column], i: int) -> int:
    """Where the run of case variants alike with column ``i`` ends (it
    ends on a variant, never on the agreement between two)."""
    sig = signature(cols[i])
    if sig is None:
        return i + 1
    end = j = i + 1
    while j < len(cols):
        if in_capitals(cols[j]):
            j += 1
            continue
        if cols[j].paragraph or signature(cols[j]) != sig:
            break
        end = j = j + 1
    return end


def joined(texts: Sequence[str | None]) -> str | None:
    return " ".join(t for t in texts if t) or None


def passage(run: Sequence[Column]) -> Column:
    """One variant for a run of columns, with the columns as its parts."""
    first = run[0]
    wids = list(first.readings)
    readings = {w: joined([c.readings[w] for c in run]) for w in wids}
    canonical = joined([c.canonical for c in run])
    variants = [c for c in run if c.kind]
    words = sum(len(r.split()) for r in readings.values() if r) // max(
        1, sum(1 for r in readings.values() if r)
    )
    if first.kind == "case" and all(c.kind == "case" for c in variants):
        kind = "case"
        reason = f"{len(variants)} words in a row differ only in case, decided alike: {own(first)}"
    elif all(c.kind == "layout" for c in variants):
        kind = "layout"
        reason = passage_reason(variants, words, canonical)
    else:
        have = sum(r is not None for r in readings.values())
        kind = "omission" if have > len(readings) - have else "addition"
        reason = passage_reason(variants, words, canonical)
    merged = Column(
        readings,
        kind=kind,
        canonical=canonical,
        reason=reason,
        confidence=min(c.confidence for c in variants),
        review=any(c.review for c in variants),
        breaks=first.breaks,
        paragraph=first.paragraph,
        parts=tuple(run),
    )
    return temper(merged)


#: Share of a passage's places one reason must have decided to speak for the passage.
MOSTLY = 0.8


def passage_reason(variants: Sequence[Column], words: int, canonical: str | None) -> str:
    """The passage's reason: its parts' where they share one (or nearly all
    do, and the passage is kept or left out as they are), else that its
    places were decided one by one (their reasons are the parts')."""
    size = f"a passage of {words} {'word' if words == 1 else 'words'}"
    reasons = Counter(own(c) for c in variants)
    main, count = min(reasons.items(), key=lambda kv: (-kv[1], kv[0]))
    if len(reasons) == 1:
        return f"{size}: {main}"
    alike = [c for c in variants if own(c) == main]
    whole = all((c.canonical is None) == (canonical is None) for c in alike)
    if whole and count >= MOSTLY * len(variants):
        rest = len(variants) - count
        return f"{size}: {main} ({rest} of its {len(variants)} places decided otherwise: see its parts)"
    missing = sorted(frozenset.intersection(*map(lacking, variants)))
    lack = "lack" if len(missing) > 1 else "lacks"
    return (
        f"{size} that {', '.join(missing)} {lack}: "
        f"its {len(variants)} places were decided one by one (see its parts)"
    )


def own(col: Column) -> str:
    """A part's reason without the review note ``confidence.temper`` added:
    the passage adds its own."""
    return col.reason.split(REVIEW_NOTE)[0]


def word_columns(columns: Sequence[Column]) -> list[Column]:
    """The columns with every passage variant taken back to its parts, where
    the parts still make its canonical reading (an editor may have decided
    the passage as a whole): what needs word-level places, such as writing a
    corrected copy of a witness."""
    out: list[Column] = []
    for col in columns:
        if col.parts and joined([p.canonical for p in col.parts]) == col.canonical:
            out.extend(col.parts)
        else:
            out.append(col)
    return out
