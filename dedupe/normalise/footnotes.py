"""Footnotes: finding them wherever they stand, and their markers in the body.

A note starts with its number: a superscript (``¹ "..."``, ``⁵⁸ “...``), a
list line (``- 11 "..."``), a bracket (``[11] ...``), a Markdown definition
(``[^11]: ...``), a caret (``^11 ...``), or a plain number (``11. ...``,
``11 ...``). The plain forms are also how numbered lists look, so they count
only where the numbering continues the document's footnote sequence, the body
has markers with those numbers, and the block stands at the foot of a page or
of the text. Runs of notes are split into one note per number.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from dedupe.normalise.draft import Draft, Piece
from dedupe.normalise.fold import SUPERSCRIPT_DIGITS
from dedupe.normalise.noteruns import damaged_mark, unreferenced_runs

_SUPER_VALUE = {c: str(i) for i, c in enumerate(SUPERSCRIPT_DIGITS)}
_S = f"[{SUPERSCRIPT_DIGITS}]"

#: Leading forms of a note's number, strongest first, with how they read.
LEADING_FORMS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("superscript", re.compile(rf"^({_S}{{1,3}})\s*(?=\S)"), "superscript number"),
    ("definition", re.compile(r"^\[\^(\d{1,3})\]:\s*(?=\S)"), "Markdown footnote definition"),
    ("list", re.compile(r"^[-*•–]\s*(\d{1,3})[.)]?(?:\s+|(?=[\"“‘']))(?=\S)"), "list-form note"),
    ("bracket", re.compile(r"^\[(\d{1,3})\][.:]?\s*(?=\S)"), "bracketed number"),
    ("caret", re.compile(r"^\^(\d{1,3})\s*(?=\S)"), "caret number"),
    ("dotted", re.compile(r"^(\d{1,3})[.)]\s+(?=\S)"), "numbered line"),
    ("bare", re.compile(r"^(\d{1,3})(?:\s+|(?=[\"“‘]))(?=[^\s\d])"), "numbered line"),
    # a number with a speck or a misread stop glued on
    # (``6° “Death``, ``30: “Weidong``, ``17."Pervyy``, ``26.."Pribyvshie``)
    (
        "specked",
        re.compile(r"^(\d{1,3})(?:[°º*'’‘:;,]\s+|\.{1,2}(?=[\"“‘'])|\.\.\s+)(?=[^\s\d])"),
        "numbered line",
    ),
)
STRONG = frozenset({"superscript", "definition"})
WEAK = frozenset({"dotted", "bare", "specked"})
MAX_GAP = 5  # a note may skip a few numbers (a missed or merged note)

_SYMBOL_NOTE = re.compile(r"^([*†‡§¶]{1,3})\s*(?=\S)")
_BODY_MARKER = re.compile(rf"({_S}+)|\[\^?(\d{{1,3}})\](?!:)|\^(\d{{1,3}})(?!\d)")
_INLINE_NOTE = re.compile(
    rf"(?<=[.!?”\"’')])\s+(?:({_S}{{1,3}})|\[(\d{{1,3}})\]|(\d{{1,3}})(?=\s+[\"“‘A-Z]))\s*(?=\S)"
)


@dataclass(frozen=True)
class Marker:
    """A footnote number found in text: its value, where it stands, its form."""

    n: int
    start: int
    end: int
    form: str


def number(text: str) -> int:
    """The value of a number written in digits or superscript digits.

    >>> number("⁵⁸"), number("11")
    (58, 11)
    """
    return int("".join(_SUPER_VALUE.get(c, c) for c in text))


def leading_marker(text: str) -> Marker | None:
    """The note number a line starts with, if any (``end`` includes the space after).

    >>> leading_marker("- 11 “China-led \\\\$280 Million Kyrgyzstan Project”")
    Marker(n=11, start=0, end=5, form='list')
    >>> leading_marker("⁵⁸ “SCO Secretary-General Vladimir Norov”")
    Marker(n=58, start=0, end=3, form='superscript')
    >>> leading_marker("2020 was a hard year") is None
    True
    """
    for form, pattern, _ in LEADING_FORMS:
        m = pattern.match(text)
        if m:
            return Marker(number(m.group(1)), 0, m.end(), form)
    return None


def body_markers(text: str) -> list[Marker]:
    """Footnote markers inside running text: ``¹²``, ``[11]``, ``[^11]``, ``^11``.

    >>> [m.n for m in body_markers("the Uzbek,¹² Kazakh[13] and Kyrgyz^14 governments")]
    [12, 13, 14]
    """
    found = []
    for m in _BODY_MARKER.finditer(text):
        raw = m.group(1) or m.group(2) or m.group(3)
        form = "superscript" if m.group(1) else "bracket" if m.group(2) else "caret"
        found.append(Marker(number(raw), m.start(), m.end(), form))
    return found


def _form_label(form: str) -> str:
    if form == "damaged":
        return "number read as symbols"
    return next(label for f, _, label in LEADING_FORMS if f == form)


def _candidate(d: Draft) -> Marker | None:
    if d.kind == "noise" or not d.pieces:
        return None
    return leading_marker(d.pieces[0].text)


def _at_feet(drafts: list[Draft], candidates: list[Marker | None]) -> list[bool]:
    """For each draft: whether only notes and noise follow it on its page (or,
    in a text without pages, to the end). One pass from the end."""
    paged = len({d.pages[0] for d in drafts}) > 1
    feet = [True] * len(drafts)
    clean = True
    for i in range(len(drafts) - 2, -1, -1):
        after = drafts[i + 1]
        if paged and after.pages[0] != drafts[i].pages[1]:
            clean = True
        else:
            clean = clean and (after.kind == "noise" or candidates[i + 1] is not None)
        feet[i] = clean
    return feet


def split_notes(
    d: Draft, last: int, why: str, first: int | None = None, mark: Marker | None = None
) -> list[Draft]:
    """One footnote per number: a new note starts at each line (or, after a
    sentence end, each inline number) that continues the numbering.
    ``first`` is the first note's number where its printed one was misread,
    ``mark`` its number where OCR read it as symbols (``damaged_mark``); in
    such a run (``first`` given) a line whose number OCR read as symbols
    starts the next note.

    >>> from dedupe.normalise.blocks import demo_drafts
    >>> from dedupe.normalise.draft import show
    >>> show(split_notes(demo_drafts("- 11 “China-led”, Reuters.com.\\n- 12 “Uzbekistan Sending”, rferl.org.")[0], 10, "list-form note"))
    footnote 11: “China-led”, Reuters.com.  [footnote 11: list-form note]
    footnote 12: “Uzbekistan Sending”, rferl.org.  [footnote 12: list-form note]
    """
    notes: list[tuple[int | None, list[Piece], str]] = []
    current = last
    for piece in d.pieces:
        m = leading_marker(piece.text) if mark is None or notes else mark
        if m is None and notes and first is not None and (end := damaged_mark(piece.text)):
            m = Marker(current + 1, 0, end, "damaged")  # in a run: a number read as symbols
        if m and (not notes or current < m.n <= current + MAX_GAP):
            n = first if first is not None and not notes else m.n
            notes.append((n, [piece.cut(0, m.end, marker=True)], why))
            rest = piece.cut(m.end, len(piece.text))
            current = n
        else:
            rest = piece
        if not notes:
            notes.append((None, [], why))
        current = _split_inline(rest, notes, current)
    return [
        Draft(tuple(pieces), kind="footnote", n=n, reason=f"footnote {n}: {reason}", hint=d.hint)
        for n, pieces, reason in notes
    ]


def _split_inline(piece: Piece, notes: list, current: int) -> int:
    """Append ``piece`` to the last note, starting new notes at inline numbers."""
    at = 0
    for m in _INLINE_NOTE.finditer(piece.text):
        n = number(m.group(1) or m.group(2) or m.group(3))
        if n != current + 1:
            continue
        notes[-1][1].append(piece.cut(at, m.start()))
        notes.append(
            (n, [piece.cut(m.start(), m.end(), marker=True)], "number inside a run of notes")
        )
        at, current = m.end(), n
    notes[-1][1].append(piece.cut(at, len(piece.text)) if at else piece)
    return current


def _fits(n: int, last: int) -> bool:
    """A referenced number may skip a few, or open an excerpt's first note."""
    return last < n <= last + MAX_GAP or last == 0


