"""Systematic differences: one pattern repeated across a document, as one entry.

A witness whose text layer reads every space as ``.``, or that sets its
headings in capitals, differs from the others at a hundred places for one
reason. Listing each place hides the variants that matter; these functions
find the places that differ in the same way (same kind, same witnesses, same
small character edit or the same case) so the reports can show them once,
with a count, and keep every member variant (nothing is lost).

The pattern is read against the canonical reading: at each member place the
same witnesses read it with the same edit. Places next to one another are
not merged into one reading here (that is the passage variants' job); a
group is the same edit at places anywhere in the document.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from difflib import SequenceMatcher

from dedupe.model import Collation, Column, Unit

#: Fewest places that make a group: two alike may be chance.
GROUP_MIN = 3
#: Fewest places for the summary to name a witness's systematic problem.
SYSTEMATIC_MIN = 5
#: An edit counts as one pattern only while it is small: at most this many
#: changed stretches of at most this many characters each.
MAX_PIECES = 2
MAX_PIECE = 3

#: Report order, most significant first: what changes the text's sense,
#: then its words, its layout and its punctuation, case and house style last.
SIGNIFICANCE = (
    "substantive",
    "addition",
    "omission",
    "moved",
    "spelling",
    "layout",
    "punctuation",
    "spacing",
    "case",
    "typography",
)


@dataclass(frozen=True)
class Group:
    """Variants that differ from the canonical text in the same way."""

    id: str
    kind: str
    #: per witness that differs, what it does: (("B", "'.' for a space"),)
    pattern: tuple[tuple[str, str], ...]
    members: tuple[str, ...]  # variant ids, in document order
    review: int = 0  # members flagged for review

    @property
    def witnesses(self) -> tuple[str, ...]:
        return tuple(wid for wid, _ in self.pattern)

    @property
    def description(self) -> str:
        """``B: '.' for a space`` (witnesses with the same edit share it)."""
        edits: dict[str, list[str]] = {}
        for wid, edit in self.pattern:
            edits.setdefault(edit, []).append(wid)
        return "; ".join(f"{', '.join(wids)}: {edit}" for edit, wids in edits.items())


def shown_piece(text: str) -> str:
    """A changed stretch of characters, readable without colour.

    >>> shown_piece(" "), shown_piece("."), shown_piece("ï")
    ('a space', "'.'", "'ï'")
    """
    names = {" ": "a space", "\t": "a tab", "\n": "a line break"}
    return names.get(text, f"'{text}'")


def case_shape(text: str) -> str:
    """How a reading is cased, from its letters alone.

    >>> case_shape("**RAFFAELLO"), case_shape("e-future"), case_shape("China-Central")
    ('ALL CAPS', 'lower case', 'capitalised')
    """
    letters = [c for c in text if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return "ALL CAPS"
    if all(c.islower() for c in letters):
        return "lower case"
    if letters[0].isupper() and all(c.islower() for c in letters[1:]):
        return "capitalised"
    words = [w for w in text.replace("-", " ").split() if any(c.isalpha() for c in w)]
    alpha = ["".join(c for c in w if c.isalpha()) for w in words]
    if all(w[:1].isupper() and w[1:] == w[1:].lower() for w in alpha):
        return "capitalised"
    return "mixed case"


def unmarked(text: str) -> str:
    """A reading without its emphasis marks (``**SENIOR`` is ``SENIOR``).

    >>> unmarked("**SENIOR ASSOCIATE*")
    'SENIOR ASSOCIATE'
    """
    return text.replace("*", "")


def edit_pattern(canonical: str, reading: str) -> str | None:
    """What a witness's reading does to the canonical one, if it is small.

    >>> edit_pattern("Fellow at", "Fellow.at")
    "'.' for a space"
    >>> edit_pattern("Beijing", "BEIJING")
    'ALL CAPS'
    >>> edit_pattern("grus", "gruz")
    "'z' for 's'"
    >>> edit_pattern("a completely different", "reading") is None
    True
    """
    if unmarked(canonical).casefold() == unmarked(reading).casefold():
        return case_shape(reading)  # emphasis marks aside: they are typography
    pieces = []
    matcher = SequenceMatcher(None, canonical, reading, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        old, new = canonical[i1:i2], reading[j1:j2]
        if len(old) > MAX_PIECE or len(new) > MAX_PIECE:
            return None
        if not old:
            pieces.append(f"{shown_piece(new)} added")
        elif not new:
            pieces.append(f"{shown_piece(old)} dropped")
        else:
            pieces.append(f"{shown_piece(new)} for {shown_piece(old)}")
    if not pieces or len(pieces) > MAX_PIECES:
        return None
    if len(set(pieces)) == 1 and len(pieces) == 2:
        return f"{pieces[0]} twice"
    return ", ".join(pieces)


def pattern_of(col: Column) -> tuple[tuple[str, str], ...] | None:
    """The edit each witness that differs from the canonical reading makes
    there, or None where some reading is no small edit of it (words added
    or left out, a different word, a paragraph break)."""
    if col.break_place or col.canonical is None or col.kind in ("layout", "moved"):
        return None
    out = []
    for wid in sorted(col.readings):
        reading = col.readings[wid]
        if reading == col.canonical:
            continue
        edit = None if reading is None else edit_pattern(col.canonical, reading)
        if edit is None:
            return None
        out.append((wid, edit))
    return tuple(out) or None


def group_id(kind: str, pattern: tuple[tuple[str, str], ...]) -> str:
    """Content-made, like the variant ids: the same pattern keeps its id."""
    key = kind + "\x1f" + "\x1e".join(f"{w}\x1f{e}" for w, e in pattern)
    return "g-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]


def systematic_groups(places: list[tuple[Unit, Column]]) -> list[Group]:
    """The groups of ``GROUP_MIN`` or more variants sharing kind and pattern,
    in the order of their first member."""
    found: dict[tuple, list[Column]] = {}
    for _, col in places:
        pattern = pattern_of(col)
        if pattern is not None:
            found.setdefault((col.kind, pattern), []).append(col)
    return [
        Group(
            id=group_id(kind, pattern),
            kind=kind,
            pattern=pattern,
            members=tuple(c.id for c in cols),
            review=sum(1 for c in cols if c.review),
        )
        for (kind, pattern), cols in found.items()
        if len(cols) >= GROUP_MIN
    ]


def collation_groups(collation: Collation) -> list[Group]:
    return systematic_groups(collation.variants())


def is_systematic(group: Group) -> bool:
    """Whether the summary names the group as a problem of its witnesses
    (typography is house style: never)."""
    return len(group.members) >= SYSTEMATIC_MIN and group.kind != "typography"


def hint(group: Group) -> str:
    """What a pattern most likely comes from, said as a likelihood: word
    spaces read as something else (or lost) point at the text layer; a
    space where another text has a hyphen is as likely an editor's choice."""
    edits = [edit for _, edit in group.pattern]
    if all(edit.endswith("for a space") or edit == "a space dropped" for edit in edits):
        return "likely a text-layer defect (its word spaces)"
    if all(edit == "ALL CAPS" for edit in edits):
        return "likely text set in capitals (a title, headings)"
    return "one cause (its text layer, OCR, spelling or house style), not separate readings"


def systematic_lines(groups: list[Group]) -> list[str]:
    """The summary's sentences naming each witness's systematic problems
    (typography is house style, not a problem: its groups are not named).

        >>> g = Group("g-1", "punctuation", (("B", "'.' for a space"),), ("v-1",) * 135)
        >>> systematic_lines([g])
        ["witness B: 135 punctuation differences of one pattern ('.' for a space): likely a text-layer defect (its word spaces)"]
    """
    out = []
    for g in groups:
        if not is_systematic(g):
            continue
        who = "witness " if len(g.witnesses) == 1 else "witnesses "
        edits = {edit for _, edit in g.pattern}
        edit = edits.pop() if len(edits) == 1 else g.description
        out.append(
            f"{who}{', '.join(g.witnesses)}: {len(g.members)} {g.kind} differences of one "
            f"pattern ({edit}): {hint(g)}"
        )
    return out


def by_significance(kind: str) -> int:
    """Sort key: the place of a kind in ``SIGNIFICANCE``."""
    return SIGNIFICANCE.index(kind) if kind in SIGNIFICANCE else len(SIGNIFICANCE)
