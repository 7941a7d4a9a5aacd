"""Scan simulator: one clean document becomes N damaged witnesses plus the truth.

The evaluation (bench/eval.py) needs witnesses whose correct reading is known
exactly, damaged the way real scans and extractions are damaged, so that the
canonical text dedupe builds from them can be scored against the truth.

Each witness is laid out and damaged independently, from its own seed:

- OCR damage: character confusions (rn/m, cl/d, l/1/I, e/c, h/b, li/h, vv/w,
  0/O, ...), doubled and dropped letters, lost diacritics, words split and
  run together, punctuation misread. Errors cluster as they do in real OCR:
  most words are untouched, a damaged word often has more than one error,
  and some paragraphs (a smudged page) are worse than others. ``noise`` is the
  character error rate aimed at (0.005 low, 0.02 medium, 0.05 high).
- Layout: text hard-wrapped at 60-80 characters with some words hyphenated
  across lines (``-``, or ``⸗`` and ``¬`` as Fraktur OCR writes them), pages separated by form feeds, running headers, footers and
  page numbers on every page, paragraphs broken across pages.
- Footnotes: at the page bottoms in one witness, as endnotes in the next;
  markers as superscripts (``¹²``) or in brackets (``[12]``).
- Typography: curly or straight quotes, Markdown emphasis on a few words.

``simulate`` writes ``witness-1.txt`` ... ``witness-N.txt``, ``truth.txt`` (the
clean document in the canonical plain-text format: blocks separated by blank
lines, then ``Notes`` and one note per line) and ``layout.json`` (the running
heads and page numbers each witness printed, so an evaluation can count those
left in a canonical text).

Usage::

    python bench/simulate.py SOURCE --witnesses 3 --noise 0.02 --seed 1 --out DIR
"""

from __future__ import annotations

import argparse
import json
import random
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

NOISE_LEVELS = {"low": 0.005, "medium": 0.02, "high": 0.05}
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_RUN = re.compile(f"[{SUPERSCRIPTS}]+")
_FROM_SUPER = str.maketrans({c: str(i) for i, c in enumerate(SUPERSCRIPTS)})
_MARKER_FORMS = re.compile(r"\[\^?(\d{1,3})\]|\^(\d{1,3})(?!\d)")
_NOTE_LINE = re.compile(r"^\s*(?:\[(\d{1,3})\]|(\d{1,3})[.)]?)\s+(\S.*)$")
_SENTENCE_END = ".,;:!?\"'”’)]"

# ---------------------------------------------------------------- the clean document


@dataclass(frozen=True)
class CleanBlock:
    """A heading or paragraph of the clean text; footnote markers are superscripts."""

    kind: Literal["heading", "paragraph"]
    text: str


@dataclass(frozen=True)
class CleanDoc:
    """The document every witness is made from, and the truth they are scored on."""

    blocks: tuple[CleanBlock, ...]
    notes: tuple[tuple[int, str], ...] = ()
    title: str = "Untitled"  # printed as the running head

    def canonical_text(self) -> str:
        """The clean text in dedupe's canonical plain-text format."""
        parts = [b.text for b in self.blocks]
        if self.notes:
            parts.append("Notes")
            parts.append("\n".join(f"{n} {text}" for n, text in self.notes))
        return "\n\n".join(parts) + "\n"


def to_superscript(number: int | str) -> str:
    return "".join(SUPERSCRIPTS[int(d)] for d in str(number))


def _unwrap(block: str) -> str:
    """One block's hard-wrapped lines as one line, line-end hyphens undone
    between lower-case letters (a simple reading: the clean sources are
    checked by hand)."""
    text = re.sub(r"(?<=[a-zß-ÿ])-\n(?=[a-zß-ÿ])", "", block.strip())
    return re.sub(r"\s*\n\s*", " ", text)


def _is_heading(text: str) -> bool:
    """Short, no final punctuation: a heading in a canonical text."""
    return len(text) <= 90 and len(text.split()) <= 12 and text[-1] not in _SENTENCE_END


