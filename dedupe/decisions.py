"""An editor's decisions (``dedupe.decisions/1``): read, check, apply, write.

A pipeline step after decide (and after the ids): each decision names a
variant by its stable id and gives the reading the canonical text takes
there, a witness's or the editor's own ("" deletes). The variant then says
why: reason ``editor``, confidence 1.0, no longer flagged. A decision whose
id matches no variant is kept as stale, so the report can say so instead of
dropping a person's work silently.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from dedupe.model import PARAGRAPH_BREAK, RUN_ON, Collation, Column, Decision, DedupeError, Unit

SCHEMA = "dedupe.decisions/1"


def load_decisions(path: str | Path) -> tuple[Decision, ...]:
    """The decisions in a file, or DedupeError saying what is wrong with it."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise DedupeError(f"{path}: no such decisions file") from None
    except IsADirectoryError:
        raise DedupeError(f"{path}: is a directory, not a decisions file") from None
    except OSError as err:
        raise DedupeError(f"{path}: cannot read: {err.strerror or err}") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as err:
        raise DedupeError(f"{path}: not a JSON decisions file ({_first_line(err)})") from None
    return parse_decisions(data, str(path))


def parse_decisions(data: object, where: str = "decisions") -> tuple[Decision, ...]:
    """Check a parsed decisions document field by field."""
    if not isinstance(data, dict):
        raise DedupeError(f"{where}: a decisions file is a JSON object")
    if data.get("schema") != SCHEMA:
        raise DedupeError(f"{where}: schema is {data.get('schema')!r}, expected {SCHEMA!r}")
    items = data.get("decisions")
    if not isinstance(items, list):
        raise DedupeError(f"{where}: 'decisions' must be a list")
    out: list[Decision] = []
    seen: set[str] = set()
    for n, item in enumerate(items, 1):
        at = f"{where}: decision {n}"
        if not isinstance(item, dict):
            raise DedupeError(f"{at} is not an object")
        vid, reading = item.get("id"), item.get("reading")
        note, context = item.get("note", ""), item.get("context", {})
        if not isinstance(vid, str) or not vid:
            raise DedupeError(f"{at}: 'id' must be a non-empty string")
        if not isinstance(reading, str):
            raise DedupeError(f"{at} ({vid}): 'reading' must be a string")
        if note is None:
            note = ""
        if not isinstance(note, str):
            raise DedupeError(f"{at} ({vid}): 'note' must be a string")
        if not isinstance(context, dict):
            raise DedupeError(f"{at} ({vid}): 'context' must be an object")
        if vid in seen:
            raise DedupeError(f"{at}: id {vid} is decided twice")
        seen.add(vid)
        out.append(Decision(vid, reading, note, context))
    return tuple(out)


def _first_line(err: Exception) -> str:
    return str(err).splitlines()[0] if str(err) else type(err).__name__


def apply_decisions(collation: Collation, decisions: Sequence[Decision]) -> Collation:
    """The collation with each decided variant's canonical reading replaced.

    Structural variants are decided the same way: a reading given to a place
    left out as layout noise restores it, so its unit becomes text and the
    witness's block leaves the list of removed noise."""
    by_id = {d.id: d for d in decisions}
    found: set[str] = set()
    units: list[Unit] = []
    restored: set[tuple[str, str]] = set()  # (witness, text) no longer removed
    for unit in collation.units:
        cols = []
        breaks: bool | None = None  # a decided break place rules the column after it
        for col in unit.columns:
            if breaks is not None:
                col, breaks = replace(col, paragraph=breaks), None
            decision = by_id.get(col.id) if col.id else None
            if decision is not None:
                found.add(decision.id)
                col = decided(col, decision)
                if col.break_place:
                    breaks = col.canonical == PARAGRAPH_BREAK
            elif col.parts:
                col = decided_parts(col, by_id, found)
            cols.append(col)
        if unit.kind == "noise" and any(c.reason == "editor" and c.canonical for c in cols):
            restored |= {(w, r) for c in cols for w, r in c.readings.items() if r}
            unit = replace(unit, kind="paragraph")
        units.append(replace(unit, columns=tuple(cols)))
    stale = tuple(d for d in decisions if d.id not in found)
    removed = tuple(r for r in collation.removed if (r.witness, r.text) not in restored)
    return replace(
        collation, units=tuple(units), removed=removed, decisions=tuple(decisions), stale=stale
    )


