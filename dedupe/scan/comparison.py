"""The alignment of two files' words and the size rule for a part of a file.

Shared by ``verify`` (which measures a pair) and ``cluster`` (which judges
what the pair is), so that neither imports the other.
"""

from __future__ import annotations

from dataclasses import dataclass

#: A part is at most this share of the whole's size; closer sizes are versions.
PART_RATIO = 2 / 3


@dataclass(frozen=True)
class Comparison:
    """The alignment of two files' normalised words."""

    a: str
    b: str
    words_a: int
    words_b: int
    common: int
    anchored: int
    exact: bool

    @property
    def similarity(self) -> float:
        total = self.words_a + self.words_b
        return 2 * self.common / total if total else 1.0

    def coverage(self, side: str) -> float:
        """Share of one side's words aligned with the other side."""
        words = self.words_a if side == "a" else self.words_b
        return self.common / words if words else 1.0

    def containment(self, side: str) -> float:
        """Share of one side's words found in the other in anchored runs."""
        words = self.words_a if side == "a" else self.words_b
        return self.anchored / words if words else 1.0