def _note_lines(block: str) -> list[tuple[int, str]] | None:
    """The notes of a block that starts with a note number: one per line,
    lines without a number continuing the note above (a wrapped note)."""
    notes: list[tuple[int, str]] = []
    for line in block.strip().split("\n"):
        match = _NOTE_LINE.match(line)
        if match:
            notes.append((int(match.group(1) or match.group(2)), match.group(3).strip()))
        elif notes:
            n, text = notes[-1]
            notes[-1] = (n, f"{text}\n{line.strip()}")
        else:
            return None
    return notes


def parse_clean(text: str, title: str | None = None) -> CleanDoc:
    """A clean document from canonical plain text or plain hard-wrapped text.

    Blocks are separated by blank lines; a block that is exactly ``Notes``
    starts the notes (one per line or one per block, each starting with its
    number). Bracketed markers (``[12]``, ``^12``) become superscripts.
    """
    text = text.replace("\r\n", "\n").replace("\f", "\n\n")
    raw = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
    blocks: list[CleanBlock] = []
    notes: list[tuple[int, str]] = []
    in_notes = False
    for block in raw:
        if block.strip() == "Notes":
            in_notes = True
            continue
        found = _note_lines(block) if in_notes else None
        if found is not None:
            notes.extend((n, _unwrap(t)) for n, t in found)
            continue
        line = _unwrap(block)
        kind = "heading" if _is_heading(line) else "paragraph"
        blocks.append(CleanBlock(kind, line))
    if notes:
        numbers = {n for n, _ in notes}

        def superscript(match: re.Match[str]) -> str:
            n = int(match.group(1) or match.group(2))
            return to_superscript(n) if n in numbers else match.group(0)

        blocks = [CleanBlock(b.kind, _MARKER_FORMS.sub(superscript, b.text)) for b in blocks]
    if title is None:
        first = blocks[0].text.split(":")[0] if blocks else ""
        title = first if blocks and blocks[0].kind == "heading" and len(first) <= 60 else "Untitled"
    return CleanDoc(tuple(blocks), tuple(notes), title)


def load_clean(path: Path | str, title: str | None = None) -> CleanDoc:
    return parse_clean(Path(path).read_text(encoding="utf-8"), title)


# ---------------------------------------------------------------- OCR damage

#: Misreadings of real OCR engines: (printed, read). Both directions where
#: both happen.
CONFUSIONS: tuple[tuple[str, str], ...] = (
    ("rn", "m"),
    ("m", "rn"),
    ("cl", "d"),
    ("d", "cl"),
    ("l", "1"),
    ("1", "l"),
    ("l", "I"),
    ("I", "l"),
    ("i", "l"),
    ("e", "c"),
    ("c", "e"),
    ("h", "b"),
    ("b", "h"),
    ("li", "h"),
    ("h", "li"),
    ("w", "vv"),
    ("vv", "w"),
    ("0", "O"),
    ("O", "0"),
    ("u", "n"),
    ("n", "u"),
    ("a", "o"),
    ("t", "f"),
    ("f", "t"),
    ("in", "m"),
    ("ri", "n"),
    ("S", "5"),
    ("B", "8"),
)
_PUNCT_SWAPS = {",": ".", ".": ",", ";": ":", ":": ";"}
_CONTINUE = 0.35  # chance that a damaged word takes one more error
MEAN_ERRORS = 1 / (1 - _CONTINUE)  # errors per damaged word (geometric)


def _edit_cost(a: str, b: str) -> int:
    """Levenshtein distance of two short strings (the confusion pairs)."""
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a, b)


def _damage_once(word: str, rng: random.Random) -> tuple[str, int]:
    """One OCR error in a word: the new word and its edit cost (0 if none fits)."""
    options: list[tuple[str, int]] = []
    for printed, read in CONFUSIONS:
        at = word.find(printed)
        if at >= 0:
            options.append(
                (word[:at] + read + word[at + len(printed) :], _edit_cost(printed, read))
            )
    letters = [i for i, c in enumerate(word) if c.isalpha()]
    if len(letters) >= 3:
        i = rng.choice(letters)
        options.append((word[:i] + word[i + 1 :], 1))  # dropped letter
        options.append((word[:i] + word[i] + word[i:], 1))  # doubled letter
    if len(word) >= 5:
        cut = rng.randint(2, len(word) - 2)
        options.append((word[:cut] + " " + word[cut:], 1))  # word split
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c)
    )
    stripped = unicodedata.normalize("NFC", stripped)
    if stripped != word:
        options.append((stripped, sum(1 for a, b in zip(stripped, word, strict=False) if a != b)))
    if word and word[-1] in _PUNCT_SWAPS:
        options.append((word[:-1] + _PUNCT_SWAPS[word[-1]], 1))
    if not options:
        return word, 0
    return rng.choice(options)


