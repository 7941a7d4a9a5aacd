"""HTML: the article's text without the page around it; notes and markers."""

from __future__ import annotations

from pathlib import Path

from dedupe.normalise import normalise
from dedupe.read import read

PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Minutes</title><style>p { color: red }</style>
<script>var tracking = "do not read me";</script></head>
<body>
<header><a href="/">Example Society</a> <nav><a href="/about">About us</a></nav></header>
<main><article>
<h1>The Society Minutes</h1>
<p>The committee met in the spring to review the <em>accounts</em> of the
society.<sup><a href="#fn1" id="r1">1</a></sup></p>
<aside class="pullquote">A modest surplus!</aside>
<p>Several members questioned the cost of repairing the<br>old library roof.</p>
<h2>The Survey</h2>
<p>A survey of the northern parishes found the registers in poor condition.</p>
<section class="footnotes" role="doc-endnotes"><hr><ol>
<li id="fn1"><p>The accounts are kept in box 7. <a href="#r1">↩</a></p></li>
</ol></section>
</article></main>
<footer>Copyright 2024 Example Society</footer>
</body></html>
"""


def test_html_article_text_only_with_notes(tmp_path: Path) -> None:
    path = tmp_path / "minutes.html"
    path.write_text(PAGE)
    source = read(str(path))
    assert source.witness.format == "html"
    for furniture in ("About us", "Copyright", "tracking", "color", "surplus", "↩"):
        assert furniture not in source.text
    doc = normalise(source)
    assert [b.text for b in doc.blocks if b.kind == "heading"] == [
        "The Society Minutes",
        "The Survey",
    ]
    assert doc.footnotes[1].text == "The accounts are kept in box 7."
    assert "the *accounts* of the society.¹" in source.text


def test_html_against_the_same_text(
    tmp_path: Path, textual_variants, minutes_one_note_text
) -> None:
    page, txt = tmp_path / "minutes.htm", tmp_path / "minutes.txt"
    page.write_text(PAGE)
    txt.write_text(minutes_one_note_text)
    assert textual_variants(str(page), str(txt)) == []


def test_xhtml_entities_without_their_dtd_keep_their_text(tmp_path: Path) -> None:
    """EPUB 2 chapters are XHTML 1.1 with a DOCTYPE and &nbsp;, &mdash;: the
    DTD is never loaded, and the references still read as their characters."""
    path = tmp_path / "chapter.xhtml"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" '
        '"http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd"><html xmlns="http://www.w3.org/1999/xhtml">'
        "<body><p>one&nbsp;two &mdash; three &unknown; four</p></body></html>"
    )
    assert read(str(path)).text == "one two \u2014 three four"  # a no-break space is a space


def test_html_deletions_left_out_and_css_page_breaks(tmp_path: Path) -> None:
    """Edits marked in HTML read as the current text; a CSS page break
    (as LibreOffice and Word write them) starts a page."""
    path = tmp_path / "edited.html"
    path.write_text(
        "<html><body><p>The registers were in <del>poor</del><ins>good</ins> condition.</p>"
        '<p style="page-break-before: always">The survey followed.</p>'
        '<p style="break-after: page">It took a year.</p><p>The end.</p></body></html>'
    )
    source = read(str(path))
    assert source.pages[0].lines[0].text == "The registers were in good condition."
    assert [p.lines[0].text for p in source.pages] == [
        "The registers were in good condition.",
        "The survey followed.",
        "The end.",
    ]


CORPUS = next(
    p
    for p in (
        Path(__file__).resolve().parents[3] / "shared" / "corpus",
        Path("/work/shared/corpus"),
    )
    if p.is_dir()
)


def test_a_web_archive_page_is_read_from_where_its_skip_link_leads() -> None:
    """The archive.org full-text page of the Swiss zoology article: the site's
    navigation (menus of collections, search, log-in) comes first, then a
    skip link's target holding the OCR text in a ``<pre>``: only the text is read."""
    path = CORPUS / "ocr-eng" / "swiss_zoology" / "biostor-146511_djvu.txt"
    text = read(str(path)).text
    for chrome in ("Skip to main content", "Search the history", "Grateful Dead", "LOGOUT"):
        assert chrome not in text
    assert text.count("Revue suisse de Zoologie") >= 1 and "ACKNOWLEDGEMENTS" in text
    assert text.rstrip().endswith("15 (2): 365-422.")


def test_an_in_page_link_to_a_small_part_is_no_skip_link(tmp_path: Path) -> None:
    """A first link to a heading (a table of contents), or to a note, leaves
    the page whole: only a target holding most of the page's text is its text."""
    body = "<p>" + "The survey of the parishes went on all year. " * 20 + "</p>"
    page = (
        '<html><body><p><a href="#survey">Contents: the survey</a></p>'
        f'<p>Opening words of the minutes.</p><h2 id="survey">The survey</h2>{body}'
        "</body></html>"
    )
    path = tmp_path / "toc.html"
    path.write_text(page)
    text = read(str(path)).text
    assert "Opening words of the minutes." in text  # not cut to the link's target
    assert "Contents: the survey" not in text  # a block of links: boilerplate (read.boilerplate)
