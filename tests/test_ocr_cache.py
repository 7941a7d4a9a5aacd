"""The OCR cache: one entry per page and settings; unwritable folders only
mean pages are recognised again."""

from __future__ import annotations

from pathlib import Path

from dedupe.ocr_cache import OcrCache


def test_keys_depend_on_content_page_and_settings() -> None:
    key = OcrCache.key("a" * 64, 1, "tesseract 5.3.0;lang=eng")
    assert key == OcrCache.key("a" * 64, 1, "tesseract 5.3.0;lang=eng")
    others = {
        OcrCache.key("b" * 64, 1, "tesseract 5.3.0;lang=eng"),
        OcrCache.key("a" * 64, 2, "tesseract 5.3.0;lang=eng"),
        OcrCache.key("a" * 64, 1, "tesseract 5.3.0;lang=eng+deu"),
        OcrCache.key("a" * 64, 1, "tesseract 5.4.1;lang=eng"),
    }
    assert key not in others and len(others) == 4


def test_stored_pages_come_back_and_are_counted(tmp_path: Path) -> None:
    cache = OcrCache(tmp_path)
    key = OcrCache.key("c" * 64, 3, "settings")
    assert cache.get(key) is None
    cache.put(key, b"<div class='ocr_page'></div>")
    assert OcrCache(tmp_path).get(key) == b"<div class='ocr_page'></div>"
    assert (cache.recognised, cache.hits) == (1, 0)
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [f"{key}.hocr"]


def test_default_folder_is_the_dedupe_cache_dir(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("DEDUPE_CACHE_DIR", str(tmp_path))
    assert OcrCache().root == tmp_path / "ocr"


def test_an_unwritable_cache_is_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = OcrCache(blocker)
    cache.put("ab" + "0" * 62, b"<div class='ocr_page'></div>")
    assert cache.get("ab" + "0" * 62) is None
