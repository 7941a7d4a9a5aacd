"""Scores of a text against its ground truth, for the evaluation (bench/eval.py).

Texts are compared as comparison keys: typography folded (quotes, dashes,
ligatures, emphasis, footnote-marker style; ``dedupe.normalise.fold``),
historical umlaut notation (``aͤ``) read as the umlaut, whitespace collapsed.
A canonical text must not be scored down for house style, only for words.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from scorer import document_text  # noqa: F401 - a witness scored as canonical text

from dedupe.normalise.fold import fold

NEAREST_FLOOR = 50  # fuzz.ratio below which a block is nobody's (garbage)
LENGTH_SLACK = 12  # characters a whole block may differ by (two words)
_NOTE = re.compile(r"^(\d{1,4})\s+(.*)$")
_SUPERSCRIPT_E = "\u0364"  # combining small e: the old German umlaut notation


def comparable(text: str) -> str:
    """The comparison key of a whole text.

    >>> comparable("“Aufklaͤrung”   ist\\n\\nder *Ausgang*")
    '"Aufklärung" ist der Ausgang'
    """
    text = unicodedata.normalize("NFD", text).replace(_SUPERSCRIPT_E, "\u0308")
    return fold(unicodedata.normalize("NFC", text))


def cer(hypothesis: str, truth: str) -> float:
    """Character error rate: Levenshtein distance over the truth's length."""
    from rapidfuzz.distance import Levenshtein

    hyp, ref = comparable(hypothesis), comparable(truth)
    return Levenshtein.distance(hyp, ref) / max(1, len(ref))


def wer(hypothesis: str, truth: str) -> float:
    """Word error rate: Levenshtein distance over word lists."""
    from rapidfuzz.distance import Levenshtein

    hyp, ref = comparable(hypothesis).split(), comparable(truth).split()
    return Levenshtein.distance(hyp, ref) / max(1, len(ref))


# ---------------------------------------------------------------- canonical text


@dataclass(frozen=True)
class Canonical:
    """A text in the canonical plain-text format, taken apart."""

    blocks: tuple[str, ...]
    notes: dict[int, str] = field(default_factory=dict)


def split_canonical(text: str) -> Canonical:
    """Body blocks and numbered notes of a canonical plain text (the notes
    follow the last ``Notes`` heading, one per line)."""
    body, marker, tail = text.rpartition("\n\nNotes\n\n")
    if not marker:
        body, tail = text, ""
    blocks = tuple(b.strip() for b in re.split(r"\n\s*\n", body) if b.strip())
    notes: dict[int, str] = {}
    for line in tail.splitlines():
        match = _NOTE.match(line.strip())
        if match and int(match.group(1)) not in notes:
            notes[int(match.group(1))] = match.group(2)
    return Canonical(blocks, notes)


def _whole(found: list[str], wanted: list[str]) -> list[set[int]]:
    """For each text of ``found``, the texts of ``wanted`` it is whole: those
    it is nearest to (fuzzy ratio, ties kept: a text may repeat) and about
    as long as (within 15%, or two words' worth of characters). Misread or
    missing words leave a block nearest its own truth and about as long; a
    join or a split changes its length by a block or a good part of one.
    """
    from rapidfuzz import fuzz, process

    if not found or not wanted:
        return [set() for _ in found]
    scores = process.cdist(found, wanted, scorer=fuzz.ratio)
    out = []
    for text, row in zip(found, scores, strict=True):
        best = row.max()
        out.append(
            {
                i
                for i, score in enumerate(row)
                if score == best >= NEAREST_FLOOR and _as_long(text, wanted[i])
            }
        )
    return out


def _as_long(text: str, truth: str) -> bool:
    return abs(len(text) - len(truth)) <= max(LENGTH_SLACK, 0.15 * len(truth))


def broken_paragraphs(text: str, truth: str) -> list[str]:
    """The truth's headings and paragraphs not found whole as one block of
    ``text``: no block is nearest to it and about as long (``_whole``), so
    character errors do not count, joins and splits do."""
    wanted = split_canonical(truth).blocks
    found = [comparable(b) for b in split_canonical(text).blocks]
    whole = set().union(*_whole(found, [comparable(b) for b in wanted]))
    return [block for i, block in enumerate(wanted) if i not in whole]


def paragraphs_intact(text: str, truth: str) -> float:
    """Share of the truth's headings and paragraphs found whole in ``text``."""
    wanted = split_canonical(truth).blocks
    return 1 - len(broken_paragraphs(text, truth)) / len(wanted) if wanted else 1.0


def footnotes_recovered(text: str, truth: str) -> float | None:
    """Share of the truth's notes present in ``text`` under their number and
    whole (the note of that number is nearest to the truth's note of that
    number and about as long); None where the truth has no notes."""
    found = split_canonical(text).notes
    wanted = split_canonical(truth).notes
    if not wanted:
        return None
    numbers = list(wanted)
    texts = [comparable(wanted[n]) for n in numbers]
    hits = 0
    for n in numbers:
        if n in found:
            (whole,) = _whole([comparable(found[n])], texts)
            hits += any(numbers[i] == n for i in whole)
    return hits / len(wanted)


