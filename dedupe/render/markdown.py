"""Canonical Markdown: headings as ``##``, footnotes as ``[^n]``, emphasis kept."""

from __future__ import annotations

import re

from dedupe.model import Collation
from dedupe.normalise.fold import SUPERSCRIPT_DIGITS
from dedupe.render.summary import (
    IMPLAUSIBLE,
    agreement,
    break_reading,
    context,
    variant_places,
)
from dedupe.render.text import canonical_blocks, canonical_notes
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
    parts = []
    for kind, text in canonical_blocks(collation):
        text = markdown_markers(apply_quotes(text, quotes))
        parts.append(f"## {text}" if kind == "heading" else text)
    for n, text in canonical_notes(collation):
        text = apply_quotes(text, quotes)
        parts.append(f"[^{n}]: {text}" if n is not None else text)
    parts.extend(apparatus(collation))
    return "\n\n".join(parts) + "\n"


def apparatus(collation: Collation) -> list[str]:
    """The differences after the text: per place, who read what, which
    witnesses agree with the canonical reading, and why it was chosen.
    Typography (house style) is counted, not listed."""
    places = [p for p in variant_places(collation) if p[3].kind != "typography"]
    if not places:
        return []
    rates = agreement(collation)
    witnesses = "; ".join(
        f"**{w.id}** {w.label} (agrees {rates[w.id]['rate']:.0%})" for w in collation.witnesses
    )
    lines = []
    for k, (_, unit, ci, col) in enumerate(places, 1):
        before, after = context(unit, ci, words=4)
        where = f"note {unit.n}" if unit.section == "footnote" else "text"
        readings: dict[str, list[str]] = {}
        if col.break_place:  # a paragraph break some witnesses have: ¶ or (runs on)
            shown = f"*{break_reading(col.canonical)}*"
            for wid, reading in col.readings.items():
                readings.setdefault(break_reading(reading), []).append(wid)
        else:
            shown = f"*{col.canonical}*" if col.canonical else "(left out)"
            for wid, reading in col.readings.items():
                readings.setdefault(reading or "(nothing)", []).append(wid)
        read = "; ".join(f"{', '.join(w)}: `{r}`" for r, w in readings.items())
        agree = ", ".join(col.supporters()) or "none"
        lines.append(
            f"{k}. **{col.kind}** `{col.id}` ({where}) …{before} {shown} {after}… — {read}. "
            f"Agree: {agree}. {col.reason} (confidence {col.confidence:.2f}"
            f"{', review' if col.review else ''})" + (f" Note: {col.note}" if col.note else "")
        )
    return [
        "## Apparatus",
        f"Witnesses: {witnesses}.",
        *selfcheck_lines(collation),
        "\n".join(lines),
    ]


def selfcheck_lines(collation: Collation) -> list[str]:
    """The self-check in one paragraph, then its warnings."""
    check = collation.selfcheck
    if check is None:
        return []

    def figures(c) -> str:
        rate = f"{c.rate:.2%} implausible" if check.rated else "implausible n/a"
        return f"{c.words} words, {rate}"

    parts = [
        f"**{w}** {figures(c)}, noise removed {c.noise_blocks} blocks ({c.noise_words} words)"
        for w, c in check.witnesses.items()
    ]
    c = check.canonical
    parts.append(
        f"**canonical** {figures(c)}, {c.noise_blocks} places left out as layout "
        f"({c.noise_words} words)"
    )
    return [
        f"Self-check ({IMPLAUSIBLE}): {'; '.join(parts)}.",
        *(f"> ⚠ {w}" for w in check.warnings),
    ]
