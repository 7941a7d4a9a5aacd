"""Echoing witnesses: two runs of one OCR engine count as one vote.

Two models of one engine (Tesseract's ``Fraktur`` and ``Fraktur+Latin``)
make the same errors: where they agree on a non-word and a third witness
reads a word there, they echo each other rather than confirm the reading.
Independent engines rarely share a misreading, so a pair of witnesses that
shares non-words against another witness's word at a good share of the
places where the witnesses differ is an echo; a majority made of echoes is
no majority (``dedupe.decide`` counts an echoing group as one vote).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import combinations

from dedupe.lexicon import zipf
from dedupe.model import Unit
from dedupe.normalise.fold import core_words, fold

ECHO_SHARE = 0.03  # shared non-words against a word, of the places the pair reads differently
ECHO_MIN = 3  # ... and at least this many of them
NON_WORD = 1.0  # zipf below which a reading's rarest word is no word of the language
WORD = 2.5  # zipf from which the other witness's reading is a word


def floor(reading: str, language: str) -> float:
    """The zipf of a reading's rarest word (0 where one is unknown)."""
    return min((zipf(w, language) for w in core_words(reading)), default=0.0)


def echoes(units: Sequence[Unit], language: str) -> frozenset[frozenset[str]]:
    """The pairs of witnesses that echo each other (see the module docstring)."""
    places: Counter[tuple[str, str]] = Counter()
    shared: Counter[tuple[str, str]] = Counter()
    floors: dict[str, float] = {}  # a book repeats its readings: each floor once

    def floor_of(key: str) -> float:
        if key not in floors:
            floors[key] = floor(key, language)
        return floors[key]

    for unit in units:
        if unit.kind == "noise":
            continue
        for col in unit.columns:
            if len(set(col.readings.values()) - {None}) < 2:
                continue  # one reading (most columns of a book): no place where they differ
            keys = {w: fold(r) for w, r in col.readings.items() if r}
            distinct = set(keys.values())
            if len(keys) < 3 or len(distinct) < 2:
                continue
            # a reading shared as a non-word against another reading that is a word
            echoed = {
                k: floor_of(k) < NON_WORD and max(floor_of(o) for o in distinct if o != k) >= WORD
                for k in distinct
            }
            for a, b in combinations(sorted(keys), 2):
                places[a, b] += 1
                if keys[a] == keys[b] and echoed[keys[a]]:
                    shared[a, b] += 1
    return frozenset(
        frozenset(pair)
        for pair, n in shared.items()
        if n >= ECHO_MIN and n >= ECHO_SHARE * places[pair]
    )


def votes(wids: Sequence[str], echo: frozenset[frozenset[str]]) -> int:
    """Independent votes among ``wids``: witnesses linked by echoes count once."""
    if not echo or len(wids) < 2:
        return len(wids)
    group = {w: w for w in wids}

    def root(w: str) -> str:
        while group[w] != w:
            w = group[w]
        return w

    for a, b in combinations(wids, 2):
        if frozenset((a, b)) in echo:
            group[root(a)] = root(b)
    return len({root(w) for w in wids})