def layout_left(text: str, truth: str, layout: list[str]) -> int:
    """Running heads, footers and page numbers left in ``text``: occurrences
    of the witnesses' layout lines in the words ``text`` has beyond the
    truth (so a title that is also the running head counts only where it
    is extra). A bare page number counts only as what is left of a short
    run (up to four words) of purely extra words once the other layout
    lines are taken out, so that a number in misread or repeated text
    (``47 6).`` for ``476).``, ``2 0,`` for ``2020,``) is not taken for one."""
    from rapidfuzz.distance import Levenshtein

    hyp, ref = comparable(text).split(), comparable(truth).split()
    extra: list[tuple[str, bool]] = []  # (extra words, a short purely extra run)
    for op in Levenshtein.opcodes(hyp, ref):
        got = op.src_end - op.src_start
        if got > op.dest_end - op.dest_start:
            short = op.dest_start == op.dest_end and got <= 4
            extra.append((" ".join(hyp[op.src_start : op.src_end]), short))
    lines = sorted({comparable(x) for x in layout if x.strip()}, key=len, reverse=True)
    numbers = {line for line in lines if line.isdigit()}
    left = 0
    for words, short in extra:
        for line in lines:
            if line in numbers:
                continue
            pattern = re.compile(r"(?<![\w^])" + re.escape(line) + r"(?!\w)")
            left += len(pattern.findall(words))
            words = pattern.sub(" ", words)
        rest = words.split()
        if short and rest and all(word in numbers for word in rest):
            left += len(rest)
    return left


# ---------------------------------------------------------------- error analysis

_PUNCT = re.compile(r"[^\w^]+")


def error_kind(hyp: list[str], ref: list[str]) -> str:
    """What a word-level difference between a text and its truth is."""
    if not hyp:
        return "missing words"
    if not ref:
        return "extra words"
    h, r = " ".join(hyp), " ".join(ref)
    if h.replace(" ", "") == r.replace(" ", ""):
        return "words split or joined"
    if h.replace("-", "").replace(" ", "") == r.replace("-", "").replace(" ", ""):
        return "hyphenation"
    if re.sub(r"\^\d+", "", h) == re.sub(r"\^\d+", "", r):
        return "footnote markers"
    if h.lower() == r.lower():  # not casefold: it reads the long s as s
        return "case"
    if _PUNCT.sub("", h) == _PUNCT.sub("", r):
        return "punctuation"
    return "spelling (OCR errors)"


@dataclass
class ErrorReport:
    """Word-level differences of a canonical text from the truth, by kind and
    by how many witnesses read the truth there."""

    kinds: Counter = field(default_factory=Counter)
    support: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    #: truth words: some witness misread and the canonical text reads right
    #: (``fixed``), every witness read right and the canonical text not
    #: (``broken``), no witness read right (``unreadable``).
    words: Counter = field(default_factory=Counter)


def _exact_words(witness: list[str], ref: list[str]) -> set[int]:
    """Indexes of the truth's words that a witness reads exactly."""
    from rapidfuzz.distance import Levenshtein

    exact: set[int] = set()
    for op in Levenshtein.opcodes(witness, ref):
        if op.tag == "equal":
            exact.update(range(op.dest_start, op.dest_end))
    return exact


def _fragments(extra: list[str], neighbours: list[str]) -> bool:
    """Extra words that are all pieces of a neighbouring word (``geog`` next
    to ``geographical``): a word split by OCR, kept beside its whole form."""
    pieces = [_PUNCT.sub("", w) for w in extra]
    return all(
        len(p) >= 2 and any(p in _PUNCT.sub("", n) and p != _PUNCT.sub("", n) for n in neighbours)
        for p in pieces
    )


def error_report(canonical: str, truth: str, witnesses: list[str], keep: int = 4) -> ErrorReport:
    """Each word-level difference of ``canonical`` from ``truth``, with its
    kind and how many of ``witnesses`` read the truth at that place: the
    majority right means the decision went wrong, none right means no
    witness could have given it."""
    from rapidfuzz.distance import Levenshtein

    hyp, ref = comparable(canonical).split(), comparable(truth).split()
    exact = [_exact_words(comparable(w).split(), ref) for w in witnesses]
    report = ErrorReport()
    canonical_exact = _exact_words(hyp, ref)
    for i in range(len(ref)):
        read = sum(1 for e in exact if i in e)
        if read == 0:
            report.words["unreadable"] += 1
        elif read < len(exact) and i in canonical_exact:
            report.words["fixed"] += 1
        elif read < len(exact):
            report.words["left wrong"] += 1
        elif i not in canonical_exact:
            report.words["broken"] += 1
    for op in Levenshtein.opcodes(hyp, ref):
        if op.tag == "equal":
            continue
        got, want = hyp[op.src_start : op.src_end], ref[op.dest_start : op.dest_end]
        kind = error_kind(got, want)
        if kind == "extra words" and _fragments(
            got, ref[max(0, op.dest_start - 1) : op.dest_start + 1]
        ):
            kind = "extra piece of a split word"
        span = range(op.dest_start, op.dest_end)
        right = sum(1 for e in exact if span and all(i in e for i in span))
        if not span:
            support = "extra text"
        elif right * 2 > len(witnesses):
            support = "most witnesses right"
        elif right:
            support = "a minority right"
        else:
            support = "no witness right"
        report.kinds[kind] += 1
        report.support[support] += 1
        shown = report.examples.setdefault(kind, [])
        if len(shown) < keep:
            shown.append(f"{' '.join(got)[:60]!r} for {' '.join(want)[:60]!r} ({support})")
    return report
