"""The HTML review page: one self-contained file an archivist reads in a browser.

The page holds the collation as JSON in a ``<script type="application/json">``
block and its own CSS and JS inline (nothing is fetched: a Content Security
Policy forbids it). The script builds the text lazily, a chunk of units at a
time as it scrolls into view, so a 300-page document opens at once. Witness
text only ever reaches the page as JSON data or HTML-escaped summary cells,
and the script inserts it as text nodes, never as markup.
"""

from __future__ import annotations

import json
import re
from html import escape
from importlib import resources

from dedupe import __version__
from dedupe.decisions import page_decisions, removals
from dedupe.model import KINDS, Collation, Column
from dedupe.render.apparatus import place, shown, witness_facts
from dedupe.render.groups import collation_groups, hint, is_systematic
from dedupe.render.placing import text_units
from dedupe.render.summary import (
    IMPLAUSIBLE,
    agreement,
    context,
    counts_by_kind,
    footnote_units,
    variant_places,
)

#: What marks each kind besides its colour (the CSS draws the underline style).
SYMBOLS = {
    "typography": "ᵗ",
    "case": "ᴬ",
    "spacing": "␣",
    "punctuation": "‚",
    "spelling": "ˢ",
    "addition": "+",
    "omission": "−",
    "substantive": "≠",
    "moved": "⇄",
    "layout": "▭",
}

#: Witness colours (report.css ``.w0`` ... ``.w11``); the badge's letter tells
#: witnesses apart beyond them.
PALETTE_SIZE = 12
#: Up to this many witnesses the side-by-side view shows them all at first;
#: with more the reader picks which (at most this many).
SIDES_MAX = 4

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)


def render_html(collation: Collation, **_: object) -> str:
    data = report_data(collation)
    title = data["title"]
    return PAGE.format(
        csp=CSP,
        title=escape(title),
        css=_asset("report.css") + _asset("decisions.css"),
        js=_asset("report.js") + _asset("decisions.js"),
        summary=summary_html(collation) + groups_html(collation, data),
        removed=removed_html(collation),
        data=script_json(data),
        version=__version__,
        sides_max=SIDES_MAX,
    )


def _asset(name: str) -> str:
    return (resources.files("dedupe.render") / "html_assets" / name).read_text("utf-8")


