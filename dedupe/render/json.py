"""The ``dedupe.collation/1`` JSON contract: stable keys for downstream tools."""

from __future__ import annotations

import json
from dataclasses import asdict

from dedupe.decisions import decisions_summary
from dedupe.model import Collation, Column
from dedupe.render.groups import Group, systematic_groups, systematic_lines
from dedupe.render.summary import (
    agreement,
    context,
    counts_by_kind,
    selfcheck_dict,
    variant_places,
)
from dedupe.render.text import canonical_blocks, canonical_notes, render_text
from dedupe.style import plain

SCHEMA = "dedupe.collation/1"


def collation_dict(collation: Collation) -> dict:
    quotes = str(collation.options.get("quotes", "straight"))
    places = variant_places(collation)
    groups = systematic_groups([(unit, col) for _, unit, _, col in places])
    group_of = {vid: g.id for g in groups for vid in g.members}
    variants = []
    for ui, unit, ci, col in places:
        before, after = context(unit, ci)
        variants.append(
            {
                "id": col.id,
                "kind": col.kind,
                "section": unit.section,
                "footnote": unit.n if unit.section == "footnote" else None,
                "readings": dict(col.readings),
                "canonical": col.canonical,
                "agree": col.supporters(),
                "reason": col.reason,
                "confidence": round(col.confidence, 3),
                "review": col.review,
                **({"note": col.note} if col.note else {}),
                "unit": ui,
                "context": {"before": before, "after": after},
                **({"paragraph_break": True} if col.break_place else {}),
                **({"group": group_of[col.id]} if col.id in group_of else {}),
                **({"parts": parts(col)} if col.parts else {}),
            }
        )
    return {
        "schema": SCHEMA,
        "witnesses": [
            {"id": w.id, "path": w.path, "sha256": w.sha256, "label": w.label, "format": w.format}
            for w in collation.witnesses
        ],
        "canonical": {
            "text": render_text(collation),
            "blocks": [
                {"kind": kind, "text": plain(text, quotes)}
                for kind, text in canonical_blocks(collation)
            ],
            "footnotes": [
                {"n": n, "text": plain(text, quotes)} for n, text in canonical_notes(collation)
            ],
        },
        "variants": variants,
        "groups": [group_dict(g) for g in groups],
        "removed": [
            {"witness": r.witness, "text": r.text, "reason": r.reason, "span": asdict(r.span)}
            for r in collation.removed
        ],
        "summary": {
            "counts": counts_by_kind(collation),
            "agreement": agreement(collation),
            "selfcheck": selfcheck_dict(collation),
            "systematic": systematic_lines(groups),
        },
        "options": dict(collation.options),
        "warnings": list(collation.warnings),
        **({"decisions": decisions_summary(collation)} if collation.decisions else {}),
    }


def group_dict(group: Group) -> dict:
    """A systematic difference: its pattern and the ids of its variants
    (each is still in ``variants``, with ``"group"`` naming this one)."""
    return {
        "id": group.id,
        "kind": group.kind,
        "witnesses": list(group.witnesses),
        "pattern": group.description,
        "edits": {wid: edit for wid, edit in group.pattern},
        "count": len(group.members),
        "review": group.review,
        "members": list(group.members),
    }


def parts(col: Column) -> list[dict]:
    """A passage variant's word-level places where the witnesses that have
    the passage read it differently (``dedupe.passage_variants``)."""
    return [
        {
            "id": p.id,
            "kind": p.kind,
            "readings": dict(p.readings),
            "canonical": p.canonical,
            "agree": p.supporters(),
            "reason": p.reason,
            "confidence": round(p.confidence, 3),
            "review": p.review,
        }
        for p in col.parts
        if p.kind and len({r for r in p.readings.values() if r is not None}) > 1
    ]


def render_json(collation: Collation, **_: object) -> str:
    return json.dumps(collation_dict(collation), ensure_ascii=False, indent=2) + "\n"