def find_footnotes(drafts: list[Draft]) -> list[Draft]:
    """Turn the blocks that are footnotes into one footnote draft per number.

    >>> from dedupe.normalise.blocks import demo_drafts
    >>> from dedupe.normalise.draft import show
    >>> show(find_footnotes(demo_drafts(
    ...     "Kyrgyz governments sent aid.¹\\n\\n1. Take the list.\\n\\n2. Keep it.\\n\\n"
    ...     "¹ “Uzbekistan Sending Medical Supplies,” rferl.org.")))
    paragraph: Kyrgyz governments sent aid.¹
    paragraph: 1. Take the list.
    paragraph: 2. Keep it.
    footnote 1: “Uzbekistan Sending Medical Supplies,” rferl.org.  [footnote 1: superscript number]
    """
    origins, drafts = _cut_at_numbered_lines(drafts)
    inner = {i for i in range(1, len(drafts)) if origins[i] == origins[i - 1]}
    out = _find_footnotes(drafts, inner)
    return _mend_cuts(out, origins, drafts)


def _cut_at_numbered_lines(drafts: list[Draft]) -> tuple[list[int], list[Draft]]:
    """Blocks cut before each inner line that opens with a plain note number
    (or one OCR read as symbols): a scan's paragraphs may run a page's notes
    into one another and into the body (hOCR). A block that opens with a
    note number is split by ``split_notes`` if it is notes. Returns, for
    each piece, the index of the block it was cut from."""
    origins: list[int] = []
    out: list[Draft] = []
    for i, d in enumerate(drafts):
        cuts = [0]
        if d.kind != "noise" and d.hint is None and _candidate(d) is None:
            cuts += [k for k, p in enumerate(d.pieces) if k and _opens_plain_note(p.text)]
        for a, b in zip(cuts, [*cuts[1:], len(d.pieces)], strict=True):
            out.append(d if len(cuts) == 1 else d.but(pieces=d.pieces[a:b]))
            origins.append(i)
    return origins, out


