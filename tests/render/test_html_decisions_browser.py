"""Recording decisions in the HTML review page, in a real headless chromium:
take a witness's reading, type one, delete one, export the file (a download),
re-run compare with it; decisions survive a reload and show as made in a
page from a run with --decisions."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import dedupe
from dedupe.decisions import load_decisions


@pytest.fixture
def open_page(browser, open_html):
    """``open_page(collation, folder, context=None)``: the report written to
    ``folder`` and opened (in ``context`` if given)."""

    def show(collation, folder: Path, context=None):
        context = context or browser.new_context(
            viewport={"width": 1400, "height": 900}, accept_downloads=True
        )
        return open_html(
            context, collation, folder / "report.html", ready="html[data-decisions-ready]"
        )

    return show


def decide_three(page) -> list[str]:
    """Decide the first three flagged variants; returns their ids."""
    ids = []
    page.click("#next-review")
    form = page.locator("#pop .decide")
    ids.append(form.get_attribute("data-id"))
    form.locator(".note").fill("the other copy is right")
    form.locator("button.take[data-k='1']").click()  # the reading that is not the canonical one
    assert "Editor's reading" in page.locator("#pop .decided-as").inner_text()
    page.click("#next-review")
    ids.append(form.get_attribute("data-id"))
    form.locator(".own").fill("Editorially-Typed")
    form.locator(".own").press("Enter")
    page.click("#next-review")
    ids.append(form.get_attribute("data-id"))
    page.keyboard.press("d")  # delete, by keyboard
    return ids


def test_decide_export_and_rerun(browser, open_page, sample_collation, sample_pair, tmp_path):
    page, errors = open_page(sample_collation, tmp_path)
    ids = decide_three(page)
    assert len(set(ids)) == 3
    assert page.locator("#export-decisions").inner_text() == "Export decisions (3)"
    assert page.locator("#text mark.v.decided", has_text="Editorially-Typed").count() == 1
    with page.expect_download() as info:
        page.click("#export-decisions")
    saved = tmp_path / "decisions.json"
    info.value.save_as(saved)
    made = {d.id: d for d in load_decisions(saved)}
    assert list(made) == ids
    assert made[ids[0]].note == "the other copy is right"
    assert made[ids[1]].reading == "Editorially-Typed"
    assert made[ids[2]].reading == ""
    assert made[ids[0]].context["readings"]
    # a reload keeps the work (localStorage, keyed by the collation)
    page.reload()
    page.wait_for_selector("html[data-decisions-ready]")
    assert page.locator("#export-decisions").inner_text() == "Export decisions (3)"
    assert errors == []
    page.context.close()

    out = tmp_path / "out.json"
    result = subprocess.run(
        [sys.executable, "-m", "dedupe", "compare", *sample_pair, "--decisions", str(saved)]
        + ["-f", "json", "-o", str(out), "-q"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text("utf-8"))
    by_id = {v["id"]: v for v in data["variants"]}
    first = next(c for _, c in sample_collation.variants() if c.id == ids[0])
    other = next(r for r in first.readings.values() if r != first.canonical)
    assert by_id[ids[0]]["canonical"] == other
    assert by_id[ids[1]]["canonical"] == "Editorially-Typed"
    assert by_id[ids[2]]["canonical"] is None
    assert all(by_id[i]["reason"] == "editor" and by_id[i]["confidence"] == 1.0 for i in ids)
    assert "Editorially-Typed" in data["canonical"]["text"]


def test_a_page_from_a_run_with_decisions_shows_them(browser, open_page, sample_pair, tmp_path):
    collation = dedupe.compare(sample_pair)
    first = next(c for _, c in collation.variants() if c.review)
    from dedupe.model import Decision

    decided = dedupe.compare(sample_pair, decisions=(Decision(first.id, "Typed-Before", "why"),))
    page, errors = open_page(decided, tmp_path)
    assert page.locator("#export-decisions").inner_text() == "Export decisions (1)"
    mark = page.locator("#text mark.v.decided")
    assert mark.count() == 1 and mark.inner_text() == "Typed-Before"
    mark.click()
    assert "Typed-Before" in page.locator("#pop .decided-as").inner_text()
    assert "why" in page.locator("#pop .decided-as").inner_text()
    page.locator("#pop .decide button.clear").click()  # the editor takes it back
    assert page.locator("#export-decisions").inner_text() == "Export decisions (0)"
    assert errors == []
    page.context.close()


def test_restoring_removed_noise_in_the_page(
    browser, open_page, sample_collation, sample_pair, tmp_path
):
    """The removed-noise view offers to restore each removed passage; the
    exported decision gives it back to the canonical text."""
    unit, col = next((u, c) for u, c in sample_collation.variants() if u.kind == "noise")
    page, errors = open_page(sample_collation, tmp_path)
    page.click("button[data-view='removed']")
    row = page.locator(f"#view-removed tr[data-id='{col.id}']")
    row.locator("button.restore").click()
    assert row.locator("button.restore").inner_text() == "undo restore"
    with page.expect_download() as info:
        page.click("#export-decisions")
    saved = tmp_path / "decisions.json"
    info.value.save_as(saved)
    (decision,) = load_decisions(saved)
    text = next(r for r in col.readings.values() if r)
    assert decision.id == col.id and decision.reading == text
    assert errors == []
    page.context.close()
    restored = dedupe.compare(sample_pair, decisions=(decision,))
    assert text.strip("*") in dedupe.render("text", restored)
    assert text.strip("*") not in dedupe.render("text", sample_collation)
