"""A scanned corpus with real OCR errors: typeset, print, scan, degrade, OCR.

Public-domain texts the repository holds (``samples/texts``) are typeset with
fpdf2 in two layouts (one column; two columns), each with the furniture real
reports have: running heads (the title on even pages, the current section or
chapter on odd pages), page numbers, footnotes at the page foot with
superscript markers, pull quotes (a sentence of the page repeated in larger
type mid-column), and the title on page 1 equal to the later even running
head. Each PDF is rasterised (``pdftoppm -gray``), degraded (rotation, blur,
noise, speckles, uneven lighting and threshold, JPEG artefacts: Pillow and
numpy, seeded) and read by Tesseract into one multi-page hOCR file and one
plain-text file (pages separated by form feeds). The ground truth is the text
as the canonical edition should read it: title, headings and paragraphs,
footnote markers in place, the notes under ``Notes``; no running heads, page
numbers or pull-quote copies.

Several witnesses of one text = layouts x degradations. Deterministic given
the same Tesseract (one thread per page, fixed seeds).

Usage::

    python bench/scanned.py /work/scans               # every set
    python bench/scanned.py tests/data/scanned --sets beijing-short --no-pdf --no-readme
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
TEXTS = ROOT / "samples" / "texts"
FONTS = Path("/usr/share/fonts/truetype/dejavu")
SEED = 14
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_DIGIT = str.maketrans(SUPERSCRIPTS, "0123456789")
_MARKER = re.compile(f"([{SUPERSCRIPTS}]+)")
_NOTE = re.compile(r"^(\d{1,4})\s+(.*)$")


# ---------------------------------------------------------------- sources


@dataclass(frozen=True)
class SourceText:
    """A text to typeset: where it comes from and its furniture."""

    file: str
    title: str  # page 1 title and the even running head
    chapter: str  # odd running head until the first heading of the text
    budget: int  # characters of body text to typeset (whole blocks)
    lang: str = "eng"
    prepend: tuple[str, ...] = ()  # heading blocks the source lacks


SETS = {
    "beijing": SourceText(
        "beijing-binds.txt",
        "Beijing Binds: COVID-19 and the China-Central Asia Relationship",
        "Raffaello Pantucci",
        budget=12000,
    ),
    "darwin": SourceText(
        "darwin-1859.txt",
        "On the Origin of Species",
        "Variation under Domestication",
        budget=11000,
        prepend=("On the Origin of Species", "Chapter I. Variation under Domestication"),
    ),
    "zoology": SourceText(
        "swiss-zoology.txt",
        "A new eyeless species of Howdeniola from Ecuador",
        "Revue suisse de Zoologie 119 (2)",
        budget=7000,
        prepend=("A new eyeless species of Howdeniola from Ecuador",),
    ),
    # two pages per witness: the small set committed under tests/data/scanned
    "beijing-short": SourceText(
        "beijing-binds.txt",
        "Beijing Binds: COVID-19 and the China-Central Asia Relationship",
        "Raffaello Pantucci",
        budget=3800,
    ),
}


@dataclass(frozen=True)
class Block:
    text: str
    heading: bool = False
    title: bool = False


@dataclass(frozen=True)
class Document:
    blocks: tuple[Block, ...]
    notes: dict[int, str]


def is_heading(text: str) -> bool:
    """A short block without closing punctuation: a section heading."""
    return (
        len(text) < 70
        and not text.rstrip().endswith((".", ",", ";", ":", ")"))
        and ("\n" not in text)
    )


def load_source(source: SourceText) -> Document:
    """The blocks and notes of a canonical plain text, cut to the budget
    (whole blocks; the notes their markers call)."""
    text = (TEXTS / source.file).read_text(encoding="utf-8")
    body, marker, tail = text.partition("\n\nNotes\n\n")
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
    notes = {}
    for line in tail.splitlines():
        match = _NOTE.match(line.strip())
        if match:
            notes[int(match.group(1))] = match.group(2)
    blocks = [Block(p, heading=True) for p in source.prepend]
    if source.file == "swiss-zoology.txt":
        paragraphs = paragraphs[1:]  # the journal line becomes the odd running head
    used = 0
    for p in paragraphs:
        if used >= source.budget:
            break
        blocks.append(Block(p, heading=is_heading(p)))
        used += len(p)
    blocks[0] = Block(blocks[0].text, title=True)
    called = {int(m.translate(_TO_DIGIT)) for b in blocks for m in _MARKER.findall(b.text)}
    return Document(tuple(blocks), {n: t for n, t in sorted(notes.items()) if n in called})


def truth_text(doc: Document) -> str:
    """The ground truth in the canonical plain-text format."""
    parts = [b.text for b in doc.blocks]
    if doc.notes:
        parts += ["Notes", "\n".join(f"{n} {t}" for n, t in doc.notes.items())]
    return "\n\n".join(parts) + "\n"


# ---------------------------------------------------------------- typesetting


@dataclass(frozen=True)
class Layout:
    name: str
    columns: int
    body_size: float
    note_size: float
    indent: float  # first-line indent of paragraphs (0: space between them)
    note_style: str  # "superscript" or "plain" ("12. text")
    folio: str  # where the page number goes: "foot" or "head"
    margin: float = 56.0
    gap: float = 18.0


LAYOUTS = {
    "onecol": Layout("onecol", 1, 11.0, 8.5, 0.0, "superscript", "foot"),
    "twocol": Layout("twocol", 2, 9.5, 7.5, 12.0, "plain", "head"),
}
PAGE_W, PAGE_H = 595.0, 842.0  # A4 in points
HEAD_H = 28.0  # running head band
FOOT_H = 24.0  # page-number band


@dataclass
class Line:
    """One typeset line: (text, is_marker) runs, its block and notes."""

    runs: list[tuple[str, bool]]
    size: float
    style: str = ""
    space_before: float = 0.0
    indent: float = 0.0
    centred: bool = False
    block: int = -1
    notes: tuple[int, ...] = ()
    rule: bool = False  # a pull-quote rule: a line with no text


def _font(pdf, style: str, size: float) -> None:
    pdf.set_font("serif", style, size)


def _token_width(pdf, runs: list[tuple[str, bool]], style: str, size: float) -> float:
    width = 0.0
    for text, marker in runs:
        _font(pdf, style, size * (0.62 if marker else 1.0))
        width += pdf.get_string_width(text)
    return width


def _tokens(text: str) -> list[list[tuple[str, bool]]]:
    """Words as runs of text and superscript markers (``leaders.⁵⁸``)."""
    out = []
    for word in text.split():
        runs = []
        for piece in _MARKER.split(word):
            if piece:
                marker = bool(_MARKER.fullmatch(piece))
                runs.append((piece.translate(_TO_DIGIT) if marker else piece, marker))
        out.append(runs)
    return out


def break_lines(pdf, text: str, width: float, size: float, style: str = "", indent=0.0):
    """Greedy line breaking: a list of lines, each a list of runs."""
    _font(pdf, style, size)
    space = pdf.get_string_width(" ")
    lines: list[list[tuple[str, bool]]] = []
    current: list[tuple[str, bool]] = []
    used = indent
    for token in _tokens(text):
        w = _token_width(pdf, token, style, size)
        if current and used + space + w > width:
            lines.append(current)
            current, used = [], 0.0
        if current:
            current.append((" ", False))
            used += space
        current.extend(token)
        used += w
    if current:
        lines.append(current)
    return lines


def _notes_of(runs: list[tuple[str, bool]]) -> tuple[int, ...]:
    return tuple(int(t) for t, marker in runs if marker and t.isdigit())


def body_lines(pdf, doc: Document, layout: Layout, width: float) -> list[Line]:
    """Every block of the document as lines of one column width."""
    lines: list[Line] = []
    first_paragraph = True
    for i, block in enumerate(doc.blocks):
        if block.title:
            continue  # the title spans the page top (``typeset``)
        if block.heading:
            size, style = layout.body_size * 1.15, "B"
            broken = break_lines(pdf, block.text, width, size, style)
            for k, runs in enumerate(broken):
                lines.append(
                    Line(runs, size, style, space_before=size * 0.9 if k == 0 else 0, block=i)
                )
            first_paragraph = True
            continue
        size = layout.body_size
        indent = 0.0 if first_paragraph else layout.indent
        gap = size * 0.6 if not layout.indent else 0.0
        broken = break_lines(pdf, block.text, width, size, indent=indent)
        for k, runs in enumerate(broken):
            lines.append(
                Line(
                    runs,
                    size,
                    space_before=gap if k == 0 else 0.0,
                    indent=indent if k == 0 else 0.0,
                    block=i,
                    notes=_notes_of(runs),
                )
            )
        first_paragraph = False
    return lines


def note_lines(pdf, number: int, text: str, layout: Layout, width: float) -> list[Line]:
    size = layout.note_size
    if layout.note_style == "superscript":
        lead: list[tuple[str, bool]] = [(str(number), True), (" ", False)]
    else:
        lead = [(f"{number}. ", False)]
    broken = break_lines(pdf, text, width - 14, size)
    out = [Line(lead + broken[0], size, space_before=1.5)]
    out += [Line(runs, size, indent=8) for runs in broken[1:]]
    return out


def _line_height(line: Line) -> float:
    return line.space_before + line.size * 1.3


def sentences_of(text: str) -> list[str]:
    """Sentences of 8 to 24 words without footnote markers: pull-quote material."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text)
    return [s for s in parts if 8 <= len(s.split()) <= 24 and not _MARKER.search(s)]


