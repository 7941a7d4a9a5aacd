"""Which witness misreads more: its record at the places the witnesses disagree.

With two witnesses there is no majority, so a tie between two readings that
are both words (``Road``/``Read``) or both not (``Kasernenplatz``/
``Kasemenplatz``) has nothing in the words to go on; yet one scan may be
far worse than the other. The places where the witnesses disagree tell how
much worse, without a ground truth: where one witness reads words and
another reads something that is no word, the second has misread (an OCR
engine turns a word into a non-word far more often than the other way
round); so has a witness that reads marks and no letters (``'``, ``|``,
``_ :``) where another reads nothing: a speck of a noisy scan; and so has a
witness whose reading is a word only by the lexicon's long tail, a thousand
times rarer than the close reading of another (``ift``, ``fich``, ``Mans
gel`` against ``iſt``, ``ſich``, ``Mangel``: word lists hold old OCR's
errors too). Each witness's share of such places among all the places of
disagreement where it has a reading is its misreading rate; the ratio of two
rates is the odds that the first is right where they tie (the Dawid-Skene
view of annotators, with the lexicon as the only label). A witness whose
misreadings are no more than chance allows beside the best witness's (3
against 2 places) has the best witness's record: alike.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable

from rapidfuzz.distance import Levenshtein

from dedupe.model import Unit
from dedupe.normalise.fold import core_words, fold
from dedupe.normalise.leaders import LEADER

#: log-odds beyond which a record says nothing more
CAP = 3.0
#: a witness's misreadings count against it only where chance would give so
#: many this rarely (beside the witness that misreads least)
ALPHA = 0.2
#: a reading this much rarer (zipf; 1000x) than a close reading of the same
#: place is a misreading of it, though the lexicon knows it
RARER = 3.0


def misreading_rates(
    units: Iterable[Unit],
    plausible: Callable[[str, list[str]], bool],
    commonness: Callable[[str], float | None] | None = None,
) -> dict[str, float]:
    """Per witness: its share (smoothed) of disagreements where it reads a
    non-word while another witness reads words. ``plausible(word, wids)``
    says whether ``word``, read by ``wids``, is a word; ``commonness(reading)``
    (a zipf; None where the lexicon lacks one of its words: a name the
    documents use), where given, finds the words that are ``RARER`` misreadings."""
    bad: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for unit in units:
        if unit.kind == "noise":
            continue
        for col in unit.columns:
            if col.break_place:
                continue  # how the witnesses paragraph, not what they read
            present = {w: r for w, r in col.readings.items() if r}
            if present and len(present) < len(col.readings):
                marks = not any(ch.isalnum() for r in present.values() for ch in r)
                if marks and not any(LEADER in r for r in present.values()):
                    # marks one witness reads where another reads nothing: specks
                    for w in col.readings:
                        seen[w] += 1
                        bad[w] += w in present
                continue
            if len({fold(r) for r in present.values()}) < 2:
                continue
            groups: dict[str, list[str]] = {}
            for w, r in present.items():
                groups.setdefault(fold(r), []).append(w)
            sound = {
                key: all(plausible(word, wids) for word in core_words(present[wids[0]]))
                for key, wids in groups.items()
            }
            if not any(sound.values()):
                for w in present:
                    seen[w] += 1
                continue
            if commonness is not None:
                sound = rarer_misread(sound, commonness)
            for key, wids in groups.items():
                for w in wids:
                    seen[w] += 1
                    bad[w] += not sound[key]
    rates = {w: (bad[w] + 1) / (seen[w] + 2) for w in seen}
    if not rates:
        return rates
    best = min(rates, key=lambda w: (rates[w], w))
    for w in rates:
        if w != best and not worse(bad[best], seen[best], bad[w], seen[w]):
            rates[w] = rates[best]  # no more misreadings than chance allows: alike
    return rates


def rarer_misread(
    sound: dict[str, bool], commonness: Callable[[str], float | None]
) -> dict[str, bool]:
    """``sound`` with the readings ``RARER`` than a close sound reading of the
    same place (one edit in three letters or fewer) marked unsound."""
    letters = {k: core_words(k) for k, ok in sound.items() if ok}
    common = {
        k: commonness(k) for k, words in letters.items() if words and all(map(str.isalpha, words))
    }  # words of letters only: a number or ``short..claw`` has no frequency to compare
    common = {k: z for k, z in common.items() if z is not None}
    out = dict(sound)
    for key, z in common.items():
        squeezed = "".join(letters[key])
        for other, oz in common.items():
            near = "".join(letters[other])
            if oz - z < RARER or near == squeezed:
                continue  # alike, or the same letters spaced or punctuated otherwise
            if Levenshtein.distance(squeezed, near) <= max(1, max(len(squeezed), len(near)) // 3):
                out[key] = False
                break
    return out


def worse(a: int, seen_a: int, b: int, seen_b: int) -> bool:
    """Whether ``b`` misreadings in ``seen_b`` places are more than chance
    allows beside ``a`` in ``seen_a`` (a one-sided sign test of the ``a + b``
    places at ``ALPHA``): 3 against 2 is chance, 0 against 5 is not."""
    n = a + b
    if n == 0:
        return False
    share = seen_a / (seen_a + seen_b) if seen_a + seen_b else 0.5
    share = min(max(share, 1e-9), 1 - 1e-9)

    def log_pmf(k: int) -> float:  # in logs: a book's thousands of places overflow floats
        ways = math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)
        return ways + k * math.log(share) + (n - k) * math.log(1 - share)

    tail = sum(math.exp(log_pmf(k)) for k in range(a + 1))
    return tail < ALPHA


def odds(rates: dict[str, float], first: list[str], second: list[str]) -> float:
    """Log-odds that the reading of ``first`` is right where it ties the
    reading of ``second`` (each side's most careful witness), within ``CAP``."""
    if not rates:
        return 0.0
    a = min((rates[w] for w in first if w in rates), default=None)
    b = min((rates[w] for w in second if w in rates), default=None)
    if a is None or b is None:
        return 0.0
    return max(-CAP, min(CAP, math.log(b / a)))
