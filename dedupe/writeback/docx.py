"""The canonical text as a Word document, with tracked changes against one
witness: where the witness reads otherwise, its reading is a tracked
deletion (``w:del``) and the canonical one a tracked insertion (``w:ins``),
so Word or LibreOffice shows each correction and can accept or reject it.
Accepting them all gives the canonical text; rejecting them all, the
witness's. Headings get the Heading 1 style; the notes follow under a
``Notes`` heading, as in the canonical plain text. No dates are written, so
the same collation gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

from dedupe.model import Collation, Column, Unit
from dedupe.render.summary import body_units, footnote_units
from dedupe.style import plain

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
AUTHOR = "dedupe"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006"
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"
CONTENT_TYPES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="{_PKG}/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{_CT}.document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{_CT}.styles+xml"/></Types>'
)
PACKAGE_RELS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/></Relationships>'
)
DOCUMENT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/styles" Target="styles.xml"/></Relationships>'
)
STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W}">'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr>'
    '<w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style></w:styles>'
)


class _Ids:
    def __init__(self) -> None:
        self.n = 0

    def next(self) -> int:
        self.n += 1
        return self.n


def _run(text: str, deleted: bool = False) -> str:
    tag = "w:delText" if deleted else "w:t"
    return f'<w:r><{tag} xml:space="preserve">{escape(text)}</{tag}></w:r>'


def _change(kind: str, text: str, ids: _Ids) -> str:
    return (
        f'<w:{kind} w:id="{ids.next()}" w:author="{AUTHOR}">{_run(text, kind == "del")}</w:{kind}>'
    )


def _paragraph(columns: list[Column], witness: str, quotes: str, ids: _Ids, style: str = "") -> str:
    parts = [f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""]
    first = True
    for column in columns:
        if column.break_place:
            continue  # the paragraphing is in the w:p elements themselves
        mine = plain(column.readings.get(witness) or "", quotes)
        canonical = plain(column.canonical or "", quotes)
        if not mine and not canonical:
            continue
        space = "" if first else " "
        first = False
        if mine == canonical:
            parts.append(_run(space + canonical))
        elif not canonical:
            parts.append(_change("del", space + mine, ids))
        elif not mine:
            parts.append(_change("ins", space + canonical, ids))
        else:
            if space:
                parts.append(_run(space))
            parts.append(_change("del", mine, ids))
            parts.append(_change("ins", canonical, ids))
    return f"<w:p>{''.join(parts)}</w:p>"


def _unit_paragraphs(unit: Unit, witness: str, quotes: str, ids: _Ids) -> list[str]:
    style = "Heading1" if unit.kind == "heading" else ""
    return [_paragraph(cols, witness, quotes, ids, style) for cols in unit.paragraphs()]


def tracked_docx(collation: Collation, witness: str) -> bytes:
    """A DOCX of the canonical text with tracked changes against ``witness``."""
    quotes = str(collation.options.get("quotes", "straight"))
    ids = _Ids()
    body = [p for u in body_units(collation) for p in _unit_paragraphs(u, witness, quotes, ids)]
    notes = footnote_units(collation)
    if notes:
        body.append(f'<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>{_run("Notes")}</w:p>')
        for unit in notes:
            paragraphs = _unit_paragraphs(unit, witness, quotes, ids)
            if unit.n is not None and paragraphs:
                paragraphs[0] = paragraphs[0].replace("<w:p>", f"<w:p>{_run(f'{unit.n} ')}", 1)
            body += paragraphs
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}">'
        f"<w:body>{''.join(body)}<w:sectPr/></w:body></w:document>"
    )
    buffer = io.BytesIO()
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "word/document.xml": document,
        "word/_rels/document.xml.rels": DOCUMENT_RELS,
        "word/styles.xml": STYLES,
    }
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()
