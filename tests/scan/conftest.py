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
