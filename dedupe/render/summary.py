"""Figures every report shows: counts by kind, per-witness agreement, context."""

from __future__ import annotations

from collections import Counter

from dedupe.model import KINDS, Collation, Column, TextCheck, Unit


def counts_by_kind(collation: Collation) -> dict[str, int]:
    """Variant counts in the fixed order of ``KINDS`` (kinds with none left out)."""
    counts = Counter(c.kind for _, c in collation.variants())
    return {kind: counts[kind] for kind in KINDS if counts[kind]}


def agreement(collation: Collation) -> dict[str, dict[str, float | int]]:
    """Per witness: how often its reading is the canonical one.

    ``variants`` counts the places where witnesses differ (typography
    excluded, since house style decides those); ``rate`` is the share of them
    where the witness reads the canonical text: a quick measure of which scan
    or edition is best.
    """
    out: dict[str, dict[str, float | int]] = {}
    places = [c for _, c in collation.variants() if c.kind not in ("typography", "layout")]
    for w in collation.witnesses:
        agree = sum(1 for c in places if c.readings.get(w.id) == c.canonical)
        out[w.id] = {
            "variants": len(places),
            "agree": agree,
            "rate": round(agree / len(places), 4) if places else 1.0,
        }
    return out


#: What the self-check counts, as the reports say it.
IMPLAUSIBLE = (
    "implausible words: not in the word list of the document's language and read by "
    "only one witness (words with digits, hyphens or apostrophes not counted)"
)


def text_check(check: TextCheck) -> dict[str, float | int]:
    return {
        "words": check.words,
        "implausible": check.implausible,
        "implausible_rate": round(check.rate, 4),
        "noise_blocks": check.noise_blocks,
        "noise_words": check.noise_words,
        "repeated": check.repeated,
    }


def selfcheck_dict(collation: Collation) -> dict | None:
    """The self-check as the JSON ``summary.selfcheck`` gives it."""
    check = collation.selfcheck
    if check is None:
        return None
    return {
        "definition": IMPLAUSIBLE,
        "language": check.language,
        "rated": check.rated,
        "witnesses": {w: text_check(c) for w, c in check.witnesses.items()},
        "canonical": text_check(check.canonical),
        "best": check.best,
        "canonical_where_best_has_text": text_check(check.shared) if check.shared else None,
        "canonical_elsewhere": text_check(check.elsewhere) if check.elsewhere else None,
        "warnings": list(check.warnings),
    }


def context(unit: Unit, index: int, words: int = 5) -> tuple[str, str]:
    """A few canonical words before and after column ``index`` of ``unit``
    (a column of agreement may hold many words)."""
    before: list[str] = []
    for col in reversed(unit.columns[:index]):
        if len(before) >= words:
            break
        if col.canonical and not col.break_place:
            before[:0] = col.canonical.split()
    after: list[str] = []
    for col in unit.columns[index + 1 :]:
        if len(after) >= words:
            break
        if col.canonical and not col.break_place:
            after.extend(col.canonical.split())
    return " ".join(before[-words:]), " ".join(after[:words])


def break_reading(reading: str | None) -> str:
    """How a break place's reading is shown: ``¶`` where a witness starts a
    new paragraph, ``(runs on)`` where it does not, ``(not here)`` where it
    has no text on either side."""
    if reading is None:
        return "(not here)"
    return reading or "(runs on)"


def variant_places(collation: Collation) -> list[tuple[int, Unit, int, Column]]:
    """Every differing column with its unit number and column index, in order."""
    return [
        (ui, unit, ci, col)
        for ui, unit in enumerate(collation.units)
        for ci, col in enumerate(unit.columns)
        if col.kind
    ]


def body_units(collation: Collation) -> list[Unit]:
    return [u for u in collation.units if u.section == "body" and u.kind != "noise"]


def footnote_units(collation: Collation) -> list[Unit]:
    notes = [u for u in collation.units if u.section == "footnote"]
    return sorted(notes, key=lambda u: (u.n is None, u.n or 0))
