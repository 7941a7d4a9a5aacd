"""``compare --review --interactive``: walk the flagged variants on a terminal.

Each flagged place is shown with its context and numbered readings; the
editor answers with a number (take that reading), ``-`` (delete), any other
text (the editor's own reading; ``\\`` before it to type a number, ``-`` or
``q`` literally), Enter (skip) or ``q`` (stop). The answers become decisions
(``dedupe.decisions``), the same a review page exports. Input and output are
passed in, so the walk is the same fed by a terminal or by a test.
"""

from __future__ import annotations

from collections.abc import Callable

from dedupe.decisions import place_context
from dedupe.model import Collation, Decision

HELP = "number: take it · text: your reading · -: delete · Enter: skip · q: stop"


def walk(
    collation: Collation,
    ask: Callable[[str], str | None],
    say: Callable[[str], None],
) -> list[Decision]:
    """Ask about every flagged variant in text order; ``ask`` returns None at
    the end of input, which stops the walk like ``q``."""
    places = [
        (unit, ci, col)
        for unit in collation.units
        for ci, col in enumerate(unit.columns)
        if col.kind and col.review and col.id
    ]
    made: list[Decision] = []
    say(f"{len(places)} variants to review ({HELP})")
    for k, (unit, ci, col) in enumerate(places, 1):
        ctx = place_context(unit, ci)
        readings = _choices(col.readings)
        where = f"note {unit.n}" if unit.section == "footnote" else "body"
        say(
            f"\n[{k}/{len(places)}] {col.kind} {col.id} ({where}): …{ctx['before']} ⟨…⟩ {ctx['after']}…"
        )
        for n, (text, wits) in enumerate(readings, 1):
            mark = "  ← canonical" if text == (col.canonical or "") else ""
            say(
                f"  {n}. «{text}»  {', '.join(wits)}{mark}"
                if text
                else f"  {n}. (nothing)  {', '.join(wits)}{mark}"
            )
        say(f"  why: {col.reason} ({col.confidence:.2f})")
        answer = ask("reading> ")
        if answer is None or answer.strip() == "q":
            break
        reading = _reading(answer.strip(), readings)
        if reading is None:
            continue
        note = ask("note (Enter for none)> ")
        made.append(Decision(col.id, reading, (note or "").strip(), ctx))
        say(f"  decided: «{reading}»" if reading else "  decided: deleted")
    say(f"\n{len(made)} decisions made")
    return made


def _choices(readings: dict[str, str | None]) -> list[tuple[str, list[str]]]:
    groups: dict[str, list[str]] = {}
    for wid, text in readings.items():
        groups.setdefault(text or "", []).append(wid)
    return list(groups.items())


def _reading(answer: str, readings: list[tuple[str, list[str]]]) -> str | None:
    """The reading an answer gives, or None to skip."""
    if not answer:
        return None
    if answer.isdigit() and 1 <= int(answer) <= len(readings):
        return readings[int(answer) - 1][0]
    if answer == "-":
        return ""
    return answer[1:] if answer.startswith("\\") else answer


def merged(old: tuple[Decision, ...], new: list[Decision]) -> tuple[Decision, ...]:
    """The file's decisions with the new ones in place of those they redo."""
    redone = {d.id for d in new}
    return tuple(d for d in old if d.id not in redone) + tuple(new)
