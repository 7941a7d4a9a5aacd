"""A passage one witness has at a place where the others print it elsewhere
is a misplaced copy: the canonical text keeps it once. (A passage no other
witness has anywhere: tests/test_decide_passages.py.)"""

from pathlib import Path

import dedupe

PARAGRAPHS = [
    "When we look to the individuals of the same variety or sub-variety of our older "
    "cultivated plants and animals, one of the first points which strikes us is that they "
    "generally differ much more from each other than do the individuals of any one species.",
    "There is also some probability in the view propounded by Andrew Knight, that this "
    "variability may be partly connected with excess of food given to the plants.",
    "It seems pretty clear that organic beings must be exposed during several generations "
    "to the new conditions of life to cause any appreciable amount of variation.",
    "Habit also has a decided influence, as in the period of flowering with plants when "
    "transported from one climate to another, and in animals it has a more marked effect.",
]


def write(folder: Path, name: str, paragraphs: list[str]) -> str:
    path = folder / name
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return str(path)


def canonical(tmp_path, versions):
    paths = [write(tmp_path, f"{k}.txt", v) for k, v in enumerate(versions)]
    return dedupe.render("text", dedupe.compare(paths))


def test_a_misplaced_copy_of_a_paragraph_is_kept_once(tmp_path):
    p = PARAGRAPHS
    # the third witness carries the last paragraph a second time, at the start
    text = canonical(tmp_path, [p, p, [p[3], *p]])
    assert text.count("Habit also has a decided influence") == 1
    collation = dedupe.compare([str(tmp_path / f"{k}.txt") for k in range(3)])
    layout = [c for _, c in collation.variants() if c.kind == "layout"]
    assert any("at another place" in c.reason for c in layout)
