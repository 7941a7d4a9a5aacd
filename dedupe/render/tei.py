"""TEI P5 critical apparatus by parallel segmentation, built with lxml.

The body is the canonical text; where witnesses differ an ``<app>`` holds the
canonical reading as ``<lem wit>`` and every other reading as ``<rdg wit
type=kind>``, so each witness's own text can be read back from the file. A
paragraph one witness has elsewhere is an omission here and an addition at its
place in that witness (the TEI Guidelines' way to record a transposition in
parallel segmentation). Footnotes are ``<note n>`` right after their marker;
layout noise is a ``<note type="layout">`` holding the ``<fw>`` and its reason.
Characters XML 1.0 cannot hold are shown by stand-ins (``xml_text``).
"""

from __future__ import annotations

from dedupe import __version__
from dedupe.model import PARAGRAPH_BREAK, Collation, Column
from dedupe.render.apparatus import note_markers, place, shown, witness_facts
from dedupe.render.placing import Slot, breaks, placing, text_units
from dedupe.render.summary import footnote_units
from dedupe.render.xml_text import xml_safe

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def render_tei(collation: Collation, **_: object) -> str:
    """The TEI file; text XML cannot hold (control characters, U+FFFE) is
    shown by stand-ins (``dedupe.render.xml_text``) rather than refused."""
    try:
        return _tei(collation)
    except ValueError:  # lxml: "All strings must be XML compatible"
        return _tei(xml_safe(collation))


def _tei(collation: Collation) -> str:
    from lxml import etree

    root = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS})
    root.append(_header(collation))
    text = etree.SubElement(root, "text")
    body = etree.SubElement(text, "body")
    _Body(collation, body).build()
    etree.indent(root[0])
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return data.decode("utf-8") + "\n"


def _header(collation: Collation):
    from lxml import etree

    header = etree.Element("teiHeader")
    file_desc = etree.SubElement(header, "fileDesc")
    title = etree.SubElement(etree.SubElement(file_desc, "titleStmt"), "title")
    first = next((u for u in collation.units if u.section == "body" and u.text()), None)
    title.text = shown(first.text()) if first else "Collation"
    publication = etree.SubElement(file_desc, "publicationStmt")
    etree.SubElement(
        publication, "p"
    ).text = f"Collated by dedupe {__version__} from {len(collation.witnesses)} witnesses."
    source = etree.SubElement(file_desc, "sourceDesc")
    list_wit = etree.SubElement(source, "listWit")
    facts = witness_facts(collation)
    for w in collation.witnesses:
        witness = etree.SubElement(list_wit, "witness", {XML_ID: w.id, "n": w.label})
        for kind, value in (("file", w.label), ("path", w.path), ("sha256", w.sha256)):
            etree.SubElement(witness, "idno", type=kind).text = value
        extent = f"{w.format}, {facts[w.id]['pages']} pages, {facts[w.id]['words']} words"
        etree.SubElement(witness, "note", type="extent").text = extent
    encoding = etree.SubElement(header, "encodingDesc")
    etree.SubElement(
        encoding, "variantEncoding", method="parallel-segmentation", location="internal"
    )
    return header


def _wit(wits) -> str:
    return " ".join(f"#{w}" for w in wits)