def script_json(data: object) -> str:
    """JSON safe inside a <script> element: no ``<``, ``>`` or ``&`` left to
    close it or open a comment, and JSON.parse reads it back unchanged.

    >>> script_json({"t": "</script><!--&"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003c!--\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, code)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def report_data(collation: Collation) -> dict:
    """Units as lists of columns: a string where the witnesses agree, else the
    number of a variant, whose readings are grouped by what they show."""
    quotes = str(collation.options.get("quotes", "straight"))
    labels = {w.id: w.label for w in collation.witnesses}
    groups = collation_groups(collation)
    group_of = {vid: gi for gi, g in enumerate(groups) for vid in g.members}
    variants: list[dict] = []
    units: list[dict] = []
    index = {id(u): ui for ui, u in enumerate(collation.units)}
    order = text_units(collation) + [index[id(u)] for u in footnote_units(collation)]
    for ui in order:
        unit = collation.units[ui]
        for part in unit.paragraphs():  # a place may hold several canonical paragraphs
            cols: list[str | int] = []
            for col in part:
                entry = place(col, quotes)
                if entry.shared and not col.kind:
                    if entry.lem.text:
                        cols.append(entry.lem.text)
                    continue
                cols.append(len(variants))
                readings = [[r.text, list(r.wits)] for r in (entry.lem, *entry.rdgs) if r.wits]
                variant = {
                    "k": col.kind or "typography",
                    "t": entry.lem.text,
                    "r": readings,
                    "why": col.reason or "house style",
                    "c": round(col.confidence, 3),
                    "rev": 1 if col.review else 0,
                    "id": col.id,
                    "raw": [
                        col.readings[r.wits[0]] or "" for r in (entry.lem, *entry.rdgs) if r.wits
                    ],
                }
                if col.break_place:  # readings ¶ (new paragraph) or "" (runs on)
                    variant.update(t=col.canonical or "", r=break_readings(col), pb=1)
                if col.id in group_of:
                    variant["g"] = group_of[col.id]
                variants.append(variant)
            units.append(
                {
                    "k": "h" if unit.kind == "heading" else "p",
                    "s": "n" if unit.section == "footnote" else "b",
                    "n": unit.n,
                    "m": 1 if unit.moved else 0,
                    "w": [w for w in labels if unit.blocks.get(w)],
                    "c": cols,
                }
            )
    first = next((u for u in units if u["s"] == "b" and u["c"]), None)
    return {
        "title": _title(first, variants) if first else "Collation",
        "witnesses": [{"id": w, "label": label} for w, label in labels.items()],
        "kinds": list(KINDS),
        "symbols": SYMBOLS,
        "palette": PALETTE_SIZE,
        "sidesMax": SIDES_MAX,
        "units": units,
        "variants": variants,
        "groups": [
            {
                "id": g.id,
                "k": g.kind,
                "p": g.description,
                "n": len(g.members),
                "h": hint(g) if is_systematic(g) else "",  # its likely cause, where named
                "v": [vi for vi, v in enumerate(variants) if v.get("g") == gi],
            }
            for gi, g in enumerate(groups)
        ],
        "decisions": page_decisions(collation),
    }


def break_readings(col: Column) -> list[list]:
    """A break place's readings grouped: ``¶`` first, then ``""`` (runs on);
    witnesses without text on either side are left out."""
    groups: dict[str, list[str]] = {}
    for wid, reading in col.readings.items():
        if reading is not None:
            groups.setdefault(reading, []).append(wid)
    return [[text, wits] for text, wits in sorted(groups.items(), reverse=True)]


def _title(unit: dict, variants: list[dict]) -> str:
    words = [
        c if isinstance(c, str) else variants[c]["t"]
        for c in unit["c"]
        if isinstance(c, str) or not variants[c].get("pb")
    ]
    return " ".join(w for w in words if w)[:200]


def summary_html(collation: Collation) -> str:
    """Witnesses, counts by kind (with the filters) and agreement, as HTML."""
    facts = witness_facts(collation)
    rates = agreement(collation)
    names = short_names({w.id: w.label for w in collation.witnesses})
    rows = "".join(
        f'<tr title="{escape(w.label)} ({escape(w.format)}, {facts[w.id]["pages"]} pages)">'
        f'<th scope="row">{badge(w.id, i)}</th>'
        f'<td class="file">{escape(names[w.id])}</td>'
        f'<td class="num">{facts[w.id]["pages"]}</td><td class="num">{facts[w.id]["words"]}</td>'
        f'<td class="num">{rates[w.id]["rate"]:.0%}</td></tr>'
        for i, w in enumerate(collation.witnesses)
    )
    counts = counts_by_kind(collation)
    kinds = "".join(
        f'<li><label class="kind k-{kind}"><input type="checkbox" checked data-kind="{kind}"> '
        f'<span class="v k-{kind}" data-sym="{SYMBOLS[kind]}">{kind}</span> '
        f'<span class="num">{count}</span></label></li>'
        for kind, count in counts.items()
    )
    review = sum(1 for _, c in collation.variants() if c.review)
    return (
        f'<details class="witnesses"{" open" if len(collation.witnesses) <= PALETTE_SIZE else ""}>'
        "<summary>Witnesses "
        f'<span class="num">{len(collation.witnesses)}</span></summary>'
        '<table class="witnesses"><thead><tr><th></th><th>file</th><th>pages</th><th>words</th>'
        '<th title="share of the places where witnesses differ at which this witness '
        'reads the canonical text">agrees</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></details>"
        f'<h2>Variants by kind <span class="num">{sum(counts.values())}</span></h2>'
        f'<ul class="kinds">{kinds or "<li>none: the witnesses agree</li>"}</ul>'
        f'<p class="review-count">{review} decisions to review '
        "(<kbd>n</kbd> next, <kbd>p</kbd> previous)</p>"
        f"{selfcheck_html(collation)}"
    )


#: File names longer than this are shortened in the witness list.
SHORT_NAME = 20
_PARTS = re.compile(r"([-_. ]+)")


def short_names(labels: dict[str, str]) -> dict[str, str]:
    """Long file names without the parts two thirds of them share (``OCR-D-OCR-``,
    ``-DEWARP_0001.xml``), so that one short line tells the witnesses apart;
    the full name where that would leave them alike or empty.

    >>> short_names({"A": "OCR-D-OCR-TESS-frk-SEG-LINE-0001.xml",
    ...              "B": "OCR-D-OCR-CALA-gt4histocr-SEG-LINE-0001.xml", "C": "a.txt"})
    {'A': 'TESS-frk', 'B': 'CALA-gt4histocr', 'C': 'a.txt'}
    """
    split = {wid: _PARTS.split(label) for wid, label in labels.items()}
    seen: dict[str, int] = {}
    for parts in split.values():
        for part in set(parts[::2]):
            seen[part] = seen.get(part, 0) + 1
    common = {part for part, n in seen.items() if n >= 2 and n * 3 >= 2 * len(labels)}
    names = {}
    for wid, parts in split.items():
        kept = [(parts[k - 1] if k else "", parts[k]) for k in range(0, len(parts), 2)]
        kept = [(sep, part) for sep, part in kept if part and part not in common]
        name = "".join(sep + part for sep, part in kept).strip("-_. ")
        names[wid] = name if len(labels[wid]) > SHORT_NAME and name else labels[wid]
    if len(set(names.values())) < len(names):
        return dict(labels)
    return names


def badge(wid: str, index: int) -> str:
    """A witness's letter on its colour: the letter tells it when colours repeat."""
    return f'<span class="wid w{index % PALETTE_SIZE}">{escape(wid)}</span>'


