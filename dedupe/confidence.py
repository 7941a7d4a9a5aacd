"""Confidence that means something: limits every decision obeys.

Whatever rule decided a place, two kinds of decision are never
high-confidence and are always flagged for review:

- one that drops or replaces more than ``FEW`` words of a witness (a
  paragraph replaced by a stray footnote number, a passage left out): the
  cost of being wrong is a lost passage, so a person looks at it;
- one that rests on a plurality, not a majority, of three or more
  witnesses (2 of 9 reading alike): most witnesses read otherwise.

Layout (noise left out, text kept elsewhere), typography and moves are not
text decisions and keep their confidence; an editor's decision is final.
"""

from __future__ import annotations

from collections import Counter

from dedupe.model import Column, evolve
from dedupe.normalise.fold import core_words, fold

#: More words than this dropped or replaced in one witness needs review.
FEW = 3
#: The confidence such a decision gets at most: below ``decide.REVIEW_BELOW``.
CAPPED = 0.55
EXEMPT = ("layout", "typography", "moved")
REVIEW_NOTE = "; needs review: "


def words_lost(col: Column) -> tuple[int, str]:
    """The most words one witness has here that the canonical reading lacks,
    and that witness. A passage variant counts only the words it drops (its
    word-level replacements are decisions of their parts)."""
    canonical = core_words(col.canonical or "")
    mine = Counter(canonical)
    worst, who = 0, ""
    known: dict[str | None, int] = {}  # witnesses mostly share readings: each counted once
    for wid, reading in sorted(col.readings.items()):
        lost = known.get(reading)
        if lost is None:
            words = core_words(reading or "")
            if col.parts:
                lost = len(words) - len(canonical)
            elif reading == col.canonical:
                lost = 0
            else:
                lost = sum((Counter(words) - mine).values())
            known[reading] = lost
        if lost > worst:
            worst, who = lost, wid
    return worst, who


def support(col: Column) -> int:
    """How many witnesses read the canonical reading (typography aside)."""
    key = fold(col.canonical) if col.canonical else None
    return sum(1 for r in col.readings.values() if (fold(r) if r else None) == key)


def plurality(col: Column) -> tuple[int, int] | None:
    """(supporters, witnesses) where the reading rests on a plurality of three or more."""
    n = len(col.readings)
    k = support(col)
    if n >= 3 and 2 * k <= n and not col.parts:
        return k, n
    return None


def temper(col: Column) -> Column:
    """The column with its confidence capped and a review flag where it
    drops many words of a witness or rests on a plurality."""
    if not col.kind or col.break_place or col.kind in EXEMPT or col.reason == "editor":
        return col
    why = []
    lost, who = words_lost(col)
    if lost > FEW:
        why.append(f"it drops or replaces {lost} words of {who}")
    few = plurality(col)
    if few and "plurality" not in col.reason:
        why.append(f"it rests on a plurality ({few[0]} of {few[1]})")
    if not why:
        return col
    return evolve(
        col,
        confidence=min(col.confidence, CAPPED),
        review=True,
        reason=f"{col.reason}{REVIEW_NOTE}{' and '.join(why)}",
    )
