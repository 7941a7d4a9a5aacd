"""Footnotes are matched by number and content; a truncated copy still pairs."""

from pathlib import Path

import dedupe

BODY = (
    "Variation under Domestication\n\n"
    "When we look to the individuals of the same variety or sub-variety of our older "
    "cultivated plants and animals, one of the first points which strikes us, is, that "
    "they generally differ much more from each other than do the individuals of any one "
    "species or variety in a state of nature.¹\n\n"
    "There is also some probability in the view propounded by Andrew Knight, that this "
    "variability may be partly connected with excess of food.²\n\n"
)
NOTE_1 = (
    "Compare the account of the sheep of the Cape of Good Hope, and the many varieties "
    "of pigeons kept in the London clubs, which differ from one another in their beaks."
)
NOTE_2 = "Knight held that the excess of food given to cultivated plants causes their variability."
CUT = " ".join(NOTE_1.split()[:10])  # a note cut short at a page end


def write(folder: Path, name: str, note_1: str, note_2: str = NOTE_2) -> str:
    path = folder / name
    path.write_text(BODY + f"¹ {note_1}\n² {note_2}\n", encoding="utf-8")
    return str(path)


def note_units(collation, n):
    return [u for u in collation.units if u.kind == "footnote" and u.n == n]


def test_a_truncated_note_pairs_with_the_full_copies(tmp_path):
    paths = [
        write(tmp_path, "a.txt", NOTE_1),
        write(tmp_path, "b.txt", NOTE_1.replace("pigeons", "pigcons")),
        write(tmp_path, "c.txt", CUT),
    ]
    collation = dedupe.compare(paths)
    (unit,) = note_units(collation, 1)
    assert all(unit.blocks[w] for w in ("A", "B", "C"))
    assert "pigeons" in unit.text()


def test_notes_that_differ_are_reported_not_paired(tmp_path):
    other = "An entirely different remark about the breeding of horses in Arabia and Persia."
    paths = [
        write(tmp_path, "a.txt", NOTE_1),
        write(tmp_path, "b.txt", NOTE_1),
        write(tmp_path, "c.txt", other),
    ]
    collation = dedupe.compare(paths)
    units = note_units(collation, 1)
    assert len(units) == 2
    assert {w for u in units for w, idx in u.blocks.items() if idx} == {"A", "B", "C"}
    assert all("does not match" in u.note or "differs" in u.note for u in units)
    lone = next(u for u in units if u.blocks["C"])
    assert not lone.blocks["A"] and not lone.blocks["B"]
