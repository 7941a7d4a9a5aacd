"""Core types shared by every pipeline stage.

Data flows one way: read -> Source, normalise -> Document, align -> units of
blocks, collate -> Columns, decide -> decided Columns, render -> output.
Each type is a frozen dataclass so that a stage cannot change what an earlier
stage produced; a later stage builds new objects (``dataclasses.replace``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Literal, TypeVar

T = TypeVar("T")
_FIELDS: dict[type, frozenset[str]] = {}


def evolve(obj: T, **changes: object) -> T:
    """``dataclasses.replace`` for the model's frozen classes, without
    running ``__init__`` again: they have no ``__post_init__`` and no
    ``init=False`` fields, so copying the fields and setting the changed ones
    is the same object, four times faster (a book replaces hundreds of
    thousands of lines and columns). A cached property is not copied; an
    unknown field is an error, as there.

    >>> evolve(Span("A", 0, 4), end=9)
    Span(witness='A', start=0, end=9, page=1)
    """
    cls = type(obj)
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = frozenset(f.name for f in fields(cls))  # type: ignore[arg-type]
    if not names.issuperset(changes):
        raise TypeError(f"{cls.__name__} has no field {sorted(set(changes) - names)[0]}")
    values = obj.__dict__
    if len(values) != len(names):  # a cached property's value is no field: left behind
        values = {k: v for k, v in values.items() if k in names}
    new = object.__new__(cls)
    state = new.__dict__
    state.update(values)
    state.update(changes)
    return new


BlockKind = Literal["heading", "paragraph", "footnote", "noise"]
Region = Literal["front", "body", "back"]
Section = Literal["body", "footnote"]

#: Column kinds, in the order reports list them.
KINDS: tuple[str, ...] = (
    "typography",
    "case",
    "spacing",
    "punctuation",
    "spelling",
    "addition",
    "omission",
    "substantive",
    "moved",
    "layout",
)


#: The reading of a witness that starts a new paragraph at a break place; a
#: witness that runs the two paragraphs together reads ``RUN_ON`` there.
PARAGRAPH_BREAK = "¶"
RUN_ON = ""


class DedupeError(Exception):
    """A problem with the user's input: reported as one line, exit code 2."""


@dataclass(frozen=True)
class Witness:
    """One input version of the document."""

    id: str  # "A", "B", ... in the order given on the command line
    path: str
    sha256: str
    label: str  # short name for reports, usually the file name
    format: str = "text"  # text, markdown, pdf, hocr, alto, page


@dataclass(frozen=True)
class Span:
    """Where a piece of text came from: character offsets into the witness's
    decoded text (``Source.text``), end exclusive."""

    witness: str
    start: int
    end: int
    page: int = 1


@dataclass(frozen=True)
class Box:
    """A rectangle on the page in the format's own units, origin top-left."""

    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Word:
    """A word with an OCR confidence (0..1), for formats that give one."""

    text: str
    confidence: float


@dataclass(frozen=True)
class Line:
    """One line of a page as the reader found it.

    ``start``/``end`` index ``Source.text``; the text formats leave the
    geometry fields None. ``hint``/``hint_reason`` let a geometry-aware pass
    say what the line is (``header``, ``footer``, ``page-number``,
    ``margin``, ``footnote``) before the text rules run.
    """

    text: str
    start: int
    end: int
    page: int = 1
    box: Box | None = None
    font_size: float | None = None
    font_name: str | None = None
    words: tuple[Word, ...] = ()
    #: the OCR engine's own measure of the line's type (hOCR ``x_size``, in
    #: pixels): steadier than the box, which shrinks on a line without
    #: ascenders or descenders ("same time." beside "Kyrgyzstan, (the)")
    type_height: float | None = None
    block_id: str | None = None  # the format's paragraph/region id, if any
    hint: str | None = None
    hint_reason: str | None = None


@dataclass(frozen=True)
class Page:
    number: int
    lines: tuple[Line, ...]
    width: float | None = None
    height: float | None = None


@dataclass(frozen=True)
class Source:
    """What a reader returns: the decoded text and its pages of lines."""

    witness: Witness
    text: str
    pages: tuple[Page, ...]
    warnings: tuple[str, ...] = ()

    @property
    def lines(self) -> list[Line]:
        return [line for page in self.pages for line in page.lines]


@dataclass(frozen=True)
class Block:
    """A heading, paragraph, footnote or noise block of one witness.

    ``text`` is the display text (original typography, line breaks joined);
    comparison keys are derived from it by ``dedupe.normalise.fold``.
    """

    kind: BlockKind
    text: str
    spans: tuple[Span, ...]
    n: int | None = None  # footnote number
    reason: str | None = None  # why it is noise, or how it was rebuilt
    region: Region = "body"
    confidences: tuple[Word, ...] = ()  # OCR word confidences, if known


@dataclass(frozen=True)
class Document:
    """A witness's blocks in reading order (noise and footnotes included)."""

    witness: Witness
    blocks: tuple[Block, ...]
    warnings: tuple[str, ...] = ()

    @property
    def body(self) -> list[Block]:
        return [b for b in self.blocks if b.kind in ("heading", "paragraph")]

    @property
    def footnotes(self) -> dict[int, Block]:
        notes: dict[int, Block] = {}
        for b in self.blocks:
            if b.kind == "footnote" and b.n is not None and b.n not in notes:
                notes[b.n] = b
        return notes

    @property
    def noise(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "noise"]


