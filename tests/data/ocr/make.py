"""Typeset a clean text as printed pages, rasterise, degrade, and OCR them.

The normaliser's tests need text as a real OCR engine reads a real page:
running heads damaged differently on each page, superscript note markers
read as ``'®``, ``'*`` or ``?``, page-foot notes under a rule. Nothing here
edits the OCR output: pages are typeset with fpdf2 (Liberation Serif),
rendered with ``pdftoppm``, degraded (blur and speckle, fixed seed) and read
with ``tesseract``; the ``.txt`` files in this folder are tesseract's output,
pages joined with form feeds.

Usage (from the repository root)::

    python tests/data/ocr/make.py samples/texts/beijing-binds.txt --title \\
        "Beijing Binds: COVID-19 and the China-Central Asia Relationship" \\
        --notes foot --out tests/data/ocr/beijing-foot
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from fpdf import FPDF
from PIL import Image, ImageFilter

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
import simulate  # noqa: E402

FONT = "/usr/share/fonts/truetype/liberation/LiberationSerif-{}.ttf"
SUPER = re.compile(f"([{simulate.SUPERSCRIPTS}]+)")
FROM_SUPER = str.maketrans({c: str(i) for i, c in enumerate(simulate.SUPERSCRIPTS)})
LEFT, RIGHT, TOP, BOTTOM = 25.0, 185.0, 25.0, 272.0  # mm on A4
BODY, NOTE, HEAD = 11.0, 8.0, 9.0  # type sizes (pt)
LEAD = 1.35  # line height / type size


def points(size: float) -> float:
    return size * LEAD * 0.3528  # mm


class Pages:
    """Pages being filled from the top, with notes collected at each foot."""

    def __init__(self, pdf: FPDF, title: str, notes: dict[int, str], foot: bool) -> None:
        self.pdf, self.title, self.notes, self.foot = pdf, title, notes, foot
        self.y = TOP
        self.page_notes: list[int] = []
        self.new_page(first=True)

    def new_page(self, first: bool = False) -> None:
        if not first:
            self.flush_notes()
        self.pdf.add_page()
        number = self.pdf.page_no()
        self.pdf.set_font("serif", "I", HEAD)
        if not first:
            self.pdf.set_xy(LEFT, 12)
            self.pdf.cell(RIGHT - LEFT, 5, self.title, align="C")
        self.pdf.set_font("serif", "", HEAD)
        self.pdf.set_xy(LEFT, 280)
        self.pdf.cell(RIGHT - LEFT, 5, str(number), align="C")
        self.y = TOP
        self.page_notes = []

    def note_lines(self, numbers: list[int]) -> list[tuple[int | None, str]]:
        self.pdf.set_font("serif", "", NOTE)
        out: list[tuple[int | None, str]] = []
        for n in numbers:
            for k, line in enumerate(self.wrap(self.notes[n], RIGHT - LEFT - 5)):
                out.append((n if k == 0 else None, line))
        return out

    def notes_height(self, numbers: list[int]) -> float:
        if not numbers:
            return 0.0
        return 4.0 + len(self.note_lines(numbers)) * points(NOTE)

    def flush_notes(self) -> None:
        if not self.page_notes:
            return
        lines = self.note_lines(self.page_notes)
        y = BOTTOM - len(lines) * points(NOTE)
        self.pdf.line(LEFT, y - 2.5, LEFT + 50, y - 2.5)
        self.pdf.set_font("serif", "", NOTE)
        for n, line in lines:
            if n is not None:
                self.pdf.set_xy(LEFT, y)
                self.pdf.cell(5, points(NOTE), str(n))
            self.pdf.set_xy(LEFT + 5, y)
            self.pdf.cell(RIGHT - LEFT - 5, points(NOTE), line)
            y += points(NOTE)
        self.page_notes = []

    def wrap(self, text: str, width: float) -> list[str]:
        lines: list[str] = []
        for word in text.split():
            trial = f"{lines[-1]} {word}" if lines else word
            if lines and self.pdf.get_string_width(trial.translate(FROM_SUPER)) <= width:
                lines[-1] = trial
            else:
                lines.append(word)
        return lines

    def block(self, text: str, style: str, size: float, gap: float) -> None:
        self.pdf.set_font("serif", style, size)
        lines = self.wrap(text, RIGHT - LEFT)
        self.y += gap
        for line in lines:
            self.pdf.set_font("serif", style, size)
            marks = [int(m.translate(FROM_SUPER)) for m in SUPER.findall(line)]
            marks = [n for n in marks if n in self.notes] if self.foot else []
            need = self.page_notes + marks
            if self.y + points(size) + self.notes_height(need) > BOTTOM:
                self.new_page()
                need = marks
            self.line(line, style, size)
            self.page_notes = need

    def line(self, line: str, style: str, size: float) -> None:
        pdf = self.pdf
        pdf.set_xy(LEFT, self.y)
        for k, part in enumerate(SUPER.split(line)):
            if not part:
                continue
            pdf.char_vpos = "SUP" if k % 2 else "LINE"
            pdf.set_font("serif", style, size)
            pdf.cell(pdf.get_string_width(part.translate(FROM_SUPER)) + 0.01, points(size),
                     part.translate(FROM_SUPER))  # fmt: skip
        pdf.char_vpos = "LINE"
        self.y += points(size)


def typeset(doc: simulate.CleanDoc, title: str, foot: bool, path: Path) -> None:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    for style, name in (("", "Regular"), ("B", "Bold"), ("I", "Italic")):
        pdf.add_font("serif", style, FONT.format(name))
    notes = dict(doc.notes)
    pages = Pages(pdf, title, notes, foot)
    for i, block in enumerate(doc.blocks):
        if i == 0 and block.kind == "heading":
            pages.block(block.text, "B", 16, 0)
        elif block.kind == "heading":
            pages.block(block.text, "B", BODY, 4)
        else:
            pages.block(block.text, "", BODY, 2)
    if not foot and notes:
        pages.block("Notes", "B", BODY, 6)
        for n, text in doc.notes:
            pages.block(f"{n}. {text}", "", NOTE + 1, 1)
    pages.flush_notes()
    pdf.output(str(path))


def degrade(png: Path, rng: random.Random) -> None:
    """A little blur and speckle, as a photocopy and a scanner leave."""
    image = Image.open(png).convert("L").filter(ImageFilter.GaussianBlur(0.8))
    pixels = image.load()
    width, height = image.size
    for _ in range(width * height // 400):
        x, y = rng.randrange(width), rng.randrange(height)
        pixels[x, y] = 0 if rng.random() < 0.5 else 255
    image.save(png)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source")
    parser.add_argument("--title", required=True, help="printed on page 1 and as the running head")
    parser.add_argument("--notes", choices=("foot", "end"), default="foot")
    parser.add_argument("--dpi", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--blocks", type=int, help="typeset only the first N blocks")
    parser.add_argument(
        "--print-title", action="store_true", help="print the title on page 1 above the text"
    )
    parser.add_argument("--byline", help="printed under the title on page 1")
    parser.add_argument("--out", required=True, help="output stem: STEM.pdf, STEM.txt")
    args = parser.parse_args(argv)
    doc = simulate.load_clean(args.source, args.title)
    blocks = doc.blocks[: args.blocks] if args.blocks else doc.blocks
    if args.byline:
        blocks = (simulate.CleanBlock("heading", args.byline), *blocks)
    if args.print_title:
        blocks = (simulate.CleanBlock("heading", args.title), *blocks)
    doc = simulate.CleanDoc(tuple(blocks), doc.notes, doc.title)
    stem = Path(args.out)
    typeset(doc, args.title, args.notes == "foot", stem.with_suffix(".pdf"))
    rng = random.Random(args.seed)
    texts = []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                str(args.dpi),
                "-gray",
                "-png",
                stem.with_suffix(".pdf"),
                f"{tmp}/p",
            ],
            check=True,
        )
        for png in sorted(Path(tmp).glob("p-*.png")):
            degrade(png, rng)
            out = subprocess.run(
                ["tesseract", str(png), "-", "-l", "eng"],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            texts.append(out.strip("\f\n") + "\n")
    stem.with_suffix(".txt").write_text("\f".join(texts), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
