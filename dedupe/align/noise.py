"""Layout noise is grouped by its text across witnesses.

Noise every witness shares (a running header printed in all of them) is no
difference at all; noise only some witnesses have (a sidebar in one) is a
``layout`` variant, reported and left out of the canonical text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from dedupe.model import Document, Unit
from dedupe.normalise.fold import fold

_DIGITS = re.compile(r"\d+")


def noise_key(text: str) -> str:
    """Noise text compared with digits and case folded (page numbers vary)."""
    return _DIGITS.sub("#", fold(text).casefold())


def noise_units(docs: Sequence[Document]) -> list[Unit]:
    groups: dict[str, dict[str, list[int]]] = {}
    for d in docs:
        for i, b in enumerate(d.blocks):
            if b.kind == "noise":
                groups.setdefault(noise_key(b.text), {}).setdefault(d.witness.id, []).append(i)
    units = []
    for key in sorted(groups):
        members = groups[key]
        if len(members) == len(docs):
            continue  # every witness has it: no difference to report
        blocks = {d.witness.id: tuple(members.get(d.witness.id, ())) for d in docs}
        units.append(Unit(kind="noise", section="body", blocks=blocks))
    return units