def _opens_plain_note(text: str) -> bool:
    m = leading_marker(text)
    return (m.form in WEAK) if m else damaged_mark(text) is not None


def _mend_cuts(out: list[Draft], origins: list[int], cut: list[Draft]) -> list[Draft]:
    """Pieces of one block that did not become notes, side by side, are one block again."""
    origin_of = {id(d): o for d, o in zip(cut, origins, strict=True)}
    mended: list[Draft] = []
    last: int | None = None
    for d in out:
        o = origin_of.get(id(d))
        if o is not None and o == last and mended[-1].kind == d.kind:
            mended[-1] = mended[-1].but(pieces=mended[-1].pieces + d.pieces)
            continue
        mended.append(d)
        last = o
    return mended


def _find_footnotes(drafts: list[Draft], inner: set[int]) -> list[Draft]:
    """``find_footnotes`` on blocks cut at numbered lines; a piece cut from
    inside a block (``inner``) is a note only in a run (``unreferenced_runs``)."""
    candidates = [_candidate(d) if d.hint is None else None for d in drafts]
    referenced = {
        m.n
        for d, c in zip(drafts, candidates, strict=True)
        if c is None and d.is_body and d.hint is None
        for m in body_markers(d.text)
    }
    claimed = {c.n for c in candidates if c is not None and c.form in STRONG}
    feet = _at_feet(drafts, candidates)
    weak = [c.n if c is not None and c.form not in STRONG else None for c in candidates]
    runs = unreferenced_runs(drafts, weak) if any(weak) else {}
    out: list[Draft] = []
    last = 0
    open_note: int | None = None  # index in ``out`` of the last note
    after_note = False
    area = [
        (i, k) for i, d in enumerate(drafts) if d.hint == "footnote" for k in range(len(d.pieces))
    ]
    place = {at: j for j, at in enumerate(area)}
    numbers = area_numbers([drafts[a].pieces[b] for a, b in area])
    for i, (d, c) in enumerate(zip(drafts, candidates, strict=True)):
        if d.hint == "footnote":

            def ahead(k: int, i: int = i) -> list[tuple[Piece, int | None]]:
                return [
                    (drafts[a].pieces[b], numbers[j + place[(i, k)] + 1])
                    for j, (a, b) in enumerate(area[place[(i, k)] + 1 :])
                ]

            mine = [numbers[place[(i, k)]] for k in range(len(d.pieces))]
            last, open_note = _hinted_notes(d, out, last, open_note, mine, ahead)
            after_note = True
            continue
        if c is None and i in runs:  # a note whose number OCR read as symbols
            c = Marker(runs[i][1], 0, damaged_mark(d.pieces[0].text) or 0, "damaged")
        accept = (
            c is not None
            and (i not in inner or i in runs)
            and (
                c.form in STRONG
                or (i in runs and runs[i][1] not in claimed and runs[i][1] > last)
                or (
                    c.n not in claimed
                    and (c.n == last + 1 or (c.n in referenced and _fits(c.n, last)))
                    and (c.form not in WEAK or (c.n in referenced and (after_note or feet[i])))
                )
            )
        )
        if not accept:
            out.append(d)
            after_note = after_note and d.kind == "noise"
            continue
        assert c is not None
        why, first, mark = _form_label(c.form), None, None
        if i in runs:
            run_why, first = runs[i]
            printed = d.pieces[0].text[: c.end].strip()
            why += f", {run_why}" + (f" (number read as '{printed}')" if first != c.n else "")
            mark = c if c.form == "damaged" else None
        notes = split_notes(d, last if c.form not in STRONG else c.n - 1, why, first, mark)
        out.extend(notes)
        open_note = len(out) - 1
        last = max([last] + [n.n for n in notes if n.n is not None])
        after_note = True
    return out


