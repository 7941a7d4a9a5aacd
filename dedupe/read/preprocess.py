"""Page image preprocessing for independent readings of one scan.

Each step changes what the engine sees in a way that fixes some errors and
makes others, which is what makes readings worth voting among: Otsu
binarisation (a clean black-and-white page from uneven grey), scaling by
1.5 (small type gets more pixels per stroke), and a slight unsharp mask
(soft scans get crisper edges).
"""

from __future__ import annotations

from typing import Any

SCALE = 1.5


def otsu_threshold(histogram: list[int]) -> int:
    """The grey level that best splits a 256-bin histogram into ink and paper.

    >>> otsu_threshold([10] * 50 + [0] * 156 + [10] * 50)
    50
    """
    total = sum(histogram)
    weighted = sum(i * n for i, n in enumerate(histogram))
    below = below_sum = 0
    best, level = -1.0, 0
    for i, count in enumerate(histogram):
        below += count
        if below == 0:
            continue
        above = total - below
        if above == 0:
            break
        below_sum += i * count
        mean_below = below_sum / below
        mean_above = (weighted - below_sum) / above
        between = below * above * (mean_below - mean_above) ** 2
        if between > best:
            best, level = between, i
    return level + 1


def preprocess(image: Any, steps: str) -> tuple[Any, float]:
    """The greyscale ``image`` after the ``+``-joined steps, and its scale."""
    from PIL import Image, ImageFilter

    scale = 1.0
    for step in steps.split("+"):
        if step == "otsu":
            cut = otsu_threshold(image.histogram()[:256])
            image = image.point(lambda v, cut=cut: 255 if v >= cut else 0)
        elif step == "scale":
            size = (round(image.width * SCALE), round(image.height * SCALE))
            image = image.resize(size, Image.Resampling.LANCZOS)
            scale *= SCALE
        elif step == "sharpen":
            image = image.filter(ImageFilter.UnsharpMask(radius=1.5, percent=60, threshold=3))
        elif step != "none":
            raise ValueError(f"unknown preprocessing step {step!r}")
    return image, scale
