"""EPUB books (2 and 3): the spine's documents in order, read like HTML.

``META-INF/container.xml`` names the package document, whose spine gives
the reading order; each spine document is read with the HTML walk
(``dedupe.read.html``), so footnotes and endnotes (``epub:type`` or
``role``) are notes and page-list markers are page breaks. The package is
opened within the zip limits of ``dedupe.read.package``.
"""

from __future__ import annotations

import posixpath
from urllib.parse import unquote

from dedupe.model import DedupeError, Source, Witness
from dedupe.read.flow import Flow
from dedupe.read.html import parse_markup, walk_document
from dedupe.read.package import Package, parse_part
from dedupe.read.xml import local

CONTAINER = "META-INF/container.xml"


def read_epub(path: str, data: bytes, witness: Witness) -> Source:
    name = witness.label
    package = Package(data, name, "EPUB")
    opf_path = _package_path(package)
    opf = parse_part(package, opf_path)
    folder = posixpath.dirname(opf_path)
    manifest = {
        item.get("id"): item.get("href")
        for item in opf.iter()
        if local(item.tag) == "item" and item.get("id") and item.get("href")
    }
    spine = [i.get("idref") for i in opf.iter() if local(i.tag) == "itemref"]
    flow = Flow()
    for ref in spine:
        if ref not in manifest:
            raise DedupeError(f"{name}: damaged EPUB (spine item {ref} not in the manifest)")
        member = posixpath.normpath(posixpath.join(folder, unquote(manifest[ref])))
        walk_document(parse_markup(package.read(member), f"{name}: {member}"), flow)
    if flow.empty:
        raise DedupeError(f"{name}: EPUB has no text")
    return flow.source(witness)


def _package_path(package: Package) -> str:
    container = parse_part(package, CONTAINER)
    for rootfile in container.iter():
        if local(rootfile.tag) == "rootfile" and rootfile.get("full-path"):
            return rootfile.get("full-path")
    raise DedupeError(f"{package.name}: damaged EPUB ({CONTAINER} names no package document)")