def _hinted_notes(
    d: Draft,
    out: list[Draft],
    last: int,
    open_note: int | None,
    numbers: list[int | None] | None = None,
    ahead: Callable[[int], list[tuple[Piece, int | None]]] = lambda k: [],
) -> tuple[int, int | None]:
    """Notes from lines a geometry pass put in a footnote area. A line that
    does not start with a number continues the previous note (``out[open_note]``),
    even across a page; a note numbered anew on each page starts again at 1;
    a line that opens with a number OCR misread (``6 "Pribyvshie``, ``3° "Pentagon``)
    is the next note where the numbers after it count on to it (``misread_slot``).
    ``numbers`` gives each piece's number as the area's count mends it
    (``area_numbers``); ``ahead(k)`` the footnote-area pieces after piece
    ``k`` with theirs. Returns the last note number and the index of the
    open note."""
    for k, piece in enumerate(d.pieces):
        m = leading_marker(piece.text)
        n = numbers[k] if numbers is not None and m else (m.n if m else None)
        symbol = _SYMBOL_NOTE.match(piece.text)
        new_page = open_note is None or out[open_note].pages[1] != piece.page
        if m and n and (open_note is None or last < n <= last + MAX_GAP or (new_page and n <= 3)):
            why = f"footnote {n}: footnote area (geometry), {_form_label(m.form)}"
            if n != m.n:
                why += f" (number read as '{piece.text[: m.end].strip()}')"
            out.append(_note(piece, m.end, n, why))
            last, open_note = n, len(out) - 1
        elif (end := _opener_end(piece.text)) and misread_slot(ahead(k), last):
            printed = piece.text[:end].strip()
            why = (
                f"footnote {last + 1}: footnote area (geometry), number read as '{printed}' "
                f"where the notes after it count on from {last}"
            )
            out.append(_note(piece, end, last + 1, why))
            last, open_note = last + 1, len(out) - 1
        elif symbol:
            why = f"footnote area (geometry), note mark '{symbol.group(1)}'"
            out.append(_note(piece, symbol.end(), None, why))
            open_note = len(out) - 1
        elif open_note is not None:
            note = out[open_note]
            grown = note.but(pieces=note.pieces + (piece,))
            if new_page and "continued" not in (note.reason or ""):
                grown = grown.note("continued on the next page")
            out[open_note] = grown
        else:
            out.append(
                Draft((piece,), kind="footnote", reason="footnote area (geometry), no number")
            )
            open_note = len(out) - 1
    return last, open_note