@dataclass(frozen=True)
class Column:
    """One place in an aligned unit where the witnesses agree or differ.

    ``readings`` maps every witness id to its text there, or None where the
    witness has nothing. ``kind`` is None where all readings agree exactly.
    """

    readings: dict[str, str | None]
    kind: str | None = None
    canonical: str | None = None
    reason: str = ""
    confidence: float = 1.0
    review: bool = False  # flagged: nothing decided it with confidence
    #: witnesses whose next block (paragraph) starts at this column
    breaks: tuple[str, ...] = ()
    #: the canonical text starts a new paragraph here (decided from ``breaks``)
    paragraph: bool = False
    #: a place between two words, not words: the witnesses paragraph differently
    #: here, each reading ``PARAGRAPH_BREAK`` or ``RUN_ON`` (None: no text here);
    #: its kind is ``layout`` and it stands right before the column it breaks
    break_place: bool = False
    #: stable id of a variant (``dedupe.variant_ids``); "" where all agree
    id: str = ""
    note: str = ""  # the editor's note, where a decision set the reading
    #: a passage variant (``dedupe.passage_variants``): the word-level columns
    #: it was made from, each with its own id and decision, in text order
    parts: tuple[Column, ...] = ()

    @property
    def agrees(self) -> bool:
        values = set(self.readings.values())
        return len(values) == 1

    def supporters(self) -> list[str]:
        """Witness ids whose reading is the canonical one."""
        return [w for w, r in self.readings.items() if r == self.canonical]


@dataclass(frozen=True)
class Unit:
    """Aligned blocks: one place of the text across witnesses.

    ``blocks`` maps witness id to the indexes (into ``Document.blocks``) of
    the blocks it contributes here; an empty tuple where it has none.
    """

    kind: BlockKind
    section: Section
    blocks: dict[str, tuple[int, ...]]
    columns: tuple[Column, ...] = ()
    n: int | None = None  # footnote number
    moved: bool = False
    note: str = ""  # e.g. a footnote number whose texts disagree

    def paragraphs(self) -> list[list[Column]]:
        """The columns in canonical paragraphs: a unit that holds a paragraph
        some witness splits (or two that one witness runs together) is
        divided where the decision put a paragraph break."""
        out: list[list[Column]] = [[]]
        pending = False
        for c in self.columns:
            pending = pending or c.paragraph
            if pending and c.canonical and not c.break_place:
                if any(x.canonical and not x.break_place for x in out[-1]):
                    out.append([])
                pending = False
            out[-1].append(c)  # a break place ends the paragraph before it
        return out

    def text(self) -> str:
        """The canonical text of this unit (paragraphs divided by a blank line)."""
        texts = (
            " ".join(c.canonical for c in cols if c.canonical and not c.break_place)
            for cols in self.paragraphs()
        )
        return "\n\n".join(t for t in texts if t)


@dataclass(frozen=True)
class Removed:
    """Layout noise left out of the canonical text, with its reason."""

    witness: str
    text: str
    reason: str
    span: Span


@dataclass(frozen=True)
class TextCheck:
    """Self-check figures of one text: a witness, or the canonical text.

    ``implausible`` counts the words that are no word of the language and
    that only one witness reads (see ``dedupe.selfcheck``); ``repeated`` the
    words in runs of five the text has more than once; ``noise_blocks``
    and ``noise_words`` count the layout noise removed from a witness, or,
    for the canonical text, the places it left out as layout.
    """

    words: int
    implausible: int
    noise_blocks: int = 0
    noise_words: int = 0
    repeated: int = 0  # words inside a run of words the text has more than once

    @property
    def rate(self) -> float:
        return self.implausible / self.words if self.words else 0.0


@dataclass(frozen=True)
class SelfCheck:
    """How the canonical text compares with its witnesses, made in every run.

    ``rated`` is False where the text's words are mostly unknown to the
    guessed language's word list: the rates then say nothing.
    """

    language: str
    rated: bool
    witnesses: dict[str, TextCheck]
    canonical: TextCheck
    #: the witness with the lowest implausible-word rate, and the canonical
    #: text split where that witness has text (``shared``) and where it has
    #: none (``elsewhere``: passages other witnesses alone have)
    best: str = ""
    shared: TextCheck | None = None
    elsewhere: TextCheck | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Decision:
    """An editor's reading for the variant with ``id`` (``dedupe.decisions``)."""

    id: str
    reading: str  # "" deletes the place's text
    note: str = ""
    context: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Collation:
    """Everything the renderers need; none of them reads a file again."""

    witnesses: tuple[Witness, ...]
    documents: tuple[Document, ...]
    units: tuple[Unit, ...]
    removed: tuple[Removed, ...] = ()
    warnings: tuple[str, ...] = ()
    options: dict[str, object] = field(default_factory=dict)
    selfcheck: SelfCheck | None = None  # made by dedupe.selfcheck once decided
    #: editor's decisions applied to this collation, and those matching no variant
    decisions: tuple[Decision, ...] = ()
    stale: tuple[Decision, ...] = ()

    def variants(self) -> list[tuple[Unit, Column]]:
        return [(u, c) for u in self.units for c in u.columns if c.kind]
