"""Character and word error rates of texts against a ground truth.

The definitions are dinglehopper's: the Levenshtein distance between the
candidate and the truth divided by the length of the truth, over grapheme
clusters (user-perceived characters, after Unicode NFC) for the CER and over
words (split on whitespace) for the WER. A CER can exceed 1 when the
candidate is much longer than the truth.

Every file, candidate and truth alike, is scored as dedupe reads it: read,
normalised, and printed the way the canonical plain text prints a document
(headings and paragraphs in reading order, then the notes by number, each
led by its number; layout noise left out; house-style quotes). So a witness,
a canonical text and a truth in any format dedupe reads are scored alike, and
a canonical text scored here is scored on what dedupe would make of it.
Whitespace runs count as one space: a paragraph break costs what a space
costs.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from dedupe.model import Document
from dedupe.render.text import note_line
from dedupe.style import plain

SCHEMA = "dedupe.eval/1"


@dataclass(frozen=True)
class Score:
    """One candidate against the truth."""

    path: str
    cer: float
    wer: float
    char_errors: int  # Levenshtein distance over grapheme clusters
    chars: int  # grapheme clusters of the truth
    word_errors: int
    words: int  # words of the truth


@dataclass(frozen=True)
class Evaluation:
    truth: str
    scores: tuple[Score, ...]

    def to_json(self) -> dict:
        return {
            "schema": SCHEMA,
            "truth": self.truth,
            "candidates": [asdict(s) for s in self.scores],
        }


def document_text(doc: Document, quotes: str = "straight") -> str:
    """A normalised Document in the canonical plain-text format: what a
    single witness would print as the canonical text."""
    parts = [plain(b.text, quotes) for b in doc.body]
    notes = sorted(doc.footnotes.items())
    if notes:
        parts.append("Notes")
        parts.append("\n".join(note_line(n, plain(b.text, quotes)) for n, b in notes))
    return "\n\n".join(parts) + "\n"


def graphemes(text: str) -> list[str]:
    """Grapheme clusters of the NFC text, whitespace runs as one space.

    >>> graphemes("Scho\\u0308ne  Welt")
    ['S', 'c', 'h', 'ö', 'n', 'e', ' ', 'W', 'e', 'l', 't']
    """
    import regex

    text = " ".join(unicodedata.normalize("NFC", text).split())
    return regex.findall(r"\X", text)


def words(text: str) -> list[str]:
    """Words: the NFC text split on whitespace."""
    return unicodedata.normalize("NFC", text).split()


def score_text(candidate: str, truth: str, path: str = "") -> Score:
    """Error rates of one text against the truth (both already plain text)."""
    from rapidfuzz.distance import Levenshtein

    cand_chars, truth_chars = graphemes(candidate), graphemes(truth)
    cand_words, truth_words = words(candidate), words(truth)
    char_errors = Levenshtein.distance(cand_chars, truth_chars)
    word_errors = Levenshtein.distance(cand_words, truth_words)
    return Score(
        path=path,
        cer=char_errors / max(1, len(truth_chars)),
        wer=word_errors / max(1, len(truth_words)),
        char_errors=char_errors,
        chars=len(truth_chars),
        word_errors=word_errors,
        words=len(truth_words),
    )


def file_text(path: str, quotes: str = "straight") -> str:
    """A file as dedupe reads and normalises it, in the canonical format."""
    from dedupe.api import normalise_file

    return document_text(normalise_file(str(path)), quotes)


def evaluate(candidates: Sequence[str], truth: str, quotes: str = "straight") -> Evaluation:
    """Score each candidate file against the truth file.

    Raises ``DedupeError`` (one line) for a file dedupe cannot read.
    """
    reference = file_text(truth, quotes)
    scores = tuple(score_text(file_text(path, quotes), reference, str(path)) for path in candidates)
    return Evaluation(str(truth), scores)