@dataclass
class Frame:
    """One column of one page: its lines and the notes at its foot."""

    page: int
    x: float
    top: float
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    notes: list[Line] = field(default_factory=list)

    def used(self) -> float:
        body = sum(_line_height(line) for line in self.lines)
        notes = sum(_line_height(line) for line in self.notes)
        return body + (notes + 10 if self.notes else 0)


def pour(pdf, doc: Document, layout: Layout, title_h: float, rng) -> list[Frame]:
    """Fill columns page by page: a line goes where it and the notes it
    calls fit; a pull quote about mid-column of every second frame."""
    cols = layout.columns
    width = (PAGE_W - 2 * layout.margin - (cols - 1) * layout.gap) / cols
    lines = body_lines(pdf, doc, layout, width)
    frames: list[Frame] = []

    def new_frame() -> Frame:
        index = len(frames)
        page, col = divmod(index, cols)
        top = layout.margin + HEAD_H + (title_h if page == 0 else 0)
        height = PAGE_H - top - layout.margin - FOOT_H
        x = layout.margin + col * (width + layout.gap)
        frame = Frame(page, x, top, width, height)
        frames.append(frame)
        return frame

    frame = new_frame()
    quoted = False
    for line in lines:
        extra = [
            nl
            for n in line.notes
            if n in doc.notes
            for nl in note_lines(pdf, n, doc.notes[n], layout, width)
        ]
        need = (
            _line_height(line)
            + sum(_line_height(x) for x in extra)
            + (10 if extra and not frame.notes else 0)
        )
        if frame.lines and frame.used() + need > frame.height:
            frame, quoted = new_frame(), False
        if not frame.lines and line.space_before:
            line = replace(line, space_before=0.0)
        frame.lines.append(line)
        frame.notes.extend(extra)
        if not quoted and len(frames) % 2 == 0 and frame.used() > 0.4 * frame.height:
            quoted = True
            quote = pull_quote(pdf, doc, frame, layout, rng)
            if quote and frame.used() + sum(_line_height(q) for q in quote) < frame.height:
                frame.lines.extend(quote)
    return frames


