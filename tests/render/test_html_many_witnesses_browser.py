"""Nine witnesses in the HTML page, in a real headless chromium: Kant page 1
as eight OCR engines read it, and its ground truth. Every witness has its own
colour and letter, the witness list leaves the filters on the first screen,
side by side shows the witnesses the reader picks, and the ground truth's
combining letters (u with a combining e) and long s are drawn, not boxes."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest

import dedupe
from dedupe.render.html import PALETTE_SIZE, SIDES_MAX

KANT = Path(__file__).resolve().parents[1] / "data" / "kant"
WITNESSES = [KANT / "GT-PAGE" / "PAGE_0017_PAGE.xml", *sorted(KANT.glob("OCR-*/*_0001.xml"))]
LETTERS = list("ABCDEFGHI")


@pytest.fixture(scope="module")
def kant_collation():
    assert len(WITNESSES) == 9
    return dedupe.compare([str(p) for p in WITNESSES])


@pytest.fixture
def kant_page(browser, kant_collation, tmp_path, open_html):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page, errors = open_html(context, kant_collation, tmp_path / "kant.html")
    yield page
    assert errors == []
    context.close()


def rgb(colour: str) -> tuple[int, ...]:
    return tuple(int(x) for x in colour[colour.index("(") + 1 : -1].split(",")[:3])


def far_apart(colours: list[str]) -> float:
    """The smallest distance between two of the colours (RGB, 0-441)."""
    points = [rgb(c) for c in colours]
    return min(
        sum((a - b) ** 2 for a, b in zip(p, q, strict=True)) ** 0.5
        for p, q in combinations(points, 2)
    )


def test_nine_witnesses_have_nine_colours_and_their_letters(kant_page):
    badges = kant_page.locator("#summary table.witnesses .wid")
    assert badges.all_inner_texts() == LETTERS
    colours = badges.evaluate_all("bs => bs.map(b => getComputedStyle(b).backgroundColor)")
    assert len(set(colours)) == 9
    assert far_apart(colours) > 60
    # the whole palette: twelve colours, all distinguishable, white letters readable on each
    palette = kant_page.evaluate(
        f"""() => [...Array({PALETTE_SIZE}).keys()].map(i => {{
            const s = document.createElement("span");
            s.className = "wid w" + i;
            document.body.append(s);
            const c = getComputedStyle(s).backgroundColor;
            s.remove();
            return c;
        }})"""
    )
    assert len(set(palette)) == PALETTE_SIZE >= 12
    assert far_apart(palette) > 60
    assert all(sum(rgb(c)) < 3 * 180 for c in palette)  # dark enough for white letters
    # the popup names each witness with its letter badge, in its colour
    kant_page.locator("#text mark.v").first.click()
    pop_badges = kant_page.locator("#pop .wid")
    assert set(pop_badges.all_inner_texts()) == set(LETTERS)
    for b in pop_badges.all():
        i = LETTERS.index(b.inner_text())
        assert b.evaluate("b => getComputedStyle(b).backgroundColor") == colours[i]


def test_the_witness_list_is_one_line_each_and_the_filters_are_on_screen(kant_page):
    rows = kant_page.locator("#summary table.witnesses tbody tr")
    assert rows.count() == 9
    heights = rows.evaluate_all("rs => rs.map(r => r.getBoundingClientRect().height)")
    assert max(heights) < 26  # one line each, however long the file name
    names = kant_page.locator("#summary td.file").all_inner_texts()
    assert len(set(names)) == 9 and "CALA-gt4histocr" in names  # told apart at a glance
    assert "OCR-D-OCR-CALA-gt4histocr" in rows.nth(1).get_attribute("title")  # whole on hover
    assert kant_page.evaluate("document.getElementById('summary').scrollTop") == 0
    boxes = kant_page.locator(".kinds input[data-kind]")
    assert boxes.count() >= 5
    for box in boxes.all():
        r = box.bounding_box()
        assert r["y"] >= 0 and r["y"] + r["height"] <= 800
        # nothing covers it: a click there reaches the checkbox
        hit = kant_page.evaluate(
            f"document.elementFromPoint({r['x'] + r['width'] / 2}, {r['y'] + r['height'] / 2})"
            ".dataset.kind"
        )
        assert hit == box.get_attribute("data-kind")
    boxes.first.uncheck()  # and it works from there
    assert kant_page.locator("#text mark.v.off").count() > 0


def test_side_by_side_shows_exactly_the_witnesses_picked(kant_page):
    page = kant_page
    page.click("button[data-view='sides']")
    panes = page.locator(".pane")
    assert panes.count() == 2  # nine are too many for one screen: two at first
    picks = page.locator("#pick input")
    assert picks.count() == 9
    assert page.locator("#pick .wid").all_inner_texts() == LETTERS
    for letter in ("C", "I"):
        page.locator(f"#pick input[data-w='{letter}']").check()
    for letter in ("A", "B"):
        page.locator(f"#pick input[data-w='{letter}']").uncheck()
    assert [p.get_attribute("data-w") for p in panes.all()] == ["C", "I"]
    assert [p.locator("h2 .wid").inner_text() for p in panes.all()] == ["C", "I"]
    width = page.locator("#sides").evaluate("e => e.clientWidth")
    assert all(p.bounding_box()["width"] >= width / 2 - 2 for p in panes.all())
    # the same paragraph side by side, each witness's own reading in it
    row_c = page.locator(".pane[data-w='C'] .row:not(.missing)").last
    unit = row_c.get_attribute("data-u")
    row_i = page.locator(f".pane[data-w='I'] .row[data-u='{unit}']")
    top = "e => e.getBoundingClientRect().top"
    assert abs(row_c.evaluate(top) - row_i.evaluate(top)) < 1
    assert "Matur" in row_c.inner_text() and "Natur" in row_i.inner_text()  # C's own misreading
    # at most four: a fifth cannot be added, and the last one cannot be taken away
    for letter in ("D", "E"):
        page.locator(f"#pick input[data-w='{letter}']").check()
    assert panes.count() == SIDES_MAX == 4
    assert page.locator("#pick input:not(:checked):disabled").count() == 9 - SIDES_MAX
    for letter in ("C", "D", "E"):
        page.locator(f"#pick input[data-w='{letter}']").uncheck()
    assert page.locator("#pick input[data-w='I']").is_disabled()
    assert [p.get_attribute("data-w") for p in panes.all()] == ["I"]


def test_combining_letters_and_long_s_are_drawn_not_boxes(kant_page):
    page = kant_page
    text = page.inner_text("#text")
    assert "u\u0364" in text and "ſ" in text  # the ground truth's Unmuͤndigkeit, iſt
    # canvas measure in the text's own font: a combining e adds no width to its u
    # where a font has it; a character no font has is drawn as a box, which does
    widths = page.evaluate(
        """() => {
            const c = document.createElement("canvas").getContext("2d");
            c.font = getComputedStyle(document.getElementById("text")).font;
            const w = (s) => c.measureText(s).width;
            return {u: w("u"), ue: w("u\\u0364"), boxed: w("u\\u0378"), s: w("\\u017f")};
        }"""
    )
    assert widths["boxed"] - widths["u"] > 3  # the measure tells a missing glyph
    assert abs(widths["ue"] - widths["u"]) < 0.5
    assert widths["s"] > 1
    # and the fonts chromium used for a word with u + combining e come from the page's stack
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    page.evaluate(  # the word alone in a span of the text, without the variant's symbol
        """() => {
            const word = [...document.querySelectorAll("#text mark.v")]
                .find(m => m.textContent.includes("u\\u0364")).textContent;
            const probe = document.createElement("span");
            probe.id = "probe";
            probe.textContent = word;
            document.querySelector("#text .u").append(probe);
        }"""
    )
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "#probe"})
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
    stack = page.evaluate("getComputedStyle(document.getElementById('text')).fontFamily").replace(
        '"', ""
    )
    assert fonts and all(f["familyName"] in stack.split(", ") for f in fonts), (fonts, stack)
    assert page.inner_text("#probe").count("u\u0364") >= 1


def test_signature_marks_are_in_removed_noise_not_in_the_text(kant_page):
    page = kant_page
    assert "Monats" not in page.inner_text("#text").split("geſprochen")[-1]
    page.click("button[data-view='removed']")
    rows = page.locator("#view-removed tbody tr").all_inner_texts()
    marks = [r for r in rows if "signature mark" in r or "signature-mark" in r]
    assert len({r.split("\t")[0] for r in marks}) == 8  # the ground truth's region and 7 engines
    assert all("Hh" in r or "H h" in r for r in marks)
