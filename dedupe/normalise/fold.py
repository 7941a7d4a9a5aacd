"""Comparison keys: text with typography folded away.

Two witnesses that differ only in quote style, dashes, ligatures, soft
hyphens, odd spaces, Markdown emphasis or footnote-marker style must compare
equal. Blocks keep their original text; only keys are folded.

>>> fold("“Return” to China’s ﬁrst *primus* — US\\\\$280¹²")
'"Return" to China\\'s first primus - US$280^12'
>>> fold("Colombia ........................ 2") == fold("Colombia ....... 2")
True
>>> fold("Einſchraͤnkung")  # long s and the old umlaut (a small e over the vowel)
'Einschränkung'

"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2e17": "-",  # double oblique hyphen (Fraktur)
        "\u2e40": "-",  # double hyphen
        "\u00ac": "-",  # not sign: a hyphen in some Fraktur transcriptions
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u00ad": None,
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\ufeff": None,
        "\u2026": "...",
    }
)
_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
    "\u0132": "IJ",
    "\u0133": "ij",
    "\u017f": "s",  # long s: a letterform of s (Fraktur, early modern print)
}
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_TO_DIGIT = {c: str(i) for i, c in enumerate(SUPERSCRIPT_DIGITS)}
SUPER_RUN = re.compile(f"[{SUPERSCRIPT_DIGITS}]+")
# Markdown emphasis: *x*, **x**, _x_, __x__ (only where it wraps a word edge)
_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,3}|_{1,3})(?=\S)|(?<=\S)(\*{1,3}|_{1,3})(?![\w*])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$&%~|<>])")
_BRACKET_MARKER = re.compile(r"\[\^?(\d{1,3})\]|\^(\d{1,3})(?!\d)")
_SPACES = re.compile(r"\s+")
# Dot leaders (a table of contents, a key's "........ 2"): their length is
# layout, and OCR may break them with a space (".......  ........")
_LEADER = re.compile(r"\.{4,}(?: \.{4,})*")


def fold_marker(match: re.Match[str]) -> str:
    """Any footnote-marker form (``¹²``, ``[12]``, ``[^12]``, ``^12``) -> ``^12``."""
    text = match.group(0)
    if text[0] in SUPERSCRIPT_DIGITS:
        return "^" + "".join(_SUPER_TO_DIGIT[c] for c in text)
    return "^" + (match.group(1) or match.group(2))


def strip_emphasis(text: str) -> str:
    """Drop Markdown emphasis markers.

    >>> strip_emphasis("described by *The Financial Times* as **bold**")
    'described by The Financial Times as bold'
    """
    return _EMPHASIS.sub("", text)


def unescape_markdown(text: str) -> str:
    r"""Undo Markdown backslash escapes.

    >>> unescape_markdown(r"The US\$280 million")
    'The US$280 million'
    """
    return _ESCAPE.sub(r"\1", text)


@lru_cache(maxsize=1 << 18)
def fold(text: str) -> str:
    """The comparison key of a piece of text (see module docstring).

    Cached: a book repeats its words thousands of times. Each step runs only
    where its characters occur (ASCII text has no ligatures, curly quotes or
    superscripts), which gives the same key, faster.
    """
    if not text.isascii():
        if "\u0364" in text:  # a small e over a vowel is the old umlaut: aͤ is ä
            text = text.replace("\u0364", "\u0308")
        text = unicodedata.normalize("NFC", text)
        for lig, rep in _LIGATURES.items():
            if lig in text:
                text = text.replace(lig, rep)
        text = text.translate(_QUOTES)
    elif "`" in text:
        text = text.translate(_QUOTES)
    if "\\" in text:
        text = unescape_markdown(text)
    if "*" in text or "_" in text:
        text = strip_emphasis(text)
    if not text.isascii():
        text = SUPER_RUN.sub(fold_marker, text)
    if "[" in text or "^" in text:
        text = _BRACKET_MARKER.sub(fold_marker, text)
    if "...." in text:
        text = _LEADER.sub("....", text)
    return _SPACES.sub(" ", text).strip()


def fold_word(word: str) -> str:
    """Key of one token for word-level alignment: folded, case kept."""
    return fold(word)


_CORE = re.compile(r"^\W+|\W+$")
_MARKERS = re.compile(r"\^\d+")


@lru_cache(maxsize=1 << 18)
def core(word: str) -> str:
    """The bare word: folded, markers and edge punctuation removed, lower case.

    >>> core("“Zholdoshaev,”⁹")
    'zholdoshaev'
    """
    return _CORE.sub("", _MARKERS.sub("", fold(word))).casefold()


def core_words(text: str) -> list[str]:
    """The bare words of a text (tokens that are only punctuation left out)."""
    return [w for w in map(core, text.split()) if w]


def squash(text: str) -> str:
    """The bare words run together: split and joined words compare equal.

    >>> squash("plane loads,") == squash("planeloads")
    True
    """
    return "".join(core_words(text))
