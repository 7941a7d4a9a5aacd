"""Collations the HTML and TEI renderers are tested on: the sample pair, three
simulated scans with notes and layout noise, a moved paragraph, and a witness
full of markup."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import dedupe

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "beijing-binds"
BENCH = ROOT / "bench"


#: A witness whose text is markup: it must show as text and never run.
HOSTILE = (
    "The Report\n\n"
    'He wrote <script>window.pwned = 1</script> and <b onmouseover="window.pwned=2">bold</b> '
    'then "double" and \'single\' quotes, a <img src=x onerror="window.pwned=3"> tag '
    "and an ampersand &amp; entity.\n\n"
    "A second paragraph that both witnesses share word for word.\n"
)
TAME = (
    "The Report\n\n"
    "He wrote a script and bold then \"double\" and 'single' quotes, an image tag "
    "and an ampersand & entity.\n\n"
    "A second paragraph that both witnesses share word for word.\n"
)


@pytest.fixture(scope="session")
def sample_pair() -> list[str]:
    return [str(SAMPLES / "a.txt"), str(SAMPLES / "b.txt")]


@pytest.fixture(scope="session")
def sample_collation(sample_pair):
    return dedupe.compare(sample_pair)


@pytest.fixture(scope="session")
def simulated_collation(tmp_path_factory):
    """Three simulated scans of the sample: OCR damage, running heads, notes."""
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    import simulate

    doc = simulate.load_clean(ROOT / "samples" / "texts" / "beijing-binds.txt", "Beijing Binds")
    doc = simulate.CleanDoc(doc.blocks[:14], doc.notes[:12], doc.title)
    out = tmp_path_factory.mktemp("simulated")
    paths = simulate.simulate(doc, 3, 0.02, 5, out)
    return dedupe.compare([str(p) for p in paths])


@pytest.fixture(scope="session")
def moved_collation(tmp_path_factory):
    """Three witnesses of four Darwin paragraphs; the third has the second at the end."""
    lines = (ROOT / "tests" / "data" / "darwin" / "darwin1859.txt").read_text().splitlines()
    paras = [line for line in lines if line.strip()][:4]
    tmp = tmp_path_factory.mktemp("moved")
    orders = [paras, paras, [paras[0], paras[2], paras[3], paras[1]]]
    paths = []
    for i, paras in enumerate(orders):
        path = tmp / f"w{i}.txt"
        path.write_text("\n\n".join(paras) + "\n", encoding="utf-8")
        paths.append(str(path))
    return dedupe.compare(paths)


@pytest.fixture(scope="session")
def split_collation(tmp_path_factory):
    """Three witnesses of two paragraphs; the first runs them together, so one
    place holds both and the decision breaks it where the other two do."""
    first = "The first paragraph ends here with a full stop."
    second = "A second paragraph follows and ends as well."
    texts = [f"{first} {second}", f"{first}\n\n{second}", f"{first}\n\n{second}"]
    return compare_texts(
        tmp_path_factory.mktemp("split"),
        {f"w{k}.txt": f"A Title\n\n{text}\n" for k, text in enumerate(texts)},
    )


@pytest.fixture(scope="session")
def hostile_collation(tmp_path_factory):
    return compare_texts(
        tmp_path_factory.mktemp("hostile"), {"evil <b>&'\".txt": HOSTILE, "tame.txt": TAME}
    )


def compare_texts(folder: Path, texts: dict[str, str]):
    """Write each text as a UTF-8 witness named by its key; collate them."""
    paths = []
    for name, text in texts.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return dedupe.compare(paths)


@pytest.fixture(scope="session")
def collate_texts():
    return compare_texts


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """``DEDUPE_CHROMIUM`` if set (only it), else Debian's chromium
    (tests/render/install_browser.sh installs it)."""
    import os
    import shutil

    chosen = os.environ.get("DEDUPE_CHROMIUM")
    if chosen:
        return chosen if os.path.exists(chosen) else None
    if os.path.exists("/usr/bin/chromium"):
        return "/usr/bin/chromium"
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser(require_component):
    """A headless chromium driven by playwright. Where none can be launched
    the tests using it skip with the reason; under CI (``CI=true``) they fail."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require_component("playwright is not installed: pip install -e '.[test]'")
    path = chromium_path()
    if path is None:
        require_component("no chromium: run tests/render/install_browser.sh (needs root or sudo)")
    driver = sync_playwright().start()
    try:
        launched = driver.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
    except Exception as err:  # any launch failure means: no browser here
        driver.stop()
        require_component(f"chromium at {path} does not start: {str(err).splitlines()[0]}")
    yield launched
    launched.close()
    driver.stop()


def open_html_page(context, collation, path: Path, ready: str = "html[data-ready]"):
    """Write the collation's HTML page to ``path`` and open it in ``context``
    once its script says ``ready``; returns the page and the list its
    script errors are collected in."""
    path.write_text(dedupe.render("html", collation), encoding="utf-8")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(path.as_uri())
    page.wait_for_selector(ready)
    return page, errors


@pytest.fixture
def open_html():
    """``open_html(context, collation, path, ready=...) -> (page, errors)``."""
    return open_html_page
