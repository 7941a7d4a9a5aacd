"""TEI P5 parallel segmentation: well formed, every witness declared, and each
witness's own text read back from the apparatus word for word."""

from __future__ import annotations

import pytest
from lxml import etree

import dedupe
from dedupe.normalise.fold import strip_emphasis, unescape_markdown

NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def parse(collation):
    text = dedupe.render("tei", collation)
    assert text.startswith("<?xml version='1.0' encoding='UTF-8'?>")
    return etree.fromstring(text.encode("utf-8"))


def local(elem) -> str:
    return etree.QName(elem).localname


def witness_words(elem, wid: str, out: list[str]) -> list[str]:
    """A witness's words under ``elem``: shared text, and in each <app> the one
    <lem> or <rdg> that lists the witness. Notes are left out (read separately)."""
    if elem.text:
        out.extend(elem.text.split())
    for child in elem:
        if local(child) == "app":
            mine = [
                r
                for r in child
                if local(r) in ("lem", "rdg") and f"#{wid}" in (r.get("wit") or "").split()
            ]
            assert len(mine) <= 1, etree.tostring(child)
            if mine:
                witness_words(mine[0], wid, out)
        elif local(child) != "note":
            witness_words(child, wid, out)
        if child.tail:
            out.extend(child.tail.split())
    return out


def shown_words(text: str) -> list[str]:
    """A witness's normalised text as TEI shows it: Markdown emphasis marks dropped."""
    return unescape_markdown(strip_emphasis(text)).split()


def check_apparatus(collation) -> etree._Element:
    root = parse(collation)
    declared = root.xpath("//t:teiHeader//t:listWit/t:witness/@xml:id", namespaces=NS)
    assert declared == [w.id for w in collation.witnesses]
    files = root.xpath("//t:listWit/t:witness/t:idno[@type='file']/text()", namespaces=NS)
    assert files == [w.label for w in collation.witnesses]
    for app in root.iter(f"{{{NS['t']}}}app"):
        assert len(app.findall("t:lem", NS)) == 1
        for rdg in app.findall("t:rdg", NS):
            assert rdg.get("type")
    used = {w[1:] for wits in root.xpath("//@wit") for w in wits.split()}
    assert used <= set(declared)
    ids = root.xpath("//@xml:id")
    assert len(ids) == len(set(ids))
    assert root.find(".//t:variantEncoding", NS).get("method") == "parallel-segmentation"
    body = root.find(".//t:body", NS)
    for doc in collation.documents:
        wid = doc.witness.id
        expected = [w for b in doc.body for w in shown_words(b.text)]
        assert witness_words(body, wid, []) == expected, wid
        notes = body.xpath(".//t:note[@place='foot']", namespaces=NS)
        rebuilt = {int(n.get("n")): witness_words(n, wid, []) for n in notes}
        for n, block in doc.footnotes.items():
            assert rebuilt[n] == shown_words(block.text), (wid, n)
    return root


def test_sample_pair_apparatus_rebuilds_both_witnesses(sample_collation):
    root = check_apparatus(sample_collation)
    apps = root.xpath("//t:app[t:rdg[contains(., 'Zholdoshaev')]]", namespaces=NS)
    assert len(apps) == 1
    app = apps[0]
    assert app.find("t:lem", NS).text == "Zholdosbaev"
    assert app.find("t:lem", NS).get("wit") == "#A"
    assert app.find("t:rdg", NS).get("wit") == "#B"
    assert app.find("t:rdg", NS).get("type") == "spelling"
    assert app.get("subtype") == "review"


def test_footnotes_sit_right_after_their_markers(sample_collation):
    root = check_apparatus(sample_collation)
    notes = root.xpath("//t:body//t:note[@place='foot']", namespaces=NS)
    assert [int(n.get("n")) for n in notes] == list(range(1, 64))
    six = notes[5]
    before = six.getprevious()
    text = (before.tail if before is not None else six.getparent().text) or ""
    assert text.endswith("false,⁶")
    assert "rferl.org" in "".join(six.itertext())


def test_removed_noise_is_recorded_with_its_reason(sample_collation):
    root = check_apparatus(sample_collation)
    layout = root.xpath("//t:note[@type='layout']", namespaces=NS)
    assert len(layout) == len(sample_collation.removed)
    first = layout[0]
    assert first.get("source") == "#B"
    assert first.find("t:fw", NS).text == "CENTRAL ASIA PROGRAM"
    assert "sidebar" in first.find("t:note[@type='reason']", NS).text
    # at its place in B: right before the heading that follows it there
    following = first.getparent().getnext()
    assert following.find("t:head", NS) is not None


def test_three_simulated_scans_rebuild_each_witness(simulated_collation):
    root = check_apparatus(simulated_collation)
    assert len(simulated_collation.witnesses) == 3
    assert root.xpath("//t:note[@type='layout']", namespaces=NS)
    assert root.xpath("//t:note[@place='foot']", namespaces=NS)
    assert any(
        len(app.findall("t:rdg", NS)) >= 1
        and len(app.find("t:lem", NS).get("wit", "").split()) == 2
        for app in root.iter(f"{{{NS['t']}}}app")
    )


def test_three_darwin_editions_rebuild_each_witness():
    from pathlib import Path

    darwin = Path(__file__).resolve().parents[1] / "data" / "darwin"
    paths = [str(darwin / f"darwin{y}.txt") for y in ("1859", "1866", "1872")]
    check_apparatus(dedupe.compare(paths))


def test_moved_paragraph_is_an_omission_here_and_an_addition_there(moved_collation):
    root = check_apparatus(moved_collation)
    moved = root.xpath("//t:ab[@type='moved']/t:app", namespaces=NS)
    assert len(moved) == 1
    assert moved[0].find("t:rdg", NS).get("wit") == "#C"
    assert (
        moved[0].find("t:rdg", NS).text.startswith(moved_collation.documents[2].blocks[3].text[:40])
    )
    here = root.xpath("//t:p/t:app[@type='moved']", namespaces=NS)
    assert len(here) == 1 and here[0].find("t:lem", NS).get("wit") == "#A #B"


def test_hostile_witness_stays_text(hostile_collation):
    root = check_apparatus(hostile_collation)
    text = "".join(root.itertext())
    assert "<script>window.pwned" in text
    assert root.find(".//t:script", NS) is None and root.find(".//script") is None


@pytest.mark.parametrize("quotes", ["straight", "curly"])
def test_same_input_gives_identical_tei(sample_pair, quotes):
    first = dedupe.render("tei", dedupe.compare(sample_pair, quotes=quotes))
    again = dedupe.render("tei", dedupe.compare(sample_pair, quotes=quotes))
    assert first == again


def test_a_paragraph_break_inside_a_place_is_a_milestone(split_collation):
    tei = etree.fromstring(dedupe.render("tei", split_collation).encode())
    (milestone,) = tei.iter(f"{{{NS['t']}}}milestone")
    assert milestone.get("unit") == "paragraph"
    # the witnesses paragraph differently: the break is a layout <app>, the
    # milestone in the <lem> of the two witnesses that break (A runs on)
    lem = milestone.getparent()
    app = lem.getparent()
    assert (local(lem), local(app), app.get("type")) == ("lem", "app", "layout")
    assert lem.get("wit") == "#B #C"
    (rdg,) = app.findall("t:rdg", NS)
    assert rdg.get("wit") == "#A" and len(rdg) == 0
    assert "paragraphs merged in A" in app.find("t:note", NS).text
    before = "".join(app.getparent().itertext()).split("A second")[0]
    assert before.split("paragraphs merged")[0].strip().endswith("full stop.")
