"""The words of a text as 64-bit hashes, computed with numpy in one pass.

The scan must read hundreds of 30 KB documents per second per core, and
splitting a text into Python strings and hashing each costs more than all
the rest of a fingerprint. Here the text becomes an array of code points;
a lookup table says which are word characters, and each word's hash is a
polynomial over its code points taken from running sums (arithmetic wraps
modulo 2**64, so ``(S[end] - S[start]) * P**-start`` is the hash of the
characters in between).

The words are exactly those of ``re.findall(r"[^\\W_]+", fold(text).casefold())``
(tests/scan/test_words.py checks it): only the folding rules that change
word characters matter once the text is cut at everything else, and they
are applied here: canonical composition, invisible characters removed,
ligatures opened, superscript footnote markers (``note¹²``) cut off as
numbers of their own.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import numpy as np

_SEPARATOR, _LETTER, _SUPERSCRIPT, _INVISIBLE, _LONG_FOLD = 0, 1, 2, 3, 4  # kinds, in this order
_INVISIBLES = "\u00ad\u200b\u200c\u200d\ufeff"
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"  # as in dedupe.normalise.fold.SUPERSCRIPT_DIGITS
_OPENED = {"\u0132": "ij", "\u0133": "ij"}  # ligatures casefold leaves closed
_P = np.uint64(0x9E3779B97F4A7C15)  # odd, so it has an inverse modulo 2**64
_P_INVERSE = np.uint64(pow(0x9E3779B97F4A7C15, -1, 1 << 64))
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)


def mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: spreads any input evenly over 64 bits."""
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * _M1
        x = (x ^ (x >> np.uint64(27))) * _M2
        return x ^ (x >> np.uint64(31))


CASED_BELOW = 0x1F000  # no code point from here on changes under case folding


def _tables_below(limit: int) -> tuple[np.ndarray, np.ndarray]:
    """Per code point below ``limit``: its kind (separator, letter as in
    ``[^\\W_]``, superscript digit, invisible), and its case fold when that is
    one character; code points whose fold is longer (``ß``, ``ﬁ``) are of
    kind ``_LONG_FOLD`` and folded by ``str.casefold`` instead.

    Every code point is folded at once (joined by NULs, which fold to
    themselves and come out of no fold, then cut there again): a loop over
    them cost 60 ms at every start of a process, more than an index query."""
    every = np.arange(limit, dtype=np.uint32).tobytes().decode("utf-32-le", "surrogatepass")
    letters = re.sub(r"[^\W_]+", lambda m: "a" * len(m.group()), every)  # runs: fewer calls
    marked = letters.encode("utf-32-le", "surrogatepass")
    kind = (np.frombuffer(marked, dtype=np.uint32) == ord("a")).astype(np.uint8)
    folded = np.arange(limit, dtype=np.uint32)
    cased = np.arange(0x80, min(limit, CASED_BELOW), dtype=np.uint32)
    spaced = np.zeros(2 * cased.size - 1, dtype=np.uint32)
    spaced[0::2] = cased
    joined = spaced.tobytes().decode("utf-32-le", "surrogatepass").casefold()
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    cuts = np.flatnonzero(codes == 0)
    starts = np.r_[0, cuts + 1]
    lengths = np.r_[cuts, codes.size] - starts
    single = lengths == 1
    folded[cased[single]] = codes[starts[single]]
    kind[cased[~single]] = _LONG_FOLD
    folded[ord("A") : ord("Z") + 1] += 32
    for digit, char in enumerate(_SUPERSCRIPTS):
        kind[ord(char)], folded[ord(char)] = _SUPERSCRIPT, ord("0") + digit
    for char in _INVISIBLES:
        kind[ord(char)] = _INVISIBLE
    for char in _OPENED:
        kind[ord(char)] = _LONG_FOLD
    return kind, folded


@cache
def _tables() -> tuple[np.ndarray, np.ndarray]:
    """``_tables_below`` for every code point."""
    return _tables_below(0x110000)


