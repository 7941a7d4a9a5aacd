"""The pairing of a witness's tokens with its file's words (pure functions)."""

from __future__ import annotations

from dedupe.writeback.edits import Edit
from dedupe.writeback.slots import apply_edits, owners


class Word:
    def __init__(self, text: str) -> None:
        self.text = text
        self.removed = False

    def set(self, text: str) -> None:
        self.text = text

    def remove(self) -> None:
        self.removed = True


def edits_of(pairs: list[tuple[str, str]]) -> list[Edit]:
    return [Edit(tuple(a.split()), tuple(b.split())) for a, b in pairs]


def test_split_punctuation_and_line_end_hyphens_next_to_each_other() -> None:
    """PAGE keeps '!' as a Word and a hyphenated word as two; the reader
    joined both: each word still finds the token it came from."""
    edits = edits_of([("zu bedienen! iſt", "zu bedienen! iſt"), ("alſs", "alſo"), ("der", "der")])
    words = [Word(t) for t in ["zu", "bedienen", "!", "iſt", "al-", "ſs", "der"]]
    assert owners(words, edits) == [0, 0, 0, 0, 1, 1, 2]
    assert apply_edits(words, edits) == 1
    assert [(w.text, w.removed) for w in words[4:6]] == [("alſo", False), ("ſs", True)]


def test_words_outside_the_text_are_left_alone() -> None:
    """A running head in the file (noise, in no edit) keeps its words."""
    edits = edits_of([("the committee met", "the committee met"), ("in sprlng", "in spring")])
    words = [
        Word(t) for t in "the committee met ANNUAL REPORT OF THE SOCIETY 1898 in sprlng".split()
    ]
    found = owners(words, edits)
    assert found[3:9] == [None] * 6 and found[9:] == [1, 1]
    apply_edits(words, edits)
    assert [w.text for w in words][-3:] == ["1898", "in", "spring"]


def test_an_addition_joins_the_word_before_and_an_omission_removes() -> None:
    edits = edits_of([("the", "the"), ("", "old"), ("library", "library"), ("roof roof", "roof")])
    words = [Word(t) for t in ["the", "library", "roof", "roof"]]
    apply_edits(words, edits)
    assert [w.text for w in words if not w.removed] == ["the old", "library", "roof"]
