"""What a piece of text looks like: the small predicates the rules share.

Each looks at the text with Markdown emphasis and footnote markers set aside,
so ``*Life:*`` ends with a colon and ``negative.¹⁰`` ends a sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from dedupe.normalise.fold import SUPERSCRIPT_DIGITS, strip_emphasis, unescape_markdown

SENTENCE_END = ".!?…"
CLAUSE_END = ",;:–—-"
_CLOSERS = re.compile(
    rf"(?:[\s\\\"'”’»)\]*_]|[{SUPERSCRIPT_DIGITS}]+|\[\^?\d{{1,3}}\]|\^\d{{1,3}})+$"
)
_OPENERS = re.compile(r"^[\s\\\"'“‘«(\[*_¿¡]+")
SYMBOL_BULLET = re.compile(r"^\s*[-*+•‣◦▪–]\s+")
LIST_ITEM = re.compile(r"^\s*(?:[-*+•‣◦▪–]|\(?\d{1,3}[.)]|\(?[a-z]\))\s+")
_WORD = re.compile(r"\S+")
EDGE = 64  # characters looked at for how a text starts or ends


@lru_cache(maxsize=1 << 16)
def plain(text: str) -> str:
    """Text without Markdown escapes and emphasis.

    >>> plain("**CENTRAL ASIA PROGRAM**")
    'CENTRAL ASIA PROGRAM'
    """
    return strip_emphasis(unescape_markdown(text)).strip()


def last_char(text: str) -> str:
    """The last meaningful character: closing quotes, brackets, emphasis and
    footnote markers set aside.

    >>> last_char("They tested negative.¹⁰"), last_char("*As You Love Life:*")
    ('.', ':')
    """
    for size in (16, EDGE, len(text)):  # most closers are short: look at the tail first
        stripped = _CLOSERS.sub("", text[-size:])
        if stripped or size >= len(text):
            return stripped[-1] if stripped else ""
    return ""


def first_char(text: str) -> str:
    """The first meaningful character: opening quotes, brackets, emphasis set aside."""
    stripped = _OPENERS.sub("", text[:EDGE])
    if not stripped and len(text) > EDGE:
        stripped = _OPENERS.sub("", text)
    return stripped[0] if stripped else ""


def ends_sentence(text: str) -> bool:
    """Whether the text ends with sentence-final punctuation.

    >>> ends_sentence("as people went down the"), ends_sentence("the virus took off.”")
    (False, True)
    """
    end = last_char(text)
    return end != "" and end in SENTENCE_END


def starts_lowercase(text: str) -> bool:
    """Whether the text starts with a lower-case letter (a sentence going on).

    A word in capitals whose first letter OCR read in lower case
    (``lNTRODUCTION``) starts nothing in lower case.

    >>> starts_lowercase("route of attacking"), starts_lowercase("“Return”")
    (True, False)
    >>> starts_lowercase("lNTRODUCTION"), starts_lowercase("iPhone sales")
    (False, True)
    """
    first = first_char(text)
    if not (first.isalpha() and first.islower()):
        return False
    word = _OPENERS.sub("", text[:EDGE]).split(maxsplit=1)[0]
    rest = [c for c in word[1:] if c.isalpha()]
    return len(rest) < 3 or not all(c.isupper() for c in rest)


_ADDRESS = re.compile(r"(?:\S+@\S+|\S*(?:https?://|www\.)\S*|\w+(?:\.\w+)*\.[a-z]{2,6}/?)$")


def ends_with_address(text: str) -> bool:
    """Whether the text ends with an e-mail, web address or domain name: a
    complete unit (an affiliation, a caption's credit), not a sentence cut off.

    >>> ends_with_address("E-mail: germann.christoph@gmail.com"), ends_with_address("Photo from en.kremlin.ru")
    (True, True)
    >>> ends_with_address("went down the")
    False
    """
    return bool(_ADDRESS.search(plain(text[-EDGE:])))


_LEADER = re.compile(r"(?:\.[ \t]?){4,}[^.…]{0,60}$")


def ends_with_leader(text: str) -> bool:
    """Whether the text ends with a dot leader and what it leads to (a page,
    a couplet number, a name): an entry of a contents list, index or key.

    >>> ends_with_leader("Pronotum cylindrical ............ 3"), ends_with_leader("went on...")
    (True, False)
    """
    return bool(_LEADER.search(plain(text[-EDGE:])))


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def is_all_caps(text: str) -> bool:
    """Whether every letter is a capital (at least three letters).

    >>> is_all_caps("**CENTRAL ASIA\\nPROGRAM**"), is_all_caps("Persistent Tensions")
    (True, False)
    """
    letters = "".join(c for c in text if c.isalpha())
    return len(letters) >= 3 and letters.isupper()


_NEXT_SENTENCE = re.compile(r"(\w{2,})[.!?]\s+(\w+)\s+(\w)")
SENTENCES_WORDS = 10  # a heading this long that holds a sentence end is prose


def holds_sentence_end(text: str) -> bool:
    """Whether a sentence ends inside the text and a new one runs on after
    it (``genus. Furthermore an``), as in prose and not in a heading.

    >>> holds_sentence_end("the genus. Furthermore an"), holds_sentence_end("sp. nov. from Ecuador")
    (True, False)
    """
    return any(
        m.group(1)[-2:].islower() and m.group(2)[:1].isupper() and m.group(3).islower()
        for m in _NEXT_SENTENCE.finditer(text)
    )


@lru_cache(maxsize=1 << 16)  # the rules ask it of each line several times
def is_heading_like(text: str) -> bool:
    """Short, no final or clause punctuation, not a list item, not a sentence
    going on, no sentence ending inside it (from ten words on): how a
    heading (or a title, byline or callout) looks.

    >>> is_heading_like("Medical Aid Flows Both Ways"), is_heading_like("route of attacking.")
    (True, False)
    >>> is_heading_like("DISTRIBUTION: Howdeniola represents the southernmost find of the genus. Furthermore an")
    False
    """
    if len(text) > 4 * 120:
        return False
    text = plain(text)
    if not text or not any(c.isalpha() for c in text):
        return False
    if word_count(text) > 15 or len(text) > 120:
        return False
    end = last_char(text)
    if end in SENTENCE_END or end in CLAUSE_END:
        return False
    if word_count(text) >= SENTENCES_WORDS and holds_sentence_end(text):
        return False
    return not starts_lowercase(text) and not SYMBOL_BULLET.match(text)