def pull_quote(pdf, doc: Document, frame: Frame, layout: Layout, rng) -> list[Line]:
    """A sentence of a paragraph set in this frame, again, large, between rules."""
    blocks = sorted({line.block for line in frame.lines if line.block >= 0})
    found = [
        s for b in blocks if not doc.blocks[b].heading for s in sentences_of(doc.blocks[b].text)
    ]
    if not found:
        return []
    sentence = found[int(rng.integers(len(found)))]
    size = layout.body_size * 1.45
    out = [Line([], size * 0.5, rule=True, space_before=size * 0.6)]
    for runs in break_lines(pdf, sentence, frame.width - 24, size, "I"):
        out.append(Line(runs, size, "I", centred=True))
    out.append(Line([], size * 0.5, rule=True, space_before=size * 0.3))
    return out


def typeset(doc: Document, source: SourceText, layout: Layout, path: Path, seed: int) -> int:
    """Write the PDF; return its page count."""
    import numpy as np
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format=(PAGE_W, PAGE_H))
    pdf.set_auto_page_break(False)
    pdf.set_creator("dedupe bench/scanned.py")
    pdf.set_creation_date(__import__("datetime").datetime(2020, 6, 19))
    pdf.add_font("serif", "", str(FONTS / "DejaVuSerif.ttf"))
    pdf.add_font("serif", "B", str(FONTS / "DejaVuSerif-Bold.ttf"))
    pdf.add_font("serif", "I", str(FONTS / "DejaVuSerif-Italic.ttf"))
    rng = np.random.default_rng(seed)
    title_size = 17.0
    text_w = PAGE_W - 2 * layout.margin
    title_lines = break_lines(pdf, doc.blocks[0].text, text_w, title_size, "B")
    title_h = len(title_lines) * title_size * 1.35 + 18
    frames = pour(pdf, doc, layout, title_h, rng)
    pages = max(f.page for f in frames) + 1
    chapter = source.chapter
    for page in range(pages):
        pdf.add_page()
        number = page + 1
        here = [f for f in frames if f.page == page]
        if page == 0:
            y = layout.margin + HEAD_H
            for runs in title_lines:
                _draw_line(
                    pdf,
                    Line(runs, title_size, "B", centred=True),
                    layout.margin,
                    y + title_size,
                    text_w,
                )
                y += title_size * 1.35
        else:
            head = doc.blocks[0].text if number % 2 == 0 else chapter
            _font(pdf, "", 8.5)
            y = layout.margin + 10
            if layout.folio == "head":
                outer = PAGE_W - layout.margin - pdf.get_string_width(str(number))
                pdf.text(outer if number % 2 else layout.margin, y, str(number))
            pdf.text((PAGE_W - pdf.get_string_width(head)) / 2, y, head)
            pdf.set_line_width(0.4)
            pdf.line(layout.margin, y + 5, PAGE_W - layout.margin, y + 5)
        if layout.folio == "foot" or page == 0:
            _font(pdf, "", 9)
            pdf.text(
                (PAGE_W - pdf.get_string_width(str(number))) / 2,
                PAGE_H - layout.margin + 4,
                str(number),
            )
        for frame in here:
            y = frame.top
            for line in frame.lines:
                y += line.space_before
                if line.rule:
                    pdf.set_line_width(0.8)
                    pdf.line(frame.x + 20, y + 2, frame.x + frame.width - 20, y + 2)
                    y += line.size * 1.3
                    continue
                y += line.size * 1.3
                _draw_line(pdf, line, frame.x, y, frame.width)
                if doc.blocks[line.block].heading and not doc.blocks[line.block].title:
                    chapter = doc.blocks[line.block].text
            if frame.notes:
                y = frame.top + frame.height - sum(_line_height(n) for n in frame.notes)
                pdf.set_line_width(0.4)
                pdf.line(frame.x, y - 4, frame.x + 60, y - 4)
                for note in frame.notes:
                    y += _line_height(note)
                    _draw_line(pdf, note, frame.x, y, frame.width)
    pdf.output(str(path))
    return pages