def groups_html(collation: Collation, data: dict) -> str:
    """Each systematic difference once, with its count, opening on the list
    of its places (a button per place goes to it in the text)."""
    if not data["groups"]:
        return ""
    where = {col.id: (unit, ci, col) for _, unit, ci, col in variant_places(collation)}
    items = []
    for g in data["groups"]:
        places = []
        for vi in g["v"]:
            unit, ci, col = where[data["variants"][vi]["id"]]
            before, after = context(unit, ci, words=3)
            readings = " · ".join(
                f"{w} ‹{shown(r)}›" if r else f"{w} ∅" for w, r in col.readings.items()
            )
            places.append(
                f'<li><button type="button" class="goto" data-v="{vi}">'
                f"…{escape(before)} {escape(readings)} {escape(after)}…</button></li>"
            )
        items.append(
            f'<details class="group" data-group="{escape(g["id"])}"><summary>'
            f'<span class="v k-{g["k"]}" data-sym="{SYMBOLS[g["k"]]}">{g["k"]}</span> '
            f'<span class="num">×{g["n"]}</span> {escape(g["p"])}'
            + (f'<span class="hint">{escape(g["h"])}</span>' if g["h"] else "")
            + "</summary>"
            + f"<ol>{''.join(places)}</ol></details>"
        )
    return (
        f'<h2>Systematic differences <span class="num">{len(items)}</span></h2>'
        '<p class="group-help">one pattern repeated across the document, shown once; '
        "open one to list its places</p>"
        f'<div class="systematic">{"".join(items)}</div>'
    )


def selfcheck_html(collation: Collation) -> str:
    """The self-check table (words, implausible words, noise) and its warnings."""
    check = collation.selfcheck
    if check is None:
        return ""

    def row(name: str, c, cls: str = "") -> str:
        rate = f"{c.rate:.2%}" if check.rated else "n/a"
        return (
            f'<tr{cls}><th scope="row">{escape(name)}</th><td class="num">{c.words}</td>'
            f'<td class="num">{rate}</td><td class="num">{c.noise_blocks}</td>'
            f'<td class="num">{c.noise_words}</td></tr>'
        )

    rows = "".join(row(w, c) for w, c in check.witnesses.items())
    rows += row("canonical", check.canonical, ' class="canon"')
    warnings = "".join(f'<p class="warning">⚠ {escape(w)}</p>' for w in check.warnings)
    noise = "layout noise removed; for the canonical text, the places it left out as layout"
    return (
        f'<table class="selfcheck"><caption title="{escape(IMPLAUSIBLE)}">Self-check</caption>'
        "<thead><tr><th></th><th>words</th>"
        f'<th title="{escape(IMPLAUSIBLE)}">implausible</th>'
        f'<th title="{noise}">noise</th><th title="words of that noise">its words</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>{warnings}"
    )


def removed_html(collation: Collation) -> str:
    """The layout noise left out of the canonical text, with reasons."""
    if not collation.removed:
        return "<p>No layout noise was removed.</p>"
    ids = {key: f' data-id="{vid}"' for key, (vid, _, _) in removals(collation).items()}
    rows = "".join(
        f"<tr{ids.get((r.witness, r.text), '')}><td>{escape(r.witness)}</td><td>{r.span.page}</td>"
        f'<td class="noise">{escape(shown(r.text))}</td><td>{escape(r.reason)}</td></tr>'
        for r in collation.removed
    )
    return (
        "<table><thead><tr><th>witness</th><th>page</th><th>text</th><th>reason</th>"
        f"</tr></thead><tbody>{rows}</tbody></table>"
    )


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="dedupe {version}">
<title>{title} · dedupe report</title>
<style>
{css}
</style>
</head>
<body>
<header>
<h1>{title}</h1>
<nav class="tabs" role="tablist">
<button role="tab" aria-selected="true" data-view="text">Canonical text</button>
<button role="tab" aria-selected="false" data-view="sides">Side by side</button>
<button role="tab" aria-selected="false" data-view="removed">Removed noise</button>
</nav>
<div class="review-nav">
<button type="button" id="prev-review" title="previous decision to review (p)">◀</button>
<span id="review-pos">review</span>
<button type="button" id="next-review" title="next decision to review (n)">▶</button>
</div>
<button type="button" id="export-decisions" title="download your decisions for compare --decisions">Export decisions</button>
</header>
<aside id="summary">
{summary}
</aside>
<main>
<section id="view-text" class="view" aria-label="Canonical text">
<article id="text"></article>
<h2 id="notes-head" hidden>Notes</h2>
<article id="notes"></article>
</section>
<section id="view-sides" class="view" hidden aria-label="Witnesses side by side">
<fieldset id="pick"><legend>Side by side (up to {sides_max}):</legend></fieldset>
<div id="sides"></div>
</section>
<section id="view-removed" class="view" hidden aria-label="Removed layout noise">
<h2>Removed layout noise</h2>
{removed}
</section>
</main>
<div id="pop" role="dialog" aria-label="Variant" hidden></div>
<script type="application/json" id="data">{data}</script>
<script>
{js}
</script>
</body>
</html>
"""
