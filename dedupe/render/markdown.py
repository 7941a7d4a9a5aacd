"""Canonical Markdown: the title as ``#``, headings as ``##``, footnotes as
``[^n]``, witness emphasis kept where it pairs, and an apparatus whose
entries are footnotes (``[^a12]``) called from their place in the text."""

from __future__ import annotations

import re

from dedupe.model import Collation, Column, Unit
from dedupe.normalise.fold import SUPERSCRIPT_DIGITS
from dedupe.render.markdown_text import code, escaped, safe_block
from dedupe.render.summary import (
    IMPLAUSIBLE,
    agreement,
    body_units,
    break_reading,
    context,
    footnote_units,
    variant_places,
)
from dedupe.style import apply_quotes

#: every footnote-marker form of the canonical text (superscripts, [12], [^12], ^12)
MARKER = re.compile(
    f"(?P<sup>[{SUPERSCRIPT_DIGITS}]+)|\\[\\^?(?P<br>\\d{{1,3}})\\](?![(:])|\\^(?P<caret>\\d{{1,3}})\\b"
)


def markdown_markers(text: str) -> str:
    """Every footnote-marker form becomes a Markdown footnote reference.

    >>> markdown_markers("in official media).¹ In contrast [12] and ^3")
    'in official media).[^1] In contrast [^12] and [^3]'
    """
    return MARKER.sub(lambda m: f"[^{marker_number(m)}]", text)


def marker_number(match: re.Match[str]) -> str:
    if match.group("sup"):
        return "".join(str(SUPERSCRIPT_DIGITS.index(c)) for c in match.group("sup"))
    return match.group("br") or match.group("caret")


def render_markdown(collation: Collation, **_: object) -> str:
    quotes = str(collation.options.get("quotes", "straight"))
    places = [p for p in variant_places(collation) if p[3].kind != "typography"]
    labels = {id(col): f"a{k}" for k, (_, _, _, col) in enumerate(places, 1)}
    anchored: set[int] = set()
    parts = []
    body = [(u.kind, t) for u in body_units(collation) for t in unit_texts(u, labels, anchored)]
    for i, (kind, text) in enumerate(body):
        text = safe_block(markdown_markers(apply_quotes(text, quotes)))
        heading = "#" if i == 0 and kind == "heading" else "##"
        parts.append(f"{heading} {text}" if kind == "heading" else text)
    for unit in footnote_units(collation):
        text = " ".join(unit_texts(unit, labels, anchored))
        if text:
            text = safe_block(apply_quotes(text, quotes))
            parts.append(f"[^{unit.n}]: {text}" if unit.n is not None else text)
    parts.extend(apparatus(collation, places, {k for k, v in labels.items() if v in anchored}))
    return "\n\n".join(parts) + "\n"


def unit_texts(unit: Unit, labels: dict[int, str], anchored: set[str]) -> list[str]:
    """The unit's canonical paragraphs, each apparatus place called right after
    its word (``Zholdosbaev[^a3]``); a place with no word of its own (a
    reading left out) is called after the word before it, or before the
    first word. Labels used are added to ``anchored``."""
    out = []
    for cols in unit.paragraphs():
        words: list[str] = []
        waiting = ""
        for col in cols:
            if col.canonical and not col.break_place:
                words.append(waiting + col.canonical)
                waiting = ""
            label = labels.get(id(col))
            if label:
                anchored.add(label)
                if words:
                    words[-1] += f"[^{label}]"
                else:
                    waiting += f"[^{label}]"
        if waiting and not words:
            anchored.difference_update(re.findall(r"\[\^(a\d+)\]", waiting))
        elif waiting:
            words[-1] += waiting
        if words:
            out.append(" ".join(words))
    return out


def apparatus(
    collation: Collation, places: list[tuple[int, Unit, int, Column]], anchored: set[int]
) -> list[str]:
    """The differences after the text, each a footnote its place in the text
    calls: who read what (readings as code spans, exactly as the witnesses
    have them), which witnesses agree with the canonical reading, and why it
    was chosen. Places with no word in the text (noise, a paragraph left out) are listed
    after them. Typography (house style) is counted, not listed."""
    if not places:
        return []
    rates = agreement(collation)
    witnesses = "; ".join(
        f"**{w.id}** {escaped(w.label)} (agrees {rates[w.id]['rate']:.0%})"
        for w in collation.witnesses
    )
    notes, others = [], []
    for k, (_, unit, ci, col) in enumerate(places, 1):
        entry = apparatus_entry(unit, ci, col)
        if id(col) in anchored:
            notes.append(f"[^a{k}]: {entry}")
        else:
            others.append(f"- a{k}. {entry}")
    return [
        "## Apparatus",
        f"Witnesses: {witnesses}.",
        *selfcheck_lines(collation),
        *(["\n".join(notes)] if notes else []),
        *(["Places with no word in the canonical text:", "\n".join(others)] if others else []),
    ]


def apparatus_entry(unit: Unit, ci: int, col: Column) -> str:
    """One place: kind, id, where, the lemma in its context, the readings."""
    before, after = (escaped(c) for c in context(unit, ci, words=4))
    where = f"note {unit.n}" if unit.section == "footnote" else "text"
    readings: dict[str, list[str]] = {}
    if col.break_place:  # a paragraph break some witnesses have: ¶ or (runs on)
        shown = f"**{code(break_reading(col.canonical))}**"
        for wid, reading in col.readings.items():
            readings.setdefault(break_reading(reading), []).append(wid)
    else:
        shown = f"**{code(col.canonical)}**" if col.canonical else "(left out)"
        for wid, reading in col.readings.items():
            readings.setdefault(reading or "(nothing)", []).append(wid)
    read = "; ".join(f"{', '.join(w)}: {code(r)}" for r, w in readings.items())
    agree = ", ".join(col.supporters()) or "none"
    return (
        f"**{col.kind}** `{col.id}` ({where}) …{before} {shown} {after}… — {read}. "
        f"Agree: {agree}. {escaped(col.reason)} (confidence {col.confidence:.2f}"
        f"{', review' if col.review else ''})" + (f" Note: {escaped(col.note)}" if col.note else "")
    )


def selfcheck_lines(collation: Collation) -> list[str]:
    """The self-check in one paragraph, then its warnings."""
    check = collation.selfcheck
    if check is None:
        return []

    def figures(c) -> str:
        rate = f"{c.rate:.2%} implausible" if check.rated else "implausible n/a"
        return f"{c.words} words, {rate}"

    parts = [
        f"**{escaped(w)}** {figures(c)}, noise removed {c.noise_blocks} blocks ({c.noise_words} words)"
        for w, c in check.witnesses.items()
    ]
    c = check.canonical
    parts.append(
        f"**canonical** {figures(c)}, {c.noise_blocks} places left out as layout "
        f"({c.noise_words} words)"
    )
    return [
        f"Self-check ({IMPLAUSIBLE}): {'; '.join(parts)}.",
        *(f"> ⚠ {escaped(w)}" for w in check.warnings),
    ]