def _draw_line(pdf, line: Line, x: float, baseline: float, width: float) -> None:
    runs = line.runs
    if line.centred:
        x += (width - _token_width(pdf, runs, line.style, line.size)) / 2
    x += line.indent
    for text, marker in runs:
        size = line.size * (0.62 if marker else 1.0)
        _font(pdf, line.style, size)
        pdf.text(x, baseline - (line.size * 0.38 if marker else 0), text)
        x += pdf.get_string_width(text)


# ---------------------------------------------------------------- scanning


@dataclass(frozen=True)
class Degradation:
    name: str
    dpi: int
    rotate: float  # maximum degrees either way
    blur: float  # Gaussian radius in pixels at 300 dpi
    noise: float  # Gaussian sigma in grey levels
    speckle: float  # share of pixels flipped
    jpeg: int  # quality, 0: none
    threshold: bool  # uneven lighting, then a fixed threshold


DEGRADATIONS = {
    "clean": Degradation("clean", 300, 0.25, 0.5, 6.0, 0.0, 0, False),
    "worn": Degradation("worn", 200, 0.7, 0.9, 16.0, 0.0008, 40, False),
    "rough": Degradation("rough", 150, 1.1, 0.8, 22.0, 0.0015, 30, True),
}


def degrade(image, profile: Degradation, rng):
    """A page image as a worn scanner would give it."""
    import numpy as np
    from PIL import Image, ImageFilter

    angle = float(rng.uniform(-profile.rotate, profile.rotate))
    image = image.convert("L").rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    if profile.blur:
        image = image.filter(ImageFilter.GaussianBlur(profile.blur * profile.dpi / 300))
    pixels = np.asarray(image, dtype=np.float32)
    h, w = pixels.shape
    if profile.threshold:
        yy, xx = np.mgrid[0:h, 0:w]
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        light = 1.0 - 0.28 * np.hypot((xx - cx) / w, (yy - cy) / h)
        pixels = pixels * light
    pixels = pixels + rng.normal(0.0, profile.noise, pixels.shape)
    if profile.threshold:
        pixels = np.where(pixels > 150, 255.0, 0.0)
    if profile.speckle:
        flip = rng.random(pixels.shape) < profile.speckle
        pixels = np.where(flip, 255.0 - pixels, pixels)
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), mode="L")
    if profile.jpeg:
        from io import BytesIO

        buffer = BytesIO()
        image.save(buffer, format="JPEG", quality=profile.jpeg)
        image = Image.open(BytesIO(buffer.getvalue())).convert("L")
    return image


