"""Dot leaders an engine misread as letters.

Tesseract reads a row of dots (a leader from an entry of a table of
contents, an index or a key to its number or name) as a few flat "words"
of doubtful letters: ``De ee``, ``eee``, ``caaeiiene``, ``ee...``. Their
boxes give them away: no letter is as flat as a dot (a fifth of the type
height), and a run of them stretches over several type heights. Such a run
between the line's real words is read as the leader it is
(``dedupe.normalise.leaders.LEADER``), so the witnesses agree on it and its
junk letters are not taken for words.
"""

from __future__ import annotations

from dedupe.model import Box
from dedupe.normalise.leaders import LEADER

#: a word whose box is under this share of the type height is as flat as dots
FLAT = 0.3
#: ... and a run of such words this many type heights wide is a leader
WIDE = 2.0
DOUBTFUL = 0.5  # the engine doubts them (a dash it is sure of stays a dash)
#: a leader leads to the line's last words (a number, a name): at most this many
AFTER = 4

Found = tuple[str, float | None, Box | None]


def _dotlike(word: Found, type_height: float) -> bool:
    text, conf, box = word
    if box is None or conf is None or conf >= DOUBTFUL:
        return False
    return box.y1 - box.y0 < FLAT * type_height


def read_leaders(words: list[Found], type_height: float | None) -> list[Found]:
    """The line's words with every run of flat, doubtful words wide as a
    leader read as one ``LEADER`` (its lowest confidence, its whole box);
    only before the line's last few words (a leader leads to a number or a
    name at the line's end: flat marks that end a line, or with a sentence
    after them, are specks).

    >>> line = [("Colombia", .93, Box(0, 0, 216, 36)), ("De", .25, Box(230, 30, 265, 36)),
    ...         ("ee", .37, Box(270, 29, 506, 36)), ("sulcipennis", .92, Box(520, 0, 777, 45))]
    >>> [w for w, _, _ in read_leaders(line, 41.0)]
    ['Colombia', '.....', 'sulcipennis']
    >>> [w for w, _, _ in read_leaders(line[:2] + line[3:], 41.0)]  # one short mark: a speck
    ['Colombia', 'De', 'sulcipennis']
    >>> [w for w, _, _ in read_leaders(line[:3], 41.0)]  # nothing led to: specks
    ['Colombia', 'De', 'ee']
    """
    if not type_height or len(words) < 2:
        return words
    out: list[Found] = []
    k = 0
    while k < len(words):
        j = k
        while j < len(words) and _dotlike(words[j], type_height):
            j += 1
        run = words[k:j]
        if run and 1 <= len(words) - j <= AFTER:
            first, last = run[0][2], run[-1][2]
            if first is not None and last is not None and last.x1 - first.x0 >= WIDE * type_height:
                conf = min(c for _, c, _ in run if c is not None)
                box = Box(first.x0, min(b.y0 for _, _, b in run if b), last.x1,
                          max(b.y1 for _, _, b in run if b))  # fmt: skip
                out.append((LEADER, conf, box))
                k = j
                continue
        out.extend(run or words[k : k + 1])
        k = max(j, k + 1)
    return out
