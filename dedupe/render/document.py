"""Rendering one normalised Document (the ``dedupe normalise`` command)."""

from __future__ import annotations

import json

from dedupe.model import Document


def document_dict(doc: Document) -> dict:
    return {
        "schema": "dedupe.document/1",
        "witness": {
            "path": doc.witness.path,
            "sha256": doc.witness.sha256,
            "format": doc.witness.format,
        },
        "blocks": [
            {
                "kind": b.kind,
                "text": b.text,
                **({"n": b.n} if b.n is not None else {}),
                **({"region": b.region} if b.region != "body" else {}),
            }
            for b in doc.blocks
            if b.kind != "noise"
        ],
        "footnotes": [{"n": n, "text": b.text} for n, b in sorted(doc.footnotes.items())],
        "noise": [{"text": b.text, "reason": b.reason or ""} for b in doc.noise],
        "warnings": list(doc.warnings),
    }


def render_document(doc: Document, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(document_dict(doc), ensure_ascii=False, indent=2) + "\n"
    out: list[str] = []
    for b in doc.blocks:
        if b.kind in ("heading", "paragraph"):
            tag = b.kind if b.region == "body" else f"{b.kind}, {b.region}"
            out.append(f"[{tag}] {b.text}\n")
    notes = doc.footnotes
    if notes:
        out.append("Footnotes\n")
        out.extend(f"  {n}  {b.text}" for n, b in sorted(notes.items()))
        out.append("")
    if doc.noise:
        out.append("Noise\n")
        out.extend(f"  [{b.reason}] {b.text}" for b in doc.noise)
        out.append("")
    return "\n".join(out)
