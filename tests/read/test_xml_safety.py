"""Crafted OCR files: external entities and entity bombs are refused with one
clear line, read no other file and do not blow up memory."""

from __future__ import annotations

import resource
from pathlib import Path

import pytest

from dedupe.model import DedupeError
from dedupe.read import read
from dedupe.read.xml import parse_xml

SECRET = "TOP-SECRET-CONTENT-4f1c9"

BODIES = {
    "alto": (
        '<alto xmlns="http://www.loc.gov/standards/alto/ns-v3#"><Layout><Page>'
        '<PrintSpace><TextBlock><TextLine><String CONTENT="&x;"/></TextLine>'
        "</TextBlock></PrintSpace></Page></Layout></alto>"
    ),
    "page": (
        '<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15">'
        '<Page imageWidth="9" imageHeight="9"><TextRegion id="r"><TextLine id="l">'
        "<TextEquiv><Unicode>&x;</Unicode></TextEquiv></TextLine></TextRegion></Page></PcGts>"
    ),
    "hocr": (
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><div class="ocr_page" '
        'title="bbox 0 0 9 9"><span class="ocr_line" title="bbox 0 0 9 9">'
        '<span class="ocrx_word" title="bbox 0 0 9 9; x_wconf 90">&x;</span>'
        "</span></div></body></html>"
    ),
}
ROOTS = {"alto": "alto", "page": "PcGts", "hocr": "html"}


def external_entity(kind: str, secret: Path) -> str:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE {ROOTS[kind]} [\n'
        f'  <!ENTITY x SYSTEM "file://{secret}">\n]>\n{BODIES[kind]}'
    )


def entity_bomb(kind: str) -> str:
    levels = ['<!ENTITY x0 "lol">'] + [
        f'<!ENTITY x{i} "{("&x" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    ]
    body = BODIES[kind].replace("&x;", "&x9;")
    return f'<?xml version="1.0"?>\n<!DOCTYPE {ROOTS[kind]} [\n{"".join(levels)}\n]>\n{body}'


@pytest.mark.parametrize("kind", ["alto", "page", "hocr"])
def test_external_entity_is_refused_and_reads_nothing(kind: str, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    path = tmp_path / f"crafted.{'hocr' if kind == 'hocr' else 'xml'}"
    path.write_text(external_entity(kind, secret))
    with pytest.raises(DedupeError) as err:
        read(str(path))
    message = str(err.value)
    assert message.startswith(f"{path.name}: XML declares entities")
    assert "\n" not in message
    assert SECRET not in message
    assert SECRET not in repr(err.value.__context__) and err.value.__cause__ is None


@pytest.mark.parametrize("kind", ["alto", "page", "hocr"])
def test_entity_bomb_is_refused_without_expanding(kind: str, tmp_path: Path) -> None:
    path = tmp_path / f"bomb.{'hocr' if kind == 'hocr' else 'xml'}"
    path.write_text(entity_bomb(kind))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(DedupeError, match=r"^bomb\.\w+: XML declares entities"):
        read(str(path))
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 50_000  # a billion laughs would need gigabytes


def test_entities_are_found_in_utf16_documents_too(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    data = external_entity("alto", secret).replace(
        'version="1.0"', 'version="1.0" encoding="UTF-16"'
    )
    with pytest.raises(DedupeError, match="XML declares entities"):
        parse_xml(data.encode("utf-16"), "utf16.xml")


def test_the_parser_itself_never_resolves_entities(tmp_path: Path) -> None:
    """Even past the entity check, lxml is configured not to load the file."""
    from lxml import etree

    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(external_entity("page", secret).encode(), parser)
    assert SECRET not in etree.tostring(root).decode()
