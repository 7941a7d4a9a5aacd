"""Pages per second reading PDFs: the corpus PDFs and a generated 300-page one.

Run: .venv/bin/python bench/read_pdf.py [--pages 300] [PDF ...]
Reports, for each file, the time to read it (pdfminer + reading order +
paragraphs) and to run the geometry pass, and the pages per second overall.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dedupe.model import DedupeError  # noqa: E402
from dedupe.normalise.geometry import mark_layout  # noqa: E402
from dedupe.read import read  # noqa: E402
from dedupe.read.ocr_options import OcrOptions  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "pdf"
SENTENCE = (
    "The committee met in the spring to review the accounts of the society, and several "
    "members questioned the cost of repairing the old library roof after the winter floods. "
)


def long_pdf(pages: int) -> bytes:
    """A book-like PDF: running header, page-number footer, two columns of text."""
    from fpdf import FPDF

    class Book(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", size=9)
            self.cell(0, 8, "A History of the Example Society", align="C")
            self.ln(12)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", size=9)
            self.cell(0, 8, str(self.page_no()), align="C")

    pdf = Book(format="A4")
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_font("Helvetica", size=10)
    width = (pdf.epw - 8) / 2
    for page in range(pages):
        pdf.add_page()
        top = pdf.get_y()
        for column in range(2):
            pdf.set_xy(pdf.l_margin + column * (width + 8), top)
            pdf.multi_cell(width, 4.6, (SENTENCE * 13)[: 2400 - 7 * (page % 5)], align="J")
    return bytes(pdf.output())


def measure(path: str) -> tuple[int, float, float]:
    start = time.perf_counter()
    source = read(path, ocr=OcrOptions(mode="never"))  # the text layer only, no OCR
    read_done = time.perf_counter()
    mark_layout(source)
    return len(source.pages), read_done - start, time.perf_counter() - read_done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", help="PDF files (default: the test corpus)")
    parser.add_argument("--pages", type=int, default=300, help="pages of the generated PDF")
    args = parser.parse_args()
    paths = args.pdfs or sorted(str(p) for p in CORPUS.glob("*.pdf"))
    with tempfile.TemporaryDirectory() as tmp:
        if args.pages:
            generated = Path(tmp) / f"generated-{args.pages}-pages.pdf"
            generated.write_bytes(long_pdf(args.pages))
            paths.append(str(generated))
        total_pages, total_time = 0, 0.0
        print(f"{'file':40} {'pages':>5} {'read s':>7} {'layout s':>8} {'pages/s':>7}")
        for path in paths:
            try:
                pages, reading, layout = measure(path)
            except DedupeError as err:
                print(f"{Path(path).name:40} {'-':>5} error: {err}")
                continue
            total_pages += pages
            total_time += reading + layout
            rate = pages / (reading + layout)
            print(f"{Path(path).name:40} {pages:5d} {reading:7.2f} {layout:8.2f} {rate:7.1f}")
        print(f"{'all':40} {total_pages:5d} {total_time:16.2f} {total_pages / total_time:7.1f}")


if __name__ == "__main__":
    main()
