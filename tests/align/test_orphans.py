"""A passage one witness reads as one block and another as many is one place
(dedupe.align.absorb_orphans), so its words are collated, not kept twice."""

from pathlib import Path

import dedupe
from dedupe.align import body_units

SWISS = Path(__file__).parent.parent / "data" / "swiss_zoology"


def test_a_key_read_as_one_block_and_as_one_block_per_line_is_one_unit():
    tess = dedupe.normalise_file(str(SWISS / "biostor-146511_04.tess.txt"), "A")
    abby = dedupe.normalise_file(str(SWISS / "biostor-146511_04.abby.txt"), "B")
    units = body_units([tess, abby])
    (key,) = [
        u for u in units if any("KEY OF THE SPECIES" in tess.blocks[i].text for i in u.blocks["A"])
    ]
    lines = [abby.blocks[i].text for i in key.blocks["B"]]
    assert lines[0].startswith("Key of the species") and len(lines) >= 10
    assert any("margheritae" in line for line in lines)
    # every block of both witnesses is in exactly one unit
    for doc in (tess, abby):
        used = sorted(i for u in units for i in u.blocks[doc.witness.id])
        assert used == [i for i, b in enumerate(doc.blocks) if b.kind in ("heading", "paragraph")]


def test_the_key_is_collated_word_by_word():
    collation = dedupe.compare(
        [str(SWISS / "biostor-146511_04.tess.txt"), str(SWISS / "biostor-146511_04.abby.txt")]
    )
    text = dedupe.render("text", collation)
    assert text.count("strongly striate") == 1
    # the engines' readings of one word meet in one column
    assert any(
        c.readings["A"] == "Bellé" and c.readings["B"] == "Bello" for _, c in collation.variants()
    )
