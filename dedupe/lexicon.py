"""Word evidence shared by the stages: the text's language and how common a
word is (wordfreq's Zipf scale: 3 is once per million words, 0 unknown).

A reading that is a common word of the document's language is more
plausible than an OCR confusion of it; a word the document itself uses
elsewhere is more plausible than one it never uses.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache

STOPWORDS = {
    "en": "the and of to in is that it was for with as on be by this are",
    "de": "der die und das ist nicht zu den von mit sich des auf für ein eine",
    "fr": "le la les et des est une dans que pour pas sur qui au du",
    "es": "el la los las y que de en por con para una del se es",
    "it": "il di che la per non una sono del della gli con è le",
    "nl": "de het een van en is dat niet op te voor met zijn",
    "pt": "o os que de e não um uma para com do da em",
}
WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?")


def word_counts(text: str) -> Counter[str]:
    """Case-folded counts of the words of a text."""
    return fold_counts(Counter(WORD.findall(text)), str.casefold)


def fold_counts(counts: Counter[str], key: Callable[[str], str]) -> Counter[str]:
    """Counts merged under a key, the key computed once per distinct word
    (a book has a few thousand distinct words among its hundreds of thousands)."""
    out: Counter[str] = Counter()
    for word, n in counts.items():
        out[key(word)] += n
    return out


def guess_language(counts: Counter[str]) -> str:
    """The language whose common words the text uses most (default en).

    >>> guess_language(word_counts("der Hund und die Katze sind nicht da"))
    'de'
    """
    scores = {lang: sum(counts[w] for w in words.split()) for lang, words in STOPWORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] else "en"


@lru_cache(maxsize=200_000)
def zipf(word: str, language: str = "en") -> float:
    """How common a word is in the language (0 for unknown words).

    >>> zipf("software") > 4 > zipf("sofware")
    True
    """
    from dedupe.frequencies import word_list

    return word_list(language).zipf(word)


def prefetch(words: Iterable[str], language: str = "en") -> None:
    """Ready the frequencies of many words at once (see dedupe.frequencies)."""
    from dedupe.frequencies import word_list

    word_list(language).prefetch(words)


def mean_zipf(words: Iterable[str], language: str = "en") -> float:
    scores = [zipf(w, language) for w in words]
    return sum(scores) / len(scores) if scores else 0.0
