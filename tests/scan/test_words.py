"""Words as hashes: exactly the words of ``fold(text).casefold()``, each
hashed the same wherever it occurs, in any process."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from dedupe.normalise.fold import fold
from dedupe.scan.words import CASED_BELOW, hash_word_list, hash_words

ROOT = Path(__file__).resolve().parents[2]
REAL_TEXTS = [
    ROOT / "samples" / "beijing-binds" / "a.txt",
    ROOT / "samples" / "beijing-binds" / "b.txt",
    ROOT / "tests" / "data" / "darwin" / "darwin1859.txt",
    *sorted((ROOT / "tests" / "data" / "swiss_zoology").glob("*.txt")),
]
_WORD = re.compile(r"[^\W_]+")


def reference(text: str) -> list[str]:
    """The words as the rest of dedupe folds them, the slow way."""
    return _WORD.findall(fold(text).casefold())


def check(text: str) -> list[str]:
    words = reference(text)
    hashes, lengths = hash_words(text)
    assert lengths.tolist() == [len(w) for w in words]
    assert hashes.tolist() == hash_word_list(words).tolist()
    one_each = dict(zip(words, hashes.tolist(), strict=True))
    assert len(set(one_each.values())) == len(one_each)  # no two words share a hash
    return words


@pytest.mark.parametrize("path", REAL_TEXTS, ids=lambda p: p.name)
def test_words_are_those_of_fold_then_casefold_on_real_texts(path):
    assert len(check(path.read_text(encoding="utf-8"))) > 100


def test_typography_that_touches_word_characters_is_folded():
    text = "The ﬁrst wo\u00adrd’s “café” (cafe\u0301) *bold* _em_ note¹² [3] \\$280 Ĳssel STRASSE Straße"
    assert check(text) == [
        "the", "first", "word", "s", "café", "café", "bold", "em", "note", "12", "3", "280",
        "ijssel", "strasse", "strasse",
    ]  # fmt: skip
    same = hash_words(text)[0]
    assert same[1] == hash_word_list(["first"])[0] and same[4] == same[5]


@pytest.mark.parametrize(
    "text", ["", "   ", "x", "x¹", "¹", "ab\u00ad", "2¹ ¹²note", "İstanbul ΣΊΣΥΦΟΣ ǰ", "a_b 9\n\f"]
)
def test_edge_cases_match_the_reference(text):
    check(text)


def test_no_code_point_past_the_table_changes_under_case_folding():
    assert all(chr(c).casefold() == chr(c) for c in range(CASED_BELOW, 0x110000))


def test_a_word_hash_does_not_depend_on_where_the_word_is():
    hashes, _ = hash_words("Cat dog. A cat, a DOG; cat")
    assert hashes[0] == hashes[3] == hashes[6] and hashes[1] == hashes[5]
    assert np.unique(hashes).size == 3