#: How many misread note numbers in a row a count may bridge.
MISREAD_RUN = 6


def area_numbers(pieces: list[Piece]) -> list[int | None]:
    """The note number each line of a footnote area opens with, as the count
    of the whole area mends it (``mend_numbers``: ``2``, ``8`` for 32 and 38
    where the first digits were lost, ``*8`` for 33); None where a line opens
    with none or with one OCR read as symbols.

    >>> from dedupe.normalise.draft import Piece
    >>> lines = ['31 "With', '2 "Mocharoi', '*8 "Kazakhstan', '*4 "Rising', '*° "WeChat',
    ...          "thepaper.cn, 2020.", '°° "Kazakhstan', '*7 "ChinaAmbassador', '8 "China']
    >>> area_numbers([Piece(t, 0, len(t), 1, 0) for t in lines])
    [31, 32, 33, 34, None, None, None, 37, 38]
    """
    from dedupe.normalise.noteruns import mend_numbers

    chain = []
    for j, piece in enumerate(pieces):
        m = leading_marker(piece.text)
        if m:
            chain.append((j, m.n))
        elif damaged_mark(piece.text) is not None:
            chain.append((j, None))
    out: list[int | None] = [None] * len(pieces)
    for j, n in mend_numbers(chain):
        out[j] = n
    return out


def _opener_end(text: str) -> int | None:
    """Where a note's number ends at the start of ``text``, read or misread."""
    m = leading_marker(text)
    return m.end if m else damaged_mark(text)


def misread_slot(after: list[tuple[Piece, int | None]], last: int) -> bool:
    """Whether a line opening with a misread number is note ``last + 1``:
    the next number that fits, after it, is one more than ``last`` for each
    line up to it that opens with a number, read or misread (``6 "Pribyvshie``,
    then ``27 "7 GUV D`` after note 25; ``3° "Pentagon``, ``“0 "Kazakhstan``,
    ``41 "Kazakhs`` after 38). A continuation line (``29, 2020.``) before the
    next note is not counted on to: ``10`` after note 9 is not 11.

    >>> from dedupe.normalise.draft import Piece
    >>> later = [(Piece('“0 "Kazakhstan', 0, 14, 1, 0), None), (Piece("41 “Kazakhs”", 0, 12, 1, 0), 41)]
    >>> misread_slot(later, 38)
    True
    >>> misread_slot(later[1:], 38)
    False
    """
    slots = 1
    for piece, n in after:
        if n is not None and n == last + 1 + slots:
            return True
        if _opener_end(piece.text) is not None:
            slots += 1
            if slots > MISREAD_RUN:
                return False
    return False


def _note(piece: Piece, end: int, n: int | None, reason: str) -> Draft:
    """A footnote draft from a line whose first ``end`` characters are its mark."""
    marker, body = piece.cut(0, end, marker=True), piece.cut(end, len(piece.text))
    return Draft((marker, body), kind="footnote", n=n, reason=reason, hint="footnote")


def sequence_warnings(numbers: list[int], referenced: list[int]) -> list[str]:
    """What is odd about a document's footnote numbering, for the user to check.

    >>> sequence_warnings([1, 2, 4, 4], [1, 2, 3, 4, 5])
    ['footnotes: no note numbered 3', 'footnotes: more than one note numbered 4', 'footnotes: markers 3, 5 in the body have no note']
    """
    if not numbers:
        return []
    found = set(numbers)
    warnings = []
    missing = [n for n in range(min(numbers), max(numbers)) if n not in found]
    if missing:
        warnings.append(f"footnotes: no note numbered {_listed(missing)}")
    twice = sorted(n for n in found if numbers.count(n) > 1)
    if twice:
        warnings.append(f"footnotes: more than one note numbered {_listed(twice)}")
    orphans = sorted({n for n in referenced if n not in found})
    if orphans:
        warnings.append(f"footnotes: markers {_listed(orphans)} in the body have no note")
    return warnings


def _listed(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10])
    return shown + (f" and {len(numbers) - 10} more" if len(numbers) > 10 else "")