def _damage_word(word: str, rng: random.Random) -> tuple[str, bool]:
    """A damaged word (footnote markers kept), and whether it runs into the next."""
    marker = _SUPER_RUN.search(word)
    core, tail = (word[: marker.start()], word[marker.start() :]) if marker else (word, "")
    errors = 1
    while rng.random() < _CONTINUE:
        errors += 1
    spent = 0
    join = False
    for _ in range(errors * 3):
        if spent >= errors:
            break
        if rng.random() < 0.12:
            join = True  # two words run together: one edit (the space)
            spent += 1
            continue
        core, cost = _damage_once(core, rng)
        spent += cost or 1  # unfixable words still use up the budget
    return core + tail, join


def ocr_damage(text: str, rate: float, rng: random.Random) -> str:
    """Text as an OCR engine would read it, at about ``rate`` errors per character.

    Damage goes to whole words: a word is damaged with a probability in
    proportion to its length, set so that the expected edits per character
    equal ``rate``; each damaged word takes one or more errors.
    """
    if rate <= 0 or not text.strip():
        return text
    out: list[str] = []
    join_next = False
    for word in text.split(" "):
        hit = rng.random() < rate * (len(word) + 1) / MEAN_ERRORS  # longer words, more ink
        damaged, join = _damage_word(word, rng) if word and hit else (word, False)
        if join_next and out:
            out[-1] += damaged
        else:
            out.append(damaged)
        join_next = join
    return " ".join(out)


# ---------------------------------------------------------------- witness style


@dataclass(frozen=True)
class Style:
    """How one witness is printed and extracted."""

    width: int  # characters per line
    lines_per_page: int
    notes: Literal["page", "end"]  # footnotes at page bottoms or as endnotes
    markers: Literal["super", "bracket"]
    quotes: Literal["curly", "straight"]
    emphasis: bool  # Markdown *emphasis* on a few words (a converted e-text)
    furniture: Literal["book", "header-footer", "footer", "header-number"]
    hyphen: str = "-"  # the line-end hyphen its OCR engine writes


#: Line-end hyphens by witness: most engines write ``-``; Calamari's Fraktur
#: models write ``⸗``, some Fraktur transcriptions ``¬``.
HYPHENS = ("-", "-", "-", "\u2e17", "\u00ac")


def witness_style(index: int, rng: random.Random) -> Style:
    """The style of witness ``index``: footnote placement alternates so that
    any two witnesses disagree on it, marker and quote styles vary in a fixed
    pattern (every set of three has both of each), and so do line-end hyphens
    (a set of five has every kind); the rest is drawn at random."""
    return Style(
        width=rng.randint(60, 80),
        lines_per_page=rng.randint(34, 46),
        notes="page" if index % 2 == 0 else "end",
        markers="super" if index % 4 in (0, 3) else "bracket",
        quotes="curly" if index % 4 in (0, 1) else "straight",
        emphasis=rng.random() < 0.4,
        furniture=rng.choice(["book", "header-footer", "footer", "header-number"]),
        hyphen=HYPHENS[index % len(HYPHENS)],
    )


_OPEN_DOUBLE = re.compile(r'(^|[\s(\[{—–-])"')
_OPEN_SINGLE = re.compile(r"(^|[\s(\[{—–-])'")
_STRAIGHT = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def apply_quotes(text: str, quotes: str) -> str:
    """Straight quotes, or curly ones set the way a word processor sets them."""
    text = text.translate(_STRAIGHT)
    if quotes == "straight":
        return text
    text = _OPEN_DOUBLE.sub(lambda m: m.group(1) + "“", text).replace('"', "”")
    return _OPEN_SINGLE.sub(lambda m: m.group(1) + "‘", text).replace("'", "’")


