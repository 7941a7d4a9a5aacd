"""The HTML report in a real headless chromium: highlights, popup, filters,
side-by-side view, keyboard navigation, no network, escaping, a large document."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import dedupe

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "samples" / "beijing-binds" / "report.png"


@dataclass
class Report:
    page: object
    url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def open_report(browser, collation, folder: Path, name="report.html") -> Report:
    """Write the report, open it, and record every request it makes."""
    path = folder / name
    path.write_text(dedupe.render("html", collation), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    report = Report(page, path.as_uri())

    def route(r):
        report.requests.append(r.request.url)
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            r.abort()

    context.route("**/*", route)
    page.on("request", lambda req: report.requests.append(req.url))
    page.on("pageerror", lambda err: report.errors.append(str(err)))
    page.on("console", lambda msg: msg.type == "error" and report.errors.append(msg.text))
    page.goto(report.url)
    page.wait_for_selector("html[data-ready]")
    return report


@pytest.fixture
def sample_report(browser, sample_collation, tmp_path):
    report = open_report(browser, sample_collation, tmp_path)
    yield report
    assert report.errors == []
    report.page.context.close()


def zholdosbaev(page):
    return page.locator("#text mark.v", has_text="Zholdosbaev")


def popup_rows(page) -> list[list[str]]:
    return page.eval_on_selector_all(
        "#pop tr", "rows => rows.map(r => [...r.cells].map(c => c.innerText.trim()))"
    )


def style(locator, prop: str) -> str:
    return locator.evaluate(f"e => getComputedStyle(e).{prop}")


def test_variant_is_highlighted_and_its_popup_names_the_witnesses(sample_report, tmp_path):
    page = sample_report.page
    mark = zholdosbaev(page)
    assert mark.count() == 1
    assert "k-spelling" in mark.get_attribute("class")
    assert style(mark, "textDecorationLine") == "underline"
    assert style(mark, "textDecorationStyle") == "solid"  # spelling's own underline
    assert style(mark, "backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    mark.click()
    pop = page.locator("#pop")
    assert pop.is_visible()
    rows = popup_rows(page)
    assert rows[0][0] == "Zholdosbaev" and "A" in rows[0][1] and "a.txt" in rows[0][1]
    assert rows[1][0] == "Zholdoshaev" and "B" in rows[1][1] and "b.txt" in rows[1][1]
    text = pop.inner_text()
    assert "spelling" in text and "to review" in text and "50%" in text
    assert "no evidence either way" in text
    page.keyboard.press("Escape")
    assert pop.is_hidden()
    page.screenshot(path=str(tmp_path / "report.png"))
    assert (tmp_path / "report.png").stat().st_size > 10_000


def test_a_footnote_marker_leads_to_its_note_and_its_variants(sample_report):
    page = sample_report.page
    page.locator("#text a.fn[data-n='9']").click()
    note = page.locator("#notes .u.note").nth(8)
    assert note.is_visible()
    assert note.locator(".n").inner_text() == "9"
    assert note.locator("mark.v", has_text="joldoshaev").count() == 1


def test_focus_alone_opens_the_popup(sample_report):
    page = sample_report.page
    zholdosbaev(page).focus()
    assert page.locator("#pop").is_visible()
    assert "Zholdoshaev" in page.locator("#pop").inner_text()


def test_filter_by_kind_hides_and_shows_variants(sample_report):
    page = sample_report.page
    mark = zholdosbaev(page)
    case = page.locator("#text mark.k-case").first
    spelling = page.locator(".kinds input[data-kind='spelling']")
    spelling.uncheck()
    assert style(mark, "textDecorationLine") == "none"
    assert style(mark, "backgroundColor") == "rgba(0, 0, 0, 0)"
    assert mark.get_attribute("tabindex") is None
    assert style(case, "textDecorationLine") == "underline"  # other kinds stay
    mark.click()
    assert page.locator("#pop").is_hidden()
    spelling.check()
    assert style(mark, "textDecorationLine") == "underline"
    mark.click()
    assert page.locator("#pop").is_visible()


def test_side_by_side_shows_both_witnesses_aligned_and_scrolls_them_together(sample_report):
    page = sample_report.page
    page.click("button[data-view='sides']")
    panes = page.locator(".pane")
    assert panes.count() == 2
    a = page.locator(".pane[data-w='A'] mark.v", has_text="Zholdosbaev")
    b = page.locator(".pane[data-w='B'] mark.v", has_text="Zholdoshaev")
    assert a.count() == 1 and b.count() == 1
    row_a = a.locator("xpath=ancestor::div[contains(@class, 'row')]")
    row_b = b.locator("xpath=ancestor::div[contains(@class, 'row')]")
    unit = row_a.get_attribute("data-u")
    assert row_b.get_attribute("data-u") == unit
    top = "e => e.getBoundingClientRect().top"
    assert (
        abs(row_a.evaluate(top) - row_b.evaluate(top)) < 1
    )  # side by side, paragraph by paragraph
    assert "Parliamentary Deputy Kamchybek" in row_a.inner_text()
    assert "Parliamentary Deputy Kamchybek" in row_b.inner_text()
    # scrolling the first pane brings the same paragraph to the top of the second
    page.locator(".pane[data-w='A'] .scroller").hover()
    page.locator(".pane[data-w='A'] .scroller").evaluate(
        f"(s) => {{ s.scrollTop = s.querySelector('.row[data-u=\"{unit}\"]').offsetTop; }}"
    )
    page.wait_for_function(
        f"""() => {{
            const s = document.querySelector(".pane[data-w='B'] .scroller");
            const row = s.querySelector('.row[data-u="{unit}"]');
            return s.scrollTop > 0 && Math.abs(s.scrollTop - row.offsetTop) < 2;
        }}"""
    )


def test_keys_move_between_decisions_to_review(sample_report):
    page = sample_report.page
    reviews = page.evaluate(
        "JSON.parse(document.getElementById('data').textContent)"
        ".variants.flatMap((v, i) => v.rev ? [i] : [])"
    )
    assert len(reviews) > 3
    focused = "() => document.activeElement.dataset.v"
    page.keyboard.press("n")
    assert int(page.evaluate(focused)) == reviews[0]
    page.keyboard.press("n")
    assert int(page.evaluate(focused)) == reviews[1]
    assert "to review" in page.locator("#pop").inner_text()
    assert page.inner_text("#review-pos") == f"2 / {len(reviews)} to review"
    page.keyboard.press("p")
    assert int(page.evaluate(focused)) == reviews[0]
    page.keyboard.press("p")  # wraps round to the last one, in the notes
    assert int(page.evaluate(focused)) == reviews[-1]
    assert page.locator("#notes mark.current").count() == 1
    assert page.locator("#notes mark.current").is_visible()


def test_no_request_leaves_the_page(sample_report):
    page = sample_report.page
    zholdosbaev(page).click()
    page.click("button[data-view='sides']")
    page.click("button[data-view='removed']")
    page.click("button[data-view='text']")
    page.keyboard.press("n")
    assert set(sample_report.requests) == {sample_report.url}


def test_the_popup_never_covers_the_header(sample_report):
    page = sample_report.page
    marks = page.locator("#text mark.v")
    for i in (0, 5, 20):
        mark = marks.nth(i)
        mark.evaluate("m => m.scrollIntoView({block: 'end'})")  # the popup must open above it
        mark.click()
        pop = page.locator("#pop").bounding_box()
        head = page.locator("header").bounding_box()
        assert pop["y"] >= head["y"] + head["height"]
        page.click("button[data-view='sides']")  # the tabs stay clickable with the popup open
        page.click("button[data-view='text']")


def test_removed_noise_is_listed_with_its_reason(sample_report):
    page = sample_report.page
    page.click("button[data-view='removed']")
    table = page.locator("#view-removed table")
    assert "CENTRAL ASIA PROGRAM" in table.inner_text()
    assert "probable sidebar" in table.inner_text()


def test_print_shows_the_whole_text_without_controls(sample_report):
    page = sample_report.page
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator(".tabs").is_hidden()
    assert page.locator("#text .chunk:empty, #notes .chunk:empty").count() == 0
    assert page.locator("#notes .u").count() == 63
    assert len(page.pdf()) > 10_000


def test_hostile_witness_shows_its_markup_as_text(browser, hostile_collation, tmp_path):
    report = open_report(browser, hostile_collation, tmp_path)
    page = report.page
    for mark in page.locator("#text mark.v").all():
        mark.click()
        mark.hover()
    page.click("button[data-view='sides']")
    pane = page.locator(".pane").first
    text = pane.inner_text()
    assert "<script>window.pwned = 1</script>" in text
    assert '<b onmouseover="window.pwned=2">bold</b>' in text
    assert "\"double\" and 'single'" in text
    for mark in pane.locator("mark.v").all():
        mark.hover()
    assert page.evaluate("window.pwned") is None
    assert page.locator("main img, main b, main script").count() == 0
    assert "evil <b>&'\".txt" in page.inner_text("#summary")
    assert report.errors == []


def test_three_witnesses_each_in_the_popup_and_a_pane(browser, simulated_collation, tmp_path):
    report = open_report(browser, simulated_collation, tmp_path)
    page = report.page
    page.locator("#text mark.v.k-spelling").first.click()
    who = " ".join(row[1] for row in popup_rows(page))
    assert all(f"witness-{i}.txt" in who for i in (1, 2, 3))
    page.click("button[data-view='sides']")
    assert page.locator(".pane").count() == 3
    assert report.errors == []


@pytest.fixture(scope="module")
def large_collation(tmp_path_factory):
    """The sample pair, each witness repeated 50 times (about 300 pages of text)."""
    folder = tmp_path_factory.mktemp("large")
    paths = []
    for name in ("a.txt", "b.txt"):
        text = (ROOT / "samples" / "beijing-binds" / name).read_text(encoding="utf-8")
        path = folder / name
        path.write_text("\n\n".join([text] * 50), encoding="utf-8")
        paths.append(str(path))
    return dedupe.compare(paths)


def test_a_large_document_opens_lazily_and_stays_interactive(browser, large_collation, tmp_path):
    report = open_report(browser, large_collation, tmp_path)
    page = report.page
    chunks = page.locator("#text .chunk").count()
    assert chunks > 20
    built = page.locator("#text .chunk:not(:empty)").count()
    assert built < chunks / 4  # only what is near the screen is built
    page.keyboard.press("p")  # the last decision to review, at the far end
    assert page.locator("mark.current").is_visible()
    assert page.locator("#pop").is_visible()
    page.locator(".kinds input[data-kind='case']").uncheck()
    page.locator(".kinds input[data-kind='case']").check()
    page.click("button[data-view='sides']")
    assert page.locator(".pane[data-w='B'] .row").count() > 0
    assert report.errors == []


def test_screenshot_for_the_readme(sample_report, tmp_path):
    """Saved under the test's folder; written to the samples only when asked
    (DEDUPE_UPDATE_SCREENSHOT=1), so that tests never change the repository."""
    page = sample_report.page
    mark = zholdosbaev(page)
    mark.evaluate("(m) => m.scrollIntoView({block: 'center'})")
    page.locator("#view-text").evaluate("(v) => { v.scrollTop += 180; }")
    mark.click()
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    if os.environ.get("DEDUPE_UPDATE_SCREENSHOT") == "1":
        SCREENSHOT.write_bytes(shot.read_bytes())
