"""How scans are recognised: when (``--ocr``), in which languages (``--lang``)
and in which ways (the recipes ``--readings`` chooses from).

Kept free of imports so the text path can name the options without loading
anything OCR-related.
"""

from __future__ import annotations

from dataclasses import dataclass

MODES = ("auto", "always", "never")
#: Formats of witnesses whose text the engine read (readings apply to them).
RECOGNISED_FORMATS = ("image", "pdf+ocr")


@dataclass(frozen=True)
class Recipe:
    """One independent way of reading a page image: the page's preprocessing
    (``none``, ``otsu`` binarisation, ``scale`` x1.5, ``sharpen``, or several
    joined by ``+``) and Tesseract's engine mode and page segmentation mode."""

    name: str
    preprocess: str = "none"
    psm: int = 3
    oem: int = 1

    @property
    def key(self) -> str:
        """What makes two readings the same (for the cache)."""
        return f"pre={self.preprocess};psm={self.psm};oem={self.oem}"


#: Readings in the order ``--readings N`` takes them (the first N). Voted,
#: plain + otsu + psm6 cut most errors of every three on real and degraded
#: scans (bench/OCR.md: 1.24% CER pooled, against 1.45% for the plain
#: reading alone). Tesseract's legacy engine (``--oem 0``) is not among
#: them: Debian's language data (tessdata_fast) has only the LSTM engine.
READINGS: tuple[Recipe, ...] = (
    Recipe("plain"),
    Recipe("otsu", preprocess="otsu"),
    Recipe("psm6", psm=6),  # the page as one uniform block of text
    Recipe("scale", preprocess="scale"),
    Recipe("sharpen", preprocess="sharpen"),
    Recipe("psm4", psm=4),  # one column of text of varying sizes
)


@dataclass(frozen=True)
class OcrOptions:
    """``mode``: auto (recognise pages without a usable text layer), always
    (every page), never (a scan is an error, as without OCR); ``lang``:
    Tesseract's language list (``eng+deu``); ``dpi``: PDF pages are
    rasterised at this resolution."""

    mode: str = "auto"
    lang: str = "eng"
    recipe: Recipe = READINGS[0]
    dpi: int = 300


def reading_options(mode: str = "auto", lang: str = "eng", count: int = 1) -> list[OcrOptions]:
    """The options of ``count`` independent readings of a scan."""
    from dedupe.model import DedupeError

    if mode not in MODES:
        raise DedupeError(f"--ocr {mode}: use one of {', '.join(MODES)}")
    if not 1 <= count <= len(READINGS):
        raise DedupeError(f"--readings {count}: use 1 to {len(READINGS)}")
    if not lang or any(not part for part in lang.split("+")):
        raise DedupeError(f"--lang {lang!r}: Tesseract languages joined by +, for example eng+deu")
    return [OcrOptions(mode, lang, recipe) for recipe in READINGS[:count]]