def ocr_page(image_path: str, lang: str) -> tuple[str, str]:
    """Tesseract's hOCR and plain text of one page image (one thread: the
    result does not depend on the machine's load)."""
    base = image_path.removesuffix(".png")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    subprocess.run(
        ["tesseract", image_path, base, "-l", lang, "hocr", "txt"],
        check=True,
        capture_output=True,
        env=env,
    )
    hocr = Path(base + ".hocr").read_text(encoding="utf-8")
    text = Path(base + ".txt").read_text(encoding="utf-8")
    return hocr, text


_ID = re.compile(r"\b(id=['\"]\w+?_)1(_\d+)?(['\"])")


def assemble_hocr(pages: list[str], title: str) -> str:
    """One hOCR file of Tesseract's one-page files: each page's ocr_page
    div, its ids and ppageno renumbered."""
    divs = []
    for number, page in enumerate(pages, start=1):
        start = page.index("<div class='ocr_page'")
        end = page.rindex("</body>")
        div = page[start:end].rstrip()
        div = _ID.sub(rf"\g<1>{number}\g<2>\g<3>", div)
        div = re.sub(r"ppageno \d+", f"ppageno {number - 1}", div)
        div = re.sub(r'image "[^"]*"', f'image "page-{number:03d}.png"', div)
        divs.append(div)
    head = pages[0][: pages[0].index("<body>") + len("<body>")]
    head = re.sub(r"<title>.*?</title>", f"<title>{title}</title>", head, flags=re.S)
    return head + "\n" + "\n".join(divs) + "\n </body>\n</html>\n"


def scan_witness(job: tuple) -> dict:
    """Rasterise one PDF at the profile's resolution, degrade, OCR; write
    ``NAME.hocr`` and ``NAME.txt``; return its manifest entry."""
    import numpy as np
    from PIL import Image

    pdf, out_dir, name, profile_name, lang, seed = job
    profile = DEGRADATIONS[profile_name]
    with tempfile.TemporaryDirectory(prefix="dedupe-scan-") as tmp:
        cmd = ["pdftoppm", "-r", str(profile.dpi), "-gray", "-png"]
        subprocess.run([*cmd, str(pdf), f"{tmp}/raw"], check=True, capture_output=True)
        raws = sorted(Path(tmp).glob("raw-*.png"))
        hocrs, texts = [], []
        for number, raw in enumerate(raws, start=1):
            rng = np.random.default_rng([seed, number])
            page = degrade(Image.open(raw), profile, rng)
            image = f"{tmp}/page-{number:03d}.png"
            page.save(image, dpi=(profile.dpi, profile.dpi))
            hocr, text = ocr_page(image, lang)
            hocrs.append(hocr)
            texts.append(text.rstrip("\f\n") + "\n")
    out = Path(out_dir)
    (out / f"{name}.hocr").write_text(assemble_hocr(hocrs, name), encoding="utf-8")
    (out / f"{name}.txt").write_text("\f".join(texts), encoding="utf-8")
    return {"witness": name, "pages": len(hocrs), "dpi": profile.dpi, "degradation": profile_name}


def build_set(name: str, out: Path, keep_pdf: bool, pool) -> list[dict]:
    """Typeset a set's source in every layout; return its scan jobs' futures."""
    source = SETS[name]
    doc = load_source(source)
    folder = out / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "truth.txt").write_text(truth_text(doc), encoding="utf-8")
    jobs = []
    pdf_dir = folder if keep_pdf else Path(tempfile.mkdtemp(prefix="dedupe-pdf-"))
    for layout in LAYOUTS.values():
        pdf = pdf_dir / f"{layout.name}.pdf"
        seed = _seed(name, layout.name)
        typeset(doc, source, layout, pdf, seed)
        for profile in DEGRADATIONS:
            job = (
                pdf,
                folder,
                f"{layout.name}-{profile}",
                profile,
                source.lang,
                _seed(name, layout.name, profile),
            )
            jobs.append(pool.submit(scan_witness, job))
    return jobs


