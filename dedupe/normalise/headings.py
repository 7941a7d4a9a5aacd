"""Headings and front matter (title, byline, author box at the top).

A heading is a short line without final punctuation followed by body text.
Front matter is the run of blocks at the top before the text proper starts:
short title-like blocks, and paragraphs about the author named in a byline.
"""

from __future__ import annotations

import re
from statistics import median

from dedupe.normalise.draft import Draft, next_bodies
from dedupe.normalise.fold import fold
from dedupe.normalise.paragraphs import continues
from dedupe.normalise.shape import ends_sentence, is_heading_like, plain, word_count

FRONT_LIMIT = 30  # front matter never runs further than this many blocks
_BY = re.compile(r"^(?:by|von|par|por|di|door)\s+", re.IGNORECASE)
_NAME_WORD = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w'’.-]*$")
_PRONOUN = re.compile(r"^(?:he|she|they|his|her|their|er|sie|il|elle|ils|elles)\b", re.IGNORECASE)
_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+\S")
LARGER_FONT = 1.15  # a line this much larger than the body text is a heading


def names_in(text: str) -> list[str]:
    """Person names a byline-like block gives (folded, lower case).

    >>> names_in("By Raffaello Pantucci"), names_in("**RAFFAELLO\\nPANTUCCI**")
    (['raffaello pantucci'], ['raffaello pantucci'])
    >>> names_in("Senior Associate Fellow at RUSI")
    []
    """
    text = _BY.sub("", " ".join(plain(text).split()))
    names = []
    for part in re.split(r",|;|\s+(?:and|&|und|et|y)\s+", text):
        words = part.split()
        if 2 <= len(words) <= 4 and all(_NAME_WORD.match(w) for w in words):
            names.append(fold(" ".join(words)).casefold())
    return names


def _front_like(d: Draft) -> bool:
    text = plain(d.text)
    return word_count(text) <= 20 and len(text) <= 160 and not ends_sentence(text)


def mark_front_matter(drafts: list[Draft]) -> list[Draft]:
    """The blocks at the top before the text proper become ``region="front"``.

    Short blocks without final punctuation (title, byline, names, captions,
    dates) are front matter (``mark_headings`` makes them headings); a paragraph naming the author of a byline,
    one going on with "He ..." after it, or one finishing its sentence, is
    front matter too. The first other paragraph starts the body.

    >>> from dedupe.normalise.blocks import demo_drafts
    >>> from dedupe.normalise.draft import show
    >>> show(mark_front_matter(demo_drafts(
    ...     "Beijing Binds:\\n\\nBy Raffaello Pantucci\\n\\n"
    ...     "Raffaello Pantucci's research focuses on terrorism.\\n\\n"
    ...     "He currently spends his time between London and Singapore.\\n\\n"
    ...     "Washington's intensely negative perspective on China has obscured it.")))
    paragraph (front): Beijing Binds:  [front matter: short line at the top]
    paragraph (front): By Raffaello Pantucci  [front matter: short line at the top]
    paragraph (front): Raffaello Pantucci's research focuses on terrorism.  [front matter: about the author named at the top]
    paragraph (front): He currently spends his time between London and Singapore.  [front matter: about the author named at the top]
    paragraph: Washington's intensely negative perspective on China has obscured it.
    """
    out = list(drafts)
    names: list[str] = []
    previous: Draft | None = None
    about_author = False
    for i, d in enumerate(drafts[:FRONT_LIMIT]):
        if not d.is_body:
            continue
        key = fold(plain(d.text)).casefold()
        if _front_like(d):
            names.extend(names_in(d.text))
            out[i] = d.but(region="front").note("front matter: short line at the top")
        elif (
            any(name in key for name in names)
            or (about_author and _PRONOUN.match(plain(d.text)))
            or (previous is not None and continues(previous, d))
        ):
            about_author = about_author or any(name in key for name in names)
            out[i] = d.but(region="front").note("front matter: about the author named at the top")
        else:
            break
        previous = d
    return out


def _body_font(drafts: list[Draft], sizes: dict[int, float]) -> float | None:
    values = [sizes[p.line] for d in drafts if d.is_body for p in d.pieces if p.line in sizes]
    return median(values) if values else None


def mark_headings(drafts: list[Draft], font_sizes: dict[int, float] | None = None) -> list[Draft]:
    """Body blocks that are headings: Markdown ``#`` lines, lines in a larger
    font, and short lines without final punctuation followed by body text (or
    by a second heading line, or by the notes).

    >>> from dedupe.normalise.blocks import demo_drafts
    >>> from dedupe.normalise.draft import show
    >>> show(mark_headings(demo_drafts(
    ...     "They tested negative.\\n\\nMedical Aid Flows Both Ways\\n\\n"
    ...     "Sinophobia was not, however, the pervasive view.")))
    paragraph: They tested negative.
    heading: Medical Aid Flows Both Ways  [heading: short line without final punctuation, followed by body text]
    paragraph: Sinophobia was not, however, the pervasive view.
    """
    sizes = font_sizes or {}
    body_font = _body_font(drafts, sizes)
    nexts = next_bodies(drafts)
    last_note = max((i for i, d in enumerate(drafts) if d.kind == "footnote"), default=-1)
    out = list(drafts)
    for i, d in enumerate(drafts):
        if d.kind != "paragraph":
            continue
        if d.region == "front":
            if is_heading_like(d.text):
                out[i] = d.but(kind="heading")
            continue
        reason = _heading_reason(drafts, i, nexts, last_note < i, sizes, body_font)
        if reason:
            out[i] = d.but(kind="heading").note(f"heading: {reason}")
    return out


def _heading_reason(
    drafts: list[Draft],
    i: int,
    nexts: list[int | None],
    last: bool,
    sizes: dict[int, float],
    body_font: float | None,
) -> str | None:
    """Why ``drafts[i]`` is a heading, or None. ``nexts`` gives the next body
    draft of each; ``last`` says no footnote follows it."""
    d = drafts[i]
    if _MARKDOWN_HEADING.match(d.text):
        return "Markdown heading"
    if not is_heading_like(d.text):
        return None
    line_sizes = [sizes[p.line] for p in d.pieces if p.line in sizes]
    if body_font and line_sizes and min(line_sizes) >= body_font * LARGER_FONT:
        return f"larger font ({min(line_sizes):g} against {body_font:g})"
    j = nexts[i]
    if j is None:
        return None if last else "heading of the notes that follow"
    after = drafts[j]
    if not is_heading_like(after.text) and after.kind == "paragraph":
        return "short line without final punctuation, followed by body text"
    k = nexts[j]
    if k is not None and not is_heading_like(drafts[k].text):
        return "short line without final punctuation, followed by a heading and body text"
    return None