def decided_parts(col: Column, by_id: dict[str, Decision], found: set[str]) -> Column:
    """A passage variant whose words were decided one by one (decisions
    made before they were one passage, or on its word-level parts): the
    parts take the readings, and the passage reads what its parts read."""
    parts = []
    for part in col.parts:
        decision = by_id.get(part.id) if part.id else None
        if decision is not None:
            found.add(decision.id)
            part = decided(part, decision)
        parts.append(part)
    made = sum(p.reason == "editor" for p in parts)
    if not made:
        return col
    canonical = " ".join(p.canonical for p in parts if p.canonical) or None
    return replace(
        col,
        canonical=canonical,
        parts=tuple(parts),
        reason=f"{col.reason}; the editor decided {made} of its places",
        review=any(p.review for p in parts if p.kind),
    )


def decided(col: Column, decision: Decision) -> Column:
    """A paragraph-break place reads ``PARAGRAPH_BREAK`` or ``RUN_ON`` (an empty
    reading merges the paragraphs); any other place's empty reading deletes it."""
    if col.break_place:
        reading = PARAGRAPH_BREAK if decision.reading.strip() == PARAGRAPH_BREAK else RUN_ON
    else:
        reading = decision.reading or None
    return replace(
        col,
        canonical=reading,
        reason="editor",
        confidence=1.0,
        review=False,
        note=decision.note,
    )


def decisions_dict(decisions: Sequence[Decision]) -> dict:
    """A decisions file's content, ready for ``json.dumps``."""
    return {
        "schema": SCHEMA,
        "decisions": [
            {
                "id": d.id,
                "reading": d.reading,
                **({"note": d.note} if d.note else {}),
                "context": d.context,
            }
            for d in decisions
        ],
    }


def decisions_json(decisions: Sequence[Decision]) -> str:
    return json.dumps(decisions_dict(decisions), ensure_ascii=False, indent=2) + "\n"


def place_context(unit: Unit, index: int, words: int = 5) -> dict[str, object]:
    """What a person needs to recognise a decided place: the canonical words
    around it and the readings there (the id alone says nothing to a reader)."""
    col = unit.columns[index]
    before = [c.canonical for c in unit.columns[:index] if c.canonical]
    after = [c.canonical for c in unit.columns[index + 1 :] if c.canonical]
    return {
        "before": " ".join(" ".join(before).split()[-words:]),
        "after": " ".join(" ".join(after).split()[:words]),
        "readings": sorted({r or "" for r in col.readings.values()}),
    }


def decisions_summary(collation: Collation) -> dict:
    """The JSON's ``decisions`` block: how many applied, the stale ones in full."""
    stale = collation.stale
    return {
        "applied": len(collation.decisions) - len(stale),
        "stale": decisions_dict(stale)["decisions"],
    }


def page_decisions(collation: Collation) -> dict:
    """What the review page needs to record decisions: the schema, the key it
    files them under in the browser, and the decisions this run applied (the
    stale ones too, so an export does not lose them)."""
    from dedupe.variant_ids import collation_key

    return {
        "schema": SCHEMA,
        "key": collation_key(collation),
        "made": decisions_dict(collation.decisions)["decisions"],
        "stale": [d.id for d in collation.stale],
        "removals": {
            vid: {"reading": text, "context": place_context(unit, ci)}
            for (_, text), (vid, unit, ci) in removals(collation).items()
        },
    }


def removals(collation: Collation) -> dict[tuple[str, str], tuple[str, Unit, int]]:
    """The places left out as layout noise, by (witness, text) as ``removed``
    lists them: the variant id an editor's decision restores them by."""
    out: dict[tuple[str, str], tuple[str, Unit, int]] = {}
    for unit in collation.units:
        if unit.kind != "noise":
            continue
        for ci, col in enumerate(unit.columns):
            for wid, text in col.readings.items():
                if col.id and text:
                    out.setdefault((wid, text), (col.id, unit, ci))
    return out
