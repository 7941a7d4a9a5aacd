"""The Markdown edition ends with an apparatus: who read what, who agrees."""

from pathlib import Path

import dedupe

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "beijing-binds"


def test_apparatus_lists_readings_and_agreeing_witnesses():
    collation = dedupe.compare([str(SAMPLES / "a.txt"), str(SAMPLES / "b.txt")])
    md = dedupe.render("md", collation)
    text, apparatus = md.split("\n## Apparatus\n")
    assert "Zholdo" in text
    line = next(x for x in apparatus.splitlines() if "`Zholdosbaev" in x)
    assert "`Zholdoshaev" in line and "Agree: " in line
    (col,) = [
        c for _, c in collation.variants() if c.readings["A"] and "Zholdosbaev" in c.readings["A"]
    ]
    assert f"Agree: {', '.join(col.supporters())}." in line
    assert "**A** a.txt (agrees" in apparatus and "**B** b.txt" in apparatus
    # typography is house style: counted elsewhere, not listed
    assert "**typography**" not in apparatus
