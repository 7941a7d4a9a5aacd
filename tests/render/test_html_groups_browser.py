"""Systematic differences in the HTML review page, in a real headless
chromium: one entry with its count in the summary, opening on its places;
each place goes to its variant in the text, whose popup names the group."""

from __future__ import annotations

import pytest

import dedupe


@pytest.fixture
def open_page(browser, open_html):
    def show(collation, folder):
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        return open_html(context, collation, folder / "report.html")

    return show


def test_a_systematic_difference_is_one_entry_that_opens_on_its_places(
    open_page, dotted_pair, tmp_path
):
    collation = dedupe.compare(dotted_pair)
    page, errors = open_page(collation, tmp_path)
    groups = page.locator("#summary .systematic details.group")
    assert groups.count() == 1
    summary = groups.locator("summary").inner_text()
    assert "×8" in summary and "B: '.' for a space" in summary
    assert "text-layer defect" in groups.locator(".hint").inner_text()
    places = groups.locator("button.goto")
    assert not places.first.is_visible()  # closed until the editor opens it
    groups.locator("summary").click()
    assert places.count() == 8 and places.nth(2).is_visible()
    third = places.nth(2)
    assert "B ‹" in third.inner_text() and "." in third.inner_text()
    third.click()
    current = page.locator("#text mark.v.current")
    assert current.count() == 1
    assert current.get_attribute("data-v") == third.get_attribute("data-v")
    assert current.inner_text().strip() == "the outer"  # DOTTED[2], as A (canonical) reads it
    assert (
        "One of 8 places of one pattern (B: '.' for a space)" in page.locator("#pop").inner_text()
    )
    assert errors == []
    page.context.close()


def test_a_page_without_a_pattern_has_no_such_section(open_page, dotted_pairs, tmp_path):
    page, errors = open_page(dedupe.compare(dotted_pairs(2)), tmp_path)
    assert page.locator("#summary .systematic").count() == 0
    page.locator("#text mark.v").first.click()
    assert "One of" not in page.locator("#pop").inner_text()
    assert errors == []
    page.context.close()
