"""Whether the witnesses are versions of one document at all.

Collation always succeeds: two unrelated texts still align, on the words
any two texts share by chance (``the``, ``of``, ``and``), and are merged one
after the other. What gives them away is how few of their words the
collation found in agreement: versions of one text agree on most words
(the sample pair 97-99%, Darwin's 1859 and 1872 editions 77-86%), even bad
OCR against a clean copy (the worst OCR-D Kant engine 48% against the
ground truth), while unrelated texts agree on none: their paragraphs never
align, and within one long line nothing alike pairs. A witness reading
less than ``RELATED`` of its words alike with some other witness is
reported.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from dedupe.model import Unit, Witness
from dedupe.normalise.fold import fold

#: A witness that shares less than this share of its words with the others
#: is probably not a version of the same document.
RELATED = 0.2


def shared_words(ids: Sequence[str], units: Sequence[Unit]) -> dict[str, tuple[int, int]]:
    """For every witness, (words it reads alike with another witness, its words)."""
    shared = dict.fromkeys(ids, 0)
    total = dict.fromkeys(ids, 0)
    for unit in units:
        if unit.kind == "noise":
            continue
        for column in unit.columns:
            keys = {w: fold(r) for w, r in column.readings.items() if r}
            counts = Counter(keys.values())
            for wid, key in keys.items():
                words = len(column.readings[wid].split())
                total[wid] += words
                if counts[key] > 1:
                    shared[wid] += words
    return {w: (shared[w], total[w]) for w in ids}


def unrelated_warnings(witnesses: Sequence[Witness], units: Sequence[Unit]) -> list[str]:
    """One warning naming the witnesses that share too few words with the rest."""
    counts = shared_words([w.id for w in witnesses], units)
    low = [
        (w, counts[w.id][0] / counts[w.id][1])
        for w in witnesses
        if counts[w.id][1] and counts[w.id][0] < RELATED * counts[w.id][1]
    ]
    if not low:
        return []
    named = ", ".join(f"{w.id} {w.label} ({share:.0%})" for w, share in low)
    return [
        f"{named}: under {RELATED:.0%} of the words read alike with another witness; "
        "probably not versions of one document"
    ]