class _Body:
    """Builds the body: units in canonical order, notes at their markers, and
    what one witness has elsewhere at its place in that witness."""

    def __init__(self, collation: Collation, body) -> None:
        self.c = collation
        self.body = body
        self.quotes = str(collation.options.get("quotes", "straight"))
        self.docs = {d.witness.id: d for d in collation.documents}
        self.wits = tuple(w.id for w in collation.witnesses)
        self.notes: dict[int, list[int]] = {}
        index = {id(u): ui for ui, u in enumerate(collation.units)}
        for unit in footnote_units(collation):
            if unit.n is not None:
                self.notes.setdefault(unit.n, []).append(index[id(unit)])
        self.placed: set[int] = set()
        self.app_ids: set[str] = set()  # a variant shown twice keeps its id once
        self.placing = placing(collation)
        self.div = None

    def build(self) -> None:
        from lxml import etree

        self._slots(self._div(), self.placing.slots.get(-1, ()))
        for ui in text_units(self.c):
            unit = self.c.units[ui]
            if unit.kind == "heading" and self.div is not None and not _heads(self.div):
                self.div = None  # a heading opens a new division
            elem = _sub(self._div(), "head" if unit.kind == "heading" else "p")
            elem.set(XML_ID, f"u{ui}")
            elem.tail = "\n"
            slots = self.placing.slots.get(ui, [])
            inner = breaks(self.c, ui, slots)
            self._unit(elem, ui, inner)
            _trim(elem)
            done = {s for pairs in inner.values() for _, s in pairs}
            self._slots(self._div(), [s for s in slots if s not in done])
        rest = [ui for n in sorted(self.notes) for ui in self.notes[n] if ui not in self.placed]
        if rest:
            notes = etree.SubElement(self.body, "div", type="notes")
            notes.text = "\n"
            for ui in rest:
                notes.append(self._note(ui))
                notes[-1].tail = "\n"

    def _div(self):
        if self.div is None:
            self.div = _sub(self.body, "div")
            self.div.text = "\n"
            self.div.tail = "\n"
        return self.div

    def _unit(self, elem, ui: int, inner: dict[str, list[tuple[int, Slot]]]) -> None:
        unit = self.c.units[ui]
        away = tuple(w for w in self.wits if ui in self.placing.away[w])
        here = tuple(w for w in self.wits if w not in away)
        target = elem
        if away:
            app = _sub(elem, "app", type="moved")
            app.set(XML_ID, f"u{ui}.moved")
            target = _sub(app, "lem", wit=_wit(w for w in here if unit.blocks.get(w)))
            _sub(app, "rdg", wit=_wit(away), type="moved")
            _sub(app, "note", type="decision").text = "the witnesses in rdg have it elsewhere"
        self._columns(target, ui, here, inner)
        _trim(target)
        if unit.note:
            _sub(elem, "note", type="alignment").text = unit.note

    def _columns(self, parent, ui: int, wits, inner=None) -> None:
        unit = self.c.units[ui]
        count = dict.fromkeys(wits, 0)
        pending = {w: sorted(pairs, key=lambda p: p[0]) for w, pairs in (inner or {}).items()}
        for ci, col in enumerate(unit.columns):
            if col.break_place:  # the witnesses paragraph differently here
                self._break(parent, f"u{ui}.c{ci}", col, wits)
                continue
            after_place = ci and unit.columns[ci - 1].break_place
            if col.paragraph and unit.section == "body" and not after_place:
                # every witness breaks the paragraph here
                _sub(parent, "milestone", unit="paragraph").tail = " "
            if any(col.readings.get(w) for w in wits) or col.canonical:
                self._column(parent, f"u{ui}.c{ci}", col, wits)
            if unit.section == "body" and col.canonical:
                for n in note_markers(shown(col.canonical)):
                    self._notes_at(parent, n)
            for w, todo in pending.items():
                count[w] += len((col.readings.get(w) or "").split())
                while todo and todo[0][0] <= count[w]:
                    self._slots(parent, [todo.pop(0)[1]])

    def _column(self, parent, app_id: str, col: Column, wits) -> None:
        entry = place(col, self.quotes, wits)
        if entry.shared:
            _text(parent, entry.lem.text)
            return
        kind = col.kind or "typography"
        app = _sub(parent, "app", type=kind)
        app.set(XML_ID, self._app_id(col, app_id))
        if col.review:
            app.set("subtype", "review")
        lem = _sub(app, "lem", wit=_wit(entry.lem.wits), cert=f"{col.confidence:.2f}")
        lem.text = entry.lem.text or None
        for reading in entry.rdgs:
            _sub(app, "rdg", wit=_wit(reading.wits), type=kind).text = reading.text or None
        if col.reason:
            _sub(app, "note", type="decision").text = col.reason
        if col.note:
            _sub(app, "note", type="editor").text = col.note
        app.tail = " "

    def _app_id(self, col: Column, fallback: str) -> str:
        """The variant's stable id (``dedupe.variant_ids``), once per file."""
        if col.id and col.id not in self.app_ids:
            self.app_ids.add(col.id)
            return col.id
        return fallback

    def _break(self, parent, app_id: str, col: Column, wits) -> None:
        """A paragraph break some witnesses have: ``<milestone unit="paragraph"/>``
        in the ``<lem>`` or ``<rdg>`` of the witnesses that break, an empty one
        for those that run on."""
        groups: dict[str, list[str]] = {}
        for wid in wits:
            reading = col.readings.get(wid)
            if reading is not None:
                groups.setdefault(reading, []).append(wid)
        app = _sub(parent, "app", type="layout")
        app.set(XML_ID, self._app_id(col, app_id))
        if col.review:
            app.set("subtype", "review")
        lem_wits = groups.pop(col.canonical or "", [])
        lem = _sub(app, "lem", wit=_wit(lem_wits), cert=f"{col.confidence:.2f}")
        if col.canonical == PARAGRAPH_BREAK:
            _sub(lem, "milestone", unit="paragraph")
        for reading, rdg_wits in groups.items():
            rdg = _sub(app, "rdg", wit=_wit(rdg_wits), type="layout")
            if reading == PARAGRAPH_BREAK:
                _sub(rdg, "milestone", unit="paragraph")
        _sub(app, "note", type="decision").text = col.reason
        app.tail = " "

    def _notes_at(self, parent, n: int) -> None:
        for ui in self.notes.get(n, ()):
            if ui not in self.placed:
                _trim(parent)
                parent.append(self._note(ui))
                parent[-1].tail = " "

    def _note(self, ui: int):
        from lxml import etree

        unit = self.c.units[ui]
        self.placed.add(ui)
        note = etree.Element("note", n=str(unit.n), place="foot")
        note.set(XML_ID, f"u{ui}")
        self._columns(note, ui, self.wits)
        _trim(note)
        return note

    def _slots(self, parent, slots) -> None:
        """What one witness has here although the canonical text does not: a
        unit it has at another place than the others, or layout noise."""
        for slot in slots:
            if slot.unit < 0:
                self._noise(parent, slot)
            else:
                self._moved(parent, slot)

    def _moved(self, parent, slot: Slot) -> None:
        unit = self.c.units[slot.unit]
        if parent is self.div:
            parent = _sub(parent, "ab", type="moved")
            parent.tail = "\n"
        else:
            _trim(parent)
        app = _sub(parent, "app", type="moved")
        app.set(XML_ID, f"u{slot.unit}.{slot.wid}")
        others = (w for w in self.wits if w != slot.wid and slot.unit not in self.placing.away[w])
        _sub(app, "lem", wit=_wit(w for w in others if unit.blocks.get(w)))
        rdg = _sub(app, "rdg", wit=f"#{slot.wid}", type="moved")
        for col in unit.columns:
            if not col.break_place:
                _text(rdg, shown(col.readings.get(slot.wid)))
        _trim(rdg)
        _sub(app, "note", type="decision").text = f"the canonical text has this at u{slot.unit}"
        app.tail = "\n" if parent.tag == "ab" else " "

    def _noise(self, parent, slot: Slot) -> None:
        block = self.docs[slot.wid].blocks[slot.block]
        if parent is not self.div:
            _trim(parent)
        note = _sub(parent, "note", type="layout", source=f"#{slot.wid}")
        note.set(XML_ID, f"{slot.wid}.b{slot.block}")
        _sub(note, "fw").text = shown(block.text)
        _sub(note, "note", type="reason").text = block.reason or "layout noise"
        note.tail = "\n" if parent is self.div else " "


def _heads(div) -> bool:
    return all(child.tag == "head" for child in div)


def _sub(parent, tag: str, **attrs: str):
    from lxml import etree

    return etree.SubElement(parent, tag, {k: v for k, v in attrs.items() if v})


def _text(parent, text: str) -> None:
    """Append a word (or words) to mixed content, one space after it."""
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text + " "
    else:
        parent.text = (parent.text or "") + text + " "


def _trim(elem) -> None:
    """Drop the space after the last word."""
    if len(elem):
        elem[-1].tail = (elem[-1].tail or "").rstrip(" ") or None
    elif elem.text:
        elem.text = elem.text.rstrip(" ") or None
