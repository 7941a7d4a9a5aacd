"""A generated collection (bench/gen_collection.py) with real versions mixed
in: the six Darwin editions and the two Beijing Binds samples."""

from __future__ import annotations

import importlib.util
import random
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DARWIN = ROOT / "tests" / "data" / "darwin"
SAMPLES = ROOT / "samples" / "beijing-binds"


def load_generator():
    spec = importlib.util.spec_from_file_location(
        "gen_collection", ROOT / "bench" / "gen_collection.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def gen():
    return load_generator()


@pytest.fixture(scope="session")
def collection(tmp_path_factory, gen) -> tuple[Path, dict]:
    """1,000 generated documents (3-8 KB, to keep the tests quick; 100 with
    2-5 damaged versions, 50 excerpts), plus Darwin's six editions and the
    two samples; and the truth. bench/SCAN.md has the same at 5-30 KB."""
    root = tmp_path_factory.mktemp("collection")
    truth = gen.generate(root, docs=1000, kb="3-8", seed=5)
    return root, gen.add_real_versions(root, truth)


@pytest.fixture(scope="session")
def scanned(collection):
    """The in-process scan of the whole collection (shared by several tests)."""
    from dedupe.scan.files import find_files
    from dedupe.scan.pipeline import scan

    root, _ = collection
    return scan(find_files([str(root / "docs")]))


@pytest.fixture
def small_folder(tmp_path) -> list[str]:
    """Two Darwin editions and the two samples: two clusters, quick to scan."""
    from dedupe.scan.files import find_files

    for path in sorted(DARWIN.glob("*.txt"))[:2]:
        shutil.copy(path, tmp_path)
    for name in ("a.txt", "b.txt"):
        shutil.copy(SAMPLES / name, tmp_path / f"beijing-{name}")
    return find_files([str(tmp_path)])


def small_vocabulary_texts(files: int, vocabulary: int, seed: int = 4) -> tuple[list[str], list]:
    """Tiny texts of 20-50 words from a few made-up words, every tenth with
    a copy one word changed (the planted versions, as index pairs)."""
    rng = random.Random(seed)
    vocab = ["".join(rng.choice("abcdefghij") for _ in range(6)) for _ in range(vocabulary)]
    texts, planted = [], []
    for n in range(files):
        words = rng.choices(vocab, k=rng.randint(20, 50))
        texts.append(" ".join(words))
        if n % 10 == 0:
            words[3] = vocab[0] if words[3] != vocab[0] else vocab[1]
            texts.append(" ".join(words))
            planted.append([len(texts) - 2, len(texts) - 1])
    return texts, planted


@pytest.fixture(scope="session")
def small_vocabulary():
    """``small_vocabulary_texts``: files that all look alike to the candidate search."""
    return small_vocabulary_texts


@pytest.fixture(scope="session")
def renderings(tmp_path_factory) -> Path:
    """One page of Darwin typed (``typed.txt``) and typeset from it with
    fpdf2 (``typeset.pdf``), then rasterised twice and read by Tesseract:
    ``scanA`` (130 dpi, light noise: Tesseract 5.3 reads a clean page of it
    letter-perfect, which would make it a rendering of the typed text) saved
    by one OCR run as text, hOCR and PDF,
    ``scanB`` (120 dpi, blurred and noisy) as text and hOCR. Three sources,
    eight files."""
    import subprocess

    import numpy as np
    from fpdf import FPDF
    from PIL import Image, ImageFilter

    folder = tmp_path_factory.mktemp("renderings")
    paragraphs = (DARWIN / "darwin1859.txt").read_text(encoding="utf-8").split("\n\n")
    text = "Variation under Domestication\n\n" + " ".join(p.strip() for p in paragraphs[:6])[:2400]
    (folder / "typed.txt").write_text(text + "\n", encoding="utf-8")
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, text)
    pdf.output(str(folder / "typeset.pdf"))
    rng = np.random.default_rng(1)
    for name, dpi, noise, kinds in (("scanA", 130, 22, ["pdf"]), ("scanB", 120, 30, [])):
        image = folder / f"{name}.png"
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile"]
            + [str(folder / "typeset.pdf"), str(folder / name)],
            check=True,
        )
        if noise:
            page = Image.open(image).convert("L").filter(ImageFilter.GaussianBlur(0.6))
            pixels = np.asarray(page, dtype=float) + rng.normal(0, noise, (page.height, page.width))
            Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).save(image)
        subprocess.run(
            ["tesseract", str(image), str(folder / name), "txt", "hocr", *kinds],
            check=True,
            capture_output=True,
        )
        image.unlink()
    return folder
