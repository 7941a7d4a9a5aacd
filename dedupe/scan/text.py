"""The text the scan compares, read from one file.

PDF, hOCR, ALTO and PAGE files go through their reader and the full
normaliser: the body text of ``dedupe compare`` (their parsing costs more
than normalising anyway). Plain text and Markdown take a quick path, a
cheap subset of the normaliser some forty times faster, so that a
collection is scanned at hundreds of files per second per core: the text
decoded as the text reader does (same errors), then

- running headers and page numbers at the edges of pages (form feeds) dropped,
- footnotes dropped: below a rule line at the foot of a page, and paragraphs
  that start with a note number (as ``dedupe.normalise.footnotes`` reads
  them; the plain forms ``12.`` and ``12`` only for short paragraphs),
- line-end hyphenation undone.

What it misses (a header OCR misread, a caption) is a few words per page,
well within what the similarity threshold allows for; bench/SCAN.md has the
measurement.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter

from dedupe.model import DedupeError

EDGE_LINES = 2  # lines looked at from the top and the bottom of each page
#: Paragraphs starting with a plain number (``12.``, ``12``) are notes only
#: up to this many words; longer ones are numbered sections or list items.
PLAIN_NOTE_WORDS = 60
_NUMBER_CHARS = " \t0123456789-–—.,:;|()[]"
#: A hyphen at a line end before a letter (the word before is not checked:
#: removing a dash after a space leaves the space).
_HYPHEN_BREAK = re.compile(r"[-\u00ac\u00ad\u2010][ \t]*\n\s*(?=[^\W\d_])")
#: The same for the plain hyphen alone: a pattern starting with one character
#: is searched for three times faster, and the other hyphens are rare.
_DASH_BREAK = re.compile(r"-[ \t]*\n\s*(?=[^\W\d_])")
_RARE_HYPHENS = "\u00ac\u00ad\u2010"
_NUMBERED = re.compile(r"^[\W_]*\d{1,4}[\W_]*$")
#: Each pattern starts with a line break, which the regular expression engine
#: finds fast; the text is searched once for each.
_RULE_LINE = re.compile(r"\n[ \t]*(?:[_\-—–=─━‗][ \t]?){3,}[ \t]*(?=\n|$)")
_NOTE_PARAGRAPH = re.compile(r"\n[ \t]*\n[ \t\n]*[\d\[\^*•–⁰¹²³⁴⁵⁶⁷⁸⁹-]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def scan_text(path: str) -> tuple[str, str]:
    """The text to compare of one file, and the sha256 of its bytes."""
    from dedupe.read import load_bytes, sniff

    data = load_bytes(path)
    if sniff(path, data) not in ("text", "markdown"):
        return normalised_text(path)
    from dedupe.read.text import decode

    label = os.path.basename(path) or path
    text, _ = decode(data, label)
    if not text.strip():
        raise DedupeError(f"{label}: empty file (no text)")
    return quick_body(text), hashlib.sha256(data).hexdigest()


def normalised_text(path: str) -> tuple[str, str]:
    """The body text as ``dedupe compare`` sees it (headings and paragraphs,
    no layout noise or notes), and the sha256 of the file."""
    from dedupe.normalise import normalise
    from dedupe.read import read
    from dedupe.read.ocr_options import OcrOptions

    source = read(path, "A", ocr=OcrOptions(mode="never"))  # a scan of scans: no OCR
    doc = normalise(source)
    return " ".join(b.text for b in doc.body), source.witness.sha256


def quick_body(text: str) -> str:
    r"""Plain text without page furniture and footnotes, hyphenation undone
    (see the module docstring).

    >>> pages = ["Text of the first page, transfor-\nmed.¹", "Page two.", "And three."]
    >>> paged = "\f".join(f"THE REPORT  {n}\n\n{t}\n\n- {n} -" for n, t in enumerate(pages, 1))
    >>> quick_body(paged + "\n\n¹ A note.").split()
    ['Text', 'of', 'the', 'first', 'page,', 'transformed.¹', 'Page', 'two.', 'And', 'three.']
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\f" in text:
        pages = [_edge_split(page) for page in text.split("\f")]
        _drop_furniture(pages)
        text = "\n".join(_above_rule("\n".join(page)) for page in pages)
    text = _without_note_paragraphs(text)
    if any(hyphen in text for hyphen in _RARE_HYPHENS):
        return _HYPHEN_BREAK.sub("", text)
    return _DASH_BREAK.sub("", text)


def _edge_split(page: str) -> list[str]:
    """A page as a list of lines, as far as ``_edges`` looks: its first and
    last ``4 * EDGE_LINES`` lines, and a long page's middle left as one item
    between them (joined with newlines, the items are the page again)."""
    edge = 4 * EDGE_LINES
    head = page.split("\n", edge)
    if len(head) <= edge:
        return head
    return head + head.pop().rsplit("\n", edge)


def _edges(lines: list[str]) -> list[int]:
    """The first and last ``EDGE_LINES`` non-blank lines of a page."""
    top = [i for i in range(min(len(lines), 4 * EDGE_LINES)) if lines[i].strip()][:EDGE_LINES]
    ends = range(len(lines) - 1, max(-1, len(lines) - 1 - 4 * EDGE_LINES), -1)
    bottom = [i for i in ends if lines[i].strip()][:EDGE_LINES]
    return sorted(set(top + bottom))


def _edge_key(line: str) -> str:
    """What a running line keeps from page to page: its page number (at
    either end) stripped, case and spacing folded.

    >>> _edge_key("12    THE  ORIGIN OF SPECIES") == _edge_key("The Origin of Species  - 13 -")
    True
    """
    return " ".join(line.strip(_NUMBER_CHARS).casefold().split())


def _drop_furniture(pages: list[list[str]]) -> None:
    """Blank the running lines of pages of lines: edge lines that are only a
    page number, or whose letters come back at the edges of other pages (a
    running header with its page number on either side)."""
    keys = [{i: _edge_key(page[i]) for i in _edges(page)} for page in pages]
    pages_with = Counter(key for found in keys for key in set(found.values()) if key)
    needed = max(2, len(pages) / 3)
    for page, found in zip(pages, keys, strict=True):
        for i, key in found.items():
            if (key and pages_with[key] >= needed) or (not key and _NUMBERED.match(page[i])):
                page[i] = ""


def _above_rule(page: str) -> str:
    """A page without what stands below a rule line in its lower half (notes)."""
    rule = _RULE_LINE.search(page, len(page) // 2)
    return page[: rule.start()] if rule else page


def _without_note_paragraphs(text: str) -> str:
    """The text without the paragraphs that start with a note number."""
    cuts = []
    for m in _NOTE_PARAGRAPH.finditer("\n\n" + text):  # a paragraph may start the text
        # imported here: the normaliser's package costs 15-20 ms, and a
        # text without numbered paragraphs (a query's, often) needs none of it
        from dedupe.normalise.footnotes import WEAK, leading_marker

        start = m.end() - 3  # at the note's first character
        stop = _BLANK_LINE.search(text, start)
        end = stop.start() if stop else len(text)
        marker = leading_marker(text[start:end])
        if marker is not None and (
            marker.form not in WEAK or text.count(" ", start, end) < PLAIN_NOTE_WORDS
        ):
            cuts.append((start, end))
    if not cuts:
        return text
    kept, last = [], 0
    for start, end in cuts:
        kept.append(text[last:start])
        last = end
    return "".join(kept) + text[last:]