def _seed(*parts: str) -> int:
    return SEED + int(hashlib.sha256("/".join(parts).encode()).hexdigest()[:8], 16)


def readme(out: Path, manifest: dict[str, list[dict]]) -> str:
    lines = [
        "# Scanned corpus (generated)",
        "",
        "Made by `bench/scanned.py` of the dedupe repository (`python bench/scanned.py "
        f"{out}`); do not edit by hand. Each folder is one text typeset, printed to PDF, "
        "rasterised, degraded and read by Tesseract "
        f"({_tesseract_version()}, one thread a page). Texts: `samples/texts/` of the repository "
        "(`beijing`: the sample report *Beijing Binds*, 12,000 characters of body and the notes "
        "they call; `darwin`: Darwin, *On the Origin of Species* (1859), chapter 1, 11,000 "
        "characters; `zoology`: the Swiss zoology article, 7,000 characters; their sources are "
        "in the repository's `samples/README.md`).",
        "",
        "Every folder holds:",
        "",
        "- `truth.txt`: the ground truth in dedupe's canonical plain-text format (title, headings "
        "and paragraphs one per block, footnote markers as superscripts, the notes under `Notes`; "
        "no running heads, page numbers or pull-quote copies);",
        "- `LAYOUT-DEGRADATION.hocr`: Tesseract's hOCR of every page in one file;",
        "- `LAYOUT-DEGRADATION.txt`: Tesseract's plain text, pages separated by form feeds;",
        "- `LAYOUT.pdf` (where kept): the typeset PDF (a clean text-layer witness).",
        "",
        "Layouts (A4, DejaVu Serif): `onecol`: one column, 11 pt, space between paragraphs, "
        "notes at the page foot led by a superscript number, page number centred at the foot; "
        "`twocol`: two columns, 9.5 pt, first-line indents, notes at the foot of each column "
        "led by `N.`, page number in the head's outer corner. Both: the title on page 1 (large, "
        "bold), running heads from page 2 (the title on even pages, the current section or "
        "chapter on odd pages, ruled), superscript note markers in the body, a pull quote (a "
        "sentence of the column repeated in large italic between rules) about mid-column of "
        "every second column.",
        "",
        "Degradations: "
        + "; ".join(
            f"`{d.name}`: {d.dpi} dpi, rotation up to {d.rotate} deg, blur {d.blur} px, noise "
            f"sigma {d.noise:g}, speckles {d.speckle:g}, "
            + (f"JPEG quality {d.jpeg}" if d.jpeg else "no JPEG")
            + (", uneven lighting and a hard threshold" if d.threshold else "")
            for d in DEGRADATIONS.values()
        )
        + ".",
        "",
    ]
    lines += ["| set | witness | pages | dpi |", "|---|---|---:|---:|"]
    for name, entries in manifest.items():
        for e in entries:
            lines.append(f"| {name} | {e['witness']} | {e['pages']} | {e['dpi']} |")
    return "\n".join(lines) + "\n"


def _tesseract_version() -> str:
    done = subprocess.run(["tesseract", "--version"], capture_output=True, text=True)
    return (done.stdout or done.stderr).splitlines()[0].strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="output folder (one sub-folder per set)")
    parser.add_argument("--sets", default="beijing,darwin,zoology", help="comma-separated")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-pdf", action="store_true", help="do not keep the typeset PDFs")
    parser.add_argument(
        "--no-readme", action="store_true", help="leave the folder's README.md as it is"
    )
    args = parser.parse_args(argv)
    names = args.sets.split(",")
    for name in names:
        if name not in SETS:
            parser.error(f"unknown set {name}; choose from {', '.join(SETS)}")
    args.out.mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {n: build_set(n, args.out, not args.no_pdf, pool) for n in names}
        manifest = {n: [f.result() for f in fs] for n, fs in futures.items()}
    for name, entries in manifest.items():
        (args.out / name / "manifest.json").write_text(
            json.dumps({"set": name, "source": SETS[name].file, "witnesses": entries}, indent=1)
            + "\n",
            encoding="utf-8",
        )
    if not args.no_readme:
        (args.out / "README.md").write_text(readme(args.out, manifest), encoding="utf-8")
    print(f"wrote {sum(len(e) for e in manifest.values())} witnesses to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