def add_emphasis(text: str, rng: random.Random, rate: float = 0.012) -> str:
    """Markdown emphasis around a few runs of one to three words."""
    words = text.split(" ")
    i = 0
    while i < len(words):
        if rng.random() < rate and words[i][:1].isalnum():
            j = min(len(words), i + rng.randint(1, 3)) - 1
            last = re.match(r"^(.*?\w)(\W*)$", words[j])
            if last and not _SUPER_RUN.search(" ".join(words[i : j + 1])):
                words[i] = "*" + words[i]
                words[j] = last.group(1) + "*" + last.group(2)
            i = j + 1
        i += 1
    return " ".join(words)


def mark_notes(text: str, style: Style) -> str:
    """Footnote markers in the witness's own form."""
    if style.markers == "super":
        return text
    return _SUPER_RUN.sub(lambda m: "[" + m.group(0).translate(_FROM_SUPER) + "]", text)


# ---------------------------------------------------------------- layout


def wrap(text: str, width: int, rng: random.Random, hyphen: str = "-") -> list[str]:
    """Hard-wrapped lines; about half of the long words that do not fit are
    hyphenated across the line end (at their own hyphen where they have one),
    the hyphen written as ``hyphen``."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        room = width - len(line) - (1 if line else 0)
        if len(word) <= room:
            line = f"{line} {word}" if line else word
            continue
        head, tail = _hyphenate(word, room, rng, hyphen)
        if head:
            lines.append(f"{line} {head}" if line else head)
            line = tail
        else:
            if line:
                lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


_VOWELS = frozenset("aeiouyäöüàáâãåæéèêëíìîïóòôõøœúùûý")
_DIGRAPHS = frozenset({"th", "ch", "sh", "ph", "gh", "ck", "qu", "wh"})


def break_points(word: str) -> list[int]:
    """Where a typesetter may hyphenate a word: before a consonant that starts
    a syllable (``ba-con``) or between two consonants (``win-ter``), leaving at
    least two letters before and three after.

    >>> [("relationship"[:i], "relationship"[i:]) for i in break_points("relationship")]
    [('re', 'lationship'), ('rela', 'tionship')]
    """
    low = word.lower()
    points = []
    for i in range(2, len(low) - 2):
        before, at, after = low[i - 1], low[i], low[i + 1]
        if at in _VOWELS or after not in _VOWELS:
            continue
        if before in _VOWELS:
            points.append(i)  # V-CV
        elif low[i - 2] in _VOWELS and before + at not in _DIGRAPHS:
            points.append(i)  # VC-CV
    return points


def _hyphenate(word: str, room: int, rng: random.Random, hyphen: str = "-") -> tuple[str, str]:
    """Split a word at the line end: (head with hyphen, rest), or ("", word)."""
    inner = word.find("-", 2)
    if 0 < inner < len(word) - 2 and inner + 1 <= room:
        return word[:inner] + hyphen, word[inner + 1 :]  # a compound breaks at its own hyphen
    letters = re.match(r"^[^\W\d_]+", word)
    if not letters or letters.end() < 6 or rng.random() < 0.45:
        return "", word
    fits = [i for i in break_points(letters.group(0)) if i + 1 <= room]
    if not fits:
        return "", word
    cut = fits[-1]
    return word[:cut] + hyphen, word[cut:]


@dataclass
class Page:
    body: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def paginate(
    blocks: list[list[str]],
    notes_by_marker: dict[int, list[str]],
    per_page: int,
) -> list[Page]:
    """Blocks of wrapped lines onto pages; a note goes to the bottom of the
    page where its marker is printed. Paragraphs run on across page breaks."""
    pages = [Page()]
    for block in blocks:
        if pages[-1].body:
            pages[-1].body.append("")
        for line in block:
            page = pages[-1]
            if len(page.body) + len(page.notes) >= per_page:
                while page.body and not page.body[-1]:
                    page.body.pop()
                pages.append(Page())
                page = pages[-1]
            page.body.append(line)
            for run in _SUPER_RUN.findall(line) + re.findall(r"\[(\d{1,3})\]", line):
                n = int(run.translate(_FROM_SUPER))
                page.notes.extend(notes_by_marker.pop(n, []))
    for lines in notes_by_marker.values():  # notes whose marker is not in the text
        pages[-1].notes.extend(lines)
    return pages


def furniture(style: Style, title: str, number: int) -> tuple[list[str], list[str]]:
    """The running lines printed above and below the text of page ``number``."""
    if style.furniture == "book":
        head = f"{number}    {title.upper()}" if number % 2 == 0 else f"{title.upper()}    {number}"
        return [head], []
    if style.furniture == "header-footer":
        return [title], [f"— {number} —"]
    if style.furniture == "footer":
        return [], [f"{title}, page {number}"]
    return [title.upper()], [str(number)]


# ---------------------------------------------------------------- witnesses


def _note_text(n: int, text: str, style: Style, where: str) -> str:
    if style.markers == "bracket":
        return f"[{n}] {text}"
    if where == "end":
        return f"{n}. {text}"
    return f"{to_superscript(n)} {text}"


def render_witness(
    doc: CleanDoc, style: Style, noise: float, rng: random.Random
) -> tuple[str, list[str]]:
    """One witness's text, and the layout lines (running heads, page numbers)
    it printed."""

    def damaged(text: str) -> str:
        scale = rng.gammavariate(4.0, 0.25)  # some paragraphs fare worse than others
        text = ocr_damage(apply_quotes(text, style.quotes), noise * scale, rng)
        return add_emphasis(text, rng) if style.emphasis else text

    blocks = [
        wrap(mark_notes(damaged(b.text), style), style.width, rng, style.hyphen) for b in doc.blocks
    ]
    notes = [(n, damaged(text)) for n, text in doc.notes]
    page_notes: dict[int, list[str]] = {}
    if style.notes == "page":
        for n, text in notes:
            page_notes[n] = wrap(_note_text(n, text, style, "page"), style.width, rng, style.hyphen)
    elif notes:
        blocks.append(["Notes"])
        blocks.extend(
            wrap(_note_text(n, text, style, "end"), style.width, rng, style.hyphen)
            for n, text in notes
        )
    pages = paginate(blocks, page_notes, style.lines_per_page)
    printed: list[str] = []
    layout: list[str] = []
    separator = "_" * rng.randint(8, 20) if rng.random() < 0.5 else ""
    for number, page in enumerate(pages, start=1):
        head, foot = furniture(style, doc.title, number)
        head = [ocr_damage(line, noise, rng) for line in head]
        foot = [ocr_damage(line, noise, rng) for line in foot]
        layout.extend(head + foot)
        lines = [*head, "", *page.body]
        if page.notes:
            lines += ["", separator, *page.notes] if separator else ["", *page.notes]
        if foot:
            lines += ["", *foot]
        printed.append("\n".join(lines))
    return "\n\f".join(printed) + "\n", layout


def simulate(
    doc: CleanDoc, n_witnesses: int, noise: float, seed: int, out_dir: Path | str
) -> list[Path]:
    """Write ``n_witnesses`` damaged witnesses of ``doc``, its truth and layout
    lines to ``out_dir``; returns the witness paths. Same arguments, same bytes."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / "truth.txt").write_text(doc.canonical_text(), encoding="utf-8")
    paths: list[Path] = []
    layouts: dict[str, list[str]] = {}
    for index in range(n_witnesses):
        rng = random.Random(f"dedupe-simulate:{seed}:{index}")  # str seeds are stable
        style = witness_style(index, rng)
        text, layout = render_witness(doc, style, noise, rng)
        path = out / f"witness-{index + 1}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        layouts[path.name] = layout
    (out / "layout.json").write_text(
        json.dumps(layouts, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return paths


def noise_level(value: str) -> float:
    """``low``/``medium``/``high`` or a character error rate like ``0.02``."""
    if value in NOISE_LEVELS:
        return NOISE_LEVELS[value]
    rate = float(value)
    if not 0 <= rate < 1:
        raise argparse.ArgumentTypeError(f"noise {value}: give a rate between 0 and 1")
    return rate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="clean text (canonical or plain)")
    parser.add_argument("--witnesses", type=int, default=3)
    parser.add_argument("--noise", type=noise_level, default=NOISE_LEVELS["medium"])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--title", help="running head (default: the first heading)")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    if not args.source.is_file():
        parser.error(f"{args.source}: no such file")
    doc = load_clean(args.source, args.title)
    paths = simulate(doc, args.witnesses, args.noise, args.seed, args.out)
    print(f"{len(paths)} witnesses and truth.txt written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
