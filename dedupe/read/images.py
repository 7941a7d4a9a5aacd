"""Image files (PNG, JPEG, TIFF with any number of pages) opened with Pillow.

Every way an image can be unreadable becomes one line: not an image, damaged
or truncated, a page of zero size, or more pixels than Pillow's
``Image.MAX_IMAGE_PIXELS`` (a decompression bomb: a small file that would
fill memory once decoded). The size is checked from the header, before any
pixel is decoded.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from dedupe.model import DedupeError


@contextmanager
def opened(path: str, name: str) -> Iterator[Any]:
    """The image, with every Pillow failure turned into one line."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                yield image
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as err:
        raise DedupeError(f"{name}: {_bomb(str(err))}") from None
    except UnidentifiedImageError:
        raise DedupeError(f"{name}: not a readable image (PNG, JPEG or TIFF)") from None
    except (OSError, ValueError, SyntaxError, EOFError) as err:
        raise DedupeError(f"{name}: damaged image ({err})") from None


def _bomb(detail: str) -> str:
    return f"too many pixels to read safely, a decompression bomb? ({detail.split('.')[0]})"


def check_size(width: int, height: int, where: str) -> None:
    """One line for a page of zero size or more pixels than Pillow's limit."""
    from PIL import Image

    if width <= 0 or height <= 0:
        raise DedupeError(f"{where}: zero-size page ({width} x {height} pixels)")
    limit = Image.MAX_IMAGE_PIXELS
    if limit and width * height > limit:
        raise DedupeError(
            f"{where}: {_bomb(f'{width} x {height} pixels is more than the limit of {limit}')}"
        )


def frames(path: str, name: str) -> list[tuple[int, int, int | None]]:
    """(width, height, dpi) of every page of the image, checked."""
    out = []
    with opened(path, name) as image:
        for index in range(getattr(image, "n_frames", 1)):
            image.seek(index)
            where = (
                name
                if index == 0 and getattr(image, "n_frames", 1) == 1
                else f"{name} page {index + 1}"
            )
            check_size(*image.size, where)
            out.append((*image.size, _dpi(image)))
    if not out:
        raise DedupeError(f"{name}: image has no pages")
    return out


def load_frame(path: str, name: str, index: int) -> Any:
    """Page ``index`` (0-based) of the image, decoded as greyscale."""
    with opened(path, name) as image:
        image.seek(index)
        image.load()
        return image.convert("L")


def _dpi(image: Any) -> int | None:
    dpi = image.info.get("dpi")
    try:
        value = round(float(dpi[0])) if dpi else 0
    except (TypeError, ValueError):
        value = 0
    return value if 50 <= value <= 2400 else None
