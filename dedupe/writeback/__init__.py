"""Write-back: the corrections carried into each witness's own format.

After a compare, each witness that has structure gets a corrected copy:
ALTO, hOCR, PAGE and ABBYY XML with the canonical readings in the words they
differ in (coordinates kept, corrected words marked; see ``alto.py``,
``hocr.py``, ``page.py``); DOCX, plain text, Markdown, TEI, EPUB and HTML
witnesses a Word document of the canonical text with tracked changes
against them (``docx.py``); an OCRed PDF scan the same pages with a new
invisible text layer (``pdf.py``). This is the one stage after decide that opens
an input again: a file is rewritten only if its checksum is still the one
read, so the copy always matches what was collated.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from dedupe.model import Collation, DedupeError, Witness

XML_FORMATS = ("alto", "hocr", "page", "abbyy")
DOCX_FORMATS = ("docx", "text", "markdown", "tei", "epub", "html")


@dataclass(frozen=True)
class Written:
    """One corrected copy: where it goes, its bytes, what was done."""

    witness: Witness
    name: str  # file name inside the write-back folder
    data: bytes
    changes: int
    how: str


def write_back(collation: Collation) -> tuple[list[Written], list[str]]:
    """The corrected copies, and a warning for each witness left as it is."""
    out: list[Written] = []
    warnings: list[str] = []
    taken: set[str] = set()
    for witness in collation.witnesses:
        try:
            written = _one(collation, witness)
        except DedupeError as err:
            warnings.append(f"{witness.label}: not written back ({err})")
            continue
        if written is None:
            warnings.append(f"{witness.label}: not written back ({witness.format} has no writer)")
            continue
        name = written.name
        if name in taken:
            name = f"{witness.id}-{name}"
        taken.add(name)
        out.append(Written(witness, name, written.data, written.changes, written.how))
    return out, warnings


def _one(collation: Collation, witness: Witness) -> Written | None:
    from dedupe.writeback.edits import witness_edits

    base = os.path.basename(witness.path) or witness.label
    stem = os.path.splitext(base)[0]
    if witness.format in XML_FORMATS:
        data = _original(witness)
        module = __import__(f"dedupe.writeback.{witness.format}", fromlist=["x"])
        rewrite = getattr(module, f"rewrite_{witness.format}")
        edits = witness_edits(collation, witness.id)
        new, made = rewrite(data, witness.label, edits)
        return Written(witness, base, new, made, f"{witness.format} with corrected words")
    if witness.format == "pdf":
        from dedupe.read import read
        from dedupe.writeback.pdf import rewrite_pdf

        data = _original(witness)
        source = read(witness.path, witness.id)
        new, made = rewrite_pdf(data, source, witness_edits(collation, witness.id))
        return Written(witness, base, new, made, "PDF with a corrected invisible text layer")
    if witness.format in DOCX_FORMATS:
        from dedupe.writeback.docx import tracked_docx

        edits = witness_edits(collation, witness.id)
        made = sum(1 for e in edits if e.changed)
        data = tracked_docx(collation, witness.id)
        return Written(witness, f"{stem}.docx", data, made, "DOCX with tracked changes")
    return None


def _original(witness: Witness) -> bytes:
    try:
        with open(witness.path, "rb") as fh:
            data = fh.read()
    except OSError as err:
        raise DedupeError(f"cannot read it again: {err.strerror}") from None
    if hashlib.sha256(data).hexdigest() != witness.sha256:
        raise DedupeError("the file changed since it was read")
    return data
