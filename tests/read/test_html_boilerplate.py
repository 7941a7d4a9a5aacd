"""HTML: site menus built of plain divs and lists are not the document."""

from __future__ import annotations

from pathlib import Path

import dedupe
from dedupe.read import read

DATA = Path(__file__).parent.parent / "data" / "swiss_zoology"
DJVU = DATA / "biostor-146511_djvu.txt"

MENU = "".join(
    f'<div class="menu"><h5>Featured</h5><ul><li><a href="/{i}">Section {i}</a></li>'
    f'<li><a href="/{i}/more">More of section {i}</a></li></ul></div>'
    for i in range(3)
)


def page(body: str) -> str:
    return (
        '<!DOCTYPE html><html><head><title>t</title></head><body><div id="top">'
        f'{MENU}<div class="tag">Search the history of our pages.</div>{MENU}</div>'
        f'<div class="container">{body}</div><div class="foot">{MENU}</div></body></html>'
    )


def test_archive_full_text_page_reads_as_its_text() -> None:
    """The saved archive.org page: its menus are gone, the <pre> is the text,
    paragraph by paragraph, so its CER against the corrected text is that of
    its OCR, not of the site around it."""
    doc = dedupe.normalise_file(str(DJVU), "A")
    text = "\n".join(b.text for b in doc.blocks)
    for chrome in ("Skip to main content", "Wayback Machine", "Internet Arcade", "LOGOUT",
                   "See other formats", "Full text of"):  # fmt: skip
        assert chrome not in text
    assert doc.blocks[0].text.startswith("Revue suisse de Zoologie")
    assert any(b.text == "INTRODUCTION" for b in doc.blocks)
    assert len([b for b in doc.blocks if b.kind == "paragraph"]) > 20  # not one <pre> block


def test_menu_of_divs_pruned_heading_before_text_kept(tmp_path: Path) -> None:
    body = (
        "<h1>The Annual Report</h1>"
        "<p>The committee met in the spring to review the accounts of the society and "
        "found them in good order, with a modest surplus.</p>"
        "<p>Several members questioned the cost of repairing the old library roof.</p>"
        "<p>J. Smith, secretary</p>"
    )
    path = tmp_path / "report.html"
    path.write_text(page(body))
    text = read(str(path)).text
    assert "Section 1" not in text and "Featured" not in text
    assert "Search the history" not in text  # a short line among menus goes with them
    assert "The Annual Report" in text
    assert "the old library roof" in text
    assert "J. Smith, secretary" in text  # a closing line after the text is the text's


def test_short_lines_between_menus_kept_when_they_are_much_text(tmp_path: Path) -> None:
    """A poem: many short lines in a row are the text, not a menu's heading."""
    lines = [f"The {w} wind blows over the hill" for w in ("north", "south", "east", "west",
             "cold", "warm", "grey", "last")]  # fmt: skip
    path = tmp_path / "poem.html"
    path.write_text(page("".join(f"<p>{ln}</p>" for ln in lines)))
    text = read(str(path)).text
    assert all(ln in text for ln in lines)
    assert "Section 2" not in text


def test_page_of_links_only_is_kept_whole(tmp_path: Path) -> None:
    """Nothing is pruned when no plain text would remain (a list of links is the document)."""
    path = tmp_path / "links.html"
    path.write_text(f"<html><body>{MENU}</body></html>")
    text = read(str(path)).text
    assert "More of section 2" in text


def test_preformatted_text_keeps_its_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "pre.html"
    path.write_text(
        "<html><body><pre>First paragraph, first line\nand its second line.\n\n"
        "Second para-\ngraph here.\n</pre></body></html>"
    )
    doc = dedupe.normalise_file(str(path), "A")
    assert [b.text for b in doc.blocks] == [
        "First paragraph, first line and its second line.",
        "Second paragraph here.",
    ]