_POWERS = np.ones(1, dtype=np.uint64)
_INVERSE_POWERS = np.ones(1, dtype=np.uint64)


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """P**i and P**-i for i < n (kept and grown, so each is computed once)."""
    global _POWERS, _INVERSE_POWERS
    if _POWERS.size < n:
        size = max(n, 2 * _POWERS.size, 1 << 16)
        with np.errstate(over="ignore"):
            _POWERS = np.cumprod(np.r_[np.uint64(1), np.full(size - 1, _P)], dtype=np.uint64)
            _INVERSE_POWERS = np.cumprod(
                np.r_[np.uint64(1), np.full(size - 1, _P_INVERSE)], dtype=np.uint64
            )
    return _POWERS[:n], _INVERSE_POWERS[:n]


@cache
def _bmp_tables() -> tuple[np.ndarray, np.ndarray]:
    """``_tables`` for the Basic Multilingual Plane, indexed by UTF-16 code
    units: a quarter of the size, looked up faster. Every fold of a code
    point there stays there."""
    kind, folded = _tables_below(0x10000)
    assert folded.max() < 0x10000
    return kind, folded.astype(np.uint16)


def _points(text: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The text's code points, and the kind and fold tables to look them up
    in: UTF-16 code units and the smaller tables when every character is in
    the Basic Multilingual Plane (nearly every text), else UTF-32."""
    data = text.encode("utf-16-le", "surrogatepass")
    if len(data) == 2 * len(text):
        return np.frombuffer(data, dtype=np.uint16), *_bmp_tables()
    data = text.encode("utf-32-le", "surrogatepass")
    return np.frombuffer(data, dtype=np.uint32), *_tables()


def folded_points(text: str) -> tuple[np.ndarray, np.ndarray]:
    """The text's code points typography folded and case-folded, and their kinds."""
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    points, kind_of, fold_of = _points(text)
    kinds = kind_of.take(points)
    if kinds.size and kinds.max() >= _INVISIBLE:
        long = points[kinds == _LONG_FOLD]
        if long.size:  # ligatures, ß: fold them in the text, then look again
            for code in sorted(set(long.tolist())):  # (np.unique would import numpy.ma)
                char = chr(code)
                text = text.replace(char, _OPENED.get(char) or char.casefold())
            points, kind_of, fold_of = _points(text)
            kinds = kind_of.take(points)
        visible = kinds != _INVISIBLE
        points, kinds = points[visible], kinds[visible]
    return fold_of.take(points), kinds


def word_spans(kind: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each word's start and end (exclusive): runs of letters, a run of
    superscript digits being a word of its own."""
    if kind.max() <= _LETTER:  # no superscripts: words are runs of letters
        padded = np.zeros(kind.size + 2, dtype=np.uint8)
        padded[1:-1] = kind
        edges = np.flatnonzero(padded[1:] != padded[:-1])  # starts and ends, in turn
        return edges[0::2], edges[1::2]
    word = (kind == _LETTER) | (kind == _SUPERSCRIPT)
    before = np.empty_like(kind)
    before[0], before[1:] = _SEPARATOR, kind[:-1]
    starts = word & ((before == _SEPARATOR) | ((kind == _SUPERSCRIPT) & (before != _SUPERSCRIPT)))
    ends = np.empty_like(word)
    ends[:-1] = word[:-1] & ~(word[1:] & ~starts[1:])
    ends[-1:] = word[-1:]
    return np.flatnonzero(starts), np.flatnonzero(ends) + 1


def hash_words(text: str) -> tuple[np.ndarray, np.ndarray]:
    """A stable 64-bit hash and the length (in characters) of each word, in order."""
    points, kind = folded_points(text)
    if not points.size:
        return np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int64)
    start, end = word_spans(kind)
    if not start.size:
        return np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int64)
    powers, inverse = _powers(points.size)
    sums = np.empty(points.size + 1, dtype=np.uint64)
    sums[0] = 0
    np.cumsum(np.multiply(points, powers, dtype=np.uint64), out=sums[1:])
    raw = sums[end]
    raw -= sums[start]
    raw *= inverse[start]
    length = end - start
    raw += length.astype(np.uint64) * _P
    return mix64(raw), length


def hash_word_list(words: list[str]) -> np.ndarray:
    """The hashes ``hash_words`` gives these words (for tests and benchmarks)."""
    return hash_words(" ".join(words))[0]
