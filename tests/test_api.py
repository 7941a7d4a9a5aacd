"""Witness ids: A to Z, then AA to ZZ, then AAA on, for any number of witnesses."""

from __future__ import annotations

import doctest

import dedupe
import dedupe.api
from dedupe.api import witness_ids


def test_ids_stay_unique_and_ordered_for_twenty_thousand_witnesses():
    ids = witness_ids(20_000)
    assert len(set(ids)) == 20_000
    assert ids == sorted(ids, key=lambda i: (len(i), i))
    assert ids[:3] == ["A", "B", "C"] and ids[25:28] == ["Z", "AA", "AB"]
    assert ids[701:704] == ["ZZ", "AAA", "AAB"]
    assert ids[18_277:18_279] == ["ZZZ", "AAAA"]
    assert witness_ids(0) == []


def test_compare_of_800_witnesses_runs_and_names_them_all(tmp_path):
    paths = []
    for i in range(800):
        roof = "library" if i % 3 == 0 else "old"
        path = tmp_path / f"w{i:03d}.txt"
        path.write_text(
            f"The committee met to review the accounts.\n\nIt mended the {roof} roof.\n"
        )
        paths.append(str(path))
    collation = dedupe.compare(paths, prefer="ADT")
    assert [w.id for w in collation.witnesses][-3:] == ["ADR", "ADS", "ADT"]
    text = dedupe.render("text", collation)
    assert "It mended the old roof." in text
    assert collation.options["prefer"] == "ADT"


def test_the_examples_in_the_api_docstrings_stay_true():
    result = doctest.testmod(dedupe.api)
    assert result.attempted >= 1 and result.failed == 0
