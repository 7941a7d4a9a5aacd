"""wordfreq's Zipf scale without loading a whole word list per run.

wordfreq loads a language's full list (320,000 English words) on first use:
importing it and reading the list cost about 0.3 s, a third of a short
comparison, which needs the frequencies of a few thousand words. The list is
copied once into an SQLite file in the user's cache folder; a run then looks
up only the words it asks about (a few microseconds each).

Words whose tokens we can name for sure (letters in the Latin-script
languages whose wordfreq preprocessing is NFC and casefold, split at hyphens
as wordfreq splits them, inner apostrophes and dots where wordfreq keeps
them) are looked up without importing wordfreq; other words go through
wordfreq's own tokenizer (a 0.1 s import) and are looked up in the copy; a
language we do not copy is asked of wordfreq itself. The result is always
the number wordfreq gives.
"""

from __future__ import annotations

import math
import os
import sqlite3
import tempfile
import unicodedata
from collections.abc import Iterable
from functools import cache
from importlib.util import find_spec
from pathlib import Path

# Languages whose wordfreq preprocessing is NFC normalisation and casefolding.
PLAIN_LANGUAGES = frozenset({"en", "de", "fr", "es", "it", "nl", "pt"})
MINIMUM = 1e-9  # wordfreq's floor: Zipf 0


def cache_dir() -> Path:
    """Where the copies live: $DEDUPE_CACHE_DIR, else $XDG_CACHE_HOME/dedupe, else ~/.cache/dedupe."""
    if env := os.environ.get("DEDUPE_CACHE_DIR"):
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "dedupe"


def tokens(word: str, language: str) -> list[str] | None:
    """The tokens wordfreq would look up for a word, where we know them for sure.

    >>> tokens("E-Future", "en")
    ['e', 'future']
    >>> tokens("won’t", "en"), tokens("l'arc", "fr"), tokens("B52", "en")
    (["won't"], None, None)
    """
    if language not in PLAIN_LANGUAGES:
        return None
    if word.isalpha() and word.isascii():  # most words: no hyphen, quote or accent
        return [word.lower()]
    folded = unicodedata.normalize("NFC", word).casefold().replace("’", "'")
    pieces = folded.split("-")
    return pieces if all(map(_plain_piece, pieces)) else None


def _plain_piece(piece: str) -> bool:
    """Letters, with inner dots ("eng.unesco.org") and inner apostrophes
    only after three letters (wordfreq splits "l'arc" and "xi'an" but keeps
    "won't" and "britain's")."""
    first, *rest = piece.split("'")
    if rest and len(first) < 3:
        return False
    return all(s.isalpha() for part in (first, *rest) for s in part.split("."))


def combine(freqs: list[float]) -> float:
    """wordfreq's Zipf value of a word made of tokens of these frequencies
    (1/f = 1/f1 + 1/f2 + ..., rounded to three significant digits)."""
    if not freqs:
        return 0.0
    freq = max(1.0 / sum(1.0 / f for f in freqs), MINIMUM)
    freq = round(freq, math.floor(-math.log(freq, 10)) + 3)
    return round(math.log10(freq) + 9, 2)


class WordList:
    """One language's frequencies, read from the cached copy."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._db = _open_copy(language)
        self._known: dict[str, float | None] = {}  # token -> frequency, None: not a word

    def prefetch(self, words: Iterable[str]) -> None:
        """Look many words up at once (a query per 500 words instead of one
        per word): the words a document has are the ones it will ask about."""
        if self._db is None:
            return
        wanted = {p for w in words for p in tokens(w, self.language) or ()} - self._known.keys()
        batch = sorted(wanted)
        for at in range(0, len(batch), 500):
            chunk = batch[at : at + 500]
            marks = ",".join("?" * len(chunk))
            query = f"SELECT w, f FROM words WHERE w IN ({marks})"
            self._known.update(dict.fromkeys(chunk))
            self._known.update(self._db.execute(query, chunk).fetchall())

    def zipf(self, word: str) -> float:
        if self._db is None:
            from wordfreq import zipf_frequency

            return zipf_frequency(word, self.language)
        pieces = tokens(word, self.language)
        if pieces is not None:
            return combine(self._lookup(pieces))
        return combine(self._lookup_tokenized(word))

    def _lookup(self, pieces: list[str]) -> list[float]:
        """The pieces' frequencies; none at all if one is not a known word."""
        found = []
        for piece in pieces:
            if piece in self._known:
                freq = self._known[piece]
            else:
                row = self._db.execute("SELECT f FROM words WHERE w = ?", (piece,)).fetchone()
                freq = self._known[piece] = row[0] if row else None
            if freq is None:
                return []
            found.append(freq)
        return found

    def _lookup_tokenized(self, word: str) -> list[float]:
        """wordfreq's own tokens, with digit runs weighed as wordfreq weighs
        them (wordfreq's _word_frequency, reading our copy)."""
        from wordfreq import digit_freq, lossy_tokenize, smash_numbers

        pieces = lossy_tokenize(word, self.language)
        smashed = [smash_numbers(t) for t in pieces]
        found = self._lookup(smashed)
        if len(found) != len(pieces):
            return []
        return [
            f * digit_freq(t) if s != t else f
            for f, s, t in zip(found, smashed, pieces, strict=True)
        ]


@cache
def word_list(language: str) -> WordList:
    return WordList(language)


def _open_copy(language: str) -> sqlite3.Connection | None:
    """The language's copy, made first if need be (and made again if it is
    damaged); None where it cannot be, and wordfreq answers instead."""
    if language not in PLAIN_LANGUAGES:
        return None
    stamp = _installed_stamp()
    if stamp is None:  # pragma: no cover - a dependency
        return None
    try:
        path = cache_dir() / f"wordfreq-{stamp}-{language}.sqlite3"
    except RuntimeError:  # no home folder to find
        return None
    for _attempt in range(2):
        try:
            if not path.exists():
                _make_copy(path, language)
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            db.execute("SELECT f FROM words WHERE w = 'the'").fetchall()
            return db
        except sqlite3.DatabaseError:  # damaged: made again, once
            try:
                path.unlink(missing_ok=True)
            except OSError:
                return None
        except OSError:
            return None
    return None


def _installed_stamp() -> str | None:
    """The installed wordfreq's version, read from its dist-info folder's name
    without importing anything (importlib.metadata alone costs 12 ms); an
    upgrade makes a new copy, and environments with one version share one."""
    spec = find_spec("wordfreq")
    if spec is None or spec.origin is None:
        return None
    site = Path(spec.origin).parent.parent
    names = sorted(p.name for p in site.glob("wordfreq-*.dist-info"))
    if len(names) == 1:
        return names[0].removeprefix("wordfreq-").removesuffix(".dist-info")
    info = os.stat(spec.origin)  # no single dist-info: the package file itself
    return f"{info.st_size}-{info.st_mtime_ns}"


def _make_copy(path: Path, language: str) -> None:
    """Write the copy under a temporary name and move it into place, so that
    concurrent runs never read half a file."""
    from wordfreq import get_frequency_dict

    freqs = get_frequency_dict(language, "best")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        db.execute("PRAGMA journal_mode = OFF")  # a scratch file until it is moved into place
        db.execute("PRAGMA synchronous = OFF")
        db.execute("CREATE TABLE words (w TEXT PRIMARY KEY, f REAL) WITHOUT ROWID")
        db.executemany("INSERT INTO words VALUES (?, ?)", sorted(freqs.items()))
        db.commit()
        db.close()
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
