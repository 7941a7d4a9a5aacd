"""The anchored token diff: the same as diff-match-patch on ordinary units,
a true diff (both witnesses rebuilt from it) with nearly all of
diff-match-patch's agreements on long ones, found in linear time."""

from __future__ import annotations

import doctest
from pathlib import Path

import dedupe.align.anchored
from dedupe.align.anchored import LONG, WINDOW, _dmp, token_diff, windowed

SAMPLES = Path(__file__).resolve().parent.parent.parent / "samples" / "beijing-binds"


def codes(*texts: str) -> list[str]:
    """Each witness's words as one character per distinct word."""
    table: dict[str, str] = {}
    return [
        "".join(table.setdefault(w, chr(0x100 + len(table))) for w in text.split())
        for text in texts
    ]


def rebuilt(diff: list[tuple[int, str]]) -> tuple[str, str]:
    return (
        "".join(t for op, t in diff if op <= 0),
        "".join(t for op, t in diff if op >= 0),
    )


def agreed(diff: list[tuple[int, str]]) -> int:
    return sum(len(t) for op, t in diff if op == 0)


def sample_words(copies: int) -> tuple[str, str]:
    a, b = ((SAMPLES / n).read_text(encoding="utf-8") for n in ("a.txt", "b.txt"))
    return codes(" ".join([a] * copies), " ".join([b] * copies))  # type: ignore[return-value]


def test_ordinary_units_get_diff_match_patch_itself():
    a, b = (text[:3000] for text in sample_words(1))
    assert len(a) + len(b) <= LONG
    assert token_diff(a, b) == _dmp(a, b)


def test_a_long_unit_is_a_true_diff_with_nearly_all_agreements():
    a, b = sample_words(2)
    assert len(a) + len(b) > LONG
    diff = token_diff(a, b)
    assert rebuilt(diff) == (a, b)
    best = agreed(_dmp(a, b))
    assert agreed(diff) >= 0.995 * best


def test_a_text_that_repeats_itself_many_times_is_still_aligned():
    """Forty copies: no word is rare, words are paired by occurrence."""
    a, b = sample_words(40)
    diff = token_diff(a, b)
    assert rebuilt(diff) == (a, b)
    one = agreed(_dmp(*sample_words(1)))
    assert agreed(diff) >= 0.99 * 40 * one


def test_windows_rebuild_both_and_follow_witnesses_that_stay_in_step():
    """The last resort, where no word pairs: exact while the witnesses stay
    within a window of each other (a word changed here and there)."""
    a, b = sample_words(1)
    edited = "".join("\u4e00" if k % 97 == 0 else t for k, t in enumerate(a))
    diff = windowed(a, edited, WINDOW)
    assert rebuilt(diff) == (a, edited)
    assert agreed(diff) == agreed(_dmp(a, edited)) == len(a) - len(a[::97])
    assert rebuilt(windowed(a, b, WINDOW)) == (a, b)


def test_the_examples_in_the_docstrings_stay_true():
    result = doctest.testmod(dedupe.align.anchored)
    assert result.attempted >= 2 and result.failed == 0
